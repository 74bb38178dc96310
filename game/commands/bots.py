"""`mediator bots SCENARIO [--mediator ID|all] --games N [--seed S] [--json]`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from game.commands.common import CommandError, check_mediator, load_scenario_or_exit


def main(args: argparse.Namespace) -> int:
    if args.games < 1:
        print("mediator bots: --games must be at least 1", file=sys.stderr)
        return 2
    try:
        scenario = load_scenario_or_exit(args.scenario, "bots")
        mediators = check_mediator(scenario, args.mediator, "bots", allow_all=True)
    except CommandError as stop:
        return stop.code
    from game.analysis.tournament import format_tournament, run_tournament

    data = run_tournament(scenario, Path(args.scenario), mediators, args.games, args.seed)
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True))
    else:
        print(format_tournament(data))
    return 0
