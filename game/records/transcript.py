"""Transcripts: the JSON record of a game and its digest (verify.py re-plays one).

A transcript is UTF-8 JSON with sorted keys; numbers are integers or floats rounded to two
decimals. Its ``digest`` is the SHA-256 of the canonical JSON of every other field, so an
edit that does not also recompute the digest is caught, and one that does is caught by replay.

``labels`` carries the scenario's names for the ids the rest of the transcript uses (parties,
issues, options as ``issue.option``, phases, outcomes, actions, the mediator), so an export can
be read without the scenario file; replay rebuilds them and compares.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.engine.game import ENGINE_VERSION, score_breakdown
from game.format.limits import MAX_TRANSCRIPT_BYTES
from game.format.reading import InputError, printable, read_input
from game.records.reading import TranscriptFormatError, parse_transcript
from game.resources import scenarios_dir

if TYPE_CHECKING:
    from game.format.models import Scenario
    from game.records.session import Session

FORMAT = "mediator-transcript"
FORMAT_VERSION = 1


def canonical(data: Any) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def digest_of(data: dict[str, Any]) -> str:
    import hashlib

    body = {k: v for k, v in data.items() if k != "digest"}
    return hashlib.sha256(canonical(body).encode()).hexdigest()


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2) + "\n"


def build(session: Session) -> dict[str, Any]:
    state = session.state
    scenario = session.scenario
    breakdown = score_breakdown(state)
    data: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "engine_version": ENGINE_VERSION,
        "scenario": {
            "id": scenario.meta.id, "title": scenario.meta.title,
            "version": scenario.meta.version, "sha256": session.scenario_sha256,
            "file": recorded_path(session.scenario_path),
        },
        "mediator": session.mediator,
        "labels": labels_of(scenario, session.mediator),
        "seed": session.seed,
        "moves": [r.move.to_dict() for r in session.results],
        "turns": [r.to_dict() for r in session.results],
        "ledger": [e.to_dict() for e in state.ledger],
        "final": {
            "turn": state.turn,
            "meters": dict(sorted(state.meters.items())),
            "phase": state.phase,
            "agreed": [a.to_dict() for a in state.agreed.values()],
            "flags": sorted(state.flags),
            "ended": state.ended,
            "walked_out": state.walked_out,
            "score_breakdown": {
                "parts": [{"name": p.name, "weight": p.weight, "value": round(p.value, 2),
                           "contribution": round(p.contribution, 2)} for p in breakdown.parts],
                "bonus": breakdown.bonus,
                "cap": breakdown.cap,
                "formula": breakdown.formula,
            },
        },
        "outcome": state.outcome,
        "score": breakdown.total,
    }
    if session.turn_limit is not None:  # a class's override: replay needs it
        data["turn_limit"] = session.turn_limit
    if session.class_record is not None:  # the student and their reflection answers
        data["class"] = session.class_record.to_dict()
    data["digest"] = digest_of(data)
    return data


def labels_of(scenario: Scenario, mediator: str) -> dict[str, Any]:
    """The scenario's human names for the ids a transcript records, keys sorted."""
    role = next((m for m in scenario.mediators if m.id == mediator), None)

    def table(pairs: list[tuple[str, str]]) -> dict[str, str]:
        return dict(sorted(pairs))

    return {
        "actions": table([(a.id, a.title) for a in scenario.actions]),
        "issues": table([(i.id, i.title) for i in scenario.issues]),
        "mediator": {"id": mediator, "name": role.name if role is not None else mediator},
        "options": table([(f"{i.id}.{o.id}", o.label)
                          for i in scenario.issues for o in i.options]),
        "outcomes": table([(o.id, o.title) for o in scenario.outcomes]),
        "parties": table([(p.id, p.name) for p in scenario.parties]),
        "phases": table([(p.id, p.title) for p in scenario.phases]),
    }


def recorded_path(path: str | Path) -> str:
    """How a transcript names its scenario file, the same from any working directory: a
    built-in scenario as scenarios/NAME, any other file by its name alone (a transcript handed
    in carries no directory of the player's; the sha256 beside it says which file it is)."""
    if not str(path):
        return ""
    resolved = Path(path).resolve()
    if resolved.parent == scenarios_dir().resolve():
        return f"scenarios/{resolved.name}"
    return resolved.name


class TranscriptError(ValueError):
    """The file is not a readable transcript (exit 2 in the CLI)."""


def read(path: str | Path) -> dict[str, Any]:
    """A transcript or saved game, read and parsed strictly (see records/reading.py): a
    regular file within MAX_TRANSCRIPT_BYTES; TranscriptError with one line otherwise."""
    try:
        return parse_transcript(read_input(path, MAX_TRANSCRIPT_BYTES), FORMAT)
    except InputError as exc:
        raise TranscriptError(f"{printable(str(path))}: {exc}") from None
    except TranscriptFormatError as exc:
        at = "".join(f":{n}" for n in exc.at or ())
        raise TranscriptError(f"{printable(str(path))}{at}: {exc}") from None


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):  # a name too long, a NUL byte
        return False


def scenario_path_for(data: dict[str, Any], override: str | Path | None = None,
                      near: str | Path | None = None) -> Path:
    """The scenario file a transcript names (or the override): the name as recorded (from
    the working directory), then that file name in the folder `near` (the transcript's own),
    then among the built-in scenarios."""
    if override is not None:
        return Path(override)
    named = Path(str(data["scenario"].get("file", "")))
    places = [named] + ([Path(near) / named.name] if near is not None else [])
    for place in [*places, scenarios_dir() / named.name]:
        if named.name and _is_file(place):
            return place
    beside = " or beside the transcript" if near is not None else ""
    raise TranscriptError(f"scenario file not found: {named} (not in the working directory"
                          f"{beside} nor built in; use --scenario)")
