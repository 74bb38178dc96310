"""`mediator export T.json --format md|html --out FILE`: render a transcript for people.

Exit 0 and print the output path; exit 2 with one line on stderr when the transcript is
unreadable or not a transcript (nothing is written); exit 1 when the output cannot be written.
"""

from __future__ import annotations

import argparse
import sys


def _fail(message: str, code: int) -> int:
    print(f"mediator: error: {' '.join(str(message).split())}", file=sys.stderr)
    return code


def main(args: argparse.Namespace) -> int:
    from game.commands.common import CommandError
    from game.commands.outfile import check_out
    from game.records import transcript as tr
    from game.records.atomic import write_atomic
    from game.reports import export

    renderer = export.RENDERERS.get(args.format)
    if renderer is None:  # the parser already restricts the choices
        return _fail(f"unknown format {args.format!r} (md or html)", 2)
    try:
        check_out(args.out, [("transcript", args.transcript)], args.force, "export")
    except CommandError as stop:
        return stop.code
    try:
        data = tr.read(args.transcript)
    except tr.TranscriptError as exc:
        return _fail(str(exc), 2)
    try:
        text = renderer(data)
    except export.ExportError as exc:
        return _fail(f"{args.transcript}: not a usable transcript: {exc}", 2)
    except OSError as exc:  # the stylesheet asset is missing or unreadable
        return _fail(str(exc), 1)
    except Exception as exc:  # noqa: BLE001 - a malformed file must not show a traceback
        return _fail(f"{args.transcript}: cannot render this transcript: "
                     f"{type(exc).__name__}: {exc}", 2)
    try:
        write_atomic(args.out, text)
    except OSError as exc:
        return _fail(f"cannot write {args.out}: {exc.strerror or exc}", 1)
    print(args.out)
    return 0
