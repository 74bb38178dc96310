"""`mediator analyze --json` and `mediator bots --json` on the tiny scenario, in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "tests" / "engine" / "fixtures" / "tiny.yaml"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game.cli", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


def test_analyze_json():
    proc = run("analyze", str(TINY), "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    for key in ("outcome_space_size", "comprehensive_acceptable_to_all_at_start",
                "pareto_frontier", "nash_point", "blocking_sets", "best_reachable"):
        assert key in data
    assert data["outcome_space_size"] == 2 * 4 * 3
    assert set(data["best_reachable"]) == {"elder", "council"}
    for entry in data["best_reachable"].values():
        assert {"outcome", "score", "plan"} <= set(entry)


def test_analyze_text_and_bad_file(tmp_path):
    proc = run("analyze", str(TINY), "--mediator", "elder")
    assert proc.returncode == 0 and "Blocking sets" in proc.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text("meta: {id: x}\nphases: 3\n")
    proc = run("analyze", str(bad))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.splitlines()[0].startswith(f"{bad}:")


def test_bots_json_is_deterministic():
    a = run("bots", str(TINY), "--mediator", "elder", "--games", "2", "--seed", "3", "--json")
    b = run("bots", str(TINY), "--mediator", "elder", "--games", "2", "--seed", "3", "--json")
    assert a.returncode == 0, a.stderr
    assert a.stdout == b.stdout
    data = json.loads(a.stdout)
    assert data["mediators"]["elder"]["patient"]["games"] == 2
