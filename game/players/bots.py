"""Playtesting bots. They see only what a player sees: the scenario's public data, the
knowledge revealed by consultations (knowledge.py) and the answers given so far.

- ``random``: a legal move at random (seeded), proposals of random terms included;
- ``greedy``: each turn proposes every open issue at once, choosing for each issue the option
  with the highest estimated joint value (revealed values, else: refused options count 0);
- ``patient``: confidence-building and humanitarian steps first, then proposals phase by phase
  (deferring what may be deferred), taking up counter-proposals, guarantees and leverage;
- ``cycler``: repeats the cheapest actions and never proposes: the exploit a good design defeats;
- ``coercer``: leverage first (pressure, aid, summits, incentives, on the party that refused
  last), then the packages a pressed party should accept (counter-proposals it was offered, the
  patient bot's packages), then leverage again: the exploit of coercion a good design defeats.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.engine.game import available_actions, check_move, new_game
from game.engine.knowledge import known_values
from game.engine.moves import Framework, Move, Pass, Propose, TakeAction, Term
from game.engine.rules import index_of
from game.engine.state import ACCEPTING, GameState
from game.format import models as m
from game.records.session import Session

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


_memo: tuple[GameState | None, dict[Any, Any]] = (None, {})


def _memo_of(state: GameState) -> dict[Any, Any]:
    """Scratch space for what bots derive from one state (kept for the latest state only)."""
    global _memo
    if _memo[0] is not state:
        _memo = (state, {})
    return _memo[1]


def _party_estimate(session: Session, party: m.Party, issue: m.Issue, option: str) -> float:
    """A party's value of an option as the player can estimate it: the revealed value, else
    a prior that favours the middle of the ordered options, and 0 for a refused option."""
    memo = _memo_of(session.state)
    if ("values", party.id) not in memo:
        memo["values", party.id] = known_values(session.state, party.id)
    values: dict[str, dict[str, float]] | None = memo["values", party.id]
    if values is not None:
        return values[issue.id].get(option, 0.0)
    priors = session.scenario.tables.bot_priors
    key = (party.id, issue.id, option)
    if key not in priors:
        priors[key] = _prior(party, issue, option)
    return priors[key]


def _prior(party: m.Party, issue: m.Issue, option: str) -> float:
    """The estimate from public data alone (see `_party_estimate`)."""
    for line in party.red_lines:
        for ref in line.options:
            if ref.issue == issue.id and ref.option is not None and not ref.deferred and (
                    option in (ref.option if isinstance(ref.option, list) else [ref.option])):
                return 0.0 if line.kind == "hard" else 20.0
    ids = [o.id for o in issue.options]
    middle = (len(ids) - 1) / 2
    return 50.0 - 10.0 * abs(ids.index(option) - middle)


def _estimated_value(session: Session, issue: m.Issue, option: str) -> float:
    """Joint estimate: the worst-off principal's estimated value (a cautious mediator)."""
    memo = _memo_of(session.state)
    key = (issue.id, option)
    if key not in memo:
        memo[key] = min(_party_estimate(session, p, issue, option)
                        for p in session.scenario.principals)
    value: float = memo[key]
    return value


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


_CONFIDENCE_KINDS = ("humanitarian", "consultation", "dialogue", "guarantee")
_LEVERAGE_KINDS = ("pressure", "aid", "incentive", "summit", "guarantee")
_PATIENT_LEVERAGE_UNTIL = 4  # the patient bot uses coercive leverage only this early: a truce
# signed soon after pressure or inducements is fragile (the mediation dilemma)


def _patient_leverage(turn: int) -> tuple[str, ...]:
    return _LEVERAGE_KINDS if turn <= _PATIENT_LEVERAGE_UNTIL else ("guarantee",)


def _best_action(session: Session, kinds: tuple[str, ...], min_factor: float = 0.45,
                 target: str | None = None) -> Move | None:
    statuses = [s for s in available_actions(session.state) if s.available]
    for kind in kinds:
        for status in statuses:
            if status.action.kind != kind or status.next_factor < min_factor:
                continue
            if status.targets:
                chosen = target if target in status.targets else _target_for(session,
                                                                               status.action)
                if chosen is None:
                    continue
                return TakeAction(status.action.id, chosen)
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


def _proposed_before(session: Session, framework: Framework, within: int | None = None
                     ) -> bool:
    """Proposed already (in the last `within` turns, when given: a patient mediator tries a
    refused package again once conditions may have ripened)."""
    since = 0 if within is None else session.state.turn - within + 1
    return any(isinstance(r.move, Propose) and r.move.framework == framework
               and r.turn >= since for r in session.results)


def _known_linkages(session: Session) -> list[m.Linkage]:
    """Linkages revealed by consultation or named in a party's answer."""
    named = {reason.rule.split(":", 1)[1] for result in session.results
             for response in result.responses for reason in response.reasons
             if reason.rule.startswith("linkage:")}
    out: list[m.Linkage] = []
    for party in session.scenario.principals:
        revealed = (party.id, "linkages") in session.state.revealed
        out.extend(link for link in party.linkages if revealed or link.id in named)
    return out


def _indivisible(session: Session, issue: m.Issue) -> bool:
    """Every option of the issue is publicly refused by some principal."""
    return all(_estimated_value(session, issue, o.id) == 0.0 for o in issue.options)


def _consent_withheld(session: Session, issue: m.Issue, option: str) -> bool:
    """A stakeholder withheld its consent to this option in the last three turns (a player
    sees that in the answers): try another option for a while."""
    scenario = session.scenario
    for result in session.results[-3:]:
        if not isinstance(result.move, Propose):
            continue
        term = result.move.framework.term(issue.id)
        if term is None or term.option != option:
            continue
        for check in result.consents:
            if check.given:
                continue
            entry_id = check.rule.split(":", 1)[1]
            holder = scenario.party(check.stakeholder)
            for entry in holder.consents:
                if entry.id == entry_id and any(_matches(r, term) for r in entry.options):
                    return True
    return False


def _ranked_options(session: Session, issue: m.Issue, allowed: list[str] | None = None
                    ) -> list[str]:
    ids = [o.id for o in issue.options if allowed is None or o.id in allowed]
    return sorted(ids, key=lambda o: (_consent_withheld(session, issue, o),
                                      -_estimated_value(session, issue, o)))


def _next_phase_terms(session: Session) -> dict[str, list[str | None]]:
    """What the next phase's `requires` names (its `agreed` terms): issue -> options allowed
    (None stands for deferring it), for the open issues. Empty when nothing is named."""
    from game.engine.conditions import leaves

    scenario = session.scenario
    state = session.state
    order = scenario.phase_order
    out: dict[str, list[str | None]] = {}
    for phase in scenario.phases:
        if order[phase.id] <= order.get(state.phase, 0) or phase.requires is None:
            continue
        for leaf in leaves(phase.requires):
            if not isinstance(leaf, m.AgreedCond):
                continue
            ref = leaf.agreed
            held = state.agreed.get(ref.issue)
            if held is not None and _matches(ref, held.term):
                continue
            issue = scenario.issue(ref.issue)
            allowed = out.setdefault(ref.issue, [])
            if ref.deferred and issue.deferrable and held is None:
                allowed.append(None)
            elif not ref.deferred:
                opts = ref.option if isinstance(ref.option, list) else (
                    [ref.option] if ref.option else [o.id for o in issue.options])
                allowed.extend(o for o in opts if o not in allowed)
        if out:
            return {k: v for k, v in out.items() if v}
    return out


def _patient_package(session: Session, attempt: int) -> Framework | None:
    """The terms the next phase requires (else the earliest open phase's issues), what known
    linkages require, indivisible issues deferred; `attempt` cycles through the plausible
    options."""
    scenario = session.scenario
    phases = [p.id for p in scenario.phases]
    issues = _open_issues(session)
    agreed = session.state.agreed
    divisible = [i for i in issues if not _indivisible(session, i)]
    if not divisible:
        deferred = [Term(i.id, deferred=True) for i in issues
                    if i.deferrable and i.id not in agreed]
        return Framework.of(deferred, scenario) if deferred else None
    terms: dict[str, Term] = {}
    reached = scenario.phase_order.get(session.state.phase, 0)
    current = [i for i in divisible if phases.index(i.phase) <= reached]
    wanted = {} if current else _next_phase_terms(session)
    if wanted:
        for n, (issue_id, allowed) in enumerate(wanted.items()):
            issue = scenario.issue(issue_id)
            if None in allowed:  # the phase lets it be frozen for later: do that
                terms[issue_id] = Term(issue_id, deferred=True)
                continue
            ranked = _ranked_options(session, issue, [o for o in allowed if o is not None])
            if ranked:
                terms[issue_id] = Term(issue_id, ranked[(attempt >> n) % min(2, len(ranked))],
                                       issue.phase)
    else:
        first = min(phases.index(i.phase) for i in divisible)
        for n, issue in enumerate(i for i in divisible if phases.index(i.phase) == first):
            ranked = _ranked_options(session, issue)
            terms[issue.id] = Term(issue.id, ranked[(attempt >> n) % min(2, len(ranked))],
                                   issue.phase)
    open_ids = {i.id for i in issues}
    known_linkages = _known_linkages(session)
    for _ in range(3):  # close over known linkages
        for link in known_linkages:
            if not any(_matches(link.if_, t) for t in terms.values()):
                continue
            have = list(terms.values()) + [a.term for a in agreed.values()]
            if any(_matches(link.requires, t) for t in have):
                continue
            issue = scenario.issue(link.requires.issue)
            if issue.id not in open_ids or issue.id in terms:
                continue
            required = link.requires.option
            allowed_ids = required if isinstance(required, list) else (
                [required] if required else None)
            ranked = _ranked_options(session, issue, allowed_ids)
            if ranked:
                terms[issue.id] = Term(issue.id, ranked[0], issue.phase)
    if attempt % 3 == 2:
        for issue in issues:
            if issue.id not in terms and issue.deferrable and issue.id not in agreed and (
                    _indivisible(session, issue)):
                terms[issue.id] = Term(issue.id, deferred=True)
    return Framework.of(terms.values(), scenario) if terms else None


def _next_package(session: Session, within: int | None) -> Move | None:
    """The next of the patient packages not proposed already (in the last `within` turns)."""
    attempts = sum(1 for r in session.results if isinstance(r.move, Propose))
    for extra in range(6):
        package = _patient_package(session, attempts + extra)
        if package is None:
            break
        move = Propose(package)
        if not _proposed_before(session, package, within) and _usable(session, move):
            return move
    return None


def _matches(ref: m.TermRef, term: Term) -> bool:
    from game.engine.conditions import term_matches

    return term_matches(ref, term)


def _crosses_known_hard_line(session: Session, framework: Framework) -> bool:
    """Red lines are public: does a term cross some principal's hard line?"""
    return any(
        line.kind == "hard"
        for party in session.scenario.principals for term in framework.terms
        for line in index_of(session.scenario, party.id).crossed(term)
    )


def patient_bot(session: Session, rng: random.Random) -> Move:
    turn = session.state.turn + 1
    last = session.results[-1] if session.results else None
    # 1. take up a counter-proposal that crosses nobody's public hard red line, from a party
    #    that refused on value alone while the others accepted (a counter to a red line or a
    #    linkage only leads away from what the other side accepted)
    if last is not None:
        for response in last.responses:
            counter = response.counter
            others_accept = all(r.kind in ACCEPTING for r in last.responses if r is not response)
            on_value = all(x.kind in ("walkaway", "value", "behaviour")
                           for x in response.reasons)
            if (counter is not None and others_accept and on_value
                    and not _proposed_before(session, counter)
                    and not _crosses_known_hard_line(session, counter)):
                move: Move = Propose(counter)
                if _usable(session, move):
                    return move
    # 2. after a refusal on value, use leverage on the party that refused
    if last is not None and isinstance(last.move, Propose):
        short = [r.party for r in last.responses
                 if r.kind not in ACCEPTING and any(x.kind == "walkaway" for x in r.reasons)]
        if short:
            action = _best_action(session, _patient_leverage(turn), target=short[0])
            if action is not None:
                return action
    # 3. confidence-building first, then alternate proposals and actions
    if turn <= 2 or (last is not None and isinstance(last.move, Propose)):
        action = _best_action(session, _CONFIDENCE_KINDS)
        if action is not None:
            return action
    package = _next_package(session, within=3)
    if package is not None:
        return package
    action = _best_action(session, _CONFIDENCE_KINDS + _patient_leverage(turn), min_factor=0.0)
    return action if action is not None else Pass()


def cycler_bot(session: Session, rng: random.Random) -> Move:
    statuses = [s for s in available_actions(session.state) if s.available]
    if not statuses:
        return Pass()
    cheapest = min(statuses, key=lambda s: (sum(s.action.cost.values()), s.action.id))
    target = cheapest.targets[0] if cheapest.targets else None
    return TakeAction(cheapest.action.id, target)


_COERCIVE_KINDS = ("pressure", "aid", "summit", "incentive")
COERCE_MOVES = 2  # leverage moves before each proposal


def _refuser(session: Session) -> str | None:
    """The principal that refused the latest proposal (the first one), if any."""
    for result in reversed(session.results):
        if isinstance(result.move, Propose):
            for response in result.responses:
                if response.kind not in ACCEPTING:
                    return response.party
            return None
    return None


def _coercive_action(session: Session, target: str | None, min_factor: float) -> Move | None:
    """A leverage action (see _COERCIVE_KINDS) on `target`, or one that needs no target;
    actions with other targets (aid to one side presses the other) come last."""
    statuses = [s for s in available_actions(session.state) if s.available
                and s.action.kind in _COERCIVE_KINDS and s.next_factor >= min_factor]
    if not statuses:
        return None

    def order(s: Any) -> tuple[int, int, str]:
        aims = 0 if target is not None and target in s.targets else 1 if not s.targets else 2
        return (aims, _COERCIVE_KINDS.index(s.action.kind), s.action.id)

    status = min(statuses, key=order)
    if not status.targets:
        return TakeAction(status.action.id)
    chosen = target if target in status.targets else status.targets[0]
    return TakeAction(status.action.id, chosen)


def coercer_bot(session: Session, rng: random.Random) -> Move:
    last = session.results[-1] if session.results else None
    # 1. a counter-proposal is what a pressed party says it would accept: take it up
    if last is not None:
        for response in last.responses:
            counter = response.counter
            if (counter is not None and not _proposed_before(session, counter)
                    and not _crosses_known_hard_line(session, counter)):
                move: Move = Propose(counter)
                if _usable(session, move):
                    return move
    # 2. leverage on the party that refused (or anyone, before the first proposal)
    since = 0
    for result in reversed(session.results):
        if isinstance(result.move, Propose):
            break
        since += 1
    if since < COERCE_MOVES:
        action = _coercive_action(session, _refuser(session), 0.3)
        if action is not None:
            return action
    # 3. then the package a pressed party should accept
    package = _next_package(session, within=None)
    if package is not None:
        return package
    action = _coercive_action(session, _refuser(session), 0.0)
    return action if action is not None else Pass()


BOTS: dict[str, Bot] = {
    "random": random_bot, "greedy": greedy_bot, "patient": patient_bot, "cycler": cycler_bot,
    "coercer": coercer_bot,
}


def play_bot(scenario: m.Scenario | None, mediator: str, seed: int, bot: str,
             scenario_path: str | Path | None) -> Session:
    """Play a whole game with one bot; deterministic for (scenario, mediator, seed, bot).
    Without a path (the analysis), the session records no scenario file."""
    if scenario_path is None:
        assert scenario is not None
        session = Session(scenario, "", "", mediator, seed, [new_game(scenario, mediator, seed)])
    else:
        session = Session.new(scenario_path, mediator, seed, scenario=scenario)
    choose = BOTS[bot]
    rng = random.Random(f"{bot}:{seed}")
    while not session.over:
        move = choose(session, rng)
        if check_move(session.state, move) is not None:
            move = Pass()
        session.play(move)
    return session
