"""Start and stop `mediator serve` as a subprocess for the web tests."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any


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


class SeatClient:
    """A browser stand-in on the game's websocket: reads the screen, presses keys."""

    def __init__(self, ws: Any) -> None:
        from game.web.bench import TerminalText

        self.ws = ws
        self.screen = TerminalText(110, 34)

    @classmethod
    @contextlib.asynccontextmanager
    async def open(cls, session: Any, url: str) -> AsyncIterator[SeatClient]:
        async with session.ws_connect(f"{url}?width=110&height=34") as ws:
            yield cls(ws)

    async def until(self, needle: str, timeout: float = 60) -> str:
        import aiohttp

        deadline = time.monotonic() + timeout
        while needle not in self.screen.text():
            msg = await self.ws.receive(timeout=max(0.1, deadline - time.monotonic()))
            if msg.type == aiohttp.WSMsgType.BINARY:
                self.screen.feed(msg.data)
            elif msg.type != aiohttp.WSMsgType.TEXT:
                raise ConnectionError(f"closed before {needle!r}:\n{self.screen.text()}")
        return self.screen.text()

    async def press(self, keys: str) -> None:
        await self.ws.send_json(["stdin", keys])
