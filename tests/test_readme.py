"""The README's examples work as written: its scenario validates, its moves file plays."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from game.format.loader import load_scenario_text

ROOT = Path(__file__).resolve().parent.parent
BLOCKS = re.findall(r"```yaml\n(.*?)```", (ROOT / "README.md").read_text(), re.S)


def test_the_example_scenario_validates():
    scenario_blocks = [b for b in BLOCKS if b.startswith("# yaml-language-server")]
    assert scenario_blocks
    for block in scenario_blocks:
        scenario = load_scenario_text(block, "README.md")
        assert len(scenario.principals) >= 2


def test_the_example_moves_file_plays_on_the_first_scenario(tmp_path):
    moves = [b for b in BLOCKS if b.lstrip().startswith("- ")]
    assert moves
    path = tmp_path / "moves.yaml"
    path.write_text(moves[0])
    r = subprocess.run([sys.executable, "-m", "game.cli", "run",
                        str(ROOT / "scenarios" / "russia-ukraine.yaml"), "--mediator", "turkey",
                        "--seed", "7", "--moves", str(path)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "outcome:" in r.stdout
