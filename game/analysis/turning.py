"""Turning points of a game: the turns that moved it most (agreements and breaks first, then
the biggest visible meter swings), and their causes in words. The debrief shows them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from game.engine.knowledge import meter_visible
from game.engine.state import LedgerEntry, TurnResult
from game.format import models as m
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


def first_sentence(text: str, limit: int = 90) -> str:
    """The first sentence of a text, without its full stop, cut at `limit` with an ellipsis."""
    text = " ".join(text.split())
    for end in (". ", "! ", "? "):
        if end in text:
            text = text.split(end, 1)[0]
    text = text.rstrip(".")
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def cause_words(scenario: m.Scenario, cause: str, rule: str = "") -> str:
    """A ledger entry's cause in words: an event by its own first sentence, a red line by
    the party's reason rather than its id, an action by its title."""
    if rule.startswith("event:") or cause.startswith("event: "):
        event_id = rule.split(":", 1)[1] if rule.startswith("event:") else cause[7:]
        event = next((e for e in scenario.events if e.id == event_id), None)
        if event is not None:
            return first_sentence(event.text)
    if rule == "balance:red_line":
        return re.sub(r" \([^()]*\)$", "", cause)
    if rule.startswith("backlash:"):
        action = next((a for a in scenario.actions if a.id == rule.split(":", 1)[1]), None)
        if action is not None:
            return f"backlash against repeated {action.title}"
    return cause


__all__ = ["TurningPoint", "cause_words", "first_sentence", "turning_points"]
