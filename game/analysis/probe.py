"""Targeted probes for a coverage sweep: a search aimed at one element that no bot and no
plan made fire (a soft line that moves only after a long ceasefire, an event that needs a
coerced truce, a walk-out).

Seed by seed, the probe takes the states of the bots' games and of the sweep's plans replayed
at that seed, and runs a beam search turn by turn whose score is the distance of a state to
the element's condition (meter points missing, turns still to hold, terms not agreed, the
consents those terms need, the events that set a flag it tests). Its moves are every usable
action, a pass, a few packages every principal would accept now, the move the source game
played next, and packages that carry the element's own terms. The dice are the seed's, so the
nearest lines are also replayed at the other seeds. The first game in which the element fires
is the witness: the seed and the moves, replayable with `mediator run --moves`. The probe is
a pure function of the scenario, the mediator, the seeds, the plans and the element, so sweeps
give the same result on any number of workers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from game.analysis.plan import comparison_gap
from game.engine.conditions import Context, holds, leaves, meter_value, phase_index
from game.engine.game import apply, available_actions, check_move, new_game
from game.engine.moves import Framework, Move, Pass, Propose, TakeAction, Term, move_from_dict
from game.engine.state import GameState, TurnResult
from game.format import models as m

Key = tuple[str, str, str]  # (kind, party or "", id), as in coverage

BEAM = 8  # states kept per turn
STARTS = 8  # seeds searched one by one (their bot games and replayed plans seed the beam)
REPLAYED = 4  # nearest lines replayed at the other seeds (for the dice)
FOLLOW = 4  # more states kept that follow the game they came from (a plan's deep line)
AGREEABLE = 2  # packages every principal accepts, tried from each state
MISSING_TERM = 25.0  # distance of a term not agreed
MISSING_FLAG = 10.0
NOT_HOLDING = 10.0


@dataclass(frozen=True, slots=True)
class Goal:
    """What makes an element fire: a condition to reach, terms to put on the table, an
    action to take, or the game's end (outcomes)."""

    cond: m.Condition | None = None
    terms: tuple[m.TermRef, ...] = ()
    action: str | None = None
    ends: bool = False
    alongside: tuple[m.TermRef, ...] = ()  # terms the condition wants on the table with them


def goal_of(scenario: m.Scenario, key: Key) -> Goal | None:
    kind, party_id, ident = key
    party = next((p for p in scenario.parties if p.id == party_id), None)
    if party is not None:
        if kind in ("red_line", "soft_line_move"):
            red = next(r for r in party.red_lines if r.id == ident)
            if kind == "red_line":
                return Goal(None, tuple(red.options))
            goal = _toward(scenario, red.moves_when, tuple(red.options))
            table = tuple(leaf.on_table for leaf in _positive(scenario, red.moves_when)
                          if isinstance(leaf, m.OnTableCond))
            return Goal(goal.cond, goal.terms, goal.action, goal.ends, table)
        if kind == "linkage":
            link = next(x for x in party.linkages if x.id == ident)
            return Goal(None, (link.if_,))
        if kind == "consent":
            consent = next(c for c in party.consents if c.id == ident)
            return Goal(None, tuple(consent.options))
        if kind == "statement":
            return _toward(scenario, next(s for s in party.statements if s.id == ident).when)
    if kind == "event":
        return _toward(scenario, next(e for e in scenario.events if e.id == ident).trigger)
    if kind == "action":
        return _toward(scenario, scenario.action(ident).requires, action=ident)
    if kind == "phase":
        return _toward(scenario, next(p for p in scenario.phases if p.id == ident).requires)
    if kind == "outcome":
        when = next(o for o in scenario.outcomes if o.id == ident).when
        return _toward(scenario, when, _hard_lines(scenario, when), ends=True)
    return None


def _toward(scenario: m.Scenario, cond: m.Condition | None,
            terms: tuple[m.TermRef, ...] = (), action: str | None = None,
            ends: bool = False) -> Goal:
    """A goal whose condition asks for agreed terms (also through a phase): those terms are
    tried on top of the packages the principals accept."""
    agreed = [leaf.agreed for leaf in _positive(scenario, cond)
              if isinstance(leaf, m.AgreedCond)]
    wanted = list(terms) + [ref for n, ref in enumerate(agreed)
                            if ref not in terms and ref not in agreed[:n]]
    needs = [c.when for p in scenario.parties for c in p.consents
             if c.when is not None and any(_overlap(ref, o) for ref in agreed for o in c.options)]
    if needs:  # the consents those terms need become part of the way there
        cond = m.AllCond(all=[cond, *needs]) if cond is not None else m.AllCond(all=needs)
    return Goal(cond, tuple(wanted), action, ends)


def _overlap(a: m.TermRef, b: m.TermRef) -> bool:
    if a.issue != b.issue:
        return False
    if a.option is None or b.option is None:
        return True
    left = {a.option} if isinstance(a.option, str) else set(a.option)
    right = {b.option} if isinstance(b.option, str) else set(b.option)
    return bool(left & right)


def _positive(scenario: m.Scenario, cond: m.Condition | None,
              depth: int = 0) -> Iterator[m.Condition]:
    """The leaves that must hold (not under a `not`), phases opened into their requirement."""
    match cond:
        case None:
            return
        case m.AllCond(all=items) | m.AnyCond(any=items):
            for c in items:
                yield from _positive(scenario, c, depth)
        case m.NotCond():
            return
        case m.PhaseCond(phase_reached=p) if depth < 8:
            for phase in scenario.phases[:scenario.phase_order.get(p, -1) + 1]:
                yield from _positive(scenario, phase.requires, depth + 1)
        case m.FlagCond(flag=flag) if depth < 4:
            yield cond
            for event in _setters(scenario, flag):
                yield from _positive(scenario, event.trigger, depth + 1)
        case _:
            yield cond


def _hard_lines(scenario: m.Scenario, cond: m.Condition | None) -> tuple[m.TermRef, ...]:
    """An outcome that needs a walk-out: the first hard line of each party, to cross."""
    if not any(isinstance(c, (m.EndedCond, m.WalkedOutCond)) for c in leaves(cond)):
        return ()
    return tuple(r.options[0] for p in scenario.parties for r in p.red_lines[:1]
                 if r.kind == "hard")


def _setters(scenario: m.Scenario, flag: str) -> list[m.Event]:
    return [e for e in scenario.events for x in e.effects
            if isinstance(x, m.FlagEffect) and x.set_flag == flag]


def distance(cond: m.Condition | None, state: GameState, depth: int = 0) -> float:
    """How far the state is from the condition holding (0: it holds; chance counts as met).
    A flag an event sets is as far as that event's trigger."""
    turn = state.turn
    match cond:
        case None:
            return 0.0
        case m.AllCond(all=items):
            return sum((distance(c, state, depth) for c in items), 0.0)
        case m.AnyCond(any=items):
            return min((distance(c, state, depth) for c in items), default=0.0)
        case m.NotCond(not_=inner):
            return NOT_HOLDING if holds(inner, Context(state)) else 0.0
        case m.ChanceCond():
            return 0.0
    if holds(cond, Context(state)):
        return 0.0
    match cond:
        case m.MeterCond():
            value = meter_value(state, cond.meter, turn)
            if cond.minus is not None:
                value -= meter_value(state, cond.minus, turn)
            return comparison_gap(value, cond)[0] + 0.5 * (cond.for_turns or 0)
        case m.AgreedCond(agreed=ref):
            placed = state.agreed.get(ref.issue)
            if placed is not None and holds(m.AgreedCond(agreed=ref), Context(state)):
                return 0.5 * (cond.for_turns or 0)  # agreed, not yet for long enough
            return MISSING_TERM + 0.5 * (cond.for_turns or 0)
        case m.FlagCond(flag=flag) if depth < 4:
            return min([MISSING_FLAG] + [1.0 + distance(e.trigger, state, depth + 1)
                                         for e in _setters(state.scenario, flag)])
        case m.FlagCond() | m.TakenCond():
            return MISSING_FLAG
        case m.PhaseCond(phase_reached=p):  # how far its requirement (and the earlier ones)
            now = phase_index(state, state.phase)
            return 1.0 + sum((distance(x.requires, state) for n, x in
                              enumerate(state.scenario.phases) if now < n <= phase_index(
                                  state, p)), 0.0)
        case m.EndedCond(ended="walk_out") | m.WalkedOutCond():
            wanted = getattr(cond, "walked_out", None)
            return min((max(0.0, state.meters.get(f"trust.{p.id}", 0.0)
                            - p.behaviour.walk_out_below)
                        for p in state.scenario.parties
                        if wanted in (None, p.id) and f"trust.{p.id}" in state.meters),
                       default=NOT_HOLDING) + 1.0
        case m.EndedCond(ended="credibility"):
            return max(0.0, state.meters.get("credibility", 0.0)) + 1.0
        case m.EndedCond(ended="settlement"):
            return MISSING_TERM * sum(1 for i in state.scenario.issues
                                      if i.id not in state.agreed)
        case m.EndedCond(ended="end_when"):
            return distance(state.scenario.rules.end_when, state)
    return NOT_HOLDING


def _terms(scenario: m.Scenario, ref: m.TermRef) -> list[Term]:
    issue = next((i for i in scenario.issues if i.id == ref.issue), None)
    if issue is None:
        return []
    if ref.deferred:
        return [Term(issue.id, deferred=True)]
    wanted = [ref.option] if isinstance(ref.option, str) else (ref.option or [
        o.id for o in issue.options])
    phase = ref.phase or issue.phase
    return [Term(issue.id, option, phase) for option in wanted]


def _moves(state: GameState, goal: Goal, planned: Move | None = None) -> list[Move]:
    """The moves tried from a state; `planned`, the move its source game played next
    (a bot's or the plan's), comes first, with the goal's terms put into it."""
    from game.analysis.plan import agreeable_proposals

    scenario = state.scenario
    moves: list[Move] = [] if planned is None else [planned]
    moves.append(Pass())
    for status in available_actions(state):
        if status.available:
            targets: list[str | None] = [*status.targets] or [None]
            moves += [TakeAction(status.action.id, t) for t in targets]
    agreeable = agreeable_proposals(state, AGREEABLE)
    moves += [Propose(fw) for fw in agreeable]
    if isinstance(planned, Propose):
        agreeable = [planned.framework, *agreeable]
    for ref in goal.terms:
        if ref.issue in state.agreed and holds(m.AgreedCond(agreed=ref), Context(state)):
            continue
        for term in _terms(scenario, ref):
            moves.append(Propose(Framework.of([term], scenario)))
            for fw in agreeable:  # the term on top of a package they accept
                others = [t for t in fw.terms if t.issue != term.issue]
                moves.append(Propose(Framework.of([*others, term], scenario)))
            if goal.alongside:  # with what the condition wants on the table
                company = {t.issue: t for ref in goal.alongside for t in _terms(scenario, ref)[:1]
                           if ref.issue != term.issue}
                moves.append(Propose(Framework.of([*company.values(), term], scenario)))
    unique: dict[str, Move] = {}
    for mv in moves:
        unique.setdefault(repr(mv), mv)
    return [mv for mv in unique.values() if check_move(state, mv) is None]


def _signature(state: GameState) -> tuple[object, ...]:
    return (state.turn, tuple(sorted((k, round(v, 1)) for k, v in state.meters.items())),
            tuple(sorted((k, repr(v.term)) for k, v in state.agreed.items())),
            tuple(sorted(state.flags)), state.phase)


@dataclass(slots=True)
class _Line:
    state: GameState
    moves: tuple[Move, ...]
    results: tuple[TurnResult, ...]
    rest: tuple[Move, ...] = ()  # what the source game played next


def _start_lines(scenario: m.Scenario, mediator: str, seeds: Sequence[int],
                 plans: Sequence[Sequence[dict[str, Any]]]) -> list[_Line]:
    """Every state of the bots' games and of the plans replayed at the first seeds, as lines
    to continue."""
    from game.players.bots import BOTS, play_bot

    lines: list[_Line] = []

    def add(states: Sequence[GameState], results: Sequence[TurnResult]) -> None:
        moves = tuple(r.move for r in results)
        for n in range(1, len(states)):
            if not states[n].over:
                lines.append(_Line(states[n], moves[:n], tuple(results[:n]), moves[n:]))

    for seed in seeds[:STARTS]:
        lines.append(_Line(new_game(scenario, mediator, seed), (), ()))
        for plan in plans:
            lines.append(_Line(new_game(scenario, mediator, seed), (), (),
                               tuple(move_from_dict(raw, scenario) for raw in plan)))
        for bot in sorted(BOTS):
            session = play_bot(scenario, mediator, seed, bot, None)
            add(session.states, session.results)
        for plan in plans:
            state = new_game(scenario, mediator, seed)
            states, results = [state], []
            queue = [move_from_dict(raw, scenario) for raw in plan]
            while not state.over and queue:
                move = queue.pop(0)
                if check_move(state, move) is not None:
                    move = Pass()
                state, result = apply(state, move)
                states.append(state)
                results.append(result)
            add(states, results)
    return lines


@dataclass(frozen=True, slots=True)
class Witness:
    seed: int
    moves: tuple[Move, ...]
    state: GameState
    results: tuple[TurnResult, ...]


Counter = Callable[[GameState, Sequence[TurnResult]], dict[Key, int]]


def probe(scenario: m.Scenario, mediator: str, seeds: Sequence[int], key: Key,
          fired: Counter, plans: Sequence[Sequence[dict[str, Any]]] = ()) -> Witness | None:
    """Search for a game in which `key` fires; `fired(state, results)` -> the keys that
    fired in a game (coverage's counter). The witness game is played out with passes."""
    goal = goal_of(scenario, key)
    if goal is None or (goal.action is not None
                        and goal.action not in scenario.mediator(mediator).actions):
        return None
    def hit(state: GameState, results: Sequence[TurnResult]) -> bool:
        return key in fired(state, results)

    def score(line: _Line) -> tuple[float, int, float]:
        """Nearest first; among equals, the state with more agreed and more trust (the
        search's way towards agreements the condition does not spell out)."""
        state = line.state
        trust = sum(v for k, v in state.meters.items() if k.count(".") == 1
                    and k.startswith("trust."))
        return (distance(goal.cond, state), -len(state.agreed), -trust)

    def search(seed: int) -> Witness | None:
        """The beam from the games at one seed (the dice are the seed's)."""
        starts: dict[int, list[_Line]] = {}
        for line in _start_lines(scenario, mediator, [seed], plans):
            starts.setdefault(line.state.turn, []).append(line)
        seen: set[tuple[object, ...]] = set()
        beam: list[_Line] = []
        for turn in range(scenario.rules.turn_limit + 1):
            children: list[_Line] = []
            following: list[_Line] = []  # children that follow their source game, a variant of it
            for line in beam:
                planned = line.rest[0] if line.rest else None
                for n, move in enumerate(_moves(line.state, goal, planned)):
                    state, result = apply(line.state, move)
                    child = _Line(state, line.moves + (move,), line.results + (result,),
                                  line.rest[1:] if planned is not None else ())
                    if hit(state, [result]):
                        return _finish(child, hit)
                    if goal.ends and not state.over and distance(goal.cond, state) == 0:
                        done = _finish(child, hit)
                        if done is not None:
                            return done
                    if state.over:
                        continue
                    sig = _signature(state)
                    if sig not in seen:
                        seen.add(sig)
                        (following if n == 0 and planned is not None else children).append(child)
            for line in starts.get(turn, []):  # the bots' games join the beam at their turn
                sig = _signature(line.state)
                if sig not in seen:
                    seen.add(sig)
                    children.append(line)
            if not children and not following:
                continue
            children.sort(key=score)
            following.sort(key=score)
            beam = children[:BEAM] + following[:FOLLOW]
            for line in beam:
                d = score(line)[0]
                if d < nearest[0]:
                    nearest[:] = [d]
                if d == nearest[0] and len(nearest) <= REPLAYED:
                    nearest.append(line)
        return None

    nearest: list[Any] = [float("inf")]  # the least distance met, then lines that met it
    for seed in seeds[:STARTS]:
        found = search(seed)
        if found is not None:
            return found
    # The dice (chance) are the game's seed's: the nearest lines, replayed at other seeds.
    for line in nearest[1:]:
        for seed in seeds:
            if seed == line.state.seed:
                continue
            witness = _replayed(scenario, mediator, seed, line.moves, hit)
            if witness is not None:
                return witness
    return None


def _replayed(scenario: m.Scenario, mediator: str, seed: int, moves: Sequence[Move],
              hit: Callable[[GameState, Sequence[TurnResult]], bool]) -> Witness | None:
    state = new_game(scenario, mediator, seed)
    played: list[Move] = []
    results: list[TurnResult] = []
    queue = list(moves)
    while not state.over:
        move = queue.pop(0) if queue else Pass()
        if check_move(state, move) is not None:
            move = Pass()
        state, result = apply(state, move)
        played.append(move)
        results.append(result)
    return Witness(seed, tuple(played), state, tuple(results)) if hit(state, results) else None


def _finish(line: _Line, hit: Callable[[GameState, Sequence[TurnResult]], bool]
            ) -> Witness | None:
    """Play the line out with passes; the witness if the element fired along the way."""
    state, moves, results = line.state, list(line.moves), list(line.results)
    while not state.over:
        state, result = apply(state, Pass())
        moves.append(Pass())
        results.append(result)
    if not hit(state, results):
        return None
    return Witness(state.seed, tuple(moves), state, tuple(results))


__all__ = ["Goal", "Witness", "distance", "goal_of", "probe"]
