"""`mediator new NAME [--parties N] [--out FILE]`: a minimal, commented, playable scenario."""

from __future__ import annotations

import argparse
import os
import sys

from game.format.starter import MAX_PARTIES, MIN_PARTIES, starter_scenario
from game.records.atomic import write_atomic


def main(args: argparse.Namespace) -> int:
    if not MIN_PARTIES <= args.parties <= MAX_PARTIES:
        print(f"mediator new: error: --parties must be between {MIN_PARTIES} and "
              f"{MAX_PARTIES}, got {args.parties}", file=sys.stderr)
        return 2
    text = starter_scenario(args.name, args.parties)
    if args.out is None:
        sys.stdout.write(text)
        return 0
    if os.path.lexists(args.out):
        print(f"mediator new: error: {args.out} already exists: choose another --out "
              "(a scenario is never overwritten)", file=sys.stderr)
        return 2
    try:
        write_atomic(args.out, text)
    except OSError as exc:
        print(f"mediator new: error: cannot write {args.out}: {exc.strerror or exc}",
              file=sys.stderr)
        return 1
    print(f"wrote {args.out}: check it with `mediator validate --strict {args.out}`")
    return 0
