"""The `mediator` command: argument parsing only; each subcommand lives in game/commands/."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Sequence


class _Parser(argparse.ArgumentParser):
    """Usage errors exit 2 with one line, never a traceback."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="mediator", description="Mediate a stalled conflict negotiation.")
    from game import __version__

    parser.add_argument("--version", action="version", version=f"mediator {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    p = sub.add_parser("play", help="play in the terminal (the default)")
    p.add_argument("scenario", nargs="?", help="scenario YAML (default: the built-in one)")
    p.add_argument("--mediator", help="mediator role id")
    p.add_argument("--seed", type=int, help="game seed")
    p.add_argument("--continue", dest="resume", action="store_true",
                   help="resume the last autosaved game")
    p.add_argument("--tutorial", action="store_true", help="a guided first game")
    p.add_argument("--watch", action="store_true",
                   help="reload the scenario file when it is saved, replaying the moves so far")
    p.add_argument("--class", dest="class_file", metavar="CLASS.yaml",
                   help="play a class file's game (needs --student)")
    p.add_argument("--student", metavar="NAME", help="your name, recorded in the hand-in")
    p.set_defaults(module="play")

    p = sub.add_parser("class", help="prepare a class (mediator class new)")
    class_sub = p.add_subparsers(dest="class_command", parser_class=_Parser, required=True)
    c = class_sub.add_parser("new", help="write a commented class file")
    c.add_argument("--scenario", help="scenario file (default: the built-in one)")
    c.add_argument("--mediator", help="mediator role id (default: the scenario's first)")
    c.add_argument("--seed", type=int, default=1)
    c.add_argument("--turns", type=int, metavar="T", help="turn limit (default: the scenario's)")
    c.add_argument("--title", default="Mediation practice")
    c.add_argument("--out", required=True, metavar="CLASS.yaml")
    p.set_defaults(module="classfile")

    p = sub.add_parser("view", help="step through a transcript turn by turn (read-only)")
    p.add_argument("transcript")
    p.add_argument("--scenario", help="scenario file (default: the one named in the transcript)")
    p.set_defaults(module="view")

    p = sub.add_parser("report", help="a class report over many transcripts, each verified")
    p.add_argument("transcripts", nargs="+", metavar="T.json")
    p.add_argument("--out", metavar="FILE", help="write the report here (default: stdout)")
    p.add_argument("--force", action="store_true", help="replace an existing --out file")
    p.add_argument("--format", choices=["html", "md", "csv"], default=None,
                   help="default: from --out's extension, else md")
    p.add_argument("--json", action="store_true", help="the report's data as JSON")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="verify in N processes")
    p.add_argument("--compare", nargs="+", metavar="T.json",
                   help="a second cohort, shown beside the first")
    p.add_argument("--scenario", help="scenario file for every transcript")
    p.set_defaults(module="report")

    p = sub.add_parser("validate", help="check scenario files")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--strict", action="store_true",
                   help="also warn about what validates but cannot work")
    p.add_argument("--warnings-as-errors", action="store_true",
                   help="with --strict: exit 1 when there are warnings")
    p.set_defaults(module="validate")

    p = sub.add_parser("schema", help="print the JSON Schema of scenario files")
    p.add_argument("--guide", action="store_true",
                   help="print the field reference of scenarios/README.md instead")
    p.set_defaults(module="schema")

    p = sub.add_parser("new", help="write a minimal, commented, playable scenario")
    p.add_argument("name", help="the scenario's title, e.g. 'Harbour strike'")
    p.add_argument("--parties", type=int, default=2, metavar="N",
                   help="principal parties (2-6, default 2)")
    p.add_argument("--out", metavar="FILE.yaml", help="write here (default: stdout)")
    p.set_defaults(module="new")

    p = sub.add_parser("graph", help="draw a scenario's phases, issues, linkages, red lines "
                       "and consents")
    p.add_argument("scenario")
    p.add_argument("--format", choices=["mermaid", "dot"], default="mermaid")
    p.set_defaults(module="graph")

    p = sub.add_parser("run", help="play a whole game headless")
    p.add_argument("scenario")
    p.add_argument("--mediator", required=True)
    p.add_argument("--seed", type=int, default=0)
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--moves", metavar="FILE.yaml")
    src.add_argument("--bot", choices=["random", "greedy", "patient", "cycler", "coercer"])
    p.add_argument("--out", metavar="T.json", help="write the transcript here")
    p.add_argument("--force", action="store_true", help="replace an existing --out file")
    p.set_defaults(module="run")

    p = sub.add_parser("replay", help="re-play a transcript and verify it")
    p.add_argument("transcript")
    p.add_argument("--scenario", help="scenario file (default: the one named in the transcript)")
    p.set_defaults(module="replay")

    p = sub.add_parser("export", help="render a transcript as Markdown or HTML")
    p.add_argument("transcript")
    p.add_argument("--format", choices=["md", "html"], required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--force", action="store_true", help="replace an existing --out file")
    p.add_argument("--debrief", action="store_true",
                   help="add the debrief: lessons and the best move found at each turn (needs "
                   "the transcript's scenario; a few seconds of search)")
    p.add_argument("--scenario", help="scenario file for --debrief (default: the one named in "
                   "the transcript)")
    p.set_defaults(module="export")

    p = sub.add_parser("analyze", help="analyse a scenario: impasse, Pareto, Nash, best plan")
    p.add_argument("scenario")
    p.add_argument("--mediator")
    p.add_argument("--json", action="store_true")
    p.add_argument("--seeds", type=int, default=None, metavar="N",
                   help="plan search over game seeds 0..N-1 (default 2)")
    p.add_argument("--timings", action="store_true",
                   help="add wall-clock figures (left out by default: output is deterministic)")
    p.set_defaults(module="analyze")

    p = sub.add_parser("bots", help="a tournament of the bots")
    p.add_argument("scenario")
    p.add_argument("--mediator", default="all")
    p.add_argument("--games", type=int, required=True)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--json", action="store_true")
    p.set_defaults(module="bots")

    p = sub.add_parser("coverage", help="play the bots and the plan over many seeds: what "
                       "fired, what never fired, crashes")
    p.add_argument("scenario")
    p.add_argument("--games", type=int, required=True, metavar="N",
                   help="seeds per player and mediator")
    p.add_argument("--mediator", default="all")
    p.add_argument("--seed", type=int, default=0, help="first seed (default 0)")
    p.add_argument("--workers", type=int, default=1, metavar="N", help="local processes")
    p.add_argument("--dask", metavar="ADDRESS",
                   help="run on a Dask scheduler, e.g. tcp://10.0.0.5:8786 (needs .[scale])")
    p.add_argument("--plan-seeds", type=int, default=2, metavar="K",
                   help="search the plan at the first K seeds, replay each at every seed "
                   "(default 2)")
    p.add_argument("--no-plan", action="store_true", help="bots only, no plan search")
    p.add_argument("--no-probe", action="store_true",
                   help="no targeted probe of what the bots and the plan never fired")
    p.add_argument("--json", action="store_true")
    p.set_defaults(module="coverage")

    p = sub.add_parser("bench", help="performance figures")
    p.add_argument("--json", action="store_true")
    p.add_argument("--vs-negmas", action="store_true")
    p.add_argument("--serve", type=int, metavar="N",
                   help="load test of the browser lab: N concurrent seats on loopback")
    p.add_argument("--turns", type=int, default=3, metavar="T",
                   help="with --serve: turns each seat plays (default 3)")
    p.set_defaults(module="bench")

    p = sub.add_parser("serve", help="the browser lab: one seat per student")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default loopback; others need a password)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--class", dest="class_file", metavar="CLASS.yaml",
                   help="every seat plays this class file's game")
    p.add_argument("--password-file", metavar="F", help="the class password (first line of F)")
    p.add_argument("--behind-proxy", action="store_true",
                   help="no password: an authenticating proxy stands in front")
    p.add_argument("--max-sessions", type=int, default=40, metavar="N",
                   help="seats open at once (default 40)")
    p.add_argument("--idle-timeout", type=float, default=1800, metavar="S",
                   help="close a seat idle for S seconds (default 1800; its game is saved)")
    p.add_argument("--seats", metavar="DIR", help="where the seats' saves go")
    p.add_argument("--no-fork", action="store_true",
                   help="start each seat as a fresh process (no fork server)")
    p.set_defaults(module="serve")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        args = build_parser().parse_args(["play", *(argv or [])])
    module = importlib.import_module(f"game.commands.{args.module}")
    try:
        code: int = module.main(args)
        sys.stdout.flush()
    except KeyboardInterrupt:
        return 130
    except OSError as exc:  # `mediator analyze ... | head` (the reader left), a full disk
        return _write_failed(args.command, exc)
    return code


def _write_failed(command: str, exc: OSError) -> int:
    """Exit 1 without a traceback: silently for a closed pipe, else one line on stderr.
    A stdout that cannot take its last bytes is pointed at /dev/null, so that Python's own
    flush at exit does not fail a second time."""
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    if not isinstance(exc, BrokenPipeError):
        where = f"{exc.filename}: " if exc.filename else ""
        line = f"mediator {command}: error: {where}{exc.strerror or exc}"
        with contextlib.suppress(OSError):
            print("".join(c if c.isprintable() else repr(c)[1:-1] for c in line),
                  file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
