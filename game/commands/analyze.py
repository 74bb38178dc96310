"""`mediator analyze SCENARIO [--mediator ID] [--json]`: is the scenario winnable, and how."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from game.engine.errors import ScenarioError


def main(args: argparse.Namespace) -> int:
    path = Path(args.scenario)
    if not path.is_file():
        print(f"mediator analyze: no such scenario file: {path}", file=sys.stderr)
        return 2
    from game.engine.loader import load_scenario

    try:
        scenario = load_scenario(path)
    except ScenarioError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    ids = [x.id for x in scenario.mediators]
    if args.mediator and args.mediator not in ids:
        print(f"mediator analyze: unknown mediator {args.mediator!r} (one of: "
              f"{', '.join(ids)})", file=sys.stderr)
        return 2
    from game.analysis.report import analyze, format_report

    report = analyze(scenario, args.mediator, scenario_path=path)
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False, sort_keys=True))
    else:
        print(format_report(report, scenario))
    return 0
