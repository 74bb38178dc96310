"""Best reachable outcome and plan for a mediator: beam search over moves on the real engine.

Every candidate move is played with `engine.apply`, so the plan is exactly what a player would
get by typing the same moves with the same seed. States are de-duplicated by
`GameState.key()`. Candidate moves in a state:

- every legal non-proposal move (`engine.legal_moves`: pass and each usable action/target);
- proposals that every principal accepts *now* and whose stakeholder consents are given: the
  vectorised space (`space.build_space`, consents included) is evaluated over the open issues
  of each phase, and of each pair of adjacent phases, with each issue absent, given an option
  (in its default phase) or deferred; options that a principal refuses whatever else is on the
  table are pruned first (exact: such an option can never be accepted). The best few by
  progress gained, then humanitarian effects, then the Nash product, are tried. Proposals a
  party would refuse are not tried: they only cost trust.

States are ranked by the score the game would have if it ended now (meters plus the outcome's
bonus), and the best finished game is kept. The search is never worse than the bots: `best_plan`
also plays every bot with the same seed and returns a bot's game instead when it scores higher,
and says so.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from game.engine import models as m
from game.engine.engine import apply, decide_outcome, legal_moves, new_game, score_breakdown
from game.engine.errors import IllegalMoveError
from game.engine.moves import Framework, Move, Propose, Term
from game.engine.rules import consents, evaluate
from game.engine.state import GameState, TurnResult

from .space import Axis, Factor, _Builder, build_space, option_term

MAX_SPACE = 60_000


@dataclass
class Node:
    state: GameState
    moves: tuple[Move, ...]
    results: tuple[TurnResult, ...]
    h: float


def final_score(state: GameState) -> float:
    """The score if the game ended now at the turn limit (the game's own score if over)."""
    if state.over:
        return score_breakdown(state).total
    ended = state.evolve(ended="turn_limit")
    ended = ended.evolve(outcome=decide_outcome(ended))
    return score_breakdown(ended).total


# --------------------------------------------------------------------------- proposals


def _open_issues(state: GameState) -> list[m.Issue]:
    return [i for i in state.scenario.issues
            if i.id not in state.agreed or state.agreed[i.id].term.deferred]


def _choices(state: GameState, issue: m.Issue) -> list[Term | None]:
    out: list[Term | None] = [None]
    out += [option_term(issue, o) for o in issue.options]
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
        drop = next((k for k in range(len(ch) - 1, 0, -1)
                     if ch[k] is not None and not ch[k].deferred), None)
        if drop is None:
            break
        del ch[drop]
        axes[n] = Axis(axes[n].issue, tuple(ch))
    return axes


def is_agreeable(state: GameState, fw: Framework) -> bool:
    turn = state.turn + 1
    return all(evaluate(state, p.id, fw, turn).acceptable for p in state.scenario.principals) \
        and all(c.given for c in consents(state, fw, turn))


# --------------------------------------------------------------------------- search


def search(scenario: m.Scenario, mediator: str, seed: int = 0, width: int = 10,
           budget_s: float = 2.0, proposals_per_state: int = 3, work: int = 2500) -> Node:
    """Beam search (see the module doc); returns the best finished game found.

    The search is deterministic: its budget is counted in work units (one per move played,
    twenty per proposal space generated), never in seconds; past `work`, it finishes the game
    greedily from the best state. `budget_s` is kept for callers and ignored."""
    spent = 0
    root = Node(new_game(scenario, mediator, seed), (), (), 0.0)
    root.h = final_score(root.state)
    beam = [root]
    best: Node | None = None
    while beam:
        children: dict[Any, Node] = {}
        late = spent > work
        for rank, node in enumerate(beam):
            moves: list[Move] = list(legal_moves(node.state))
            if not late and rank < max(3, width // 2):
                spent += 20
                moves += [Propose(fw) for fw in
                          agreeable_proposals(node.state, proposals_per_state)]
            for move in moves:
                spent += 1
                try:
                    state, result = apply(node.state, move)
                except IllegalMoveError:
                    continue
                key = state.key()
                if key in children:
                    continue
                child = Node(state, node.moves + (move,), node.results + (result,),
                             final_score(state))
                children[key] = child
            if late and rank >= 1:
                break
        ranked = sorted(children.values(), key=lambda n: -n.h)
        done = [n for n in ranked if n.state.over]
        for n in done:
            if best is None or n.h > best.h:
                best = n
        beam = [n for n in ranked if not n.state.over][:width if not late else 1]
    assert best is not None
    return best


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


def best_plan(scenario: m.Scenario, mediator: str, scenario_path: str | Path | None = None,
              seed: int = 0, budget_s: float = 2.0, compare_bots: bool = True
              ) -> dict[str, Any]:
    """The best plan found for one mediator: {outcome, score, plan, source, ...}."""
    t0 = time.perf_counter()
    node = search(scenario, mediator, seed, budget_s=budget_s)
    out: dict[str, Any] = {
        "mediator": mediator, "seed": seed, "outcome": node.state.outcome,
        "score": score_breakdown(node.state).total, "turns": node.state.turn,
        "source": "search", "plan": plan_steps(scenario, node.moves, node.results),
        "moves": [mv.to_dict() for mv in node.moves],
    }
    if compare_bots and scenario_path is not None:
        from game.engine.bots import BOTS, play_bot

        bots = {}
        for name in sorted(BOTS):
            try:
                session = play_bot(scenario, mediator, seed, name, scenario_path)
            except Exception:  # noqa: BLE001 - a bot crash is reported by `mediator bots`
                continue
            bots[name] = session.score()
            if session.score() > out["score"]:
                out.update({
                    "outcome": session.state.outcome, "score": session.score(),
                    "turns": session.state.turn, "source": f"bot:{name}",
                    "plan": plan_steps(scenario, session.state.moves, session.results),
                    "moves": [mv.to_dict() for mv in session.state.moves],
                    "search_score": score_breakdown(node.state).total,
                })
        out["bot_scores"] = bots
    out["seconds"] = round(time.perf_counter() - t0, 3)
    return out


__all__ = ["best_plan", "search", "agreeable_proposals", "final_score", "Factor", "is_agreeable"]
