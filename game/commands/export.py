"""`mediator export T.json --format md|html --out FILE`: render a transcript for people.

Exit 0 and print the output path; exit 2 with one line on stderr when the transcript is
unreadable or not a transcript (nothing is written); exit 1 when the output cannot be written.
With `--debrief`, and when the transcript's scenario is found unchanged, the export adds the
debrief's lessons and its turn-by-turn search (a few seconds); otherwise it has no such section.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any


def _fail(message: str, code: int) -> int:
    print(f"mediator: error: {' '.join(str(message).split())}", file=sys.stderr)
    return code


def main(args: argparse.Namespace) -> int:
    from game.commands.common import CommandError
    from game.commands.outfile import check_out, scenarios_of
    from game.records import transcript as tr
    from game.records.atomic import write_atomic
    from game.reports import export

    renderer = export.RENDERERS.get(args.format)
    if renderer is None:  # the parser already restricts the choices
        return _fail(f"unknown format {args.format!r} (md or html)", 2)
    try:
        scenarios = scenarios_of([args.transcript], args.scenario) if args.debrief else []
        check_out(args.out, [("transcript", args.transcript), *scenarios], args.force,
                  "export")
    except CommandError as stop:
        return stop.code
    try:
        data = tr.read(args.transcript)
    except tr.TranscriptError as exc:
        return _fail(str(exc), 2)
    debrief = None
    if args.debrief:
        try:
            debrief = debrief_of(data, args.scenario)
        except ValueError as exc:
            return _fail(f"cannot add the debrief: {exc}", 1)
    try:
        text = renderer(data, debrief=debrief)
    except export.ExportError as exc:
        return _fail(f"{args.transcript}: not a usable transcript: {exc}", 2)
    except OSError as exc:  # the stylesheet asset is missing or unreadable
        return _fail(str(exc), 1)
    except Exception as exc:  # noqa: BLE001 - a malformed file must not show a traceback
        return _fail(f"{args.transcript}: cannot render this transcript: "
                     f"{type(exc).__name__}: {exc}", 2)
    try:
        write_atomic(args.out, text)
    except OSError as exc:
        return _fail(f"cannot write {args.out}: {exc.strerror or exc}", 1)
    print(args.out)
    return 0


def debrief_of(data: dict[str, Any], scenario_path: str | None = None) -> dict[str, Any]:
    """The debrief's lessons and turn-by-turn search, replayed on the transcript's scenario;
    ValueError (one line) when the scenario is not found, has changed, or gives another game."""
    from game.analysis.counterfactual import counterfactual
    from game.analysis.debrief import debrief_section
    from game.records.session import Session

    try:
        session = Session.from_transcript(data, scenario_path)
    except Exception as exc:  # noqa: BLE001 - not found, unreadable, invalid: one line
        raise ValueError(" ".join(str(exc).split())) from exc
    scenario = data.get("scenario")
    if not isinstance(scenario, dict) or scenario.get("sha256") != session.scenario_sha256:
        raise ValueError(f"{session.scenario_path} is not the scenario this game was played on "
                         "(its sha256 differs)")
    if session.state.outcome != data.get("outcome") or not session.results:
        raise ValueError("the moves do not replay to the transcript's outcome")
    return debrief_section(session, counterfactual(session.states, session.state.moves))
