"""Starting seat processes from the lab server: forked from the fork server (Linux), else
spawned as fresh Python processes. Either way a seat is a `SeatProcess`: its pid and the
streams of its stdin, stdout and stderr."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from game.web.seat import seat_environment
from game.web.seats import SeatSpec

FORK_AVAILABLE = sys.platform.startswith("linux")


@dataclass
class SeatProcess:
    pid: int
    stdin: asyncio.StreamWriter
    stdout: asyncio.StreamReader
    stderr: asyncio.StreamReader
    process: asyncio.subprocess.Process | None = field(default=None, repr=False)

    def kill(self) -> None:
        """Stop the seat at once (its game was autosaved at its last move)."""
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError):
                self.process.kill()
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)

    async def reap(self) -> None:
        """Collect a spawned seat's exit status (forked seats are reaped by the kernel)."""
        if self.process is not None:
            await self.process.wait()


class Launcher(Protocol):
    async def start(self) -> None: ...
    async def spawn(self, spec: SeatSpec) -> SeatProcess: ...
    async def close(self) -> None: ...


class SpawnLauncher:
    """A fresh `python -m game.web.seat` per seat (portable, slower to start)."""

    async def start(self) -> None:
        return None

    async def spawn(self, spec: SeatSpec) -> SeatProcess:
        env = {**os.environ, **seat_environment()}
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "game.web.seat", json.dumps(spec.to_json()),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        assert proc.stdin and proc.stdout and proc.stderr
        return SeatProcess(proc.pid, proc.stdin, proc.stdout, proc.stderr, proc)

    async def close(self) -> None:
        return None


class ForkLauncher:
    """Seats forked from one pre-imported fork server (`game.web.forkserver`)."""

    def __init__(self, class_file: Path | None = None) -> None:
        self.class_file = class_file
        self._sock: socket.socket | None = None
        self._server: subprocess.Popen[bytes] | None = None
        self._lock = asyncio.Lock()

    async def start(self) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        env = {**os.environ, **seat_environment()}
        preload = [] if self.class_file is None else [str(self.class_file)]
        self._server = subprocess.Popen(
            [sys.executable, "-m", "game.web.forkserver", str(theirs.fileno()), *preload],
            pass_fds=[theirs.fileno()], env=env, stdin=subprocess.DEVNULL)
        theirs.close()
        ours.setblocking(False)
        self._sock = ours
        loop = asyncio.get_running_loop()
        ready = await loop.sock_recv(ours, 16)
        if ready != b"ready":
            raise RuntimeError("the fork server did not start")

    async def spawn(self, spec: SeatSpec) -> SeatProcess:
        if self._sock is None:
            raise RuntimeError("the fork server is not running")
        loop = asyncio.get_running_loop()
        in_r, in_w = os.pipe()
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        try:
            async with self._lock:
                socket.send_fds(self._sock, [json.dumps(spec.to_json()).encode()],
                                [in_r, out_w, err_w])
                answer = await loop.sock_recv(self._sock, 32)
        except BaseException:
            for fd in (in_w, out_r, err_r):
                os.close(fd)
            raise
        finally:
            for fd in (in_r, out_w, err_w):
                os.close(fd)
        if not answer:
            for fd in (in_w, out_r, err_r):
                os.close(fd)
            raise RuntimeError("the fork server has stopped")
        stdout = await _reader(loop, out_r)
        stderr = await _reader(loop, err_r)
        transport, protocol = await loop.connect_write_pipe(
            asyncio.streams.FlowControlMixin, os.fdopen(in_w, "wb", buffering=0))
        stdin = asyncio.StreamWriter(transport, protocol, None, loop)
        return SeatProcess(int(answer), stdin, stdout, stderr)

    async def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None
        if self._server is not None:
            server = self._server
            try:
                await asyncio.to_thread(server.wait, 5)
            except subprocess.TimeoutExpired:
                server.kill()
                await asyncio.to_thread(server.wait)
            self._server = None


async def _reader(loop: asyncio.AbstractEventLoop, fd: int) -> asyncio.StreamReader:
    reader = asyncio.StreamReader(limit=2**22)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader),
                                 os.fdopen(fd, "rb", buffering=0))
    return reader


def make_launcher(fork: bool = True, class_file: Path | None = None) -> Launcher:
    return ForkLauncher(class_file) if fork and FORK_AVAILABLE else SpawnLauncher()
