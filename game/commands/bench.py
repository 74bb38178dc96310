"""`mediator bench [--json] [--vs-negmas]`: performance figures; `--serve N`: the browser
lab under N concurrent seats."""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys


def main(args: argparse.Namespace) -> int:
    if getattr(args, "serve", None) is not None:
        return _serve(args)
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


def _serve(args: argparse.Namespace) -> int:
    if args.serve < 1 or args.turns < 1:
        print("mediator bench: --serve N and --turns T need N >= 1 and T >= 1", file=sys.stderr)
        return 2
    from game.web.bench import format_bench_serve, run_bench_serve

    data = run_bench_serve(args.serve, turns=args.turns)
    if args.json:
        print(json.dumps(data, indent=2, sort_keys=True))
    else:
        print(format_bench_serve(data))
    return 0 if data["errors"] == 0 else 1
