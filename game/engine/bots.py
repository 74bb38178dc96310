"""Playtesting bots. They see only what a player sees: the scenario's public data, the
knowledge revealed by consultations (knowledge.py) and the answers given so far.

- ``random``: a legal move at random (seeded), proposals of random terms included;
- ``greedy``: each turn proposes every open issue at once, choosing for each issue the option
  with the highest estimated joint value (revealed values, else: refused options count 0);
- ``patient``: confidence-building and humanitarian steps first, then proposals phase by phase
  (deferring what may be deferred), taking up counter-proposals, guarantees and leverage;
- ``cycler``: repeats the cheapest actions and never proposes: the exploit a good design defeats.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from . import models as m
from .engine import available_actions, check_move
from .knowledge import known_info
from .moves import Framework, Move, Pass, Propose, TakeAction, Term
from .session import Session
from .state import ACCEPTING

Bot = Callable[[Session, random.Random], Move]


def _open_issues(session: Session) -> list[m.Issue]:
    agreed = session.state.agreed
    return [i for i in session.scenario.issues if i.id not in agreed or agreed[i.id].term.deferred]


def _refused(session: Session) -> set[tuple[str, str]]:
    """(issue, option) pairs that some principal publicly refuses (hard red lines)."""
    out: set[tuple[str, str]] = set()
    for party in session.scenario.principals:
        for line in party.red_lines:
            if line.kind != "hard":
                continue
            for ref in line.options:
                if ref.option is None or ref.deferred:
                    continue
                for option in ref.option if isinstance(ref.option, list) else [ref.option]:
                    out.add((ref.issue, option))
    return out


def _party_estimate(session: Session, party: m.Party, issue: m.Issue, option: str) -> float:
    """A party's value of an option as the player can estimate it: the revealed value, else
    a prior that favours the middle of the ordered options, and 0 for a refused option."""
    info = known_info(session.state, party.id)
    if info.values is not None:
        return info.values[issue.id].get(option, 0.0)
    for line in party.red_lines:
        for ref in line.options:
            if ref.issue == issue.id and ref.option is not None and not ref.deferred and (
                    option in (ref.option if isinstance(ref.option, list) else [ref.option])):
                return 0.0
    ids = [o.id for o in issue.options]
    middle = (len(ids) - 1) / 2
    return 50.0 - 10.0 * abs(ids.index(option) - middle)


def _estimated_value(session: Session, issue: m.Issue, option: str) -> float:
    """Joint estimate: the worst-off principal's estimated value (a cautious mediator)."""
    return min(_party_estimate(session, p, issue, option) for p in session.scenario.principals)


def _usable(session: Session, move: Move) -> bool:
    return check_move(session.state, move) is None


def random_bot(session: Session, rng: random.Random) -> Move:
    state = session.state
    actions = [s for s in available_actions(state) if s.available]
    if actions and rng.random() < 0.5:
        status = rng.choice(actions)
        target = rng.choice(status.targets) if status.targets else None
        return TakeAction(status.action.id, target)
    issues = _open_issues(session)
    if issues and rng.random() < 0.9:
        chosen = rng.sample(issues, rng.randint(1, len(issues)))
        terms = []
        for issue in chosen:
            if issue.deferrable and issue.id not in state.agreed and rng.random() < 0.25:
                terms.append(Term(issue.id, deferred=True))
            else:
                terms.append(Term(issue.id, rng.choice(issue.options).id, issue.phase))
        move: Move = Propose(Framework.of(terms, session.scenario))
        if _usable(session, move):
            return move
    return Pass()


def greedy_bot(session: Session, rng: random.Random) -> Move:
    terms = []
    for issue in _open_issues(session):
        best = max(issue.options,
                   key=lambda o: (_estimated_value(session, issue, o.id),
                                  -abs(issue.options.index(o) - (len(issue.options) - 1) / 2)))
        terms.append(Term(issue.id, best.id, issue.phase))
    move: Move = Propose(Framework.of(terms, session.scenario))
    return move if terms and _usable(session, move) else Pass()


_PATIENT_KINDS = ("humanitarian", "guarantee", "dialogue", "summit", "consultation",
                  "incentive", "pressure", "aid")


def _best_action(session: Session, kinds: tuple[str, ...], min_factor: float = 0.45
                 ) -> Move | None:
    statuses = [s for s in available_actions(session.state) if s.available]
    for kind in kinds:
        for status in statuses:
            if status.action.kind != kind or status.next_factor < min_factor:
                continue
            if status.targets:
                target = _target_for(session, status.action)
                if target is None:
                    continue
                return TakeAction(status.action.id, target)
            return TakeAction(status.action.id)
    return None


def _target_for(session: Session, action: m.Action) -> str | None:
    """Consult whom we know least about; press whoever refused most recently."""
    if action.kind == "consultation":
        for party in action.targets:
            if not any(p == party for p, _ in session.state.revealed):
                return party
        return None
    for result in reversed(session.results):
        for response in result.responses:
            if response.kind not in ACCEPTING and response.party in action.targets:
                return response.party
    return action.targets[0] if action.targets else None


def _proposed_before(session: Session, framework: Framework) -> bool:
    return any(isinstance(r.move, Propose) and r.move.framework == framework
               for r in session.results)


def _patient_package(session: Session, attempt: int) -> Framework | None:
    """Open issues of the earliest open phase, the rest deferred where allowed."""
    scenario = session.scenario
    phases = [p.id for p in scenario.phases]
    issues = _open_issues(session)
    if not issues:
        return None
    first = min(phases.index(i.phase) for i in issues)
    refused = _refused(session)
    terms: list[Term] = []
    for issue in issues:
        if phases.index(issue.phase) == first:
            options = [o for o in issue.options if (issue.id, o.id) not in refused] or issue.options
            ranked = sorted(options, key=lambda o: -_estimated_value(session, issue, o.id))
            # cycle through the plausible options as attempts fail
            terms.append(Term(issue.id, ranked[attempt % len(ranked)].id, issue.phase))
        elif (issue.deferrable and issue.id not in session.state.agreed
              and attempt % 2 == 1):
            terms.append(Term(issue.id, deferred=True))
    return Framework.of(terms, scenario) if terms else None


def patient_bot(session: Session, rng: random.Random) -> Move:
    turn = session.state.turn + 1
    # 1. take up a counter-proposal we have not tried yet
    if session.results:
        last = session.results[-1]
        for response in last.responses:
            if response.counter is not None and not _proposed_before(session, response.counter):
                move: Move = Propose(response.counter)
                if _usable(session, move):
                    return move
    # 2. confidence-building first, then alternate actions and proposals
    if turn <= 3 or turn % 2 == 0:
        action = _best_action(session, _PATIENT_KINDS)
        if action is not None:
            return action
    attempts = sum(1 for r in session.results if isinstance(r.move, Propose))
    for extra in range(4):
        package = _patient_package(session, attempts + extra)
        if package is None:
            break
        move = Propose(package)
        if not _proposed_before(session, package) and _usable(session, move):
            return move
    action = _best_action(session, _PATIENT_KINDS, min_factor=0.0)
    return action if action is not None else Pass()


def cycler_bot(session: Session, rng: random.Random) -> Move:
    statuses = [s for s in available_actions(session.state) if s.available]
    if not statuses:
        return Pass()
    cheapest = min(statuses, key=lambda s: (sum(s.action.cost.values()), s.action.id))
    target = cheapest.targets[0] if cheapest.targets else None
    return TakeAction(cheapest.action.id, target)


BOTS: dict[str, Bot] = {
    "random": random_bot, "greedy": greedy_bot, "patient": patient_bot, "cycler": cycler_bot,
}


def play_bot(scenario: m.Scenario | None, mediator: str, seed: int, bot: str,
             scenario_path: str | Path) -> Session:
    """Play a whole game with one bot; deterministic for (scenario, mediator, seed, bot)."""
    session = Session.new(scenario_path, mediator, seed, scenario=scenario)
    choose = BOTS[bot]
    rng = random.Random(f"{bot}:{seed}")
    while not session.over:
        move = choose(session, rng)
        if check_move(session.state, move) is not None:
            move = Pass()
        session.play(move)
    return session
