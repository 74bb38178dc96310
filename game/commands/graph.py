"""`mediator graph FILE --format mermaid|dot`: draw a scenario's phases, issues, linkages,
red lines and consents."""

from __future__ import annotations

import argparse
import sys

from game.commands.common import CommandError, load_scenario_or_exit
from game.reports.graph import render


def main(args: argparse.Namespace) -> int:
    try:
        scenario = load_scenario_or_exit(args.scenario, "graph")
    except CommandError as exc:
        return exc.code
    sys.stdout.write(render(scenario, args.format))
    return 0
