"""Start and stop `mediator serve` as a subprocess for the web tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def start_lab(tmp: Path, args: list[str], port: int) -> subprocess.Popen[str]:
    """`mediator serve ARGS`, once it answers on `port` (its saves under `tmp`)."""
    env = {**os.environ, "MEDIATOR_DATA_DIR": str(tmp / "data")}
    process = subprocess.Popen([sys.executable, "-m", "game.cli", "serve", *args],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    for _ in range(600):
        if process.poll() is not None:
            raise RuntimeError(f"mediator serve exited: {process.communicate()[1]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5):
                return process
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    stop_lab(process)
    raise TimeoutError("mediator serve did not answer")


def stop_lab(process: subprocess.Popen[str]) -> str:
    """Stop the lab as Ctrl+C would; its stderr."""
    process.terminate()
    try:
        _, err = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        _, err = process.communicate()
    assert "Traceback" not in err, err
    return err
