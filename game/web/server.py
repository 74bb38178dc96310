"""The lab server: an aiohttp app that gives each student a seat and streams their game.

Routes: `/` (the name page; `/?student=NAME&seat=KEY` the game page), `POST /` (take a
seat), `/ws/KEY/NAME` (the game's websocket, speaking textual-serve's protocol; KEY is the
seat's `seat_key`, so that a proxy can send a student always to the same instance),
`/static/...` (the page's script, styles and fonts, shipped in the package: nothing comes from
the internet).
One seat per name at a time: a second page for the same name (a refresh, a new tab) takes the
seat over and resumes the game from the autosave.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import html
import ipaddress
import json
import os
import string
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from aiohttp import WSMsgType, web

from game.resources import assets_dir
from game.web.launcher import Launcher, SeatProcess, make_launcher
from game.web.seats import SeatNameError, SeatSpec, clean_name, seat_key

COOKIE = "mediator_lab"
PROTOCOL_READY = b"__GANGLION__\n"
# A seat that has drawn its first screen yields the processor to seats still starting (and
# to the server): many students opening the lab at once all see a first frame quickly.
FIRST_FRAME_BYTES = 1000
SEAT_NICENESS = 10
# Keys that browsers keep for themselves (tabs, windows, quitting): the page offers Alt+key.
BROWSER_KEPT = ("ctrl+n", "ctrl+t", "ctrl+w", "ctrl+q")


@dataclass(frozen=True)
class LabConfig:
    """What `mediator serve` was asked for."""

    seats_dir: Path
    host: str = "127.0.0.1"
    port: int = 8000
    title: str = "Mediator"
    instructions: str = ""
    class_file: Path | None = None
    password: str | None = None
    max_sessions: int = 40
    idle_timeout: float = 1800.0
    fork: bool = True


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def browser_key_map() -> list[tuple[str, str, str]]:
    """(alt letter, the game's key, what it does) for each game key a browser keeps."""
    from game.tui.commands import COMMANDS

    found: dict[str, str] = {}
    for owner_bindings in COMMANDS.values():
        for binding in owner_bindings:
            for key in binding.key.split(","):
                if key.strip() in BROWSER_KEPT and binding.description:
                    found.setdefault(key.strip(), binding.description)
    return [(key.split("+")[1], key, found[key]) for key in BROWSER_KEPT if key in found]


def _control_char(letter: str) -> str:
    return chr(ord(letter.upper()) - 64)


@dataclass
class LiveSeat:
    """A student's open game: the browser's socket and the seat's process."""

    key: str
    name: str
    ws: web.WebSocketResponse
    process: SeatProcess
    last_input: float = field(default_factory=time.monotonic)
    ended: asyncio.Event = field(default_factory=asyncio.Event)
    reason: str = ""


class LabServer:
    def __init__(self, config: LabConfig, launcher: Launcher | None = None,
                 log: Callable[[str], None] | None = None) -> None:
        self.config = config
        self.launcher = launcher or make_launcher(config.fork, config.class_file)
        self.live: dict[str, LiveSeat] = {}
        self._log = log or (lambda line: print(line, file=sys.stderr, flush=True))
        self._pages = assets_dir() / "web"
        self._templates: dict[str, string.Template] = {}
        secret = (config.password or "").encode()
        self._token = hmac.new(hashlib.sha256(secret).digest(), b"mediator-lab",
                               hashlib.sha256).hexdigest()

    # ------------------------------------------------------------------ app

    def make_app(self) -> web.Application:
        app = web.Application()
        app.add_routes([
            web.get("/", self.handle_index),
            web.post("/", self.handle_take_seat),
            web.get("/ws/{seat}/{student}", self.handle_websocket),
            web.static("/static", self._pages / "static"),
        ])
        app.on_startup.append(self._on_startup)
        app.on_shutdown.append(self._on_shutdown)
        return app

    async def _on_startup(self, app: web.Application) -> None:
        await self.launcher.start()

    async def _on_shutdown(self, app: web.Application) -> None:
        for seat in list(self.live.values()):
            await self._end(seat, "The lab server is stopping. Your game is saved.")
        await self.launcher.close()

    # ---------------------------------------------------------------- pages

    def _page(self, name: str, **values: str) -> str:
        if name not in self._templates:
            text = (self._pages / name).read_text(encoding="utf-8")
            self._templates[name] = string.Template(text)
        font_css = (self._pages / "common.css").read_text(encoding="utf-8")
        return self._templates[name].substitute(font_css=font_css, **values)

    def _html(self, name: str, status: int = 200, **values: str) -> web.Response:
        return web.Response(text=self._page(name, **values), status=status,
                            content_type="text/html", charset="utf-8",
                            headers={"Cache-Control": "no-store"})

    def _welcome(self, student: str = "", problem: str = "", status: int = 200) -> web.Response:
        password_field = ""
        if self.config.password is not None:
            password_field = ('<label for="password">Class password</label>'
                              '<input id="password" name="password" type="password" required>')
        return self._html("welcome.html", status=status,
                          title=html.escape(self.config.title),
                          instructions=html.escape(self.config.instructions),
                          student=html.escape(student, quote=True),
                          password_field=password_field, problem=html.escape(problem))

    def _notice(self, message: str, status: int) -> web.Response:
        return self._html("notice.html", status=status, title=html.escape(self.config.title),
                          message=html.escape(message))

    def _authorised(self, request: web.Request) -> bool:
        if self.config.password is None:
            return True
        return hmac.compare_digest(request.cookies.get(COOKIE, ""), self._token)

    async def handle_index(self, request: web.Request) -> web.Response:
        raw = request.query.get("student")
        if raw is None:
            return self._welcome()
        try:
            name = clean_name(raw)
        except SeatNameError as exc:
            return self._welcome(raw, str(exc), status=400)
        if not self._authorised(request):
            return self._welcome(name, "Type the class password to take your seat.")
        key = seat_key(name)
        if request.query.get("seat") != key:
            raise web.HTTPSeeOther(_seat_url(name))
        if self._full(key):
            return self._lab_full()
        keys = browser_key_map()
        key_map = {letter: _control_char(letter) for letter, _, _ in keys}
        bar = " ".join(
            f'<button type="button" data-key="{letter}" '
            f'onclick="sendKeys(MEDIATOR_KEYS[\'{letter}\'])">Alt+{letter.upper()}</button>'
            f" {html.escape(what)} ({key.title()})" for letter, key, what in keys)
        bar += (' <span>Ctrl+W closes the tab: your game is saved, open this page again'
                ' to go on.</span>')
        font_size = request.query.get("fontsize", "16")
        return self._html(
            "seat.html", title=html.escape(self.config.title), student=html.escape(name),
            student_json=json.dumps(name).replace("<", "\\u003c"), seat_json=json.dumps(key),
            key_map=json.dumps(key_map), keys=bar,
            font_size=font_size if font_size.isdigit() else "16")

    async def handle_take_seat(self, request: web.Request) -> web.Response:
        form = await request.post()
        raw = str(form.get("student", ""))
        try:
            name = clean_name(raw)
        except SeatNameError as exc:
            return self._welcome(raw, str(exc), status=400)
        response = web.HTTPSeeOther(_seat_url(name))
        if self.config.password is not None:
            given = str(form.get("password", ""))
            if not hmac.compare_digest(given.encode(), self.config.password.encode()):
                return self._welcome(name, "That is not the class password.", status=401)
            response.set_cookie(COOKIE, self._token, httponly=True, samesite="Strict")
        return response

    def _full(self, key: str) -> bool:
        return key not in self.live and len(self.live) >= self.config.max_sessions

    def _lab_full(self) -> web.Response:
        return self._notice(f"All {self.config.max_sessions} seats are taken. Try again in a "
                            "minute, or ask your teacher.", status=503)

    # ------------------------------------------------------------ websocket

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        try:
            name = clean_name(request.match_info["student"])
        except SeatNameError as exc:
            raise web.HTTPBadRequest(text=str(exc)) from None
        key = seat_key(name)
        if request.match_info["seat"] != key:
            raise web.HTTPBadRequest(text=f"{name!r} sits at seat {key!r}")
        if not self._authorised(request):
            raise web.HTTPForbidden(text="Take your seat from the lab's first page.")
        previous = self.live.get(key)
        if previous is not None:
            await self._end(previous, "This seat was opened in another page.")
        if self._full(key):
            raise web.HTTPServiceUnavailable(text="All seats are taken.")
        width = _int(request.query.get("width"), 80)
        height = _int(request.query.get("height"), 24)
        ws = web.WebSocketResponse(heartbeat=15)
        await ws.prepare(request)
        spec = SeatSpec(student=name, data_dir=self.config.seats_dir / key, width=width,
                        height=height, class_file=self.config.class_file)
        try:
            process = await self.launcher.spawn(spec)
        except (OSError, RuntimeError) as exc:
            self._log(f"seat {name!r}: could not start: {exc}")
            await ws.close(code=1011, message=b"could not start the game")
            return ws
        seat = LiveSeat(key, name, ws, process)
        self.live[key] = seat
        self._log(f"seat {name!r} taken ({len(self.live)} live)")
        pump = asyncio.create_task(self._pump_output(seat))
        errors = asyncio.create_task(_drain(process.stderr))
        try:
            await self._pump_input(seat)
        finally:
            await self._stop_process(seat, pump)
            text = (await errors).decode("utf-8", "replace").strip()
            if text:
                self._log(f"seat {name!r} said:\n{text}")
            if self.live.get(key) is seat:
                del self.live[key]
            seat.ended.set()
            if not ws.closed:
                await ws.close(message=seat.reason.encode()[:120])
            self._log(f"seat {name!r} left ({len(self.live)} live)")
        return ws

    async def _pump_input(self, seat: LiveSeat) -> None:
        """Browser → game, until the browser leaves, the game ends or the seat idles out."""
        send = seat.process.stdin
        idle = self.config.idle_timeout
        while not seat.ended.is_set():
            left = seat.last_input + idle - time.monotonic()
            if left <= 0:
                seat.reason = "Idle for too long. Your game is saved."
                self._log(f"seat {seat.name!r}: idle")
                return
            try:
                msg = await seat.ws.receive(timeout=left)
            except TimeoutError:
                continue
            if msg.type in (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED,
                            WSMsgType.ERROR):
                return
            if msg.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(msg.data)
                kind = envelope[0]
            except (ValueError, IndexError, KeyError, TypeError):
                continue
            if kind == "stdin":
                seat.last_input = time.monotonic()
                await _send(send, b"D", str(envelope[1]).encode("utf-8"))
            elif kind == "resize":
                seat.last_input = time.monotonic()
                size = envelope[1]
                await _send(send, b"M", json.dumps({
                    "type": "resize", "width": _int(size.get("width"), 80),
                    "height": _int(size.get("height"), 24)}).encode())
            elif kind == "ping":
                await seat.ws.send_json(["pong", envelope[1]])
            elif kind in ("blur", "focus"):
                await _send(send, b"M", json.dumps({"type": kind}).encode())

    async def _pump_output(self, seat: LiveSeat) -> None:
        """Game → browser: the seat's packets (D data, M meta) until it exits."""
        out = seat.process.stdout
        drawn = 0
        try:
            for _ in range(10):
                line = await out.readline()
                if not line or line == PROTOCOL_READY:
                    break
            while True:
                kind = await out.readexactly(1)
                size = int.from_bytes(await out.readexactly(4), "big")
                payload = await out.readexactly(size)
                if kind == b"D":
                    await seat.ws.send_bytes(payload)
                    if drawn < FIRST_FRAME_BYTES <= drawn + size:
                        _lower_priority(seat.process.pid)
                    drawn += size
                elif kind == b"M":
                    meta = json.loads(payload)
                    if meta.get("type") == "exit":
                        break
                    if meta.get("type") == "open_url":
                        await seat.ws.send_str(json.dumps(
                            ["open_url", {"url": meta.get("url"),
                                          "new_tab": meta.get("new_tab")}]))
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            seat.ended.set()
            if not seat.ws.closed:
                # The receive loop wakes up on the close.
                await seat.ws.close(message=b"The game has ended.")

    async def _stop_process(self, seat: LiveSeat, pump: asyncio.Task[None]) -> None:
        """Ask the game to quit (it autosaves), then make sure it is gone."""
        await _send(seat.process.stdin, b"M", b'{"type": "quit"}')
        try:
            await asyncio.wait_for(asyncio.shield(pump), timeout=5)
        except TimeoutError:
            seat.process.kill()
            pump.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await pump
        with contextlib.suppress(Exception):
            seat.process.stdin.close()
        await seat.process.reap()

    async def _end(self, seat: LiveSeat, reason: str) -> None:
        """Close a seat's page and wait until its game has stopped."""
        seat.reason = reason
        if not seat.ws.closed:
            await seat.ws.close(message=reason.encode()[:120])
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(seat.ended.wait(), timeout=10)


async def _send(stream: asyncio.StreamWriter, kind: bytes, payload: bytes) -> None:
    with contextlib.suppress(ConnectionError, RuntimeError):
        stream.write(kind + len(payload).to_bytes(4, "big") + payload)
        await stream.drain()


async def _drain(stream: asyncio.StreamReader, limit: int = 20_000) -> bytes:
    kept = bytearray()
    while chunk := await stream.read(4096):
        if len(kept) < limit:
            kept += chunk[: limit - len(kept)]
    return bytes(kept)


def _seat_url(name: str) -> str:
    return f"./?student={quote(name)}&seat={quote(seat_key(name))}"


def _lower_priority(pid: int) -> None:
    with contextlib.suppress(AttributeError, OSError):  # not on Windows; a seat just gone
        os.setpriority(os.PRIO_PROCESS, pid, SEAT_NICENESS)


def _int(value: Any, default: int) -> int:
    try:
        return max(1, min(1000, int(value)))
    except (TypeError, ValueError):
        return default


def run_lab(config: LabConfig, ready: Callable[[str], None] | None = None) -> None:
    """Serve until interrupted (Ctrl+C or SIGTERM); `ready(url)` once listening."""
    server = LabServer(config)
    url = f"http://{config.host}:{config.port}/"
    if ":" in config.host:
        url = f"http://[{config.host}]:{config.port}/"

    def printed(*_args: Any, **_kw: Any) -> None:
        if ready is not None:
            ready(url)

    web.run_app(server.make_app(), host=config.host, port=config.port, print=printed,
                access_log=None)
