"""`mediator coverage SCENARIO --games N [--mediator ID] [--seed S] [--workers N]
[--dask ADDRESS] [--plan-seeds K] [--no-plan] [--no-probe] [--json]`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from game.commands.common import CommandError, check_mediator, load_scenario_or_exit


def main(args: argparse.Namespace) -> int:
    if args.games < 1:
        print("mediator coverage: --games must be at least 1", file=sys.stderr)
        return 2
    if args.workers < 1:
        print("mediator coverage: --workers must be at least 1", file=sys.stderr)
        return 2
    if args.plan_seeds < 1:
        print("mediator coverage: --plan-seeds must be at least 1", file=sys.stderr)
        return 2
    if args.workers > 1 and args.dask:
        print("mediator coverage: give --workers or --dask, not both", file=sys.stderr)
        return 2
    try:
        scenario = load_scenario_or_exit(args.scenario, "coverage")
        mediators = check_mediator(scenario, args.mediator, "coverage", allow_all=True)
    except CommandError as stop:
        return stop.code
    from game.analysis import coverage
    from game.players.bots import BOTS

    runner: coverage.Runner = coverage.run_here
    if args.dask:
        try:
            import dask.distributed  # noqa: F401
        except ImportError:
            print("mediator coverage: --dask needs Dask: pip install 'mediator[scale]'",
                  file=sys.stderr)
            return 2
        runner = coverage.run_dask(args.dask)
    elif args.workers > 1:
        runner = coverage.run_processes(args.workers)
    players = [*sorted(BOTS)] + ([] if args.no_plan else [coverage.PLAN])
    text = Path(args.scenario).read_bytes().decode("utf-8").removeprefix("\ufeff")
    try:
        data = coverage.sweep(scenario, text, args.scenario, args.games, args.seed, mediators,
                              players, runner, plan_seeds=args.plan_seeds,
                              probes=not args.no_probe)
    except OSError as exc:  # a Dask scheduler that cannot be reached
        print(f"mediator coverage: cannot reach the Dask scheduler {args.dask}: {exc}",
              file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True))
    else:
        print(coverage.format_coverage(data))
    return 1 if data["crashes"] else 0
