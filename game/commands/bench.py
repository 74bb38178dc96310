"""`mediator bench [--json] [--vs-negmas]`: performance figures."""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys


def main(args: argparse.Namespace) -> int:
    if args.vs_negmas and importlib.util.find_spec("negmas") is None:
        print("mediator bench: --vs-negmas needs NegMAS: pip install 'mediator[bench]' "
              "(or pip install negmas)", file=sys.stderr)
        return 2
    from game.analysis.bench import format_bench, run_bench

    data = run_bench(vs_negmas=args.vs_negmas)
    if args.json:
        print(json.dumps(data, indent=2, sort_keys=True))
    else:
        print(format_bench(data))
    return 0
