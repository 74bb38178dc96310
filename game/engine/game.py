"""The engine: new_game, check_move, apply, score. Pure functions over immutable states.

General rules applied here (tuned by the scenario's ``rules`` section; the principals' answers
themselves are decided in ``rules.py``):

- a proposal crossing a hard red line of a principal costs ``red_line_trust_cost`` of its trust
  in the mediator (the balancing act: leaning towards one side costs standing with the other);
- when a package is agreed, every principal gains ``accept_trust_gain`` trust in the
  mediator (a one-sided acceptance gains nothing: no farming by repeating one side's terms);
- an agreement adds each option's ``effects_when_agreed``; one that settles at least one term
  with an option (not only deferrals) also adds ``agreement_credibility_gain`` credibility and
  ``agreement_trust_gain`` trust between every pair of principals, both times
  ``agreement_fatigue ** (earlier such agreements)``, and resets the stall count;
- progress is computed from what is agreed now, never accumulated: ``initial_progress`` plus
  ``100 / issues`` per issue settled with an option and ``deferred_progress_share`` of that
  per deferred issue, at most 100, rounded once (a broken agreement takes its share back);
- from ``stall_turns`` turns after the last agreement, each turn costs ``stall_cost``
  credibility (failing to secure concessions costs credibility);
- an action's effects are scaled by the mediator's strength for it, by
  ``diminishing ** uses`` (repeating the same action yields less each time) and by
  ``kind_fatigue ** uses of other actions of the same kind`` (no farming with look-alikes);
- an effect with ``lasts: N`` is undone at the end of the N-th turn after it (leverage fades;
  a flag set that way is cleared); an action's ``backlash`` applies once per earlier use on the
  same target within its window (repeated pressure hardens the pressed party);
- temporary effects wear off at the end of a turn, then events fire in file order when their
  trigger holds, then statements; both see the turn's proposal as ``on_table``;
- the game ends on a walk-out, credibility 0, every issue settled, the scenario's
  ``rules.end_when`` (seeing the phase reached this turn), or the turn limit; the score is
  capped by the outcome's ``cap``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Unpack

from game.engine.conditions import Context, holds, phase_index
from game.engine.errors import IllegalMoveError, UnknownMediatorError
from game.engine.moves import Framework, Move, Pass, Propose, TakeAction, Term
from game.engine.rules import consents, respond
from game.engine.state import (
    AgreedTerm,
    ConsentCheck,
    Ending,
    EndReason,
    Expiring,
    GameState,
    Happening,
    LedgerEntry,
    Response,
    StateChanges,
    TurnResult,
    all_agree,
)
from game.engine.wording import say
from game.format import meters
from game.format import models as m

ENGINE_VERSION = "2.1"
GLOBAL_METERS = meters.GLOBAL_METERS


def round_half_away(x: float) -> int:
    return int(math.floor(abs(x) + 0.5)) * (1 if x >= 0 else -1)


# --------------------------------------------------------------------------- new game


def new_game(scenario: m.Scenario, mediator_id: str, seed: int) -> GameState:
    try:
        mediator = scenario.mediator(mediator_id)
    except KeyError:
        ids = ", ".join(x.id for x in scenario.mediators)
        raise UnknownMediatorError(f"unknown mediator {mediator_id!r} (one of: {ids})") from None
    meters: dict[str, int] = {
        "credibility": round_half_away(mediator.credibility),
        "progress": round_half_away(scenario.rules.initial_progress),
        "humanitarian": round_half_away(scenario.rules.initial_humanitarian),
    }
    for party in scenario.principals:
        meters[f"trust.{party.id}"] = round_half_away(mediator.standing.get(party.id, 50))
        for other in scenario.principals:
            if other.id != party.id:
                meters[f"trust.{party.id}.{other.id}"] = round_half_away(
                    party.trust.get(other.id, 50))
        assert party.walkaway is not None
        meters[f"walkaway.{party.id}"] = round_half_away(party.walkaway.base)
    ledger = tuple(
        LedgerEntry(0, name, value, value, "starting value", "start")
        for name, value in meters.items()
    )
    return GameState(
        scenario=scenario, mediator=mediator_id, seed=seed, turn=0, meters=meters, agreed={},
        flags=frozenset(), phase=scenario.phases[0].id, actions_taken=(),
        revealed=frozenset(), fired=frozenset(), last_agreement_turn=0, ledger=ledger, moves=(),
    )


# --------------------------------------------------------------------------- legality


@dataclass(frozen=True, slots=True)
class ActionStatus:
    action: m.Action
    available: bool
    reason: str  # why not, when not available
    cooldown_left: int
    uses: int
    next_factor: float  # effect multiplier if used now (strength x diminishing ** uses)
    targets: list[str]


def action_status(state: GameState, action_id: str) -> ActionStatus:
    return _action_status(state, action_id, state.uses(), state.last_used())


def _action_status(state: GameState, action_id: str, all_uses: dict[str, int],
                   last_used: dict[str, int]) -> ActionStatus:
    scenario = state.scenario
    action = scenario.action(action_id)
    mediator = scenario.mediator(state.mediator)
    uses = all_uses.get(action_id, 0)
    last = last_used.get(action_id)
    turn = state.turn + 1
    cooldown_left = 0 if last is None else max(0, last + action.cooldown + 1 - turn)
    kind_uses = sum(n for other, n in all_uses.items()
                    if other != action_id and scenario.action(other).kind == action.kind)
    factor = (mediator.strength.get(action_id, 1.0) * action.diminishing**uses
              * scenario.rules.kind_fatigue**kind_uses)
    reason = ""
    if state.over:
        reason = "the game is over"
    elif action_id not in mediator.actions:
        reason = f"{mediator.name} does not have this tool"
    elif cooldown_left:
        reason = f"on cooldown for {cooldown_left} more turn(s)"
    elif not holds(action.requires, Context(state, turn=turn)):
        reason = f"not yet: {say(action.requires, scenario)}"
    else:
        for meter, cost in sorted(action.cost.items()):
            short = [n for n in _resolve_meter(state, meter, None)
                     if n in state.meters and state.meters[n] < cost]
            if short:
                reason = f"not enough {short[0]} ({state.meters[short[0]]} < {cost:g})"
                break
    return ActionStatus(action, not reason, reason, cooldown_left, uses, factor,
                        list(action.targets))


def available_actions(state: GameState) -> list[ActionStatus]:
    """Status of every action of the played mediator, in the mediator's order."""
    mediator = state.scenario.mediator(state.mediator)
    uses, last_used = state.uses(), state.last_used()
    return [_action_status(state, a, uses, last_used) for a in mediator.actions]


class MoveProblem(str):
    """Why a move is illegal: the message (it is a str) and a stable `code` for programs
    (game_over, unknown_action, action_unavailable, needs_target, bad_target, no_target,
    unknown_move, empty, repeated_issue, unknown_issue, already_agreed, not_deferrable,
    already_deferred, unknown_option, unknown_phase, too_early)."""

    code: str

    def __new__(cls, code: str, message: str) -> MoveProblem:
        problem = super().__new__(cls, message)
        problem.code = code
        return problem


def check_move(state: GameState, move: Move) -> MoveProblem | None:
    """Why `move` is illegal now (a `MoveProblem`: a code and a message), or None when it is
    legal."""
    if state.over:
        return MoveProblem("game_over", "the game is over")
    if isinstance(move, Pass):
        return None
    if isinstance(move, TakeAction):
        try:
            status = action_status(state, move.action)
        except KeyError:
            return MoveProblem("unknown_action", f"unknown action {move.action!r}")
        if not status.available:
            return MoveProblem("action_unavailable", f"{status.action.title}: {status.reason}")
        if status.targets:
            if move.target is None:
                return MoveProblem("needs_target", f"{status.action.title} needs a target: "
                                   f"{', '.join(status.targets)}")
            if move.target not in status.targets:
                return MoveProblem("bad_target",
                                   f"{status.action.title} cannot target {move.target!r}")
        elif move.target is not None:
            return MoveProblem("no_target", f"{status.action.title} takes no target")
        return None
    if isinstance(move, Propose):
        return _check_framework(state, move.framework)
    return MoveProblem("unknown_move", f"unknown move {move!r}")


def _check_framework(state: GameState, framework: Framework) -> MoveProblem | None:
    scenario = state.scenario
    if not framework.terms:
        return MoveProblem("empty", "a proposal needs at least one term")
    phases = [p.id for p in scenario.phases]
    seen = set()
    for term in framework.terms:
        if term.issue in seen:
            return MoveProblem("repeated_issue", f"issue {term.issue!r} appears twice")
        seen.add(term.issue)
        try:
            issue = scenario.issue(term.issue)
        except KeyError:
            return MoveProblem("unknown_issue", f"unknown issue {term.issue!r}")
        agreed = state.agreed.get(term.issue)
        if agreed is not None and not agreed.term.deferred:
            return MoveProblem("already_agreed", f"{issue.title} is already agreed")
        if term.deferred:
            if not issue.deferrable:
                return MoveProblem("not_deferrable", f"{issue.title} cannot be deferred")
            if agreed is not None:
                return MoveProblem("already_deferred", f"{issue.title} is already deferred")
            continue
        if term.option not in {o.id for o in issue.options}:
            return MoveProblem("unknown_option",
                               f"unknown option {term.option!r} for {issue.title}")
        if term.phase not in phases:
            return MoveProblem("unknown_phase", f"unknown phase {term.phase!r}")
        if phases.index(term.phase) < phases.index(issue.phase):
            return MoveProblem("too_early", f"{issue.title} cannot be placed before the "
                                            f"{issue.phase} phase")
    return None


def legal_moves(state: GameState) -> list[Move]:
    """Pass and every usable action (with each target). Proposals are not enumerated."""
    if state.over:
        return []
    moves: list[Move] = [Pass()]
    for status in available_actions(state):
        if not status.available:
            continue
        if status.targets:
            moves.extend(TakeAction(status.action.id, t) for t in status.targets)
        else:
            moves.append(TakeAction(status.action.id))
    return moves


# --------------------------------------------------------------------------- apply


def _resolve_meter(state: GameState, name: str, target: str | None) -> list[str]:
    """Expand 'target'/'others' in a party meter name into concrete meter names."""
    names = state.scenario.tables.meter_names
    if (name, target) not in names:
        principals = [p.id for p in state.scenario.principals]
        names[name, target] = meters.expand(name, principals, target)
    return names[name, target]


@dataclass
class _Turn:
    """Mutable scratch space while one turn is applied; never escapes `apply`."""

    state: GameState
    turn: int
    meters: dict[str, int]
    agreed: dict[str, AgreedTerm]
    flags: set[str]
    revealed: set[tuple[str, str]]
    fired: set[str]
    since: dict[str, int]
    ledger: list[LedgerEntry] = field(default_factory=list)
    happenings: list[Happening] = field(default_factory=list)
    expiring: list[Expiring] = field(default_factory=list)
    revealed_now: list[tuple[str, str]] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def bounds(self, meter: str) -> tuple[int, int]:
        parsed = meters.parse(meter)
        if parsed is not None and parsed.kind == "walkaway" and parsed.party is not None:
            wa = self.state.scenario.party(parsed.party).walkaway
            assert wa is not None
            return round_half_away(wa.min), round_half_away(wa.max)
        return 0, 100

    def change(self, meter: str, delta: float, cause: str, rule: str) -> int:
        """Change a meter (rounded, clamped); returns the change actually made."""
        if meter not in self.meters:
            return 0
        lo, hi = self.bounds(meter)
        old = self.meters[meter]
        new = min(hi, max(lo, old + round_half_away(delta)))
        if new != old:
            self.meters[meter] = new
            self.ledger.append(LedgerEntry(self.turn, meter, new - old, new, cause, rule))
        return new - old

    def snapshot(self, **changes: Unpack[StateChanges]) -> GameState:
        now: StateChanges = {
            "meters": dict(self.meters), "agreed": dict(self.agreed),
            "flags": frozenset(self.flags), "revealed": frozenset(self.revealed),
            "fired": frozenset(self.fired), "expiring": tuple(self.expiring),
            "since": dict(self.since),
        }
        now.update(changes)
        return self.state.evolve(**now)

    def forget_expiry(self, flag: str) -> None:
        """The flag no longer wears off by itself (set again, or cleared)."""
        self.expiring = [e for e in self.expiring if not (e.kind == "flag" and e.name == flag)]

    def timed(self, key: str) -> None:
        """Note this turn as when an event fired or a flag was set, if a condition times it."""
        if key in self.state.scenario.timers:
            self.since[key] = self.turn

    def unset(self, flag: str) -> None:
        self.flags.discard(flag)
        self.since.pop(f"flag:{flag}", None)

    def set_flag(self, flag: str, lasts: int | None, cause: str, rule: str) -> None:
        if flag not in self.flags:
            self.timed(f"flag:{flag}")
        self.flags.add(flag)
        self.forget_expiry(flag)
        if lasts:
            self.expiring.append(Expiring(self.turn + lasts, "flag", flag, 0, cause, rule))

    def wear_off(self) -> None:
        """Undo the temporary effects whose time is up (leverage fades), oldest first."""
        due = [e for e in self.expiring if e.until <= self.turn]
        if not due:
            return
        self.expiring = [e for e in self.expiring if e.until > self.turn]
        for e in due:
            if e.kind == "flag":
                self.unset(e.name)
                self.notes.append(f"{e.cause}: its effect ({e.name}) has worn off.")
            else:
                self.change(e.name, -e.delta, f"{e.cause} wore off", f"expired:{e.rule}")

    def progress(self, cause: str, rule: str) -> None:
        """Set progress from the agreed terms (never accumulated; see `progress_of`)."""
        target = round_half_away(progress_of(self.state.scenario, self.agreed))
        self.change("progress", target - self.meters["progress"], cause, rule)

    def effects(self, effects: list[m.Effect], factor: float, cause: str, rule: str,
                target: str | None = None) -> None:
        for effect in effects:
            match effect:
                case m.MeterEffect(meter=meter, delta=delta, lasts=lasts):
                    for name in _resolve_meter(self.state, meter, target):
                        done = self.change(name, delta * factor, cause, rule)
                        if lasts and done:
                            self.expiring.append(
                                Expiring(self.turn + lasts, "meter", name, done, cause, rule))
                case m.FlagEffect(set_flag=flag, lasts=lasts):
                    self.set_flag(flag, lasts, cause, rule)
                case m.ClearFlagEffect(clear_flag=flag):
                    self.unset(flag)
                    self.forget_expiry(flag)
                case m.RevealEffect(reveal=ref):
                    parties = _resolve_meter(self.state, f"x.{ref.party}", target)
                    for party in (p.split(".", 1)[1] for p in parties):
                        for what in ref.what:
                            if (party, what) not in self.revealed:
                                self.revealed.add((party, what))
                                self.revealed_now.append((party, what))
                case m.BreakEffect(break_agreement=issue_id):
                    if issue_id in self.agreed:
                        self.agreed.pop(issue_id)
                        self.broken.append(issue_id)
                        self.progress(cause, rule)


def progress_of(scenario: m.Scenario, agreed: Mapping[str, AgreedTerm]) -> float:
    """Progress from what is agreed now: ``initial_progress`` plus, per issue, ``100 / issues``
    when settled with an option and ``deferred_progress_share`` of that when deferred; at most
    100. Rounded only when it becomes the meter."""
    rules = scenario.rules
    share = 100 / len(scenario.issues)
    total = rules.initial_progress + sum(
        share * (rules.deferred_progress_share if a.term.deferred else 1.0)
        for a in agreed.values())
    return min(100.0, total)


def apply(state: GameState, move: Move) -> tuple[GameState, TurnResult]:
    """Play one move: the next state and what happened. `state` is left unchanged."""
    reason = check_move(state, move)
    if reason is not None:
        raise IllegalMoveError(reason)
    scenario = state.scenario
    rules = scenario.rules
    turn = state.turn + 1
    t = _Turn(state=state, turn=turn, meters=dict(state.meters), agreed=dict(state.agreed),
              flags=set(state.flags), revealed=set(state.revealed), fired=set(state.fired),
              since=dict(state.since), expiring=list(state.expiring))
    t.state = state.evolve(turn=turn, moves=state.moves + (move,))
    responses: tuple[Response, ...] = ()
    checks: tuple[ConsentCheck, ...] = ()
    agreed_now: list[Term] = []
    settled = False  # an agreement settled a term this turn (not only deferrals)
    actions_taken = state.actions_taken
    walked_out: str | None = None

    if isinstance(move, Pass):
        t.notes.append("The mediator let the parties talk among themselves.")
    elif isinstance(move, TakeAction):
        action = scenario.action(move.action)
        status = action_status(state, move.action)
        label = action.title + (f" on {scenario.party(move.target).name}" if move.target else "")
        for meter, cost in sorted(action.cost.items()):
            for name in _resolve_meter(state, meter, move.target):
                t.change(name, -cost, f"cost of {label}", f"cost:{action.id}")
        if status.uses and action.diminishing < 1:
            t.notes.append(f"{action.title} used {status.uses} time(s) before: effects "
                           f"x{action.diminishing**status.uses:.2f} (diminishing returns).")
        t.effects(action.effects, status.next_factor, label, f"action:{action.id}", move.target)
        if action.backlash is not None:
            since = turn - action.backlash.within
            repeats = sum(1 for when, a, target in state.actions_taken
                          if a == action.id and target == move.target and when >= since)
            if repeats:
                t.notes.append(f"{action.title} repeated within {action.backlash.within} turns: "
                               f"backlash x{repeats}. {action.backlash.reason}".rstrip())
                t.effects(action.backlash.effects, float(repeats), f"backlash: {label}",
                          f"backlash:{action.id}", move.target)
        actions_taken = actions_taken + ((turn, action.id, move.target),)
        t.state = t.state.evolve(actions_taken=actions_taken)
    elif isinstance(move, Propose):
        framework = move.framework
        base = t.state
        responses = tuple(respond(base, p.id, framework, turn) for p in scenario.principals)
        checks = consents(base, framework, turn)
        for response in responses:
            party = scenario.party(response.party)
            crossed = [r for r in response.reasons if r.kind == "red_line"]
            if crossed:
                t.change(f"trust.{party.id}", -rules.red_line_trust_cost,
                         f"proposal crossed {party.name}'s red line "
                         f"({crossed[0].rule.split(':', 1)[1]})", "balance:red_line")
            if response.kind == "walk_out" and walked_out is None:
                walked_out = party.id
        if all_agree(responses, checks):
            # Trust for an accepted proposal only when it is agreed: a package one side
            # accepts and the other refuses wins no standing (repeating one side's position
            # is taking sides, not mediating), so it cannot be farmed.
            for response in responses:
                party = scenario.party(response.party)
                t.change(f"trust.{party.id}", rules.accept_trust_gain,
                         f"{party.name} accepted the agreement", "balance:accepted")
            for term in framework.terms:
                t.agreed[term.issue] = AgreedTerm(term, turn)
                agreed_now.append(term)
                issue = scenario.issue(term.issue)
                t.progress(f"agreed: {term.label(scenario)}", "agreement:progress")
                if not term.deferred:
                    option = next(o for o in issue.options if o.id == term.option)
                    t.effects(option.effects_when_agreed, 1.0, f"agreed: {option.label}",
                              f"option:{issue.id}.{option.id}")
            if any(not term.deferred for term in framework.terms):
                # freezing issues is no concession: only an agreement that settles a term
                # builds credibility and trust, each one a little less than the one before
                factor = rules.agreement_fatigue ** state.agreements
                settled = True
                t.change("credibility", rules.agreement_credibility_gain * factor,
                         "an agreement was reached", "agreement:credibility")
                for a in scenario.principals:
                    for b in scenario.principals:
                        if a.id != b.id:
                            t.change(f"trust.{a.id}.{b.id}", rules.agreement_trust_gain * factor,
                                     "an agreement was reached", "agreement:trust")

    last_agreement = turn if settled else state.last_agreement_turn
    if not settled and turn - last_agreement >= rules.stall_turns:
        t.change("credibility", -rules.stall_cost,
                 f"no new agreement for {turn - last_agreement} turns", "stall")

    # Temporary effects whose time is up wear off; then events, then statements, see the
    # state as it is now (`view`, taken again after each change) and this turn's proposal.
    t.wear_off()
    table = move.framework if isinstance(move, Propose) else None
    view = t.snapshot()
    for event in scenario.events:
        if event.once and event.id in t.fired:
            continue
        if holds(event.trigger, Context(view, on_table=table, turn=turn, event_id=event.id)):
            t.fired.add(event.id)
            t.timed(f"event:{event.id}")
            t.happenings.append(Happening("event", event.id, None, event.text, event.cite))
            t.effects(event.effects, 1.0, f"event: {event.id}", f"event:{event.id}")
            view = t.snapshot()
    for party in scenario.parties:
        for statement in party.statements:
            key = f"statement:{party.id}:{statement.id}"
            if key in t.fired:
                continue
            if holds(statement.when, Context(view, on_table=table, turn=turn)):
                t.fired.add(key)
                t.happenings.append(Happening("statement", statement.id, party.id,
                                              statement.text, statement.cite))
                view = t.snapshot()

    # Phase reached: the latest phase whose requirement holds (never goes back).
    current = view
    phase = state.phase
    for n, p in enumerate(scenario.phases):
        if n > phase_index(state, phase) and p.requires is not None and holds(
                p.requires, Context(current, turn=turn)):
            phase = p.id

    ended: EndReason | None = None
    if walked_out is not None:
        ended = "walk_out"
    elif t.meters["credibility"] <= 0:
        ended = "credibility"
    elif all(i.id in t.agreed and not t.agreed[i.id].term.deferred for i in scenario.issues):
        ended = "settlement"

    new_state = t.snapshot(
        phase=phase, ledger=state.ledger + tuple(t.ledger), actions_taken=actions_taken,
        last_agreement_turn=last_agreement, agreements=state.agreements + int(settled),
    )
    if ended is None and rules.end_when is not None and holds(
            rules.end_when, Context(new_state, turn=turn)):
        ended = "end_when"  # the scenario's own end, seeing the phase just reached
    elif ended is None and turn >= rules.turn_limit:
        ended = "turn_limit"
    if ended is not None:
        new_state = end_game(new_state, ended, walked_out)
    result = TurnResult(
        turn=turn, move=move, responses=responses, consents=checks, agreed=tuple(agreed_now),
        broken=tuple(t.broken), happenings=tuple(t.happenings), ledger=tuple(t.ledger),
        revealed=tuple(t.revealed_now), phase=phase, ending=new_state.ending,
        notes=tuple(t.notes),
    )
    return new_state, result


def decide_outcome(state: GameState) -> str:
    """The first outcome of the scenario whose condition holds (the last one otherwise)."""
    for outcome in state.scenario.outcomes:
        if holds(outcome.when, Context(state)):
            return outcome.id
    return state.scenario.outcomes[-1].id


def end_game(state: GameState, reason: EndReason, walked_out: str | None = None) -> GameState:
    """The state ended for `reason`, with its outcome decided. Outcome conditions see the
    reason and the party that walked out, not an outcome (there is none yet)."""
    ending = Ending(reason, "", walked_out)
    provisional = state.evolve(ending=ending)
    return state.evolve(ending=replace(ending, outcome=decide_outcome(provisional)))


# --------------------------------------------------------------------------- scoring


@dataclass(frozen=True, slots=True)
class ScorePart:
    name: str
    weight: float
    value: float
    contribution: float


@dataclass(frozen=True, slots=True)
class ScoreBreakdown:
    total: float
    parts: tuple[ScorePart, ...]
    outcome: str | None
    bonus: float
    formula: str
    cap: float = 100.0

    @property
    def raw(self) -> float:
        """The formula before clamping to 0 and the outcome's cap."""
        return sum(p.contribution for p in self.parts) + self.bonus

    def filled_in(self) -> str:
        terms = " + ".join(f"{p.weight:g} x {p.value:.1f}" for p in self.parts)
        capped = f", at most {self.cap:g} (outcome cap)" if self.raw > self.cap else ""
        return f"{terms} + {self.bonus:g} (outcome){capped} = {self.total:.2f}"


FORMULA = ("score = w_trust x mean(trust of each principal in the mediator) "
           "+ w_credibility x credibility + w_progress x progress "
           "+ w_humanitarian x humanitarian + outcome bonus, clamped to 0 and the outcome's "
           "cap (100 unless the scenario sets one)")


def score_breakdown(state: GameState, outcome: str | None = None) -> ScoreBreakdown:
    """The score of `state`, with the bonus and cap of its outcome (or of `outcome`, to score
    a game that has not ended as if it ended there)."""
    scenario = state.scenario
    w = scenario.scoring
    principals = scenario.principals
    trust = sum(state.meters[f"trust.{p.id}"] for p in principals) / len(principals)
    values = {"trust": trust, "credibility": state.meters["credibility"],
              "progress": state.meters["progress"], "humanitarian": state.meters["humanitarian"]}
    parts = tuple(
        ScorePart(name, getattr(w, name), float(value), getattr(w, name) * value)
        for name, value in values.items()
    )
    outcome = outcome or state.outcome or None
    bonus, cap = 0.0, 100.0
    if outcome is not None:
        chosen = next(o for o in scenario.outcomes if o.id == outcome)
        bonus, cap = chosen.bonus, chosen.cap
    breakdown = ScoreBreakdown(0.0, parts, outcome, bonus, FORMULA, cap)
    return replace(breakdown, total=round(min(cap, max(0.0, breakdown.raw)), 2))


def meter_history(states: list[GameState], meter: str) -> list[int]:
    """The meter's value after each state (turn 0 first)."""
    return [s.meters.get(meter, 0) for s in states]


from game.engine.knowledge import hidden_info, known_info  # noqa: E402  (re-exported for the UI)

__all__ = [
    "ActionStatus", "ENGINE_VERSION", "MoveProblem", "ScoreBreakdown", "ScorePart",
    "action_status", "apply",
    "available_actions", "check_move", "decide_outcome", "hidden_info", "known_info",
    "legal_moves", "meter_history", "new_game", "score_breakdown",
]
