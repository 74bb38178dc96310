"""The exports say how far each answer was from the walk-away level (a subprocess export of
the golden game of the first scenario)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from game.reports.view import gap_words

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "russia-ukraine-turkey-seed7.json"


def test_gap_words() -> None:
    assert gap_words(55, 57) == "2 points short"
    assert gap_words(63.33, 56) == "7.3 points to spare"
    assert gap_words(52, 52) == "0 points to spare"
    assert gap_words(None, 52) == "" and gap_words(True, 52) == ""
    # An edited transcript's numbers never crash an export.
    assert gap_words(10**400, 5) == "" and gap_words(float("inf"), 5) == ""
    assert gap_words(1e308, -1e308) == ""


def test_markdown_and_html_exports_say_how_far_off(tmp_path: Path) -> None:
    for fmt in ("md", "html"):
        out = tmp_path / f"game.{fmt}"
        done = subprocess.run(
            [sys.executable, "-m", "game.cli", "export", str(GOLDEN), "--format", fmt,
             "--out", str(out)], capture_output=True, text=True, cwd=ROOT, timeout=120)
        assert done.returncode == 0, done.stderr
        text = out.read_text(encoding="utf-8")
        assert "value 65 against walk-away 56: 9 points to spare" in text
        assert "value 42.38 against walk-away 52: 9.6 points short" in text
