"""`mediator` / `mediator play` as a process: starts, draws, exits cleanly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_mediator_starts_headless_and_exits_cleanly(tmp_path):
    marker = tmp_path / "first-frame"
    env = {**os.environ, "MEDIATOR_FIRST_FRAME": str(marker), "MEDIATOR_DATA_DIR": str(tmp_path)}
    r = subprocess.run([sys.executable, "-m", "game.cli"], env=env, capture_output=True,
                       text=True, timeout=60, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    assert float(marker.read_text()) > 0


def test_play_missing_scenario_is_a_usage_error(tmp_path):
    r = subprocess.run([sys.executable, "-m", "game.cli", "play", str(tmp_path / "nope.yaml")],
                       capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert r.returncode == 2 and "no such scenario" in r.stderr and "Traceback" not in r.stderr
