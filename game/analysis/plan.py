"""Best reachable outcome and plan for a mediator: beam search over moves on the real engine.

Every candidate move is played with `engine.apply`, so the plan is exactly what a player would
get by typing the same moves with the same seed.

The search (`BEAMS`) runs *wide beams* (`wide.py`): in every state, every legal non-proposal
move and a few proposals chosen among all the packages every principal accepts now, with
every consent given (enumerated exactly, walk-away levels pruning), ranked by the phase
reached, the score if the game ended now and progress towards the thresholds that soft red
lines, consents, phases and outcomes read. The beams differ in which acceptable packages they
propose (the biggest and the smallest only, or also by what the outcomes need, dead-end
options left out), in the score they rank by (capped or not) and in placing terms in later
phases. Each beam's best game is then hill-climbed one move at a time (`wide.polish`).
Finished games compare by outcome, then score.

The older beams are still available (`Beam(kind="plain" | "guided")`, see `_beam`):

- candidate proposals from the vectorised space (`space.build_space`, consents included)
  evaluated over the open issues of each phase, and of each pair of adjacent phases, with each
  issue absent, given an option (in any allowed placement) or deferred; options that a
  principal refuses whatever else is on the table are pruned first. The best few by progress
  gained, then humanitarian effects, then the Nash product, are tried;
- in a guided beam (below), its best target package, once every principal accepts it now.
- the plain beam ranks states by the score the game would have if it ended now;
- the guided beam adds to that the state's *openness* (see the section below): how close the
  most promising target package is to being accepted by every principal, on the hidden state.

The search is never worse than the bots: `best_plan` also plays every bot with the same seed
and returns a bot's game instead when it scores higher, and says so.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel

from game.analysis.space import Axis, Factor, _Builder, build_space, f_combine, option_term
from game.analysis.wide import Memo, polish, wide_beam
from game.engine.conditions import Context, holds, leaves, meter_value, phase_index, term_matches
from game.engine.errors import IllegalMoveError
from game.engine.game import (
    apply,
    check_move,
    decide_outcome,
    end_game,
    legal_moves,
    new_game,
    round_half_away,
    score_breakdown,
)
from game.engine.moves import Framework, Move, Pass, Propose, Term, move_from_dict
from game.engine.rules import consents, evaluate, index_of
from game.engine.state import Ending, GameState, TurnResult
from game.format import meters
from game.format import models as m

MAX_SPACE = 60_000
GUIDES = (1.0,)  # KAPPA of each guided beam (score points per meter point of distance)


@dataclass
class Node:
    state: GameState
    moves: tuple[Move, ...]
    results: tuple[TurnResult, ...]
    h: float  # the score if the game ended now
    rank: float = 0.0  # what the beam ranks by: h, plus the openness in a guided beam
    target: Framework | None = None  # a guided beam's best target, when open now
    states: tuple[GameState, ...] = ()  # a bot's game: the state after each turn (0: start)


def final_score(state: GameState) -> float:
    """The score if the game ended now at the turn limit (the game's own score if over)."""
    if state.over:
        return score_breakdown(state).total
    return score_breakdown(end_game(state, "turn_limit")).total


# --------------------------------------------------------------------------- proposals


def _open_issues(state: GameState) -> list[m.Issue]:
    return [i for i in state.scenario.issues
            if i.id not in state.agreed or state.agreed[i.id].term.deferred]


def _placed_issues(scenario: m.Scenario) -> frozenset[str]:
    """Issues whose terms' placement (phase) can change an answer: some term reference of the
    scenario (red line, linkage, consent, condition) names a phase on the issue, or a
    `same_or_earlier_phase` linkage involves it. Elsewhere a term in a later phase than its
    issue's own is judged exactly as in its own phase, so the search places it there only."""
    cache: dict[str, frozenset[str]] = scenario.tables.analysis.setdefault("plan_placed", {})
    if "issues" not in cache:
        out: set[str] = set()
        seen: set[int] = set()

        def walk(x: Any) -> None:
            if id(x) in seen:
                return
            seen.add(id(x))
            if isinstance(x, m.TermRef):
                if x.phase is not None:
                    out.add(x.issue)
            elif isinstance(x, m.Linkage):
                if x.same_or_earlier_phase:
                    out.update((x.if_.issue, x.requires.issue))
                walk(x.if_)
                walk(x.requires)
            elif isinstance(x, BaseModel):
                for name in type(x).model_fields:
                    walk(getattr(x, name))
            elif isinstance(x, list | tuple):
                for item in x:
                    walk(item)
            elif isinstance(x, dict):
                for item in x.values():
                    walk(item)

        for name in type(scenario).model_fields:
            walk(getattr(scenario, name))
        cache["issues"] = frozenset(out)
    return cache["issues"]


def _placements(scenario: m.Scenario, issue: m.Issue) -> list[str]:
    """The phases a term of the issue may be placed in (its own, or a later one), or only its
    own when placement cannot matter (see `_placed_issues`)."""
    phases = [p.id for p in scenario.phases]
    if issue.id not in _placed_issues(scenario):
        return [issue.phase]
    return phases[phases.index(issue.phase):]


def _choices(state: GameState, issue: m.Issue) -> list[Term | None]:
    """Absent, each option in each allowed placement (own phase first), deferred."""
    out: list[Term | None] = [None]
    for phase in _placements(state.scenario, issue):
        out += [option_term(issue, o, phase) for o in issue.options]
    if issue.deferrable and issue.id not in state.agreed:
        out.append(Term(issue.id, deferred=True))
    return out


def _prune(state: GameState, axes: list[Axis], memo: dict[Any, np.ndarray]) -> list[Axis]:
    """Drop choices that a principal refuses whatever else is on the table."""
    b = _Builder(state, axes, None, memo)
    dead: list[set[int]] = [set() for _ in axes]
    for c, viol, _hit in b.constraints(with_consents=True):
        if c.kind == "linkage":
            continue
        for n in range(len(axes)):
            if viol.dims != (n,) and not (len(viol.dims) > 1 and n in viol.dims):
                continue
            if viol.dims == (n,):
                for k in np.flatnonzero(viol.table):
                    dead[n].add(int(k))
            else:  # refused whatever the other axes hold
                pos = viol.dims.index(n)
                other = tuple(a for a in range(viol.table.ndim) if a != pos)
                for k in np.flatnonzero(np.all(viol.table, axis=other)):
                    dead[n].add(int(k))
    out = []
    for n, ax in enumerate(axes):
        keep = tuple(t for k, t in enumerate(ax.choices) if k not in dead[n] or t is None)
        out.append(Axis(ax.issue, keep))
    return out


def _progress_gain(state: GameState, t: Term | None) -> float:
    if t is None:
        return 0.0
    share = state.scenario.rules.deferred_progress_share
    if t.deferred:
        return share
    agreed = state.agreed.get(t.issue)
    return 1.0 - (share if agreed is not None else 0.0)


def _effects_gain(state: GameState, t: Term | None) -> float:
    if t is None or t.deferred:
        return 0.0
    issue = state.scenario.issue(t.issue)
    option = next(o for o in issue.options if o.id == t.option)
    w = state.scenario.scoring
    total = 0.0
    for e in option.effects_when_agreed:
        if isinstance(e, m.MeterEffect):
            if e.meter == "humanitarian":
                total += w.humanitarian * e.delta
            elif e.meter == "credibility":
                total += w.credibility * e.delta
            elif e.meter.startswith("trust.") and e.meter.count(".") == 1:
                total += w.trust * e.delta / max(1, len(state.scenario.principals))
    return total


def agreeable_proposals(state: GameState, limit: int = 3) -> list[Framework]:
    """A few proposals every principal would accept now, with every consent given."""
    scenario = state.scenario
    phases = [p.id for p in scenario.phases]
    open_issues = _open_issues(state)
    if not open_issues:
        return []
    memo: dict[Any, np.ndarray] = {}  # condition tables in this state (see space._Builder)
    all_axes = _prune(state, [Axis(i, tuple(_choices(state, i))) for i in open_issues], memo)
    by_phase: dict[int, list[Axis]] = {}
    for ax in all_axes:
        if len(ax.choices) > 1:
            by_phase.setdefault(phases.index(ax.issue.phase), []).append(ax)
    groups: list[list[Axis]] = []
    keys = sorted(by_phase)
    everything = [ax for k in keys for ax in by_phase[k]]
    if everything and math.prod(ax.size for ax in everything) <= MAX_SPACE:
        groups.append(everything)
    else:
        for n, k in enumerate(keys):
            groups.append(by_phase[k])
            if n + 1 < len(keys):
                pair = by_phase[k] + by_phase[keys[n + 1]]
                if math.prod(ax.size for ax in pair) <= MAX_SPACE:
                    groups.append(pair)
    found: dict[Framework, tuple[float, float, float]] = {}
    for axes in groups:
        if math.prod(ax.size for ax in axes) > MAX_SPACE:
            axes = _shrink(axes)
        space = build_space(state, axes, with_consents=True, memo=memo)
        ok = space.acceptable_to_all()
        if space.consent_blocked is not None:
            ok &= ~space.consent_blocked
        ok.reshape(-1)[0] = False  # nothing on the table
        if not ok.any():
            continue
        prog = np.zeros(space.shape)
        eff = np.zeros(space.shape)
        for n, ax in enumerate(axes):
            shape = [1] * len(axes)
            shape[n] = ax.size
            prog = prog + np.array([_progress_gain(state, t) for t in ax.choices]).reshape(shape)
            eff = eff + np.array([_effects_gain(state, t) for t in ax.choices]).reshape(shape)
        nash = np.ones(space.shape)
        for p in space.principals:
            nash = nash * np.maximum(space.values[p] - space.walkaway[p], 0)
        idx = np.flatnonzero(ok)
        keys_sorted = np.lexsort((-nash.reshape(-1)[idx], -eff.reshape(-1)[idx],
                                  -prog.reshape(-1)[idx]))
        for j in keys_sorted[:limit]:
            flat = int(idx[j])
            fw = space.framework_at(flat)
            found[fw] = (float(prog.reshape(-1)[flat]), float(eff.reshape(-1)[flat]),
                         float(nash.reshape(-1)[flat]))
        # and the best by humanitarian effects
        j = int(np.lexsort((-prog.reshape(-1)[idx], -eff.reshape(-1)[idx]))[0])
        fw = space.framework_at(int(idx[j]))
        found[fw] = (float(prog.reshape(-1)[idx[j]]), float(eff.reshape(-1)[idx[j]]),
                     float(nash.reshape(-1)[idx[j]]))
    ranked = sorted(found, key=lambda f: (-found[f][0], -found[f][1], -found[f][2],
                                          str(f.to_dict())))
    return ranked[:limit + 1]


def _shrink(axes: list[Axis]) -> list[Axis]:
    """Cut the largest axes' choices (keeping absent, deferred and the first options)."""
    axes = list(axes)
    while math.prod(ax.size for ax in axes) > MAX_SPACE:
        n = max(range(len(axes)), key=lambda i: axes[i].size)
        if axes[n].size <= 2:
            break
        ch = list(axes[n].choices)
        drop = next((k for k, c in reversed(list(enumerate(ch))) if k > 0
                     and c is not None and not c.deferred), None)
        if drop is None:
            break
        del ch[drop]
        axes[n] = Axis(axes[n].issue, tuple(ch))
    return axes


def is_agreeable(state: GameState, fw: Framework) -> bool:
    turn = state.turn + 1
    return all(evaluate(state, p.id, fw, turn).acceptable for p in state.scenario.principals) \
        and all(c.given for c in consents(state, fw, turn))


# --------------------------------------------------------------------------- openness
#
# The beam above is myopic: the moves that open a deal (pressure that lowers a walk-away level,
# a summit or a drafted guarantee that lets a soft red line move, trust building) score nothing
# when played. The guided search ranks states by the score plus their *openness*: how close the
# best target package is to being agreed, on the hidden state (the analysis may see it).
#
# Targets: packages over the open issues (the same groups as `agreeable_proposals`: each
# phase, adjacent pairs, and the issues the next phase requires) that no hard red line or
# linkage rules out and whose value clears every principal's lowest possible walk-away. They
# depend only on what is agreed, so they are built once per set of agreed terms.
#
# Gain of a target: the score it would add if agreed (progress, its options' effects, the
# agreement's credibility, and the change of outcome bonus: the phase it would reach, then the
# outcome it would give at the turn limit).
#
# Distance of a target in a state, in meter points: for each principal, the walk-away gap
# (walk-away minus value, if positive), plus the distance of each soft red line it crosses to
# its `moves_when` condition holding, plus for each stakeholder consent its `when`'s distance.
# A condition's distance: a meter threshold counts the points missing (three times as many when
# no action of the mediator moves that meter that way), a flag that an action of the mediator
# sets counts FLAG_COST, `all` adds, `any` takes the least, anything out of the mediator's
# reach (a term not on the table, a phase not reached...) counts BIG.
#
# openness = max(0, max over targets of gain - KAPPA x distance), in score points.

BIG = 1000.0
FLAG_COST = 5.0
NOT_COST = 20.0
UNMOVABLE = 3.0
TARGETS_KEPT = 256
TARGET_KAPPA = 1.0  # the KAPPA that chooses which targets are kept (for every guided beam)


@dataclass
class _Target:
    """Targets of one group of issues (see above), as flat arrays over the kept packages."""

    axes: list[Axis]
    builder: _Builder
    index: tuple[np.ndarray, ...]  # per axis, the choice of each kept package
    gain: np.ndarray
    values: dict[str, np.ndarray]
    lines: list[tuple[m.Condition | None, np.ndarray]]  # (condition, packages it applies to)
    frameworks: dict[int, Framework]
    memo: dict[Any, np.ndarray | float] = field(default_factory=dict)  # see `_distance`

    def framework(self, k: int) -> Framework:
        fw = self.frameworks.get(k)
        if fw is None:
            terms = [ax.choices[int(ix[k])] for ax, ix in zip(self.axes, self.index, strict=True)]
            fw = self.frameworks[k] = Framework.of([t for t in terms if t is not None],
                                                   self.builder.scenario)
        return fw


def _movable(scenario: m.Scenario, mediator: str) -> set[tuple[str, int]]:
    """(meter, direction) pairs the mediator can move: its actions' effects and costs, and
    what agreements do (trust in it and between the parties, credibility, option effects)."""
    cache: dict[str, set[tuple[str, int]]] = scenario.tables.analysis.setdefault("plan_movable", {})
    if mediator in cache:
        return cache[mediator]
    principals = [p.id for p in scenario.principals]
    out: set[tuple[str, int]] = {("credibility", 1), ("progress", 1)}
    for a in principals:
        out.add((f"trust.{a}", 1))
        out |= {(f"trust.{a}.{b}", 1) for b in principals if b != a}

    def add(name: str, delta: float, target: str | None) -> None:
        for n in meters.expand(name, principals, target):
            out.add((n, 1 if delta > 0 else -1))

    for action_id in scenario.mediator(mediator).actions:
        action = scenario.action(action_id)
        targets: list[str | None] = list(action.targets) or [None]
        for target in targets:
            for e in action.effects:
                if isinstance(e, m.MeterEffect) and e.delta:
                    add(e.meter, e.delta, target)
            for meter, cost in action.cost.items():
                if cost:
                    add(meter, -cost, target)
    for issue in scenario.issues:
        for option in issue.options:
            for e in option.effects_when_agreed:
                if isinstance(e, m.MeterEffect) and e.delta:
                    add(e.meter, e.delta, None)
    cache[mediator] = out
    return out


def _flags_set(scenario: m.Scenario, mediator: str) -> set[str]:
    return {e.set_flag for a in scenario.mediator(mediator).actions
            for e in scenario.action(a).effects if isinstance(e, m.FlagEffect)}


def _const(x: float | bool) -> Factor:
    return Factor(np.array(x), ())


def comparison_gap(value: float, cmp: m.Cmp) -> tuple[float, int]:
    """How far `value` is from meeting `cmp`: (points missing, direction needed: +1 up,
    -1 down, 0 none)."""
    up = down = 0.0
    if cmp.gte is not None:
        up = max(up, cmp.gte - value)
    if cmp.gt is not None:
        up = max(up, cmp.gt + 1 - value)
    if cmp.lte is not None:
        down = max(down, value - cmp.lte)
    if cmp.lt is not None:
        down = max(down, value - cmp.lt + 1)
    if cmp.eq is not None:
        up, down = max(up, cmp.eq - value), max(down, value - cmp.eq)
    return (up, 1) if up > 0 else (down, -1) if down > 0 else (0.0, 0)


class _Distance:
    """Distances of conditions to holding in one state, over one group's axes (Factors)."""

    def __init__(self, state: GameState, builder: _Builder) -> None:
        self.state = state
        self.b = builder
        self.now: _Builder | None = None  # conditions as they hold in this state
        self.turn = state.turn + 1
        self.movable = _movable(state.scenario, state.mediator)
        self.flags = _flags_set(state.scenario, state.mediator)
        self.mediator = state.scenario.mediator(state.mediator)

    def holds_now(self, cond: m.Condition) -> bool:
        return holds(cond, Context(self.state, on_table=Framework(), turn=self.turn))

    def __call__(self, cond: m.Condition | None) -> Factor:
        if not _on_table_in(cond):  # the same for every package: plain floats
            return _const(self.scalar(cond))
        return self.factor(cond)

    def scalar(self, cond: m.Condition | None) -> float:
        """The distance of a condition that reads no proposal (`factor`, in floats)."""
        match cond:
            case None:
                return 0.0
            case m.AllCond(all=items):
                return sum((self.scalar(c) for c in items), 0.0)
            case m.AnyCond(any=items):
                return min((self.scalar(c) for c in items), default=BIG)
            case m.NotCond(not_=inner):
                return NOT_COST if self.holds_now(inner) else 0.0
        return float(self.factor(cond).table)

    def factor(self, cond: m.Condition | None) -> Factor:
        match cond:
            case None:
                return _const(0.0)
            case m.AllCond(all=items):
                out = _const(0.0)
                for c in items:
                    out = f_combine(out, self(c), np.add)
                return out
            case m.AnyCond(any=items):
                out = _const(BIG)
                for c in items:
                    out = f_combine(out, self(c), np.minimum)
                return out
            case m.NotCond(not_=inner):
                if self.now is None:
                    self.now = _Builder(self.state, self.b.axes, None, {})
                f = self.now.condition(inner)
                return Factor(np.where(f.table, NOT_COST, 0.0), f.dims)
            case m.OnTableCond(on_table=ref):
                n = self.b.axis_of.get(ref.issue)
                if n is None:
                    return _const(BIG)
                row = [0.0 if t is not None and term_matches(ref, t) else BIG
                       for t in self.b.axes[n].choices]
                return Factor(np.array(row), (n,))
            case m.MeterCond():
                if cond.meter == "turn":
                    need, way = comparison_gap(self.turn, cond)
                    return _const(0.5 * need if way > 0 else BIG if way < 0 else 0.0)
                value = meter_value(self.state, cond.meter, self.turn)
                if cond.minus is not None:  # two meters: either may move
                    value -= meter_value(self.state, cond.minus, self.turn)
                need, way = comparison_gap(value, cond)
                if need and (cond.meter, way) not in self.movable and (
                        cond.minus is None or (cond.minus, -way) not in self.movable):
                    need *= UNMOVABLE
                if not need and cond.for_turns and not self.holds_now(cond):
                    need = 0.5 * cond.for_turns  # holds now, not yet for long enough
                return _const(need)
            case m.TurnCond(turn=cmp):
                need, way = comparison_gap(self.turn, cmp)
                return _const(0.5 * need if way > 0 else BIG if way < 0 else 0.0)
            case m.FlagCond(flag=flag):
                if flag in self.state.flags:
                    return _const(0.0)
                return _const(FLAG_COST if flag in self.flags else BIG)
            case m.TakenCond(taken=ref):
                if self.holds_now(cond):
                    return _const(0.0)
                return _const(FLAG_COST if ref.action in self.mediator.actions else BIG)
            case m.ChanceCond():
                return _const(0.0)
        return _const(0.0 if self.holds_now(cond) else BIG)


_ON_TABLE: dict[int, tuple[Any, bool]] = {}


def _on_table_in(cond: m.Condition | None) -> bool:
    """Does the condition read the proposal on the table (an `on_table` leaf)?"""
    got = _ON_TABLE.get(id(cond))
    if got is None or got[0] is not cond:
        got = _ON_TABLE[id(cond)] = (cond, any(isinstance(c, m.OnTableCond)
                                               for c in leaves(cond)))
    return bool(got[1])


def _reached(cond: m.Condition | None, b: _Builder, phase: Factor, end: GameState) -> Factor:
    """Does `cond` hold at the end of the game if the group's package is agreed now (bool)."""
    match cond:
        case None:
            return _const(True)
        case m.AllCond(all=items):
            out = _const(True)
            for c in items:
                out = f_combine(out, _reached(c, b, phase, end), np.logical_and)
            return out
        case m.AnyCond(any=items):
            out = _const(False)
            for c in items:
                out = f_combine(out, _reached(c, b, phase, end), np.logical_or)
            return out
        case m.NotCond(not_=inner):
            f = _reached(inner, b, phase, end)
            return Factor(~f.table, f.dims)
        case m.AgreedCond(agreed=ref):
            n, terms = b.package_term(ref.issue)
            row = np.array([t is not None and term_matches(ref, t) for t in terms])
            return Factor(row, (n,)) if n is not None else _const(bool(row[0]))
        case m.PhaseCond(phase_reached=p):
            return Factor(phase.table >= phase_index(end, p), phase.dims)
        case m.OnTableCond():
            return _const(False)
        case m.ChanceCond():
            return _const(True)
    return _const(holds(cond, Context(end)))


def _gains(state: GameState, axes: list[Axis], b: _Builder) -> np.ndarray:
    """The score a package would add if agreed now (see the section's comment), full array."""
    scenario = state.scenario
    w = scenario.scoring
    per_issue = w.progress * 100 / len(scenario.issues)
    gain = np.zeros(b.shape)
    for n, ax in enumerate(axes):
        shape = [1] * len(axes)
        shape[n] = ax.size
        gain = gain + np.array([per_issue * _progress_gain(state, t) + _effects_gain(state, t)
                                for t in ax.choices]).reshape(shape)
    gain = gain + w.credibility * scenario.rules.agreement_credibility_gain
    end = state.evolve(ending=Ending("turn_limit", ""))  # phases see the game as over
    phase = _const(phase_index(state, state.phase))
    for n, p in enumerate(scenario.phases):
        if n > phase_index(state, state.phase) and p.requires is not None:
            ok = _reached(p.requires, b, _const(phase_index(state, state.phase)), end)
            phase = f_combine(phase, ok, lambda a, r, n=n: np.where(r, np.maximum(a, n), a))
    bonus = _const(np.nan)
    for outcome in scenario.outcomes:
        ok = _reached(outcome.when, b, phase, end)
        bonus = f_combine(bonus, ok, lambda a, r, v=outcome.bonus:
                          np.where(np.isnan(a) & r, v, a))
    now = next(o.bonus for o in scenario.outcomes if o.id == decide_outcome(end))
    table = np.where(np.isnan(bonus.table), scenario.outcomes[-1].bonus, bonus.table) - now
    return gain + b.full(Factor(table.astype(float), bonus.dims)) if bonus.dims else \
        gain + float(table)


def _structural_axes(state: GameState) -> list[Axis]:
    """Open issues' choices, without those a hard red line of a principal refuses."""
    axes = []
    for issue in _open_issues(state):
        keep = tuple(t for t in _choices(state, issue) if t is None or not any(
            line.kind == "hard" for p in state.scenario.principals
            for line in index_of(state.scenario, p.id).crossed(t)))
        if len(keep) > 1:
            axes.append(Axis(issue, keep))
    return axes


def _target_groups(state: GameState) -> list[list[Axis]]:
    scenario = state.scenario
    phases = [p.id for p in scenario.phases]
    axes = _structural_axes(state)
    by_phase: dict[int, list[Axis]] = {}
    for ax in axes:
        by_phase.setdefault(phases.index(ax.issue.phase), []).append(ax)
    keys = sorted(by_phase)
    groups: list[list[Axis]] = []
    if axes and math.prod(ax.size for ax in axes) <= MAX_SPACE:
        return [axes]
    for n, k in enumerate(keys):
        groups.append(by_phase[k])
        if n + 1 < len(keys):
            groups.append(by_phase[k] + by_phase[keys[n + 1]])
    # the issues the next phases require, with the rest of the lowest open phase
    for n, p in enumerate(scenario.phases):
        if n <= phase_index(state, state.phase) or p.requires is None:
            continue
        need = _agreed_issues(p.requires, set())
        group = [ax for ax in axes if ax.issue.id in need or (
            keys and phases.index(ax.issue.phase) == keys[0])]
        if group and group not in groups:
            groups.append(group)
    return [_shrink(g) for g in groups]


def _agreed_issues(cond: m.Condition | None, out: set[str]) -> set[str]:
    out.update(c.agreed.issue for c in leaves(cond) if isinstance(c, m.AgreedCond))
    return out


def _gather(f: Factor, index: tuple[np.ndarray, ...]) -> np.ndarray | float:
    if not f.dims:
        return float(f.table)
    out: np.ndarray = f.table[tuple(index[d] for d in f.dims)]
    return out


def _build_targets(state: GameState, axes: list[Axis], kappa: float) -> _Target | None:
    scenario = state.scenario
    b = _Builder(state, axes, None, {})
    ok = np.ones(b.shape, dtype=bool)
    ok.reshape(-1)[0] = False  # nothing on the table
    values = {}
    for party in scenario.principals:
        v = b.values(party)
        wa = party.walkaway
        assert wa is not None
        ok &= v >= round_half_away(wa.min)
        values[party.id] = v
        for link in party.linkages:
            ok &= ~b.full(b.linkage(link))
    gain = _gains(state, axes, b)
    ok &= gain > 0
    flat = np.flatnonzero(ok)
    if not len(flat):
        return None
    if len(flat) > 8 * TARGETS_KEPT:
        flat = flat[np.argsort(-gain.reshape(-1)[flat], kind="stable")[:8 * TARGETS_KEPT]]
    index = tuple(np.asarray(i) for i in np.unravel_index(flat, b.shape))
    lines: list[tuple[m.Condition | None, np.ndarray]] = []
    for party in scenario.principals:
        for line in party.red_lines:
            if line.kind != "soft":
                continue
            hit = _gather(b.match_any(list(line.options)), index)
            if np.any(hit):
                lines.append((line.moves_when, np.broadcast_to(hit, flat.shape)))
    for holder in scenario.stakeholders:
        if holder.id == state.mediator:
            continue
        for entry in holder.consents:
            hit = _gather(b.match_any(list(entry.options)), index)
            if np.any(hit):
                lines.append((entry.when, np.broadcast_to(hit, flat.shape)))
    t = _Target(axes, b, index, gain.reshape(-1)[flat],
                {p: v.reshape(-1)[flat] for p, v in values.items()}, lines, {})
    if len(flat) > TARGETS_KEPT:  # keep the most open now, and the biggest gains
        open_now = t.gain - kappa * _distance(state, t)
        keep = np.union1d(np.argsort(-open_now, kind="stable")[:TARGETS_KEPT * 3 // 4],
                          np.argsort(-t.gain, kind="stable")[:TARGETS_KEPT // 4])
        t = _Target(axes, b, tuple(i[keep] for i in index), t.gain[keep],
                    {p: v[keep] for p, v in t.values.items()},
                    [(c, h[keep]) for c, h in lines], {})
    return t


def _distance(state: GameState, t: _Target,
              scalars: dict[Any, float] | None = None, where: Any = None) -> np.ndarray:
    """Each kept package's distance in `state` (see the section's comment). A condition's
    distances are remembered by the values of what it reads (`_reads`): per target, or, for a
    condition that reads no proposal, in `scalars` (shared by every target; `where` is the
    state's phase and agreed terms, which such a condition may also read)."""
    dist: _Distance | None = None
    total = np.zeros(len(t.gain))
    for p, v in t.values.items():
        total += np.maximum(0.0, state.meters[f"walkaway.{p}"] - v)
    for n, (cond, hit) in enumerate(t.lines):
        meters, flags, other = _reads(cond)
        reads = (tuple(state.meters.get(x, 0) for x in meters),
                 tuple(f in state.flags for f in flags),
                 (state.turn, state.actions_taken) if other else None)
        if scalars is not None and not _on_table_in(cond):
            skey = (id(cond), where, reads)
            x = scalars.get(skey)
            if x is None:
                dist = dist or _Distance(state, t.builder)
                x = scalars[skey] = dist.scalar(cond)
            if x:
                total += np.where(hit, x, 0.0)
            continue
        key = (n, reads)
        d = t.memo.get(key)
        if d is None:
            dist = dist or _Distance(state, t.builder)
            d = t.memo[key] = np.where(hit, _gather(dist(cond), t.index), 0.0)
        total += d
    return total


def _reads(cond: m.Condition | None) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
    """What a condition's distance depends on besides the agreed terms and the phase (fixed
    for a target): (meters, flags, anything else: turn, actions taken...)."""
    key = id(cond)
    got = _READS.get(key)
    if got is None or got[0] is not cond:
        meters: set[str] = set()
        flags: set[str] = set()
        other = [False]

        for c in leaves(cond):
            match c:
                case m.OnTableCond() | m.AgreedCond() | m.PhaseCond() | m.ChanceCond():
                    pass
                case m.MeterCond(meter=name) if name != "turn":
                    meters.add(name)
                    if c.minus is not None:
                        meters.add(c.minus)
                    if c.for_turns:
                        other[0] = True  # reads the meter's history
                case m.FlagCond(flag=flag):
                    flags.add(flag)
                case _:
                    other[0] = True
        got = _READS[key] = (cond, (tuple(sorted(meters)), tuple(sorted(flags)), other[0]))
    return got[1]


_READS: dict[int, tuple[Any, tuple[tuple[str, ...], tuple[str, ...], bool]]] = {}


class _Guide:
    """Targets (cached per set of agreed terms) and the openness of states, for one search."""

    def __init__(self, kappa: float, shared: dict[str, Any] | None = None) -> None:
        self.kappa = kappa
        # targets by agreed terms, and distances by state: the same for every KAPPA, so
        # shared by the guided beams of one search
        shared = {} if shared is None else shared
        self.cache: dict[Any, list[_Target]] = shared.setdefault("targets", {})
        self.dist: dict[Any, list[np.ndarray]] = shared.setdefault("distances", {})
        self.scalars: dict[Any, float] = shared.setdefault("scalars", {})

    def targets(self, state: GameState) -> list[_Target]:
        key = (state.phase, tuple(sorted((k, v.term) for k, v in state.agreed.items())))
        out = self.cache.get(key)
        if out is None:
            built = [_build_targets(state, g, TARGET_KAPPA) for g in _target_groups(state)]
            out = self.cache[key] = [t for t in built if t is not None]
        return out

    def distances(self, state: GameState) -> list[np.ndarray]:
        key = state.key()
        out = self.dist.get(key)
        if out is None:
            where = (state.phase, tuple(sorted((k, v.term) for k, v in state.agreed.items())))
            out = self.dist[key] = [_distance(state, t, self.scalars, where)
                                    for t in self.targets(state)]
        return out

    def openness(self, state: GameState) -> tuple[float, Framework | None]:
        """(openness in score points, the best target whose distance is 0, if any)."""
        if state.over:
            return 0.0, None
        best = 0.0
        free: tuple[float, Framework] | None = None
        for t, d in zip(self.targets(state), self.distances(state), strict=True):
            score = t.gain - self.kappa * d
            best = max(best, float(score.max()))
            zero = np.flatnonzero(d == 0)
            if len(zero):
                j = int(zero[np.argmax(t.gain[zero])])
                if free is None or t.gain[j] > free[0]:
                    free = (float(t.gain[j]), t.framework(j))
        return best, None if free is None else free[1]


# --------------------------------------------------------------------------- search
#
# `seed_search` runs several beams (BEAMS: the plain one and guided ones of different widths
# and KAPPAs) for one mediator and seed. Every beam also takes in the bots' games at that seed,
# turn by turn (each bot's state after turn t competes in the beam's layer t), so the search
# can branch off a bot's line (the coercer's pressure, then proposals of its own) and is never
# worse than a bot. `best_plan` runs it on several seeds and replays each seed's best plans on
# the other seeds (a plan found at seed 1 may be the best at seed 0 too).
#
# Finished games are compared outcome first (the outcome's bonus: the scenario's ranking of
# outcomes), then score. The search is deterministic: budgets are counted in work units (one
# per move played, twenty per proposal space), never in seconds.


@dataclass(frozen=True)
class Beam:
    """One beam of the search: the wide beam (kind "wide", see `wide.py`: every acceptable
    package, `picks` choosing which are proposed), or the older plain (kappa None) or guided
    (kappa: see the openness) beams."""

    kappa: float | None
    width: int
    work: int = 2500
    kind: str = "wide"
    picks: int = 1
    raw: bool = True
    party_only: bool = True
    placements: bool = False

    def to_dict(self) -> dict[str, Any]:
        if self.kind == "wide":
            return {"kind": "wide", "width": self.width, "picks": self.picks, "raw": self.raw,
                    "party_only": self.party_only, "placements": self.placements}
        return {"kind": "plain" if self.kappa is None else "guided", "kappa": self.kappa,
                "width": self.width, "work": self.work}


BEAMS = (Beam(None, 25, picks=1),
         Beam(None, 25, picks=0, raw=False, party_only=False, placements=True),
         Beam(None, 25, picks=1, raw=False, party_only=False))
SEEDS = 2  # seeds searched per mediator by default (0..SEEDS-1 from the first seed)
KEPT = 3  # finished games kept per beam, replayed on the other seeds
POLISH = True  # hill-climb each beam's best plan (`wide.polish`)


@dataclass
class Stats:
    """What a search did: states expanded, moves played on the engine, proposal spaces."""

    nodes: int = 0
    moves: int = 0
    spaces: int = 0

    def add(self, other: Stats) -> None:
        self.nodes += other.nodes
        self.moves += other.moves
        self.spaces += other.spaces


def outcome_rank(scenario: m.Scenario, outcome: str | None) -> float:
    """How good an outcome is: its bonus (the scenario's own ranking)."""
    for o in scenario.outcomes:
        if o.id == outcome:
            return o.bonus
    return -math.inf


def game_key(state: GameState) -> tuple[float, float]:
    """Finished games compare by (outcome rank, score)."""
    return outcome_rank(state.scenario, state.outcome), score_breakdown(state).total


def search(scenario: m.Scenario, mediator: str, seed: int = 0, width: int = 10,
           budget_s: float = 2.0, proposals_per_state: int = 3, work: int = 2500,
           scenario_path: str | Path | None = None) -> Node:
    """The best finished game of the beams (BEAMS, then `wide.polish`) at one seed; `width`,
    `work` and `budget_s` are kept for callers and ignored (the beams carry their own)."""
    return _seed_search(scenario, mediator, seed, proposals_per_state, with_bots=True)[0]


def _seed_search(scenario: m.Scenario, mediator: str, seed: int, proposals_per_state: int = 3,
                 with_bots: bool = True, beams: tuple[Beam, ...] = BEAMS
                 ) -> tuple[Node, list[Node], Stats, dict[str, Node]]:
    """(best node, the kept finished nodes of every beam, stats, the bots' games)."""
    bots = _bot_games(scenario, mediator, seed) if with_bots else {}
    inject: dict[int, list[Node]] = {}
    old = any(b.kind != "wide" for b in beams)  # only the older beams take in these lines
    lines = (list(bots.values()) + (_coercion_lines(scenario, mediator, seed) if with_bots
                                    else [])) if old else []
    for node in lines:
        for k in range(1, len(node.states)):
            state = node.states[k] if node.states else None
            if state is None or state.over:
                continue
            inject.setdefault(k, []).append(Node(state, node.moves[:k], node.results[:k],
                                                 final_score(state)))
    stats = Stats()
    kept: list[Node] = []
    best: Node | None = None
    shared: dict[Any, list[Framework]] = {}  # agreeable proposals by state, for every beam
    guides: dict[str, Any] = {}  # targets and distances, for every guided beam
    memo = Memo()  # transitions, packages and heuristics by state, for wide beams and polish
    for beam in beams:
        if beam.kind == "wide":
            top = [Node(w.state, w.moves, w.results, final_score(w.state)) for w in
                   wide_beam(scenario, mediator, seed, beam.width, beam.picks, beam.raw,
                             beam.party_only, beam.placements, stats, memo)[:KEPT]]
        else:
            top = _beam(scenario, mediator, seed, beam.width, proposals_per_state, beam.work,
                        beam.kappa, inject, stats, shared, guides)
        kept += top
        if best is None or game_key(top[0].state) > game_key(best.state):
            best = top[0]
    assert best is not None
    if POLISH:  # hill-climb each beam's best plan one move at a time (see `wide.polish`)
        for node_kept in list(kept[::KEPT]):
            better = polish(scenario, mediator, seed, node_kept.moves, stats, memo=memo)
            if better is not None:
                node = Node(better.state, better.moves, better.results,
                            final_score(better.state))
                kept.insert(0, node)
                if game_key(node.state) > game_key(best.state):
                    best = node
    return best, kept, stats, bots


def _bot_games(scenario: m.Scenario, mediator: str, seed: int) -> dict[str, Node]:
    from game.players.bots import BOTS, play_bot

    out = {}
    for name in sorted(BOTS):
        try:
            session = play_bot(scenario, mediator, seed, name, None)
        except Exception:  # noqa: BLE001 - a bot crash is reported by `mediator bots`
            continue
        node = Node(session.state, tuple(session.state.moves), tuple(session.results),
                    session.score())
        node.states = tuple(session.states)
        out[name] = node
    return out


COERCION_TURNS = 5


def _coercion_lines(scenario: m.Scenario, mediator: str, seed: int) -> list[Node]:
    """Pure leverage: for each principal, the coercer bot's leverage move on it, turn after
    turn (COERCION_TURNS). The beams branch off these lines (then propose what the pressed
    party should accept)."""
    from game.players.bots import _coercive_action
    from game.records.session import Session

    out = []
    for party in scenario.principals:
        session = Session(scenario, "", "", mediator, seed, [new_game(scenario, mediator, seed)])
        for _ in range(COERCION_TURNS):
            move = _coercive_action(session, party.id, 0.0)
            if move is None or session.over:
                break
            session.play(move)
        if len(session.states) > 1:
            node = Node(session.state, tuple(session.state.moves), tuple(session.results),
                        final_score(session.state))
            node.states = tuple(session.states)
            out.append(node)
    return out


def _beam(scenario: m.Scenario, mediator: str, seed: int, width: int,
          proposals_per_state: int, work: int, kappa: float | None,
          inject: dict[int, list[Node]] | None = None, stats: Stats | None = None,
          shared: dict[Any, list[Framework]] | None = None,
          guides: dict[str, Any] | None = None) -> list[Node]:
    """One beam search; ranked by the score if the game ended now, plus the openness when
    `kappa` is given (guided). Returns its best finished games (KEPT), best first."""
    guide = None if kappa is None else _Guide(kappa, guides)
    stats = Stats() if stats is None else stats
    spent = 0
    root = Node(new_game(scenario, mediator, seed), (), (), 0.0)
    root.h = final_score(root.state)
    root.rank, root.target = _rank(guide, root.state, root.h)
    beam = [root]
    done: dict[Any, Node] = {}
    depth = 0
    while beam:
        depth += 1
        children: dict[Any, Node] = {}
        late = spent > work
        for rank, node in enumerate(beam):
            stats.nodes += 1
            moves: list[Move] = list(legal_moves(node.state))
            if not late and rank < max(3, width // 2):
                spent += 20
                key = node.state.key()
                got = None if shared is None else shared.get(key)
                if got is None:
                    stats.spaces += 1
                    got = agreeable_proposals(node.state, proposals_per_state)
                    if shared is not None:
                        shared[key] = got
                proposals = list(got)
                if node.target is not None and node.target not in proposals \
                        and is_agreeable(node.state, node.target):
                    proposals.append(node.target)
                moves += [Propose(fw) for fw in proposals]
            for move in moves:
                spent += 1
                stats.moves += 1
                try:
                    state, result = apply(node.state, move)
                except IllegalMoveError:
                    continue
                key = state.key()
                if key in children:
                    continue
                child = Node(state, node.moves + (move,), node.results + (result,),
                             final_score(state))
                child.rank, child.target = _rank(guide, state, child.h)
                children[key] = child
            if late and rank >= 1:
                break
        for node in (inject or {}).get(depth, []):
            key = node.state.key()
            if key not in children:
                child = Node(node.state, node.moves, node.results, node.h)
                child.rank, child.target = _rank(guide, child.state, child.h)
                children[key] = child
        ranked = sorted(children.values(), key=lambda n: -n.rank)
        for n in ranked:
            if n.state.over:
                done.setdefault(tuple(mv.to_dict().__repr__() for mv in n.moves), n)
        beam = [n for n in ranked if not n.state.over][:width if not late else 1]
    assert done
    finished = sorted(done.values(), key=lambda n: game_key(n.state), reverse=True)
    return finished[:KEPT]


def _rank(guide: _Guide | None, state: GameState, h: float) -> tuple[float, Framework | None]:
    if guide is None:
        return h, None
    value, target = guide.openness(state)
    return h + value, target


def replay(scenario: m.Scenario, mediator: str, seed: int, moves: list[dict[str, Any]]
           ) -> tuple[GameState, list[Move], list[TurnResult]]:
    """Play `moves` (as dicts) at `seed`; a move that is illegal there becomes a pass, and
    passes finish the game."""
    state = new_game(scenario, mediator, seed)
    played: list[Move] = []
    results: list[TurnResult] = []
    queue = [move_from_dict(raw, scenario) for raw in moves]
    while not state.over:
        move: Move = queue.pop(0) if queue else Pass()
        if check_move(state, move) is not None:
            move = Pass()
        state, result = apply(state, move)
        played.append(move)
        results.append(result)
    return state, played, results


ROBUSTNESS_SEEDS = 50


def robustness(scenario: m.Scenario, mediator: str, moves: list[dict[str, Any]], seed: int,
               games: int = ROBUSTNESS_SEEDS) -> dict[str, Any]:
    """How the best plan's moves fare with other dice: replayed as they are at the next
    `games` seeds (a move illegal there becomes a pass). A plan that owes its outcome to lucky
    dice (a coerced truce that happened to hold) shows it here."""
    outcomes: dict[str, int] = {}
    total = 0.0
    for s in range(seed + 1, seed + 1 + games):
        state, _, _ = replay(scenario, mediator, s, moves)
        key = state.outcome or "none"
        outcomes[key] = outcomes.get(key, 0) + 1
        total += score_breakdown(state).total
    return {"seeds": [seed + 1, seed + games], "outcomes": dict(sorted(outcomes.items())),
            "score_mean": round(total / games, 2)}


def describe_move(scenario: m.Scenario, move: Move) -> str:
    if isinstance(move, Propose):
        return "propose " + "; ".join(t.label(scenario) for t in move.framework.terms)
    data = move.to_dict()
    if "action" in data:
        title = scenario.action(data["action"]).title
        return title + (f" on {scenario.party(data['target']).name}" if data.get("target") else "")
    return "pass"


def plan_steps(scenario: m.Scenario, moves: tuple[Move, ...] | list[Move],
               results: tuple[TurnResult, ...] | list[TurnResult]) -> list[dict[str, Any]]:
    steps = []
    for move, result in zip(moves, results, strict=True):
        steps.append({
            "turn": result.turn,
            "move": move.to_dict(),
            "text": describe_move(scenario, move),
            "responses": {r.party: r.kind for r in result.responses},
            "agreed": [t.label(scenario) for t in result.agreed],
            "phase": result.phase,
        })
    return steps


def seed_search(scenario: m.Scenario, mediator: str, seed: int,
                scenario_path: str | Path | None = None) -> dict[str, Any]:
    """The search at one seed, as plain data (for worker processes): the best moves, the kept
    plans of every beam, the bots' games and what was searched."""
    t0, c0 = time.perf_counter(), time.process_time()
    best, kept, stats, bots = _seed_search(scenario, mediator, seed)
    plans: list[list[dict[str, Any]]] = []
    for node in [best, *kept]:
        raw = [mv.to_dict() for mv in node.moves]
        if raw not in plans:
            plans.append(raw)
    return {
        "seed": seed, "plans": plans,
        "bots": {name: {"moves": [mv.to_dict() for mv in node.moves]}
                 for name, node in bots.items()},
        "stats": {"nodes": stats.nodes, "moves_played": stats.moves,
                  "proposal_spaces": stats.spaces},
        "seconds": time.perf_counter() - t0, "cpu_seconds": time.process_time() - c0,
    }


def best_plan(scenario: m.Scenario, mediator: str, scenario_path: str | Path | None = None,
              seed: int = 0, budget_s: float = 2.0, compare_bots: bool = True,
              seeds: int = SEEDS, timings: bool = False,
              searched: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The best plan found for one mediator over seeds seed..seed+seeds-1 (see the section's
    comment): the overall best (outcome first, then score), each seed's best, what each bot
    scores there, and what was searched. `searched`: `seed_search` results already computed
    (by worker processes). Wall-clock figures only with `timings`."""
    t0, c0 = time.perf_counter(), time.process_time()
    seed_list = list(range(seed, seed + max(1, seeds)))
    if searched is None:
        searched = [seed_search(scenario, mediator, s, scenario_path) for s in seed_list]
    by_seed = {r["seed"]: r for r in searched}
    plans: list[list[dict[str, Any]]] = []
    for r in searched:
        for raw in r["plans"]:
            if raw not in plans:
                plans.append(raw)
    per_seed: dict[str, Any] = {}
    best_entry: dict[str, Any] | None = None
    replays = 0
    for s in seed_list:
        r = by_seed[s]
        best: tuple[tuple[float, float], int, GameState, list[Move], list[TurnResult],
                    str] | None = None
        for n, raw in enumerate(plans):
            state, moves, results = replay(scenario, mediator, s, raw)
            replays += 1
            found = "search" if raw in r["plans"] else "search at another seed"
            cand = (game_key(state), -n, state, moves, results, found)
            if best is None or cand[:2] > best[:2]:
                best = cand
        assert best is not None
        search_key = best[0]
        bot_scores: dict[str, float] = {}
        bot_outcomes: dict[str, str | None] = {}
        if compare_bots:
            for name, game in sorted(r["bots"].items()):
                state, moves, results = replay(scenario, mediator, s, game["moves"])
                bot_scores[name] = score_breakdown(state).total
                bot_outcomes[name] = state.outcome
                if game_key(state) > best[0]:
                    best = (game_key(state), 0, state, moves, results, f"bot:{name}")
        _, _, state, moves, results, source = best
        entry: dict[str, Any] = {
            "seed": s, "outcome": state.outcome, "score": score_breakdown(state).total,
            "turns": state.turn, "source": source,
            "plan": plan_steps(scenario, moves, results),
            "moves": [mv.to_dict() for mv in moves],
        }
        if source.startswith("bot:"):
            entry["search_score"] = search_key[1]
        if compare_bots:
            entry["bot_scores"] = bot_scores
            entry["bot_outcomes"] = bot_outcomes
        entry["searched"] = dict(r["stats"])
        per_seed[str(s)] = {k: v for k, v in entry.items() if k not in ("plan",)}
        if best_entry is None or game_key(state) > best_entry["_key"]:
            best_entry = {**entry, "_key": game_key(state)}
    assert best_entry is not None
    out = {k: v for k, v in best_entry.items() if k != "_key"}
    out["mediator"] = mediator
    out["seeds"] = per_seed
    out["robustness"] = robustness(scenario, mediator, out["moves"], out["seed"])
    total = {"nodes": 0, "moves_played": 0, "proposal_spaces": 0}
    for r in searched:
        for k in total:
            total[k] += r["stats"][k]
    out["search"] = {
        "seeds": seed_list, "depth": scenario.rules.turn_limit,
        "beams": [b.to_dict() for b in BEAMS], "proposals_per_state": 3,
        "plans_replayed": replays, "placements": sorted(_placed_issues(scenario)), **total,
    }
    if timings:  # wall and processor time of the searches (in workers) and of this merge
        out["seconds"] = round(time.perf_counter() - t0
                               + sum(r.get("seconds", 0.0) for r in searched), 3)
        out["cpu_seconds"] = round(time.process_time() - c0
                                   + sum(r.get("cpu_seconds", 0.0) for r in searched), 3)
    return out


__all__ = ["BEAMS", "SEEDS", "best_plan", "robustness", "search", "seed_search",
           "agreeable_proposals",
           "final_score", "Factor", "is_agreeable", "game_key", "replay"]
