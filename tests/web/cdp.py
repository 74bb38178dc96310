"""A small Chrome DevTools Protocol client over aiohttp: enough to drive headless Chromium
through the browser lab (navigate, type, press keys, read the terminal's text)."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import aiohttp

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-quic", "--disable-extensions", "--disable-default-apps",
    "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
    # No network but loopback: every other host name fails to resolve.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--window-size=1280,800",
]

# Finds xterm.js's Terminal among the page's objects and reads its screen as text.
FIND_TERMINAL = """function () {
  for (const o of this) {
    try {
      if (o && typeof o.loadAddon === "function" && o.buffer && o.buffer.active) {
        window.__term = o; return true;
      }
    } catch (e) {}
  }
  return false;
}"""
READ_SCREEN = """(() => {
  const t = window.__term, b = t.buffer.active, rows = [];
  for (let y = 0; y < t.rows; y++) rows.push(b.getLine(b.viewportY + y).translateToString(true));
  return rows.join("\\n");
})()"""

KEYS = {  # key: (key, code, windowsVirtualKeyCode, text)
    "enter": ("Enter", "Enter", 13, "\r"),
}


def find_chromium() -> str | None:
    for name in ("/usr/bin/chromium", "chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


class Browser:
    def __init__(self, binary: str, profile: Path) -> None:
        self.process = subprocess.Popen(
            [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.profile = profile

    def devtools_port(self, timeout: float = 60) -> int:
        marker = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if marker.is_file() and marker.read_text().strip():
                return int(marker.read_text().split()[0])
            if self.process.poll() is not None:
                raise RuntimeError(f"chromium exited with {self.process.returncode}")
            time.sleep(0.1)
        raise TimeoutError("chromium did not open its DevTools port")

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Page:
    """One tab, driven over its DevTools websocket."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self._next = 0
        self._waiting: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self.events: list[dict[str, Any]] = []
        self._reader = asyncio.create_task(self._read())

    @classmethod
    async def open(cls, session: aiohttp.ClientSession, port: int) -> Page:
        async with session.get(f"http://127.0.0.1:{port}/json/list") as r:
            targets = await r.json()
        page = next(t for t in targets if t["type"] == "page")
        ws = await session.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=2**26)
        return cls(ws)

    async def _read(self) -> None:
        async for msg in self.ws:
            data = json.loads(msg.data)
            if "id" in data and data["id"] in self._waiting:
                self._waiting.pop(data["id"]).set_result(data)
            elif "method" in data:
                self.events.append(data)

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        self._next += 1
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._waiting[self._next] = future
        await self.ws.send_json({"id": self._next, "method": method, "params": params})
        answer = await asyncio.wait_for(future, 60)
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        result: dict[str, Any] = answer.get("result", {})
        return result

    async def evaluate(self, expression: str) -> Any:
        result = await self.send("Runtime.evaluate", expression=expression, returnByValue=True,
                                 awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    async def wait_for(self, expression: str, timeout: float = 60) -> Any:
        deadline = time.monotonic() + timeout
        while True:
            try:
                value = await self.evaluate(expression)
            except RuntimeError:
                value = None
            if value:
                return value
            if time.monotonic() > deadline:
                raise TimeoutError(f"waited {timeout} s for {expression}")
            await asyncio.sleep(0.2)

    async def navigate(self, url: str) -> None:
        await self.send("Page.navigate", url=url)

    async def find_terminal(self, timeout: float = 60) -> None:
        """Point window.__term at the page's xterm.js Terminal (found among its objects)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            proto = await self.send("Runtime.evaluate", expression="Object.prototype")
            objects = await self.send("Runtime.queryObjects",
                                      prototypeObjectId=proto["result"]["objectId"])
            found = await self.send("Runtime.callFunctionOn",
                                    objectId=objects["objects"]["objectId"],
                                    functionDeclaration=FIND_TERMINAL, returnByValue=True)
            if found["result"].get("value"):
                await self.evaluate("window.__term.focus()")  # keys go to the terminal
                return
            await asyncio.sleep(0.3)
        raise TimeoutError("no xterm.js terminal on the page")

    async def screen(self) -> str:
        text: str = await self.evaluate(READ_SCREEN)
        return text

    async def wait_screen(self, needle: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        text = ""
        while time.monotonic() < deadline:
            text = await self.screen()
            if needle in text:
                return text
            await asyncio.sleep(0.2)
        raise TimeoutError(f"{needle!r} never appeared; the screen shows:\n{text}")

    async def key(self, key: str, code: str, vk: int, text: str = "",
                  modifiers: int = 0) -> None:
        """A real key press (keyDown with its text, then keyUp), as a user's keyboard."""
        down = {"type": "keyDown", "key": key, "code": code, "windowsVirtualKeyCode": vk,
                "nativeVirtualKeyCode": vk, "modifiers": modifiers}
        if text:
            down["text"] = text
        await self.send("Input.dispatchKeyEvent", **down)
        await self.send("Input.dispatchKeyEvent", type="keyUp", key=key, code=code,
                        windowsVirtualKeyCode=vk, nativeVirtualKeyCode=vk, modifiers=modifiers)

    async def letter(self, ch: str, modifiers: int = 0) -> None:
        vk = ord(ch.upper())
        await self.key(ch, f"Key{ch.upper()}", vk, "" if modifiers else ch, modifiers)

    async def close(self) -> None:
        await self.ws.close()
        self._reader.cancel()
