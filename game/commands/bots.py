"""`mediator bots SCENARIO [--mediator ID|all] --games N [--seed S] [--json]`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from game.engine.errors import ScenarioError


def main(args: argparse.Namespace) -> int:
    path = Path(args.scenario)
    if not path.is_file():
        print(f"mediator bots: no such scenario file: {path}", file=sys.stderr)
        return 2
    if args.games < 1:
        print("mediator bots: --games must be at least 1", file=sys.stderr)
        return 2
    from game.engine.loader import load_scenario

    try:
        scenario = load_scenario(path)
    except ScenarioError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    ids = [x.id for x in scenario.mediators]
    if args.mediator in (None, "all"):
        mediators = ids
    elif args.mediator in ids:
        mediators = [args.mediator]
    else:
        print(f"mediator bots: unknown mediator {args.mediator!r} (one of: all, "
              f"{', '.join(ids)})", file=sys.stderr)
        return 2
    from game.analysis.tournament import format_tournament, run_tournament

    data = run_tournament(scenario, path, mediators, args.games, args.seed)
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True))
    else:
        print(format_tournament(data))
    return 0
