"""Verification of a transcript: re-play its moves and compare every recorded field."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.records.session import Session, file_sha256
from game.records.transcript import build, digest_of, scenario_path_for


@dataclass(frozen=True)
class Verdict:
    ok: bool
    message: str


def _first_difference(path: str, a: Any, b: Any) -> str | None:
    if type(a) is not type(b) and not (isinstance(a, int | float) and isinstance(b, int | float)):
        return f"{path}: transcript has {a!r}, replay gives {b!r}"
    if isinstance(a, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                return f"{path}.{key}: present in only one of transcript and replay"
            diff = _first_difference(f"{path}.{key}", a[key], b[key])
            if diff:
                return diff
        return None
    if isinstance(a, list):
        for n, (x, y) in enumerate(zip(a, b, strict=False)):
            diff = _first_difference(f"{path}[{n}]", x, y)
            if diff:
                return diff
        if len(a) != len(b):
            return f"{path}: transcript has {len(a)} entries, replay gives {len(b)}"
        return None
    if a != b:
        return f"{path}: transcript has {a!r}, replay gives {b!r}"
    return None


def verify(data: dict[str, Any], scenario_path: str | Path | None = None,
           near: str | Path | None = None) -> Verdict:
    """Re-play a transcript and compare every turn, the ledger, outcome, score and labels.
    `near`: the transcript's folder, where its scenario is looked for too."""
    path = scenario_path_for(data, scenario_path, near)
    sha = file_sha256(path)
    if sha != data["scenario"].get("sha256"):
        played = str(data["scenario"].get("sha256"))
        return Verdict(False, f"scenario {path} differs from the one played "
                              f"(sha256 {sha[:12]}... vs {played[:12]}...)")
    try:
        session = Session.from_transcript(data, path)
    except Exception as exc:
        return Verdict(False, f"the moves cannot be re-played: {exc}")
    again = build(session)
    again["scenario"]["file"] = data["scenario"].get("file")
    turns_a, turns_b = data.get("turns", []), again["turns"]
    for n in range(max(len(turns_a), len(turns_b))):
        if n >= len(turns_a) or n >= len(turns_b):
            return Verdict(False, f"turn {n + 1}: present in only one of transcript and replay")
        diff = _first_difference(f"turn {n + 1}", turns_a[n], turns_b[n])
        if diff:
            return Verdict(False, diff)
    keys = ["ledger", "final", "outcome", "score", "mediator", "seed", "engine_version",
            "format_version", "scenario", "labels", "turn_limit", "class"]
    for key in keys:
        diff = _first_difference(key, data.get(key), again.get(key))
        if diff:
            return Verdict(False, diff)
    if data.get("digest") != digest_of(data):
        return Verdict(False, "digest: the transcript was edited after it was written")
    return Verdict(True, f"verified: {len(turns_b)} turns, outcome {again['outcome']}, "
                         f"score {again['score']}")
