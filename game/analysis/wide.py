"""The wide beam: every package the principals would accept now, tried turn after turn.

In every state of the beam the candidate moves are every legal non-proposal move and a few
proposals chosen among *all* the packages that every principal accepts now, with every
stakeholder consent given (`acceptable_packages`: a depth-first enumeration over the open
issues, each absent, given an option in an allowed placement or deferred, pruned exactly by
the walk-away levels, since a package's value is the weighted mean of its terms'). The chosen
proposals (`pick_proposals`) span the ways a deal can grow: the most progress, the smallest
step, and for each issue that an outcome or a later phase needs, the most and the least
progress carrying a term that counts for it; options that no outcome or phase accepts on such
an issue (a partial truce, say) are left out of these, as dead ends.

States are ranked by `heuristic`: the phase reached, the score the game would have if it ended
now, and progress towards the thresholds that the scenario's conditions read (trust up to
what a soft red line or a consent needs, walk-away levels down to what one needs), at most
PER_GROUP states per (phase, agreed issues) so the beam keeps different lines. Finished games
compare by (outcome rank, score).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.engine.conditions import Context, holds, leaves, phase_index, term_matches
from game.engine.errors import IllegalMoveError
from game.engine.game import apply, decide_outcome, legal_moves, score_breakdown
from game.engine.moves import Framework, Move, Propose, Term
from game.engine.rules import _linkage_unmet, consents, index_of, is_acceptable, is_substantive
from game.engine.state import GameState, TurnResult
from game.format import models as m

MAX_TERMS = 6  # terms in an enumerated package
LEAF_LIMIT = 20_000  # packages fully checked per state (work bound)
PHASE_WEIGHT = 60.0
SHAPE_UP = 0.3  # heuristic points per meter point towards an "at least" threshold
SHAPE_DOWN = 0.4  # ... per meter point above an "at most" threshold


# --------------------------------------------------------------------------- scenario facts


def _outcome_refs(scenario: m.Scenario) -> list[dict[str, list[m.TermRef]]]:
    """For each outcome with a condition, its term references (not negated), by issue."""
    cache: dict[str, Any] = scenario.tables.analysis.setdefault("wide", {})
    if "refs" not in cache:
        out: list[dict[str, list[m.TermRef]]] = []

        def walk(c: m.Condition | None, neg: bool, got: dict[str, list[m.TermRef]]) -> None:
            match c:
                case m.AllCond(all=items) | m.AnyCond(any=items):
                    for x in items:
                        walk(x, neg, got)
                case m.NotCond(not_=inner):
                    walk(inner, not neg, got)
                case m.AgreedCond(agreed=ref) if not neg:
                    got.setdefault(ref.issue, []).append(ref)

        for o in scenario.outcomes:
            got: dict[str, list[m.TermRef]] = {}
            walk(o.when, False, got)
            if got:
                out.append(got)
        cache["refs"] = out
    refs: list[dict[str, list[m.TermRef]]] = cache["refs"]
    return refs


def _key_refs(scenario: m.Scenario) -> dict[str, list[m.TermRef]]:
    """Issues whose options or deferral some outcome names, with those references."""
    out: dict[str, list[m.TermRef]] = {}
    for got in _outcome_refs(scenario):
        for issue, rs in got.items():
            out.setdefault(issue, []).extend(r for r in rs if r.option is not None or r.deferred)
    return {k: v for k, v in out.items() if v}


def _dead_end(scenario: m.Scenario, t: Term) -> bool:
    """A term that every outcome naming its issue rules out (a partial truce, say)."""
    named = [got[t.issue] for got in _outcome_refs(scenario) if t.issue in got]
    return bool(named) and not any(any(term_matches(r, t) for r in rs) for rs in named)


def _thresholds(scenario: m.Scenario) -> tuple[dict[str, float], dict[str, float]]:
    """(meter -> highest "at least" threshold, meter -> lowest "at most" threshold) read by
    the conditions that open deals: soft red lines, consents, phases and outcomes."""
    cache: dict[str, Any] = scenario.tables.analysis.setdefault("wide", {})
    if "thresholds" not in cache:
        up: dict[str, float] = {}
        down: dict[str, float] = {}

        def walk(c: m.Condition | None, neg: bool) -> None:
            match c:
                case m.AllCond(all=items) | m.AnyCond(any=items):
                    for x in items:
                        walk(x, neg)
                case m.NotCond(not_=inner):
                    walk(inner, not neg)
                case m.MeterCond(meter=name) if name != "turn" and not neg and c.minus is None:
                    hi = c.gte if c.gte is not None else (c.gt + 1 if c.gt is not None else None)
                    lo = c.lte if c.lte is not None else (c.lt - 1 if c.lt is not None else None)
                    if hi is not None:
                        up[name] = max(up.get(name, hi), hi)
                    if lo is not None:
                        down[name] = min(down.get(name, lo), lo)

        conds: list[m.Condition | None] = []
        for party in scenario.principals:
            conds += [line.moves_when for line in party.red_lines if line.kind == "soft"]
        for holder in scenario.stakeholders:
            conds += [entry.when for entry in holder.consents]
        conds += [p.requires for p in scenario.phases] + [o.when for o in scenario.outcomes]
        for c in conds:
            walk(c, False)
        for party in scenario.principals:  # trust and walk-away levels always matter
            name = f"trust.{party.id}"
            up[name] = max(up.get(name, 0.0), float(party.behaviour.substantive_trust))
            name = f"walkaway.{party.id}"
            wa = party.walkaway
            if name not in down and wa is not None:
                down[name] = wa.min + 0.25 * (wa.base - wa.min)
        cache["thresholds"] = (up, down)
    got: tuple[dict[str, float], dict[str, float]] = cache["thresholds"]
    return got


def _on_table(cond: m.Condition | None) -> bool:
    return any(isinstance(c, m.OnTableCond) for c in leaves(cond))


# --------------------------------------------------------------------------- packages


def _choices(state: GameState, issue: m.Issue, placements: bool) -> list[Term]:
    from game.analysis.plan import _placements
    from game.analysis.space import option_term

    phases = _placements(state.scenario, issue) if placements else [issue.phase]
    out = [option_term(issue, o, phase) for phase in phases for o in issue.options]
    if issue.deferrable and issue.id not in state.agreed:
        out.append(Term(issue.id, deferred=True))
    return out


@dataclass(frozen=True)
class _TermRules:
    """What the principals' red lines and the stakeholders' consents say of one term, for one
    mediator (see `_term_rules`)."""

    substantive: bool
    hard: bool  # crosses a principal's hard red line
    plain: tuple[m.Condition, ...]  # conditions reading no proposal that must hold
    table: tuple[tuple[m.Condition, int], ...]  # conditions reading the proposal, their bits
    mask: int  # bits of the `on_table` references the term matches


def _table_refs(scenario: m.Scenario) -> dict[int, tuple[int, m.TermRef]]:
    """A bit for each `on_table` reference in a soft red line's or a consent's condition (by
    the identity of its condition)."""
    cache: dict[str, Any] = scenario.tables.analysis.setdefault("wide", {})
    if "table_refs" not in cache:
        refs: dict[int, tuple[int, m.TermRef]] = {}
        conds: list[m.Condition | None] = []
        for party in scenario.principals:
            conds += [line.moves_when for line in party.red_lines if line.kind == "soft"]
        for holder in scenario.stakeholders:
            conds += [entry.when for entry in holder.consents]
        for c in conds:
            for leaf in leaves(c):
                if isinstance(leaf, m.OnTableCond):
                    refs.setdefault(id(leaf), (len(refs), leaf.on_table))
        cache["table_refs"] = refs
    got: dict[int, tuple[int, m.TermRef]] = cache["table_refs"]
    return got


def _term_rules(scenario: m.Scenario, mediator: str, t: Term) -> _TermRules:
    """The rules a package holding `t` must pass, whatever else it holds (cached per
    scenario, mediator and term)."""
    cache: dict[Any, _TermRules] = scenario.tables.analysis.setdefault("wide_term_rules", {})
    key = (mediator, t.issue, t.option, t.phase, t.deferred)
    got = cache.get(key)
    if got is None:
        refs = _table_refs(scenario)

        def bits(cond: m.Condition) -> int:
            out = 0
            for leaf in leaves(cond):
                if isinstance(leaf, m.OnTableCond):
                    out |= 1 << refs[id(leaf)][0]
            return out

        hard = False
        conds: list[m.Condition | None] = []
        for party in scenario.principals:
            for line in index_of(scenario, party.id).crossed(t):
                if line.kind == "hard":
                    hard = True
                else:
                    conds.append(line.moves_when)
        for holder in scenario.stakeholders:
            if holder.id == mediator:
                continue
            conds += [entry.when for entry in holder.consents
                      if any(term_matches(r, t) for r in entry.options)]
        plain = tuple(c for c in conds if c is not None and not _on_table(c))
        table = tuple((c, bits(c)) for c in conds if c is not None and _on_table(c))
        mask = sum(1 << bit for bit, ref in refs.values() if term_matches(ref, t))
        got = cache[key] = _TermRules(is_substantive(scenario, t), hard, plain, table, mask)
    return got


def _term_possible(state: GameState, t: Term, turn: int,
                   held: dict[int, bool] | None = None) -> bool:
    """Could a package holding `t` be accepted now (lines and consents that read no proposal)?
    `held`: the conditions already evaluated in this state and turn (by identity)."""
    scenario = state.scenario
    rules = _term_rules(scenario, state.mediator, t)
    if rules.hard:
        return False
    if rules.substantive and any(state.meters[f"trust.{party.id}"]
                                 < party.behaviour.substantive_trust
                                 for party in scenario.principals):
        return False
    held = {} if held is None else held
    for cond in rules.plain:
        ok = held.get(id(cond))
        if ok is None:  # reads no proposal: the same for every term
            ok = held[id(cond)] = holds(cond, Context(state, on_table=Framework((t,)), turn=turn))
        if not ok:
            return False
    return True


def acceptable_packages(state: GameState, placements: bool = False, max_terms: int = MAX_TERMS,
                        limit: int = LEAF_LIMIT) -> list[Framework]:
    """Every package (of at most `max_terms` terms) that every principal accepts now, with
    every consent given, in a fixed order (up to `limit` packages fully checked). Terms in
    their issue's own phase, or with `placements` also in every later phase where placement
    can matter (`plan._placements`).

    A package is checked by the engine's own rules (`is_acceptable`, `consents`) once it
    passes `_Quick`: the linkages, and the soft red lines and consents whose conditions read
    the proposal, with those conditions evaluated once per state and per combination of the
    proposal's terms they read. Those rule the package out exactly as the engine would, only
    sooner; the packages found and the count of packages checked are the same."""
    scenario = state.scenario
    turn = state.turn + 1
    open_issues = [i for i in scenario.issues
                   if i.id not in state.agreed or state.agreed[i.id].term.deferred]
    opts: list[list[Term]] = []
    held: dict[int, bool] = {}
    for issue in open_issues:
        keep = [t for t in _choices(state, issue, placements)
                if _term_possible(state, t, turn, held)]
        if keep:
            opts.append(keep)
    principals = scenario.principals
    idxs = [index_of(scenario, p.id) for p in principals]
    walk = [state.meters[f"walkaway.{p.id}"] for p in principals]
    contrib = [[[ix.weights[t.issue] * (ix.term_value(t) - w) for t in row] for row in opts]
               for ix, w in zip(idxs, walk, strict=True)]
    n = len(opts)
    rest = [[0.0] * (n + 1) for _ in principals]
    for k in range(len(principals)):
        for j in range(n - 1, -1, -1):
            rest[k][j] = rest[k][j + 1] + max(0.0, max(contrib[k][j]))
    quick = _Quick(state, turn, opts)
    found: list[Framework] = []
    checked = [0]
    nk = len(principals)

    def rec(j: int, chosen: list[Term], slack: list[float], mask: int) -> None:
        # The depth-first walk over issues j.. (each absent first, then each option), with
        # the runs of absent issues taken at once: the walk goes down absent issues while the
        # walk-away bound holds (`rest` only decreases), checks the package if it got to the
        # end, then adds an option of each issue it passed, the deepest first.
        if checked[0] >= limit:
            return
        end = j
        while end <= n:
            for k in range(nk):
                if slack[k] + rest[k][end] < -1e-9:
                    break
            else:
                end += 1
                continue
            break
        if end > n and chosen:
            leaf(chosen, mask)
        if len(chosen) >= max_terms:
            return
        for jj in range(min(end, n) - 1, j - 1, -1):
            if checked[0] >= limit:
                return
            row = contrib_by_j[jj]
            masks = quick.masks[jj]
            below = [rest[k][jj + 1] for k in range(nk)]
            for i, t in enumerate(opts[jj]):
                c = row[i]
                new = [slack[k] + c[k] for k in range(nk)]
                for k in range(nk):  # the bound the call would check first
                    if new[k] + below[k] < -1e-9:
                        break
                else:
                    rec(jj + 1, chosen + [t], new, mask | masks[i])

    # contrib_by_j[j][i][k]: the contribution of option i of issue j for principal k
    contrib_by_j = [[[contrib[k][j][i] for k in range(nk)] for i in range(len(opts[j]))]
                    for j in range(n)]
    def leaf(chosen: list[Term], mask: int) -> None:
        checked[0] += 1
        if quick.passes(chosen, mask):
            fw = Framework.of(chosen, scenario)
            if all(is_acceptable(state, p, fw, turn) for p in principals) \
                    and all(c.given for c in consents(state, fw, turn)):
                found.append(fw)

    def rec2(j: int, chosen: list[Term], s0: float, s1: float, mask: int) -> None:
        # `rec` for two principals (the same walk and the same sums, in locals)
        if checked[0] >= limit:
            return
        end = j
        while end <= n and not (s0 + rest0[end] < -1e-9 or s1 + rest1[end] < -1e-9):
            end += 1
        if end > n and chosen:
            leaf(chosen, mask)
        if len(chosen) >= max_terms:
            return
        for jj in range(min(end, n) - 1, j - 1, -1):
            if checked[0] >= limit:
                return
            b0, b1 = rest0[jj + 1], rest1[jj + 1]
            for t, c0, c1, bits in items[jj]:
                n0 = s0 + c0
                n1 = s1 + c1
                if not (n0 + b0 < -1e-9 or n1 + b1 < -1e-9):
                    rec2(jj + 1, chosen + [t], n0, n1, mask | bits)

    if nk == 2:
        rest0, rest1 = rest
        items = [[(t, contrib[0][j][i], contrib[1][j][i], quick.masks[j][i])
                  for i, t in enumerate(opts[j])] for j in range(n)]
        rec2(0, [], 0.0, 0.0, 0)
    else:
        rec(0, [], [0.0] * nk, 0)
    return found


class _Quick:
    """Exact early rejections for `acceptable_packages` in one state: a package is refused by
    the engine when a linkage of a principal is unmet (`rules._linkage_unmet`, on the agreed
    terms overridden by the package's), when a soft red line a term crosses does not move, or
    when a stakeholder's consent a term needs is withheld. The conditions of those lines and
    consents that read the proposal (the others are checked term by term, `_term_possible`)
    depend on the package only through which of their `on_table` references it holds: each is
    evaluated once per state and per such combination (`mask`: a bit per reference, see
    `_table_refs`)."""

    def __init__(self, state: GameState, turn: int, opts: list[list[Term]]) -> None:
        scenario = state.scenario
        self.state, self.turn = state, turn
        self.agreed = {issue: a.term for issue, a in state.agreed.items()}
        self.links = [link for p in scenario.principals
                      for ls in index_of(scenario, p.id).linkages.values() for link in ls]
        rules = [[_term_rules(scenario, state.mediator, t) for t in row] for row in opts]
        self.table = {id(t): r.table for row, rs in zip(opts, rules, strict=True)
                      for t, r in zip(row, rs, strict=True)}
        self.masks = [[r.mask for r in rs] for rs in rules]
        self.cache: dict[tuple[int, int], bool] = {}

    def passes(self, chosen: list[Term], mask: int) -> bool:
        """False when the engine would refuse the package `chosen` (see the class)."""
        for t in chosen:
            for cond, bits in self.table[id(t)]:
                key = (id(cond), mask & bits)
                ok = self.cache.get(key)
                if ok is None:
                    ok = self.cache[key] = holds(cond, Context(
                        self.state, on_table=Framework(tuple(chosen)), turn=self.turn))
                if not ok:
                    return False
        if self.links:
            terms = dict(self.agreed)
            for t in chosen:
                terms[t.issue] = t
            for link in self.links:
                if _linkage_unmet(self.state, link, terms):
                    return False
        return True


def _progress(state: GameState, fw: Framework) -> float:
    share = state.scenario.rules.deferred_progress_share
    total = 0.0
    for t in fw.terms:
        if t.deferred:
            total += share
        else:
            total += 1.0 - (share if t.issue in state.agreed else 0.0)
    return total


def pick_proposals(state: GameState, packages: list[Framework], picks: int = 1
                   ) -> list[Framework]:
    """A few of `packages` (see the module docstring), in a fixed order."""
    scenario = state.scenario
    fs = packages if not picks else [
        f for f in packages if not any(_dead_end(scenario, t) for t in f.terms)]
    out: dict[Framework, None] = {}
    if not fs:
        return []
    gains = {f: _progress(state, f) for f in fs}

    def biggest(items: list[Framework]) -> Framework:
        return max(items, key=lambda f: (gains[f], len(f.terms)))

    def smallest(items: list[Framework]) -> Framework:
        return min(items, key=lambda f: (len(f.terms), -gains[f]))

    out[biggest(fs)] = None
    out[smallest(fs)] = None
    if not picks:
        return list(out)
    refs = _key_refs(scenario)
    for issue in scenario.issues:
        rs = refs.get(issue.id)
        if not rs:
            continue
        having = [f for f in fs if any(t.issue == issue.id and any(term_matches(r, t) for r in rs)
                                       for t in f.terms)]
        if having:
            out[biggest(having)] = None
            out[smallest(having)] = None
    for issue in scenario.issues:  # keep an issue whose options change meters for later
        if any(o.effects_when_agreed for o in issue.options):
            without = [f for f in fs if f.term(issue.id) is None]
            if without and len(without) < len(fs):
                out[biggest(without)] = None
    return list(out)


# --------------------------------------------------------------------------- beam


def heuristic(state: GameState, raw: bool = True, party_only: bool = True) -> float:
    """What the wide beam ranks states by (see the module docstring). `raw`: the score before
    the outcome's cap; `party_only`: shape only the parties' trust and walk-away levels (else
    every meter a condition reads, progress aside)."""
    return _shaped(state, _scored(state), raw, party_only)


def _scored(state: GameState) -> tuple[float, float, float]:
    """The part of `heuristic` that does not depend on its options: (the value of a finished
    game, or the phase's points, the raw score, the score)."""
    scenario = state.scenario
    if state.over:
        return _rank(scenario, state.outcome) * 1000 + score_breakdown(state).total, 0.0, 0.0
    sb = score_breakdown(state, outcome=decide_outcome(state))
    return (PHASE_WEIGHT * phase_index(state, state.phase),
            sum(p.contribution for p in sb.parts) + sb.bonus, sb.total)


def _shaped(state: GameState, scored: tuple[float, float, float], raw: bool,
            party_only: bool) -> float:
    if state.over:
        return scored[0]
    value = scored[0] + (scored[1] if raw else scored[2])
    up, down = _thresholds(state.scenario)
    for name, hi in up.items():
        if name in state.meters and (name.startswith("trust.") if party_only
                                     else name != "progress"):
            value += SHAPE_UP * min(state.meters[name], hi)
    for name, lo in down.items():
        if name in state.meters:
            value -= SHAPE_DOWN * max(state.meters[name] - lo, 0)
    return value


def _rank(scenario: m.Scenario, outcome: str | None) -> int:
    ids = [o.id for o in sorted(scenario.outcomes, key=lambda o: o.bonus)]
    return ids.index(outcome) if outcome in ids else -1


def game_key(state: GameState) -> tuple[float, float]:
    from game.analysis.plan import outcome_rank

    return outcome_rank(state.scenario, state.outcome), score_breakdown(state).total


def _key(state: GameState) -> tuple[Any, ...]:
    return (tuple(sorted(state.meters.items())),
            tuple(sorted((k, a.term) for k, a in state.agreed.items())),
            tuple(sorted(state.flags)), state.phase)


@dataclass
class WideNode:
    state: GameState
    moves: tuple[Move, ...]
    results: tuple[TurnResult, ...]
    h: float


_MISSING: Any = object()


def _state_key(state: GameState) -> tuple[Any, ...]:
    """`GameState.key` without its sorting: the same fields, meters and agreed terms in their
    mappings' order and sets as they are. Two states with the same `_state_key` have the same
    `GameState.key` (the converse may fail, which only costs a look-up that misses)."""
    window = state.scenario.longest_memory
    recent = tuple((e.turn, e.meter, e.value) for e in state.ledger
                   if e.turn > state.turn - window) if window else ()
    return (state.turn, tuple(state.meters.items()), tuple(state.agreed.items()), state.flags,
            state.phase, state.actions_taken, state.fired, state.ending,
            state.expiring, recent, state.agreements, tuple(state.since.items()))


class Memo:
    """What one search (one scenario, mediator and seed) has worked out, shared by its beams
    and `polish`: an id for each distinct state (by `GameState.key`, which holds everything a
    later rule reads), the move played from a state (the next state and what happened, or None
    when illegal), and per state its legal moves, acceptable packages, proposals picked and
    heuristics. The engine is a pure function of the state (its key) and the move, so looking a
    transition up instead of playing it again changes nothing but the time taken."""

    def __init__(self) -> None:
        self.ids: dict[tuple[Any, ...], int] = {}
        self.next: dict[tuple[int, Move], tuple[GameState, TurnResult, int] | None] = {}
        self.legal: dict[int, list[Move]] = {}
        self.packages: dict[tuple[int, bool], list[Framework]] = {}
        self.picked: dict[tuple[int, bool, int], list[Framework]] = {}
        self.h: dict[tuple[int, bool, bool], float] = {}
        self.scored: dict[int, tuple[float, float, float]] = {}
        self.group: dict[int, tuple[Any, ...]] = {}

    def sid(self, state: GameState) -> int:
        """The id of the state's key (`_state_key`)."""
        return self.ids.setdefault(_state_key(state), len(self.ids))

    def step(self, state: GameState, sid: int, move: Move
             ) -> tuple[GameState, TurnResult, int] | None:
        """`apply(state, move)` with the next state's id, or None if the move is illegal."""
        k = (sid, move)
        got: Any = self.next.get(k, _MISSING)
        if got is _MISSING:
            try:
                s2, r = apply(state, move)
            except IllegalMoveError:
                got = None
            else:
                got = (s2, r, self.sid(s2))
            self.next[k] = got
        step: tuple[GameState, TurnResult, int] | None = got
        return step

    def legal_moves(self, state: GameState, sid: int) -> list[Move]:
        got = self.legal.get(sid)
        if got is None:
            got = self.legal[sid] = list(legal_moves(state))
        return got

    def acceptable(self, state: GameState, sid: int, placements: bool,
                   stats: Any = None) -> list[Framework]:
        got = self.packages.get((sid, placements))
        if got is None:
            got = self.packages[sid, placements] = acceptable_packages(state, placements)
            if stats is not None:
                stats.spaces += 1
        return got

    def picks(self, state: GameState, sid: int, placements: bool, picks: int,
              stats: Any = None) -> list[Framework]:
        k = (sid, placements, picks)
        got = self.picked.get(k)
        if got is None:
            got = self.picked[k] = pick_proposals(
                state, self.acceptable(state, sid, placements, stats), picks)
        return got

    def heuristic(self, state: GameState, sid: int, raw: bool, party_only: bool) -> float:
        k = (sid, raw, party_only)
        got = self.h.get(k)
        if got is None:
            scored = self.scored.get(sid)
            if scored is None:
                scored = self.scored[sid] = _scored(state)
            got = self.h[k] = _shaped(state, scored, raw, party_only)
        return got

    def key(self, state: GameState, sid: int) -> tuple[Any, ...]:
        """`_key(state)` (what the wide beam de-duplicates children by)."""
        got = self.group.get(sid)
        if got is None:
            got = self.group[sid] = _key(state)
        return got


EXTRA_FLAG_STATES = 5  # states a wide beam keeps beyond its width for their flags alone


def wide_beam(scenario: m.Scenario, mediator: str, seed: int, width: int = 25, picks: int = 1,
              raw: bool = True, party_only: bool = True, placements: bool = False,
              stats: Any = None, memo: Memo | None = None) -> list[WideNode]:
    """The wide beam at one seed: its finished games, best first. `picks` 0: propose only the
    biggest and the smallest acceptable package; 1: also by outcome (see `pick_proposals`).
    `raw`, `party_only`: see `heuristic`; `placements`: see `acceptable_packages`. `memo`:
    shared by the beams of one search (see `Memo`)."""
    from game.engine.game import new_game

    memo = Memo() if memo is None else memo
    per_group = max(3, width // 5)
    st0 = new_game(scenario, mediator, seed)
    sid0 = memo.sid(st0)
    beam = [(WideNode(st0, (), (), memo.heuristic(st0, sid0, raw, party_only)), sid0)]
    finals: dict[tuple[Any, ...], WideNode] = {}
    while beam:
        children: dict[Any, tuple[WideNode, int]] = {}
        for node, sid in beam:
            st = node.state
            props = memo.picks(st, sid, placements, picks, stats)
            if stats is not None:
                stats.nodes += 1
            moves: list[Move] = memo.legal_moves(st, sid) + [Propose(f) for f in props]
            for mv in moves:
                got = memo.step(st, sid, mv)
                if got is None:
                    continue
                s2, r, sid2 = got
                if stats is not None:
                    stats.moves += 1
                if not r.agreed and isinstance(mv, Propose):
                    continue
                k = memo.key(s2, sid2)
                hv = memo.heuristic(s2, sid2, raw, party_only)
                old = children.get(k)
                if old is None or old[0].h < hv:
                    children[k] = (WideNode(s2, node.moves + (mv,), node.results + (r,), hv),
                                   sid2)
        ranked = sorted(children.values(), key=lambda x: -x[0].h)
        for x, _ in ranked:
            if x.state.over:
                finals.setdefault(tuple(repr(mv.to_dict()) for mv in x.moves), x)
        beam = []
        seen: dict[Any, int] = {}
        flagged: dict[Any, set[frozenset[str]]] = {}
        extra: list[tuple[WideNode, int]] = []
        for x, sid in ranked:
            if x.state.over:
                continue
            g = (x.state.phase, tuple(sorted(x.state.agreed)))
            if seen.get(g, 0) >= per_group or len(beam) >= width:
                # Past its group's share, a state still goes on if it is the best one with
                # its flags: a move that only sets a flag (a guarantee offered, a summit held)
                # scores nothing now but may open a deal later, which the heuristic cannot see.
                sets = flagged.setdefault(g, set())
                if x.state.flags not in sets and len(extra) < EXTRA_FLAG_STATES:
                    sets.add(x.state.flags)
                    extra.append((x, sid))
                continue
            seen[g] = seen.get(g, 0) + 1
            flagged.setdefault(g, set()).add(x.state.flags)
            beam.append((x, sid))
        beam += extra
    return sorted(finals.values(), key=lambda x: game_key(x.state), reverse=True)


POLISH_WORK = 3000  # moves played by `polish` at most


def polish(scenario: m.Scenario, mediator: str, seed: int, moves: tuple[Move, ...],
           stats: Any = None, work: int = POLISH_WORK, memo: Memo | None = None
           ) -> WideNode | None:
    """Hill-climb a finished plan one move at a time: at each turn, try every other legal
    non-proposal move, the proposals `pick_proposals` offers there and swapping the move with
    the next one, replaying the rest of the
    plan (a move that has become illegal is a pass); keep a change that finishes better
    (outcome, then score), and sweep again while something improves, within `work` moves
    played. Returns the better game, or None. A trial shares the plan's turns before the
    change, so it is played on from the state there; `memo` (see `Memo`) looks up the
    transitions already played."""
    from game.engine.game import new_game
    from game.engine.moves import Pass

    memo = Memo() if memo is None else memo
    pass_move = Pass()
    Line = tuple[list[GameState], list[int], list[Move], list[TurnResult]]

    def play(base: Line, i: int, rest: list[Move]) -> Line:
        """The plan's first `i` turns (from `base`), then `rest`, then passes to the end."""
        states, sids = base[0][:i + 1], base[1][:i + 1]
        played, results = base[2][:i], base[3][:i]
        st, sid = states[-1], sids[-1]
        k = 0
        while not st.over:
            mv: Move = rest[k] if k < len(rest) else pass_move
            k += 1
            got = memo.step(st, sid, mv)
            if got is None:
                mv = pass_move
                got = memo.step(st, sid, mv)
            assert got is not None
            st, r, sid = got
            states.append(st)
            sids.append(sid)
            played.append(mv)
            results.append(r)
        return states, sids, played, results

    spent = 0
    st0 = new_game(scenario, mediator, seed)
    line = play(([st0], [memo.sid(st0)], [], []), 0, list(moves))
    states, sids, plan, results = line
    best = game_key(states[-1])
    start = best
    improved = True
    while improved and spent < work:
        improved = False
        for i in range(len(plan)):
            st, sid = states[i], sids[i]
            alts: list[Move] = [mv for mv in memo.legal_moves(st, sid) if mv != plan[i]]
            alts += [Propose(f) for f in memo.picks(st, sid, False, 1)
                     if Propose(f) != plan[i]]
            trials = [[mv] + plan[i + 1:] for mv in alts]
            if i + 1 < len(plan) and plan[i] != plan[i + 1]:  # the next two moves swapped
                trials.append([plan[i + 1], plan[i]] + plan[i + 2:])
            for trial in trials:
                got = play(line, i, trial)
                s2, p2 = got[0], got[2]
                spent += len(p2) - i
                if stats is not None:
                    stats.moves += len(p2) - i
                if game_key(s2[-1]) > best:  # keep it and go on with the next turn
                    best, line = game_key(s2[-1]), got
                    states, sids, plan, results = line
                    improved = True
                    break
                if spent >= work:
                    break
            if i + 1 >= len(plan):
                break
            if spent >= work:
                break
    if best <= start:
        return None
    return WideNode(states[-1], tuple(plan), tuple(results), best[1])
