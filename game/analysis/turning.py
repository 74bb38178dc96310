"""Turning points of a game: the turns that moved it most (agreements and breaks first, then
the biggest visible meter swings). The debrief puts them in words."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.knowledge import meter_visible
from game.engine.state import LedgerEntry, TurnResult
from game.records.session import Session


@dataclass(frozen=True, slots=True)
class TurningPoint:
    turn: int
    weight: int  # agreements and breaks 100 each, the end 50, plus the visible swing
    result: TurnResult
    biggest: tuple[LedgerEntry, ...]  # the two largest visible meter changes


def turning_points(session: Session, count: int = 4) -> list[TurningPoint]:
    """The `count` weightiest turns, in turn order. Hidden meters (walk-away levels not yet
    revealed) do not count: the player could not see them move."""
    scored: list[TurningPoint] = []
    for result in session.results:
        state = session.states[min(result.turn, len(session.states) - 1)]
        visible = [e for e in result.ledger if meter_visible(state, e.meter)]
        weight = (sum(abs(e.delta) for e in visible) + 100 * len(result.agreed)
                  + 100 * len(result.broken) + (50 if result.ending else 0))
        if weight <= 0:
            continue
        biggest = tuple(sorted(visible, key=lambda e: -abs(e.delta))[:2])
        scored.append(TurningPoint(result.turn, weight, result, biggest))
    scored.sort(key=lambda p: (-p.weight, p.turn))
    return sorted(scored[:count], key=lambda p: p.turn)
