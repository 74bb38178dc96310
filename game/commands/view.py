"""`mediator view T.json`: step through a transcript turn by turn (read-only TUI)."""

from __future__ import annotations

import argparse
import os
import sys


def main(args: argparse.Namespace) -> int:
    from game.records.transcript import TranscriptError
    from game.tui.viewer import make_viewer

    try:
        app = make_viewer(args.transcript, args.scenario)
    except (TranscriptError, ValueError, OSError) as exc:
        print(f"mediator view: {exc}", file=sys.stderr)
        return 2
    code = app.run(headless=bool(os.environ.get("MEDIATOR_FIRST_FRAME")))
    return int(code or 0)
