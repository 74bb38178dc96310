"""`mediator analyze SCENARIO [--mediator ID] [--json]`: is the scenario winnable, and how."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from game.commands.common import CommandError, check_mediator, load_scenario_or_exit


def main(args: argparse.Namespace) -> int:
    try:
        scenario = load_scenario_or_exit(args.scenario, "analyze")
        check_mediator(scenario, args.mediator, "analyze")
    except CommandError as stop:
        return stop.code
    from game.analysis.report import analyze, format_report

    report = analyze(scenario, args.mediator, scenario_path=Path(args.scenario))
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False, sort_keys=True))
    else:
        print(format_report(report, scenario))
    return 0
