"""`mediator serve` without a browser: its pages, its refusals."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.lab import free_port, start_lab, stop_lab


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    port = free_port()
    seats = tmp_path / "seats"
    process = start_lab(tmp_path, ["--port", str(port), "--seats", str(seats)], port)
    try:
        yield f"http://127.0.0.1:{port}/", seats
    finally:
        stop_lab(process)


def test_lab_pages_without_a_browser(lab: tuple[str, Path]) -> None:
    url, _ = lab
    with urllib.request.urlopen(url, timeout=30) as r:
        page = r.read().decode()
    assert 'name="student"' in page and "googleapis" not in page
    with urllib.request.urlopen(url + "?student=Ana%20Lopez", timeout=30) as r:
        page = r.read().decode()
    # The keys a browser keeps for itself have their alternatives on the page.
    for alt in ("Alt+N</button> New game (Ctrl+N)", "Alt+T</button> Tutorial (Ctrl+T)"):
        assert alt in page
    assert "http://" not in page and "https://" not in page


def test_serve_refuses_an_open_host_without_a_password(tmp_path: Path) -> None:
    r = subprocess.run([sys.executable, "-m", "game.cli", "serve", "--host", "0.0.0.0",
                        "--port", "0", "--seats", str(tmp_path)],
                       capture_output=True, text=True, timeout=60,
                       env={**os.environ, "MEDIATOR_DATA_DIR": str(tmp_path)})
    assert r.returncode == 2
    assert r.stderr.splitlines() == [
        "mediator serve: warning: --host 0.0.0.0 lets anyone who can reach this machine open "
        "a seat; serve a lab network only.",
        "mediator serve: --host 0.0.0.0 needs --password-file F (a class password), or "
        "--behind-proxy when an authenticating proxy stands in front",
    ]
