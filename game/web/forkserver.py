"""The fork server: one process that imports Textual and the game once, then forks a seat
for each student (Linux). A forked seat draws its first frame in milliseconds instead of
paying Python's start and imports again, and shares those pages with its siblings.

Protocol on a SOCK_SEQPACKET socket inherited from the lab server: each request is one
packet, the seat's JSON spec with three file descriptors (its stdin, stdout, stderr);
the answer is the seat's pid as text. The server closing the socket stops the fork server;
seats already running go on until their browser leaves.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import random
import signal
import socket
import sys
import traceback
from pathlib import Path

from game.web.seat import (
    class_setup,
    derive,
    name_keys,
    preload_scenarios,
    prewarm,
    run_seat,
    seat_environment,
    warm_up,
)
from game.web.seats import SeatSpec

STARTING_NICENESS = 5  # a seat drawing its first frame; the lab server renices it to 10 after


def _run_child(sock: socket.socket, spec: SeatSpec, fds: list[int]) -> None:
    """In the forked child: become the seat (never returns)."""
    code = 1
    try:
        sock.close()
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
        for fd in fds:
            if fd > 2:
                os.close(fd)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        random.seed()  # each seat its own random seed, not the fork server's
        # Below the fork server and the lab server, above the seats already drawn.
        with contextlib.suppress(OSError):
            os.nice(STARTING_NICENESS)
        code = run_seat(spec)
    except BaseException:  # noqa: BLE001 - reported on the seat's stderr, never re-raised here
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def serve(sock: socket.socket) -> None:
    """Answer spawn requests until the lab server closes the socket."""
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # seats are reaped by the kernel
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C in the terminal is the server's
    sock.sendall(b"ready")
    while True:
        try:
            msg, fds, _flags, _addr = socket.recv_fds(sock, 65536, 3)
        except ConnectionError:
            return
        if not msg:
            return
        spec = SeatSpec.from_json(json.loads(msg))
        pid = os.fork()
        if pid == 0:
            _run_child(sock, spec, fds)
        for fd in fds:
            os.close(fd)
        sock.sendall(str(pid).encode())


def main(argv: list[str]) -> int:
    os.environ.update(seat_environment())  # before Textual is imported
    # Every seat maps all of this process's memory (its RSS counts it, shared or not): load
    # what every seat uses and nothing else, and do here the work each seat would repeat.
    warm_up(classroom=len(argv) > 1)
    prewarm()
    preload_scenarios()
    if len(argv) > 1:
        derive(class_setup(Path(argv[1])).scenario)  # every seat plays it: parse it once, here
    name_keys()
    # What is loaded so far stays out of the garbage collector's sight: its passes would
    # write to every object and so copy the pages that the seats share with this process.
    gc.collect()
    gc.freeze()
    serve(socket.socket(fileno=int(argv[0])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
