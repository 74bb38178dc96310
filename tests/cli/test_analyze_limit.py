"""`mediator analyze` on an outcome space past MAX_PACKAGES: a one-line refusal naming the size
and the limit, exit 2, no traceback and no MemoryError (it used to ask for 193 GiB at once).
Under the limit the scan runs in chunks of bounded memory (tests/analysis/test_bounded_scan.py);
10^8 packages (8 issues of 10 options) are analysed, 10^9 refused."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from game.analysis.synthetic import synthetic_data
from game.format.limits import MAX_PACKAGES

ROOT = Path(__file__).resolve().parents[2]


def mediator(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game.cli", *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


@pytest.mark.parametrize(("issues", "size", "as_json"),
                         [(20, "100,000,000,000,000,000,000", False),
                          (20, "100,000,000,000,000,000,000", True),
                          (9, "1,000,000,000", False)])
def test_analyze_refuses_a_space_past_the_limit(tmp_path: Path, issues: int, size: str,
                                                as_json: bool) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(yaml.safe_dump(synthetic_data(issues=issues, options=10)), encoding="utf-8")
    done = mediator("analyze", path, *(["--json"] if as_json else []))
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr
    assert done.stderr == (
        f"mediator analyze: {path}: the outcome space has {size} packages ({issues} issues), "
        f"above the limit MAX_PACKAGES = {MAX_PACKAGES:,}; analyze refuses (fewer issues or "
        "options would fit)\n")


def test_the_shipped_scenarios_fit_under_the_limit() -> None:
    """The largest shipped space (18,432,000 packages) is analysed, not refused."""
    from game.analysis.space import full_axes
    from game.format.loader import load_scenario

    sizes: dict[str, int] = {}
    for p in (ROOT / "scenarios").glob("*.yaml"):
        axes = full_axes(load_scenario(p))
        sizes[p.name] = 1
        for ax in axes:
            sizes[p.name] *= ax.size
    assert max(sizes.values()) == 18_432_000
    assert max(sizes.values()) <= MAX_PACKAGES
    assert 10**8 <= MAX_PACKAGES < 10**9  # issue #14: 10^8 packages are analysed
