"""Evaluation of the declarative condition vocabulary (see models.Condition).

A condition is evaluated against a `Context`: the game state, the framework on the table (if
any), and for outcomes why the game ended. Nothing is ever passed to `eval`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from game.engine.moves import Framework, Term
from game.format import models as m

if TYPE_CHECKING:
    from game.engine.state import GameState


@dataclass(frozen=True, slots=True)
class Context:
    state: GameState
    on_table: Framework | None = None
    event_id: str | None = None  # set while evaluating an event trigger (for seeded chance)
    turn: int | None = None  # the turn being played (default: state.turn)

    @property
    def current_turn(self) -> int:
        return self.state.turn if self.turn is None else self.turn


def seeded_chance(seed: int, turn: int, key: str) -> float:
    """A number in [0, 1) fixed by the game seed, the turn and a key: no global random."""
    digest = hashlib.sha256(f"{seed}:{turn}:{key}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def compare(value: float, cmp: m.Cmp) -> bool:
    return not (
        (cmp.gt is not None and not value > cmp.gt)
        or (cmp.gte is not None and not value >= cmp.gte)
        or (cmp.lt is not None and not value < cmp.lt)
        or (cmp.lte is not None and not value <= cmp.lte)
        or (cmp.eq is not None and value != cmp.eq)
    )


def term_matches(ref: m.TermRef, term: Term) -> bool:
    """Does a concrete term match a term reference (issue, option(s), phase, deferred)?"""
    if ref.issue != term.issue:
        return False
    if ref.deferred is not None and ref.deferred != term.deferred:
        return False
    if ref.option is not None:
        if term.deferred:
            return False
        options = ref.option if isinstance(ref.option, list) else [ref.option]
        if term.option not in options:
            return False
    return ref.phase is None or (not term.deferred and ref.phase == term.phase)


def meter_value(state: GameState, name: str, turn: int) -> float:
    if name == "turn":
        return turn
    return state.meters.get(name, 0)


def phase_index(state: GameState, phase_id: str) -> int:
    return state.scenario.phase_order.get(phase_id, -1)


def holds(cond: m.Condition | None, ctx: Context) -> bool:
    """True when the condition holds in the context (None always holds)."""
    if cond is None:
        return True
    return _eval(cond, ctx, [0])


def _eval(cond: m.Condition, ctx: Context, chance_counter: list[int]) -> bool:
    # Dispatch on the exact class: `match`/`isinstance` on pydantic models is slow, and this
    # runs for every event, statement and phase every turn.
    evaluate = _EVALUATORS.get(type(cond))
    if evaluate is None:  # a subclass: the first kind it is an instance of
        evaluate = next((f for k, f in _EVALUATORS.items() if isinstance(cond, k)), None)
        if evaluate is None:
            raise TypeError(f"unknown condition {cond!r}")  # pragma: no cover
    return evaluate(cond, ctx, chance_counter)


def _all(cond: m.AllCond, ctx: Context, counter: list[int]) -> bool:
    # A plain loop rather than all(<generator>): faster on this hot path.
    for c in cond.all:  # noqa: SIM110 - stops at the first that fails, like all()
        if not _eval(c, ctx, counter):
            return False
    return True


def _any(cond: m.AnyCond, ctx: Context, counter: list[int]) -> bool:
    # A plain loop rather than any(<generator>): faster on this hot path.
    for c in cond.any:  # noqa: SIM110 - stops at the first that holds, like any()
        if _eval(c, ctx, counter):
            return True
    return False


def _not(cond: m.NotCond, ctx: Context, counter: list[int]) -> bool:
    return not _eval(cond.not_, ctx, counter)


def _meter(cond: m.MeterCond, ctx: Context, counter: list[int]) -> bool:
    value = meter_value(ctx.state, cond.meter, ctx.current_turn)
    if cond.minus is not None:
        value -= meter_value(ctx.state, cond.minus, ctx.current_turn)
    if not compare(value, cond):
        return False
    if not cond.for_turns or cond.meter == "turn":
        return True
    ends = meter_at_ends(ctx.state, cond.meter, ctx.current_turn, cond.for_turns)
    if cond.minus is not None:
        others = meter_at_ends(ctx.state, cond.minus, ctx.current_turn, cond.for_turns)
        ends = [a - b for a, b in zip(ends, others, strict=False)]
    return all(compare(v, cond) for v in ends)


def meter_at_ends(state: GameState, name: str, turn: int, n: int) -> list[int]:
    """The meter's value at the end of each of the `n` turns before `turn` (the latest first;
    turn 0 is the start; none before it), read from the ledger."""
    values: list[int] = []
    ledger = state.ledger
    i = len(ledger) - 1
    for k in range(turn - 1, max(turn - n, 0) - 1, -1):
        while i >= 0 and (ledger[i].turn > k or ledger[i].meter != name):
            i -= 1
        if i < 0:
            break
        values.append(ledger[i].value)
    return values


def _turn(cond: m.TurnCond, ctx: Context, counter: list[int]) -> bool:
    return compare(ctx.current_turn, cond.turn)


def _on_table(cond: m.OnTableCond, ctx: Context, counter: list[int]) -> bool:
    return ctx.on_table is not None and any(
        term_matches(cond.on_table, t) for t in ctx.on_table.terms
    )


def _agreed(cond: m.AgreedCond, ctx: Context, counter: list[int]) -> bool:
    held = ctx.state.agreed.get(cond.agreed.issue)  # a term only matches on its own issue
    if held is None or not term_matches(cond.agreed, held.term):
        return False
    return held.turn <= ctx.current_turn - (cond.for_turns or 0)


def _flag(cond: m.FlagCond, ctx: Context, counter: list[int]) -> bool:
    return cond.flag in ctx.state.flags


def _taken(cond: m.TakenCond, ctx: Context, counter: list[int]) -> bool:
    ref = cond.taken
    since = ctx.current_turn - ref.within + 1 if ref.within else 0
    count = sum(
        1 for turn, action, target in ctx.state.actions_taken
        if action == ref.action and turn >= since
        and (ref.target is None or ref.target == target)
    )
    return compare(count, ref.times)


def _turns_since(cond: m.TurnsSinceCond, ctx: Context, counter: list[int]) -> bool:
    ref = cond.turns_since
    if ref.flag is not None and ref.flag not in ctx.state.flags:
        return False
    since = ctx.state.since.get(f"event:{ref.event}" if ref.event else f"flag:{ref.flag}")
    return since is not None and compare(ctx.current_turn - since, ref)


def _phase(cond: m.PhaseCond, ctx: Context, counter: list[int]) -> bool:
    state = ctx.state
    return phase_index(state, state.phase) >= phase_index(state, cond.phase_reached)


def _mediator(cond: m.MediatorCond, ctx: Context, counter: list[int]) -> bool:
    ids = cond.mediator
    return ctx.state.mediator in (ids if isinstance(ids, list) else [ids])


def _chance(cond: m.ChanceCond, ctx: Context, counter: list[int]) -> bool:
    key = f"{ctx.event_id}:{counter[0]}:{agreements_key(ctx.state)}"
    counter[0] += 1
    return seeded_chance(ctx.state.seed, ctx.current_turn, key) < cond.chance


def agreements_key(state: GameState) -> str:
    """What is agreed and since when (issue, option or deferral, turn; phases left out), part
    of every chance key. The same seed and the same agreements give the same dice; another
    agreement history gives other dice, so a schedule learnt in one game (a truce that never
    breaks on seed 7) does not carry over to another strategy, and relabelling a move that
    changes nothing does not re-roll anything."""
    return ",".join(f"{issue}={'~' if a.term.deferred else a.term.option}@{a.turn}"
                    for issue, a in sorted(state.agreed.items()))


def _ended(cond: m.EndedCond, ctx: Context, counter: list[int]) -> bool:
    ended = ctx.state.ended
    return ended is not None if cond.ended is None else ended == cond.ended


def _walked_out(cond: m.WalkedOutCond, ctx: Context, counter: list[int]) -> bool:
    walked_out = ctx.state.walked_out
    return walked_out is not None if cond.walked_out is None else walked_out == cond.walked_out


# One evaluator per kind of condition (in the order a subclass is tried).
_EVALUATORS: dict[type, Callable[[Any, Context, list[int]], bool]] = {
    m.AllCond: _all, m.AnyCond: _any, m.NotCond: _not, m.MeterCond: _meter, m.TurnCond: _turn,
    m.OnTableCond: _on_table, m.AgreedCond: _agreed, m.FlagCond: _flag, m.TakenCond: _taken,
    m.PhaseCond: _phase, m.MediatorCond: _mediator, m.ChanceCond: _chance, m.EndedCond: _ended,
    m.WalkedOutCond: _walked_out, m.TurnsSinceCond: _turns_since,
}


def leaves(cond: m.Condition | None) -> Iterator[m.Condition]:
    """Every condition inside `cond` that is not all/any/not, depth first."""
    if cond is None:
        return
    if isinstance(cond, m.AllCond | m.AnyCond):
        for item in cond.all if isinstance(cond, m.AllCond) else cond.any:
            yield from leaves(item)
    elif isinstance(cond, m.NotCond):
        yield from leaves(cond.not_)
    else:
        yield cond


def describe(cond: m.Condition | None) -> str:
    """A short human reading of a condition, for help and debrief screens."""
    if cond is None:
        return "always"
    match cond:
        case m.AllCond(all=items):
            return "(" + " and ".join(describe(c) for c in items) + ")"
        case m.AnyCond(any=items):
            if not items:
                return "never"
            return "(" + " or ".join(describe(c) for c in items) + ")"
        case m.NotCond(not_=inner):
            return f"not {describe(inner)}"
        case m.MeterCond():
            held = f" for {cond.for_turns} turns" if cond.for_turns else ""
            minus = f" - {cond.minus}" if cond.minus else ""
            return f"{cond.meter}{minus} {_cmp_text(cond)}{held}"
        case m.TurnCond(turn=cmp):
            return f"turn {_cmp_text(cmp)}"
        case m.OnTableCond(on_table=ref):
            return f"{_ref_text(ref)} on the table"
        case m.AgreedCond(agreed=ref, for_turns=n):
            return f"{_ref_text(ref)} agreed" + (f" for {n} turns" if n else "")
        case m.FlagCond(flag=flag):
            return f"flag {flag}"
        case m.TakenCond(taken=ref):
            within = f" in the last {ref.within} turns" if ref.within else ""
            target = f" on {ref.target}" if ref.target else ""
            return f"{ref.action}{target} taken {_cmp_text(ref.times)} times{within}"
        case m.TurnsSinceCond(turns_since=ref):
            what = f"event {ref.event}" if ref.event else f"flag {ref.flag} set"
            return f"turns since {what} {_cmp_text(ref)}"
        case m.PhaseCond(phase_reached=phase):
            return f"phase {phase} reached"
        case m.MediatorCond(mediator=ids):
            return f"mediator is {ids if isinstance(ids, str) else ' or '.join(ids)}"
        case m.ChanceCond(chance=p):
            return f"seeded chance {p:.0%}"
        case m.EndedCond(ended=reason):
            return f"game ended by {reason or 'anything'}"
        case m.WalkedOutCond(walked_out=party):
            return f"{party or 'a party'} walked out"
    return repr(cond)  # pragma: no cover


def _cmp_text(cmp: m.Cmp) -> str:
    parts = []
    for name, sym in (("gt", ">"), ("gte", ">="), ("lt", "<"), ("lte", "<="), ("eq", "=")):
        value = getattr(cmp, name)
        if value is not None:
            parts.append(f"{sym} {value:g}")
    return " and ".join(parts)


def _ref_text(ref: m.TermRef) -> str:
    text = ref.issue
    if ref.deferred:
        text += " deferred"
    if ref.option is not None:
        text += "=" + (ref.option if isinstance(ref.option, str) else "|".join(ref.option))
    if ref.phase:
        text += f" in {ref.phase}"
    return text
