"""`mediator report T.json... --out report.html`: the class report, every transcript verified
by replay; edited ones flagged and left out of the statistics."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

FORMATS = {".html": "html", ".htm": "html", ".md": "md", ".csv": "csv"}


def main(args: argparse.Namespace) -> int:
    from game.analysis.classreport import class_report
    from game.commands.common import CommandError
    from game.commands.outfile import check_out, scenarios_of
    from game.records.atomic import write_atomic
    from game.reports.classreport import render

    if args.workers < 1:
        print("mediator report: --workers must be 1 or more", file=sys.stderr)
        return 2
    inputs = [*args.transcripts, *(args.compare or [])]
    out = Path(args.out) if args.out else None
    if args.out is not None:
        try:
            check_out(args.out, [*(("transcript", p) for p in inputs),
                                 *scenarios_of(inputs, args.scenario)], args.force, "report")
        except CommandError as stop:
            return stop.code
    fmt = args.format or (FORMATS.get(out.suffix.lower(), "md") if out is not None else "md")
    if args.scenario is not None and not Path(args.scenario).is_file():
        print(f"mediator report: no such scenario file: {args.scenario}", file=sys.stderr)
        return 2
    report = class_report(list(args.transcripts), workers=args.workers, compare=args.compare,
                          scenario_override=args.scenario)
    if args.json:
        text = json.dumps(report, sort_keys=True, ensure_ascii=False, indent=2) + "\n"
    else:
        text = render(report, fmt)
    for tag, data in [("", report)] + ([("B: ", report["compare"])]
                                      if report.get("compare") else []):
        for s in data["students"]:
            if not s["verified"]:
                print(f"{tag}{s['file']}: not verified: {s.get('problem')}", file=sys.stderr)
    # A file that is no transcript at all (missing, a FIFO, not JSON) is bad input: the report
    # still lists it, and the exit status says so. An edited transcript is a finding: exit 0.
    unreadable = sum(bool(s.get("unreadable")) for data in [report, report.get("compare")]
                     if data for s in data["students"])
    code = 1 if unreadable else 0
    if out is None:
        sys.stdout.write(text)
        return code
    try:
        write_atomic(out, text)
    except OSError as exc:
        print(f"mediator report: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    summary = report["summary"]
    print(f"report: {out} ({summary['verified']} of {summary['transcripts']} verified)")
    return code
