"""`mediator analyze SCENARIO [--mediator ID] [--json] [--seeds N] [--timings]`: is the
scenario winnable, and how. The output is deterministic; wall-clock figures only with
`--timings`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from game.commands.common import CommandError, check_mediator, load_scenario_or_exit


def main(args: argparse.Namespace) -> int:
    try:
        scenario = load_scenario_or_exit(args.scenario, "analyze")
        check_mediator(scenario, args.mediator, "analyze")
    except CommandError as stop:
        return stop.code
    from game.analysis.impasse import too_large

    refusal = too_large(scenario)
    if refusal is not None:  # the scan is bounded in memory, not in time
        print(f"mediator analyze: {args.scenario}: {refusal}; analyze refuses (fewer issues "
              "or options would fit)", file=sys.stderr)
        return 2
    from game.analysis.plan import SEEDS
    from game.analysis.report import analyze, format_report

    seeds = getattr(args, "seeds", None) or SEEDS
    if seeds < 1:
        print("mediator analyze: --seeds must be at least 1", file=sys.stderr)
        return 2
    report = analyze(scenario, args.mediator, scenario_path=Path(args.scenario), seeds=seeds,
                     timings=bool(getattr(args, "timings", False)))
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False, sort_keys=True))
    else:
        print(format_report(report, scenario))
    return 0
