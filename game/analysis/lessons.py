"""Lessons drawn from a game, by rules over what happened (no search): a proposal of substance
to a party that did not trust the mediator enough, silences and walk-outs, hard red lines
crossed, agreements that collapsed (and what came before them), stalled talks, proposals that
fell just short of a walk-away the player had not learned, counter-proposals left untried,
idle turns. Each lesson names the turn, the party and the numbers; the weightiest three are
kept, in turn order.

Data in (the game's states and turn results), data out (`Lesson`s)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.analysis.turning import cause_words
from game.engine.knowledge import meter_visible
from game.engine.moves import Pass, Propose, TakeAction
from game.engine.state import GameState, TurnResult
from game.format import models as m

COERCIVE = ("pressure", "incentive", "aid", "summit")
"""Action kinds that push a party rather than persuade it (Beardsley's leverage)."""
PRESSURE_WINDOW = 3  # turns before an agreement in which leverage counts as "under pressure"
NEAR = 5  # points below a walk-away that count as "just short"


@dataclass(frozen=True, slots=True)
class Lesson:
    turn: int  # the turn it is about (the first, when it recurs)
    weight: float  # how much it mattered (for choosing the three shown)
    text: str


def _name(scenario: m.Scenario, party_id: str) -> str:
    try:
        return scenario.party(party_id).name
    except KeyError:
        return party_id


def _issue_title(scenario: m.Scenario, issue_id: str) -> str:
    try:
        return scenario.issue(issue_id).title
    except KeyError:
        return issue_id


def _turns(turns: Sequence[int]) -> str:
    """'turn 4', 'turns 4 and 6', 'turns 4, 6 and 9'."""
    if len(turns) == 1:
        return f"turn {turns[0]}"
    if len(turns) > 4:
        return f"{len(turns)} turns from turn {turns[0]}"
    return "turns " + ", ".join(str(t) for t in turns[:-1]) + f" and {turns[-1]}"


def _trust_gate(scenario: m.Scenario, states: Sequence[GameState],
                results: Sequence[TurnResult]) -> list[Lesson]:
    out = []
    for party in scenario.principals:
        hits = [(r.turn, states[r.turn - 1].meters[f"trust.{party.id}"])
                for r in results for resp in r.responses
                if resp.party == party.id and any(x.kind == "trust_gate" for x in resp.reasons)]
        if hits:
            turn, trust = hits[0]
            gate = party.behaviour.substantive_trust
            again = f" ({len(hits)} times in all)" if len(hits) > 1 else ""
            out.append(Lesson(turn, 40 + 10 * len(hits),
                              f"On turn {turn} you proposed substance while {party.name}'s trust "
                              f"in you was {trust}{again}: it takes substance only from a "
                              f"mediator it trusts at {gate:g} or more. Build trust first "
                              f"(dialogue, humanitarian steps), then propose."))
    return out


def _silence(scenario: m.Scenario, states: Sequence[GameState],
             results: Sequence[TurnResult]) -> list[Lesson]:
    out = []
    for party in scenario.principals:
        quiet = [r.turn for r in results for resp in r.responses
                 if resp.party == party.id and resp.kind == "silence"]
        walked = [r.turn for r in results for resp in r.responses
                  if resp.party == party.id and resp.kind == "walk_out"]
        if walked:
            turn = walked[0]
            trust = states[turn - 1].meters[f"trust.{party.id}"]
            out.append(Lesson(turn, 90, f"{party.name} walked out on turn {turn}: its trust in "
                              f"you was {trust} and the proposal crossed one of its hard red "
                              f"lines. Below {party.behaviour.walk_out_below:g} trust, a hard "
                              f"line crossed ends the talks."))
        elif quiet:
            turn = quiet[0]
            trust = states[turn - 1].meters[f"trust.{party.id}"]
            out.append(Lesson(turn, 30 + 5 * len(quiet),
                              f"{party.name} met your proposals with silence on "
                              f"{_turns(quiet)}: its trust in you was {trust} on turn {turn}, "
                              f"below the {party.behaviour.silence_below:g} at which it "
                              f"answers at all."))
    return out


def _red_lines(scenario: m.Scenario, results: Sequence[TurnResult]) -> list[Lesson]:
    out = []
    for party in scenario.principals:
        turns = sorted({r.turn for r in results for resp in r.responses
                        if resp.party == party.id and any(x.kind == "red_line"
                                                          for x in resp.reasons)})
        if not turns:
            continue
        lost = -sum(e.delta for r in results for e in r.ledger
                    if e.rule == "balance:red_line" and e.meter == f"trust.{party.id}")
        cost = f", costing {lost} points of its trust in you" if lost > 0 else ""
        out.append(Lesson(turns[0], 20 + 10 * len(turns),
                          f"Your proposals crossed {party.name}'s hard red lines on "
                          f"{_turns(turns)}{cost}: a hard line is refused whatever else the "
                          f"package offers. Defer the issue or choose another option."))
    return out


def _collapses(scenario: m.Scenario, results: Sequence[TurnResult]) -> list[Lesson]:
    out = []
    for result in results:
        if not result.broken:
            continue
        titles = " and ".join(_issue_title(scenario, i) for i in result.broken)
        plural = "s" if len(result.broken) > 1 else ""
        agreed_on = next((r.turn for r in reversed(results[:result.turn - 1])
                          if any(t.issue in result.broken for t in r.agreed)), None)
        entry = next((e for e in result.ledger if e.meter == "progress" and e.delta < 0), None)
        why = f" ({cause_words(scenario, entry.cause, entry.rule)})" if entry else ""
        if agreed_on is None:
            out.append(Lesson(result.turn, 70, f"The {titles} agreement{plural} collapsed on "
                              f"turn {result.turn}{why}."))
            continue
        before = results[max(agreed_on - 1 - PRESSURE_WINDOW, 0):agreed_on - 1]
        pushes = [r.turn for r in before if isinstance(r.move, TakeAction)
                  and _action_kind(scenario, r.move.action) in COERCIVE]
        if pushes:
            out.append(Lesson(result.turn, 80,
                              f"The {titles} agreement{plural} signed on turn {agreed_on} after "
                              f"leverage on {_turns(pushes)} collapsed on turn {result.turn}"
                              f"{why}: pressure buys a signature more easily than a peace "
                              f"that lasts."))
        else:
            out.append(Lesson(result.turn, 70,
                              f"The {titles} agreement{plural} of turn {agreed_on} collapsed on "
                              f"turn {result.turn}{why}: an agreement lasts when guarantees "
                              f"and trust back it, not signatures alone."))
    return out


def _action_kind(scenario: m.Scenario, action_id: str) -> str:
    try:
        return scenario.action(action_id).kind
    except KeyError:
        return ""


def _stall(results: Sequence[TurnResult]) -> list[Lesson]:
    stalled = [(r.turn, e.delta) for r in results for e in r.ledger if e.rule == "stall"]
    if not stalled:
        return []
    lost = -sum(d for _, d in stalled)
    first = stalled[0][0]
    return [Lesson(first, 8 * len(stalled),
                   f"Talks stalled on {len(stalled)} turn(s) from turn {first}, costing "
                   f"{lost} credibility: a small agreement every few turns (a humanitarian "
                   f"step, a deferral) keeps the talks alive.")]


def _near_misses(scenario: m.Scenario, states: Sequence[GameState],
                 results: Sequence[TurnResult]) -> list[Lesson]:
    out = []
    for party in scenario.principals:
        near = [r.turn for r in results for resp in r.responses
                if resp.party == party.id and resp.kind in ("counter_proposal", "reject")
                and 0 < resp.walkaway - resp.value <= NEAR
                and not meter_visible(states[r.turn - 1], f"walkaway.{party.id}")]
        if near:
            out.append(Lesson(near[0], 15 + 8 * len(near),
                              f"{len(near)} of your proposals fell less than {NEAR} points "
                              f"short of {party.name}'s walk-away ({_turns(near)}) while you "
                              f"had not learned it: a consultation shows how far off a package "
                              f"is and which term costs most."))
    return out


def _untried_counters(scenario: m.Scenario, results: Sequence[TurnResult]) -> list[Lesson]:
    proposed = {r.move.framework for r in results if isinstance(r.move, Propose)}
    out = []
    for r in results:
        for resp in r.responses:
            counter = resp.counter
            if counter is not None and counter not in proposed and not r.agreed:
                later = [x for x in results[r.turn:] if isinstance(x.move, Propose)]
                if later:
                    out.append(Lesson(r.turn, 12, f"On turn {r.turn} {_name(scenario, resp.party)}"
                                      f" said what it would accept (a counter-proposal) and you "
                                      f"never put it on the table: it is a free hint of the "
                                      f"smallest change that works for that side."))
                    return out
    return out


def _idle(scenario: m.Scenario, results: Sequence[TurnResult]) -> list[Lesson]:
    out = []
    passes = [r.turn for r in results if isinstance(r.move, Pass)]
    if len(passes) >= 3:
        out.append(Lesson(passes[0], 4 * len(passes),
                          f"You passed {len(passes)} of {len(results)} turns: a pass costs no "
                          f"trust, but it leaves the clock, the events and the stalled-talk "
                          f"penalties to decide."))
    if results and not any(isinstance(r.move, Propose) for r in results):
        out.append(Lesson(1, 60, "You never put a proposal on the table: actions build trust "
                          "and move walk-away levels, but only agreed terms make progress."))
    uses: dict[str, list[int]] = {}
    for r in results:
        if isinstance(r.move, TakeAction):
            uses.setdefault(r.move.action, []).append(r.turn)
    for action_id, turns in uses.items():
        if len(turns) >= 4:
            try:
                action = scenario.action(action_id)
            except KeyError:
                continue
            if action.diminishing < 1 or action.backlash is not None:
                out.append(Lesson(turns[0], 6 * len(turns),
                                  f"You used {action.title} {len(turns)} times: each repeat "
                                  f"does less (×{action.diminishing:g} per earlier use)"
                                  + (" and provokes a backlash" if action.backlash else "")
                                  + "; vary your tools."))
    return out


def lessons(scenario: m.Scenario, states: Sequence[GameState],
            results: Sequence[TurnResult], count: int = 3) -> list[Lesson]:
    """The `count` weightiest lessons of a game (`states[i]` before `results[i]`), in turn
    order. A game with nothing to learn from gives fewer."""
    found = (_silence(scenario, states, results) + _collapses(scenario, results)
             + _trust_gate(scenario, states, results) + _red_lines(scenario, results)
             + _near_misses(scenario, states, results) + _stall(results)
             + _untried_counters(scenario, results) + _idle(scenario, results))
    found.sort(key=lambda lesson: (-lesson.weight, lesson.turn))
    return sorted(found[:count], key=lambda lesson: lesson.turn)


__all__ = ["Lesson", "lessons"]
