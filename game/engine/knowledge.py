"""What the player may know of a principal, and the whole truth for the debrief.

Public: positions, statements made, and each red line (its options, kind and reason: parties
state them). Hidden until a consultation reveals them: soft lines' conditions (`red_lines`),
linkages, option values, the walk-away level and behaviour thresholds. Bots see only this.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.engine.state import GameState, cite_dict
from game.engine.wording import ref_words, say
from game.format import meters
from game.format import models as m


@dataclass(frozen=True, slots=True)
class KnownRedLine:
    id: str
    kind: str
    options: list[str]  # "issue=option" readings
    reason: str
    condition: str | None  # soft lines: shown once revealed
    cite: m.Cite | None


@dataclass(frozen=True, slots=True)
class KnownInfo:
    party: str
    name: str
    description: str
    positions: list[m.Statement]
    red_lines: list[KnownRedLine]
    linkages: list[str] | None  # None: not revealed
    values: dict[str, dict[str, float]] | None  # issue -> option -> value, if revealed
    weights: dict[str, float] | None
    walkaway: int | None
    behaviour: m.Behaviour | None
    revealed: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {
            "party": self.party, "name": self.name,
            "positions": [{"id": p.id, "text": p.text, "cite": cite_dict(p.cite)}
                          for p in self.positions],
            "red_lines": [{"id": r.id, "kind": r.kind, "options": r.options, "reason": r.reason,
                           "condition": r.condition, "cite": cite_dict(r.cite)}
                          for r in self.red_lines],
            "linkages": self.linkages, "values": self.values, "weights": self.weights,
            "walkaway": self.walkaway,
            "behaviour": None if self.behaviour is None else self.behaviour.model_dump(),
            "revealed": self.revealed,
        }


def _ref(ref: m.TermRef) -> str:
    if ref.deferred:
        return f"{ref.issue} deferred"
    if ref.option is None:
        return ref.issue
    options = ref.option if isinstance(ref.option, list) else [ref.option]
    return " or ".join(f"{ref.issue}={o}" for o in options)


def _info(state: GameState, party_id: str, everything: bool) -> KnownInfo:
    party = state.scenario.party(party_id)
    revealed = {what for p, what in state.revealed if p == party_id}
    if everything:
        revealed = {"walkaway", "red_lines", "linkages", "values", "behaviour"}
    lines = [
        KnownRedLine(
            line.id, line.kind, [_ref(r) for r in line.options], line.reason,
            say(line.moves_when, state.scenario)
            if line.kind == "soft" and "red_lines" in revealed else None,
            line.cite,
        )
        for line in party.red_lines
    ]
    return KnownInfo(
        party=party.id, name=party.name, description=party.description,
        positions=list(party.positions), red_lines=lines,
        linkages=[
            f"{ref_words(state.scenario, link.if_)} requires "
            f"{ref_words(state.scenario, link.requires)}"
            + (" (same or earlier phase)" if link.same_or_earlier_phase else "")
            + f": {link.reason}"
            for link in party.linkages
        ] if "linkages" in revealed else None,
        values=_values(party) if "values" in revealed else None,
        weights={i: s.weight for i, s in party.stakes.items()} if "values" in revealed else None,
        walkaway=state.meters.get(f"walkaway.{party_id}") if "walkaway" in revealed else None,
        behaviour=party.behaviour if "behaviour" in revealed else None,
        revealed=sorted(revealed),
    )


def _values(party: m.Party) -> dict[str, dict[str, float]]:
    return {i: dict(s.values) for i, s in party.stakes.items()}


def known_values(state: GameState, party_id: str) -> dict[str, dict[str, float]] | None:
    """`known_info(state, party_id).values`, alone (for bots, many times a turn)."""
    if (party_id, "values") not in state.revealed:
        return None
    return _values(state.scenario.party(party_id))


def known_info(state: GameState, party_id: str) -> KnownInfo:
    """What the player can see of a principal now."""
    return _info(state, party_id, everything=False)


def hidden_info(state: GameState, party_id: str) -> KnownInfo:
    """Everything about a principal (for the debrief, when the game is over)."""
    return _info(state, party_id, everything=True)


def meter_visible(state: GameState, meter: str) -> bool:
    """Whether the player may see this meter: a walk-away level is hidden until revealed
    (by a consultation, say); every other meter is public."""
    parsed = meters.parse(meter)
    if parsed is not None and parsed.kind == "walkaway":
        return (parsed.party, "walkaway") in state.revealed
    return True
