"""`mediator bench --serve N`: N students open the browser lab at once and play.

The lab server runs in this process on a free loopback port (seats in a temporary folder,
the fork server as in `mediator serve`). Each simulated browser opens the game's websocket,
waits for the first frame (the first text drawn), starts a game, reads the briefing and
passes T turns, waiting each time until the screen says the turn has come. Figures: sessions
that failed (`errors`, each with its reason), the seats' mean resident memory (RSS, and PSS:
pages shared with the fork server counted once across the seats), and p50/p95 time from
opening the socket to the first frame.
"""

from __future__ import annotations

import asyncio
import re
import socket
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from game.web.server import LabConfig, LabServer

_CSI = re.compile(rb"\x1b\[([0-9;?<>=$]*)([ -/]*)([@-~])")
_OSC = re.compile(rb"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")


class TerminalText:
    """Just enough of a terminal to read what the game drew: cursor moves and text."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.rows = [[" "] * width for _ in range(height)]
        self.row = self.col = 0
        self._pending = b""

    def feed(self, data: bytes) -> None:
        data = self._pending + data
        self._pending = b""
        text = _OSC.sub(b"", data)
        pos = 0
        out: list[tuple[str, bytes | str]] = []
        for m in _CSI.finditer(text):
            out.append(("text", text[pos:m.start()]))
            out.append(("csi", m.group(1) + m.group(3)))
            pos = m.end()
        rest = text[pos:]
        cut = rest.rfind(b"\x1b")
        if cut != -1:  # an escape sequence split across two packets
            self._pending, rest = rest[cut:], rest[:cut]
        out.append(("text", rest))
        for kind, chunk in out:
            if kind == "csi":
                assert isinstance(chunk, bytes)
                self._csi(chunk)
            else:
                assert isinstance(chunk, bytes)
                self._text(chunk.decode("utf-8", "replace"))

    def _csi(self, seq: bytes) -> None:
        if seq.endswith(b"H") and not seq.startswith(b"?"):
            parts = [int(p) if p.isdigit() else 1 for p in seq[:-1].split(b";")] + [1, 1]
            self.row = min(self.height - 1, max(0, parts[0] - 1))
            self.col = min(self.width - 1, max(0, parts[1] - 1))

    def _text(self, text: str) -> None:
        for ch in text:
            if ch == "\n":
                self.row = min(self.height - 1, self.row + 1)
            elif ch == "\r":
                self.col = 0
            elif ch >= " ":
                if self.col < self.width:
                    self.rows[self.row][self.col] = ch
                self.col += 1

    def text(self) -> str:
        return "\n".join("".join(r).rstrip() for r in self.rows)


@dataclass
class SeatRun:
    student: str
    first_frame_s: float | None = None
    turns: int = 0
    error: str | None = None
    screen: TerminalText = field(default_factory=lambda: TerminalText(110, 34))


async def _play(session: aiohttp.ClientSession, url: str, run: SeatRun, turns: int,
                timeout: float, played: asyncio.Future[None], release: asyncio.Event) -> None:
    screen = run.screen
    started = time.monotonic()
    async with session.ws_connect(f"{url}?width={screen.width}&height={screen.height}",
                                  heartbeat=None) as ws:
        changed = asyncio.Event()

        async def read() -> None:
            # Always reading, as a browser does: the server's pings get their pongs.
            async for msg in ws:
                if msg.type == aiohttp.WSMsgType.BINARY:
                    screen.feed(msg.data)
                    if run.first_frame_s is None and screen.text().strip():
                        run.first_frame_s = time.monotonic() - started
                    changed.set()
            changed.set()

        reader = asyncio.create_task(read())

        async def until(pattern: str, what: str) -> None:
            deadline = time.monotonic() + timeout
            while not re.search(pattern, screen.text()):
                if reader.done():
                    raise ConnectionError(f"the lab closed the game before {what}")
                left = deadline - time.monotonic()
                changed.clear()
                try:
                    await asyncio.wait_for(changed.wait(), timeout=max(0.0, left))
                except TimeoutError:
                    raise TimeoutError(f"no {what} within {timeout:g} s") from None

        async def press(keys: str) -> None:
            await ws.send_json(["stdin", keys])

        try:
            await until(r"\S", "first frame")
            await until(r"Seed", "new-game screen")
            await press("\x13")  # Ctrl+S: start with the proposed role and seed
            await until(r"To the table", "briefing")
            await press("\r")
            for turn in range(1, turns + 1):
                await until(rf"Turn {turn} of", f"turn {turn}")
                await press("n")  # pass
                run.turns = turn
            await until(rf"Turn {turns + 1} of|[Dd]ebrief", f"turn {turns + 1}")
            played.set_result(None)
            await release.wait()  # the seat stays open until every seat's memory is read
        finally:
            reader.cancel()


def _memory_mb(pid: int) -> tuple[float, float] | None:
    """(RSS, PSS) of a process in MiB, from /proc (Linux); None elsewhere or if gone."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return None
    fields = {}
    for line in text.splitlines()[1:]:
        name, _, value = line.partition(":")
        parts = value.split()
        if parts and parts[0].isdigit():
            fields[name.strip()] = int(parts[0]) / 1024
    return fields.get("Rss", 0.0), fields.get("Pss", 0.0)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))
    return round(ordered[k], 3)


async def bench_serve(sessions: int, turns: int = 3, fork: bool = True,
                      timeout: float = 60.0) -> dict[str, Any]:
    """Open `sessions` seats at once on a lab served in this process; figures as a dict."""
    with tempfile.TemporaryDirectory(prefix="mediator-bench-") as tmp:
        config = LabConfig(seats_dir=Path(tmp), port=_free_port(), max_sessions=sessions,
                           idle_timeout=600, fork=fork)
        lab = LabServer(config, log=lambda line: None)
        runner = web.AppRunner(lab.make_app(), access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", config.port)
        await site.start()
        runs = [SeatRun(f"bench{k:03d}") for k in range(sessions)]
        memory: list[tuple[float, float]] = []
        try:
            async with aiohttp.ClientSession() as client:
                base = f"ws://127.0.0.1:{config.port}/ws/"

                release = asyncio.Event()
                loop = asyncio.get_running_loop()
                played = [loop.create_future() for _ in runs]

                async def one(run: SeatRun, done: asyncio.Future[None]) -> None:
                    try:
                        await _play(client, f"{base}{run.student}/{run.student}", run,
                                    turns, timeout, done, release)
                    except (TimeoutError, ConnectionError, aiohttp.ClientError) as exc:
                        run.error = f"{run.student}: {str(exc) or type(exc).__name__}"
                    finally:
                        if not done.done():
                            done.set_result(None)

                tasks = [asyncio.create_task(one(run, done))
                         for run, done in zip(runs, played, strict=True)]
                await asyncio.gather(*played)
                # Memory while every seat is open, each after its last turn.
                for seat in list(lab.live.values()):
                    figures = _memory_mb(seat.process.pid)
                    if figures is not None:
                        memory.append(figures)
                release.set()
                await asyncio.gather(*tasks)
        finally:
            await runner.cleanup()
    frames = [r.first_frame_s for r in runs if r.first_frame_s is not None]
    errors = [r.error for r in runs if r.error]
    rss = round(statistics.fmean(m[0] for m in memory), 1) if memory else None
    pss = round(statistics.fmean(m[1] for m in memory), 1) if memory else None
    return {
        "sessions": sessions,
        "turns": turns,
        "launcher": "fork" if fork else "spawn",
        "errors": len(errors),
        "error_list": errors,
        "rss_mb_per_session": rss,
        "pss_mb_per_session": pss,
        "first_frame_p50_s": _percentile(frames, 0.5),
        "first_frame_p95_s": _percentile(frames, 0.95),
        "first_frame_max_s": round(max(frames), 3) if frames else None,
    }


def run_bench_serve(sessions: int, turns: int = 3, fork: bool = True) -> dict[str, Any]:
    return asyncio.run(bench_serve(sessions, turns, fork))


def format_bench_serve(data: dict[str, Any]) -> str:
    def num(value: Any, unit: str) -> str:
        return "n/a" if value is None else f"{value}{unit}"

    lines = [
        f"sessions            {data['sessions']}  ({data['turns']} turns each, "
        f"{data['launcher']} launcher)",
        f"errors              {data['errors']}",
        f"rss_mb_per_session  {num(data['rss_mb_per_session'], ' MiB')}  (PSS "
        f"{num(data['pss_mb_per_session'], ' MiB')}: shared pages counted once)",
        f"first_frame_p50_s   {num(data['first_frame_p50_s'], ' s')}",
        f"first_frame_p95_s   {num(data['first_frame_p95_s'], ' s')}",
    ]
    lines += [f"  {error}" for error in data["error_list"]]
    return "\n".join(lines)

