"""`mediator replay`: re-play a transcript and check every turn, the ledger, outcome, score."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.format.errors import ScenarioError
from game.records.transcript import TranscriptError, read
from game.records.verify import verify


def main(args: argparse.Namespace) -> int:
    try:
        data = read(args.transcript)
        verdict = verify(data, args.scenario, near=Path(args.transcript).parent)
    except TranscriptError as exc:
        print(f"mediator: error: {exc}", file=sys.stderr)
        return 2
    except ScenarioError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 2
    except FileNotFoundError as exc:
        print(f"mediator: error: {exc}", file=sys.stderr)
        return 2
    if verdict.ok:
        print(verdict.message)
        return 0
    print(f"not verified: {verdict.message}")
    return 1
