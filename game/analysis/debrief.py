"""What the debrief teaches, in words: turning points with their causes, the turn where the
outcome was decided, for each turn the best move the search found and how much better it
would have done (`counterfactual.py`), and three lessons (`lessons.py`).

Shared by the debrief screen and the exports: `debrief_section` gives plain data (turn
numbers and sentences) that `game.reports` renders as an optional section."""

from __future__ import annotations

from typing import Any

from game.analysis.counterfactual import Counterfactual, TurnCounterfactual
from game.analysis.lessons import lessons
from game.analysis.turning import TurningPoint, cause_words, turning_points
from game.engine.moves import Move, Pass, Propose, TakeAction
from game.format import models as m
from game.records.session import Session
from game.reports.labels import party_meter_label


def _party(scenario: m.Scenario, party_id: str) -> str:
    try:
        return scenario.party(party_id).name
    except KeyError:
        return party_id


def move_words(scenario: m.Scenario, move: Move) -> str:
    """A move in words: 'propose Ceasefire: Monitored (ceasefire)', 'Consult → Russia', 'pass'."""
    match move:
        case Propose(framework=framework):
            return "propose " + ("; ".join(t.label(scenario) for t in framework.terms)
                                 or "nothing")
        case TakeAction(action=action_id, target=target):
            title = next((a.title for a in scenario.actions if a.id == action_id), action_id)
            return title + (f" → {_party(scenario, target)}" if target else "")
        case Pass():
            return "pass"
    return type(move).__name__


def did(scenario: m.Scenario, move: Move) -> str:
    """What the player did, in the past tense: 'you proposed …', 'you used …', 'you passed'."""
    if isinstance(move, Propose):
        return "you proposed " + move_words(scenario, move).removeprefix("propose ")
    if isinstance(move, TakeAction):
        return "you used " + move_words(scenario, move)
    return "you passed"


def meter_words(scenario: m.Scenario, meter: str) -> str:
    label = party_meter_label(meter, lambda p: _party(scenario, p), mediator="you")
    return label or meter.capitalize()


def outcome_title(scenario: m.Scenario, outcome: str | None) -> str:
    return next((o.title for o in scenario.outcomes if o.id == outcome), outcome or "no outcome")


def turning_point_text(scenario: m.Scenario, point: TurningPoint) -> str:
    """One turning point in words: the move, what was agreed or broke, the big changes and
    their causes."""
    result = point.result
    bits = [did(scenario, result.move)]
    if result.agreed:
        bits.append("agreed: " + "; ".join(t.label(scenario) for t in result.agreed))
    if result.broken:
        titles = ", ".join(next((i.title for i in scenario.issues if i.id == b), b)
                           for b in result.broken)
        bits.append(f"broken: {titles}")
    for entry in point.biggest:
        # The move's own effects need no cause; events, wear-off, stalls and red lines do.
        own = entry.rule.startswith(("action:", "cost:", "agreement:", "option:"))
        cause = "" if own else f" ({cause_words(scenario, entry.cause, entry.rule)})"
        bits.append(f"{meter_words(scenario, entry.meter)} {entry.delta:+d}{cause}")
    if result.ending:
        bits.append(f"the talks ended ({result.ending.reason.replace('_', ' ')})")
    return " — ".join(bits)


def turning_point_lines(session: Session) -> list[tuple[int, str]]:
    scenario = session.scenario
    return [(p.turn, turning_point_text(scenario, p)) for p in turning_points(session)]


def lesson_lines(session: Session) -> list[tuple[int, str]]:
    return [(x.turn, x.text) for x in lessons(session.scenario, session.states, session.results)]


def counterfactual_line(scenario: m.Scenario, t: TurnCounterfactual) -> str:
    """One turn of the counterfactual debrief."""
    played = move_words(scenario, t.played)
    if not t.better:
        return f"you: {played}. Nothing better found from here."
    best = move_words(scenario, t.best_move)
    same = " (your own move, played on differently)" if t.best_move == t.played else ""
    return (f"you: {played}. Best found: {best}{same} → "
            f"{outcome_title(scenario, t.best.outcome)}, {t.best.score:.2f} ({t.gain:+.2f}).")


def decided_text(scenario: m.Scenario, cf: Counterfactual) -> str:
    """The turn where the outcome was decided, in one sentence."""
    actual = outcome_title(scenario, cf.outcome)
    stopped = "" if cf.complete else (f" (the search covered turns 1 to {len(cf.turns)} "
                                      f"within its bound)")
    if cf.decided is None:
        return (f"From none of your turns did the search find a way to a better outcome than "
                f"{actual}{stopped}.")
    turn = next(t for t in cf.turns if t.turn == cf.decided)
    return (f"The outcome was decided on turn {cf.decided}: before it the search still found a "
            f"way to {outcome_title(scenario, cf.lost_outcome)}; after your move "
            f"({move_words(scenario, turn.played)}) nothing better than {actual}{stopped}.")


def counterfactual_lines(scenario: m.Scenario, cf: Counterfactual) -> list[tuple[int, str]]:
    return [(t.turn, counterfactual_line(scenario, t)) for t in cf.turns]


def debrief_section(session: Session, cf: Counterfactual | None = None) -> dict[str, Any]:
    """The debrief's teaching as plain data for the exports: turning points, lessons and,
    when the search has run, the decided turn and one counterfactual line per turn."""
    scenario = session.scenario
    out: dict[str, Any] = {
        "turning_points": [{"turn": n, "text": x} for n, x in turning_point_lines(session)],
        "lessons": [{"turn": n, "text": x} for n, x in lesson_lines(session)],
    }
    if cf is not None:
        out["decided"] = decided_text(scenario, cf)
        out["counterfactual"] = [{"turn": n, "text": x}
                                 for n, x in counterfactual_lines(scenario, cf)]
    return out


__all__ = ["counterfactual_line", "counterfactual_lines", "debrief_section", "decided_text",
           "lesson_lines", "move_words", "turning_point_lines", "turning_point_text"]
