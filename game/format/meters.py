"""The meter grammar, in one place: what a meter name means and how one is written.

    credibility | progress | humanitarian     the global meters
    trust.<party>                             a principal's trust in the mediator
    trust.<party>.<other>                     a principal's trust in another principal
    walkaway.<party>                          a principal's walk-away level (hidden until revealed)
    turn                                      the turn number (conditions only)

In an action's effects `<party>` may be `target` (the party the action is aimed at) or `others`
(every other principal); `expand` turns such a pattern into concrete names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

GLOBAL_METERS: tuple[str, ...] = ("credibility", "progress", "humanitarian")
READ_ONLY: tuple[str, ...] = ("progress", "turn")  # computed, never changed by an effect
TARGETED: tuple[str, ...] = ("target", "others")  # party placeholders in an action's effects

MeterKind = Literal["global", "turn", "trust", "mutual_trust", "walkaway"]


@dataclass(frozen=True, slots=True)
class MeterName:
    """A parsed meter name: its kind and the parties it names (placeholders kept as written)."""

    kind: MeterKind
    name: str
    party: str | None = None
    other: str | None = None

    @property
    def parties(self) -> tuple[str, ...]:
        return tuple(p for p in (self.party, self.other) if p is not None)


def parse(name: str) -> MeterName | None:
    """The meter `name` stands for, or None when it is not a meter name at all."""
    parts = name.split(".")
    if len(parts) == 1:
        if name in GLOBAL_METERS:
            return MeterName("global", name)
        return MeterName("turn", name) if name == "turn" else None
    head, parties = parts[0], parts[1:]
    if any(not p for p in parties):
        return None
    if head == "trust" and len(parties) == 1:
        return MeterName("trust", name, parties[0])
    if head == "trust" and len(parties) == 2:
        return MeterName("mutual_trust", name, parties[0], parties[1])
    if head == "walkaway" and len(parties) == 1:
        return MeterName("walkaway", name, parties[0])
    return None


def trust(party: str, other: str | None = None) -> str:
    """`trust.<party>` (in the mediator) or `trust.<party>.<other>`."""
    return f"trust.{party}" if other is None else f"trust.{party}.{other}"


def walkaway(party: str) -> str:
    return f"walkaway.{party}"


def expand(name: str, principals: Sequence[str], target: str | None) -> list[str]:
    """Concrete meter names for a pattern: `target` becomes the action's target (nothing when
    there is none), `others` every other principal; a party's trust in itself is dropped."""
    parts = name.split(".")
    if len(parts) == 1:
        return [name]
    out = [parts[0]]
    for part in parts[1:]:
        if part == "target":
            options = [target] if target else []
        elif part == "others":
            options = [p for p in principals if p != target]
        else:
            options = [part]
        out = [f"{prefix}.{o}" for prefix in out for o in options]
    return [n for n in out if not (n.count(".") == 2 and n.split(".")[1] == n.split(".")[2])]
