"""Shared helpers of the format tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
MINIMAL = HERE / "minimal.yaml"


def run_mediator(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run `mediator ARGS` in a subprocess, as a user would."""
    return subprocess.run([sys.executable, "-m", "game.cli", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=60)
