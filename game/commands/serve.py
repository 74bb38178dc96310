"""`mediator serve`: the browser lab, one seat (and one game process) per student."""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

from game.web.server import LabConfig, is_loopback, run_lab


def read_password(path: str) -> str:
    """The class password: the file's first non-empty line. Raises ValueError with why not."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: cannot read the password file: "
                         f"{getattr(exc, 'strerror', None) or exc}") from None
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    raise ValueError(f"{path}:1:1: the password file is empty")


def default_seats_dir(class_file: Path | None) -> Path:
    """Seats live in the user data directory, one folder per class file (a student's game
    of one class never resumes in another)."""
    from game.tui.saves import data_dir

    if class_file is None:
        return data_dir() / "seats" / "open"
    tag = hashlib.sha256(str(class_file.resolve()).encode()).hexdigest()[:8]
    return data_dir() / "seats" / f"{class_file.stem}-{tag}"


def main(args: argparse.Namespace) -> int:
    err = sys.stderr
    problems: list[str] = []
    if not 0 <= args.port <= 65535:
        problems.append(f"--port {args.port}: a port is 0..65535")
    if args.max_sessions < 1:
        problems.append(f"--max-sessions {args.max_sessions}: at least 1")
    if args.idle_timeout <= 0:
        problems.append(f"--idle-timeout {args.idle_timeout}: seconds, more than 0")
    password = None
    if args.password_file is not None:
        try:
            password = read_password(args.password_file)
        except ValueError as exc:
            problems.append(str(exc))
    title, instructions, class_file = "Mediator", "", None
    if args.class_file is not None:
        from game.format.classfile import load_class
        from game.format.errors import ScenarioError

        try:
            setup = load_class(args.class_file)
        except ScenarioError as exc:
            problems.extend(str(exc).splitlines())
        except OSError as exc:
            problems.append(f"{args.class_file}: {exc.strerror or exc}")
        else:
            title, instructions, class_file = setup.title, setup.instructions, setup.file
    if not is_loopback(args.host):
        print(f"mediator serve: warning: --host {args.host} lets anyone who can reach this "
              "machine open a seat; serve a lab network only.", file=err)
        if password is None and not args.behind_proxy:
            problems.append(f"--host {args.host} needs --password-file F (a class password), "
                            "or --behind-proxy when an authenticating proxy stands in front")
    for problem in problems:
        print(f"mediator serve: {problem}", file=err)
    if problems:
        return 2
    seats = Path(args.seats) if args.seats else default_seats_dir(class_file)
    try:
        seats.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"mediator serve: {seats}: cannot create the seats folder: "
              f"{exc.strerror or exc}", file=err)
        return 2
    config = LabConfig(seats_dir=seats, host=args.host, port=args.port, title=title,
                       instructions=instructions, class_file=class_file, password=password,
                       max_sessions=args.max_sessions, idle_timeout=args.idle_timeout,
                       fork=not args.no_fork)

    def ready(url: str) -> None:
        print(f"Mediator lab on {url} ({config.max_sessions} seats, idle timeout "
              f"{config.idle_timeout:g} s, seats in {seats}). Ctrl+C stops it.", flush=True)

    try:
        run_lab(config, ready)
    except OSError as exc:
        print(f"mediator serve: cannot listen on {args.host}:{args.port}: "
              f"{exc.strerror or exc}", file=err)
        return 2
    return 0
