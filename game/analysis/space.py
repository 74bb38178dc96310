"""Vectorised analysis of a scenario's outcome space with numpy.

The outcome space is the product, over issues, of each issue's *choices*: every option (placed
in the issue's default phase) and, for a deferrable issue, "deferred". The plan search also uses
spaces over a subset of issues where one choice is "absent" (the issue left off the table).

Everything here reproduces ``game.engine.rules.evaluate`` exactly, package by package, only
faster (the tests compare the two by brute force):

- **values**: per principal, ``sum(w_i * v_i) / sum(w_i)`` over the proposal's own terms (an
  absent issue weighs 0), from the engine's tables (``rules.index_of``) and accumulated in the
  same order and in float64 as ``rules.PartyIndex.package_value`` (scenario issue order), so the
  comparison with the walk-away meter gives the same answer to the last bit;
- **trust gate**: a substantive term (``rules.trust_gated``) while the principal's trust in the
  mediator is below its ``substantive_trust`` is refused: one constraint per issue;
- **red lines**: a hard line blocks every package holding one of its terms; a soft line blocks
  unless its ``moves_when`` holds *in the given state with that package on the table*. A
  condition that mentions ``on_table`` depends only on the terms of the issues it names, so it is
  evaluated once per combination of choices on those issues (a small table) and broadcast; any
  other condition is evaluated once;
- **linkages**: the ``if`` term and the ``requires`` term each name one issue, so a linkage is a
  table over at most two issues, each cell decided by ``rules._linkage_unmet`` (agreed terms
  count, overridden by the proposal's; a choice carries its placement phase);
- **stakeholder consents** (plan search only): a term matching a consent entry needs the
  stakeholder's consent (its ``when`` evaluated like a soft line's condition, or given when the
  stakeholder is the played mediator).

Each constraint becomes a boolean N-d array (True = violated) by broadcasting its small table;
constraints are folded into per-package bit words, from which the blocking sets are read: a set
of constraints S opens a package when the package's violated set is inside S, so the smallest
sets that open a zone of agreement are the violated sets of least size among packages whose
values already clear every walk-away.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from game.engine.conditions import Context, holds, leaves, term_matches
from game.engine.moves import Framework, Term
from game.engine.rules import _linkage_unmet, index_of, trust_gated
from game.engine.state import GameState
from game.format import models as m

Choice = Term | None  # None: the issue is left off the table


@dataclass(frozen=True)
class Axis:
    issue: m.Issue
    choices: tuple[Choice, ...]

    @property
    def size(self) -> int:
        return len(self.choices)


@dataclass
class Constraint:
    """One red line, linkage or consent entry, with its violation array over the space."""

    index: int
    party: str
    kind: str  # red_line_hard | red_line_soft | linkage | trust_gate | consent
    id: str
    reason: str
    cite: m.Cite | None
    model: Any
    violated: int = 0  # packages where it is violated
    hit: int = 0  # soft lines: packages holding one of its terms (moved or not)

    @property
    def rule(self) -> str:
        prefix = {"linkage": "linkage", "consent": "consent",
                  "trust_gate": "trust_gate"}.get(self.kind, "red_line")
        return f"{prefix}:{self.id}"


@dataclass
class Space:
    state: GameState
    axes: list[Axis]
    shape: tuple[int, ...]
    principals: list[str]
    values: dict[str, np.ndarray]  # float64, shape `shape`
    walkaway: dict[str, float]
    value_ok: dict[str, np.ndarray]  # bool
    blocked: dict[str, np.ndarray]  # bool: some red line or linkage of the party is violated
    constraints: list[Constraint]
    words: list[np.ndarray]  # uint64 bit words of violated constraints (global numbering)
    consent_blocked: np.ndarray | None = None
    soft_hits: dict[int, np.ndarray] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return int(math.prod(self.shape))

    def acceptable(self, party: str) -> np.ndarray:
        ok: np.ndarray = self.value_ok[party] & ~self.blocked[party]
        return ok

    def acceptable_to_all(self) -> np.ndarray:
        out = np.ones(self.shape, dtype=bool)
        for p in self.principals:
            out &= self.acceptable(p)
        return out

    def terms_at(self, flat_index: int) -> list[Choice]:
        idx = np.unravel_index(int(flat_index), self.shape)
        return [ax.choices[int(i)] for ax, i in zip(self.axes, idx, strict=True)]

    def framework_at(self, flat_index: int) -> Framework:
        terms = [t for t in self.terms_at(flat_index) if t is not None]
        return Framework.of(terms, self.state.scenario)

    def comprehensive_slice(self) -> tuple[slice, ...]:
        """Index of the sub-box where every issue gets an option (no deferral, nothing absent).

        Valid for spaces built by `full_axes` (options first, then deferred)."""
        return tuple(slice(0, len(ax.issue.options)) for ax in self.axes)


# --------------------------------------------------------------------------- axes


def option_term(issue: m.Issue, option: m.Option, phase: str | None = None) -> Term:
    return Term(issue.id, option.id, phase or issue.phase)


def full_axes(scenario: m.Scenario) -> list[Axis]:
    """Every issue: each option in its default phase, then deferred if deferrable."""
    axes = []
    for issue in scenario.issues:
        choices: list[Choice] = [option_term(issue, o) for o in issue.options]
        if issue.deferrable:
            choices.append(Term(issue.id, deferred=True))
        axes.append(Axis(issue, tuple(choices)))
    return axes


def _expand(table: np.ndarray, dims: tuple[int, ...], ndim: int) -> np.ndarray:
    """Reshape a table over `dims` (sorted axis numbers) so that it broadcasts over ndim axes."""
    shape = [1] * ndim
    for d, n in zip(dims, table.shape, strict=True):
        shape[d] = n
    return table.reshape(shape)


def _on_table_issues(cond: m.Condition | None, out: set[str]) -> set[str]:
    out.update(c.on_table.issue for c in leaves(cond) if isinstance(c, m.OnTableCond))
    return out


@dataclass(frozen=True)
class Factor:
    """A boolean table over a few axes of the space (dims sorted); dims=() is a constant."""

    table: np.ndarray
    dims: tuple[int, ...]

    def align(self, dims: tuple[int, ...]) -> np.ndarray:
        """This factor's table, broadcastable over the (sorted, superset) `dims`."""
        shape = [1] * len(dims)
        for d, n in zip(self.dims, self.table.shape, strict=True):
            shape[dims.index(d)] = n
        return self.table.reshape(shape)


def f_combine(a: Factor, b: Factor, op: Any) -> Factor:
    dims = tuple(sorted(set(a.dims) | set(b.dims)))
    return Factor(np.asarray(op(a.align(dims), b.align(dims))), dims)


class _Builder:
    """Small tables (factors) for every value, red line, linkage and consent of a space."""

    def __init__(self, state: GameState, axes: list[Axis], turn: int | None,
                 memo: dict[Any, np.ndarray] | None = None) -> None:
        self.state = state
        # condition tables already built for this state and turn, shared between builders
        self.memo: dict[Any, np.ndarray] = {} if memo is None else memo
        self.scenario = state.scenario
        self.axes = axes
        self.turn = state.turn + 1 if turn is None else turn
        self.ndim = len(axes)
        self.shape = tuple(ax.size for ax in axes)
        self.axis_of = {ax.issue.id: n for n, ax in enumerate(axes)}

    def full(self, f: Factor) -> np.ndarray:
        if not f.dims:
            return np.full(self.shape, bool(f.table), dtype=bool)
        return np.broadcast_to(_expand(f.table, f.dims, self.ndim), self.shape)

    def _cache(self) -> dict[Any, Factor]:
        """Factors that depend only on the scenario, the axes' choices and the agreed terms
        they name (kept with the scenario, emptied when large)."""
        cache: dict[Any, Factor] = self.scenario.tables.analysis.setdefault("space_factors", {})
        if len(cache) > 200_000:
            cache.clear()
        return cache

    def match_any(self, refs: list[m.TermRef]) -> Factor:
        """Some proposal term matches one of refs."""
        issues = {r.issue for r in refs}
        key = ("match", tuple(id(r) for r in refs),
               tuple((n, ax.choices) for n, ax in enumerate(self.axes) if ax.issue.id in issues))
        cache = self._cache()
        got = cache.get(key)
        if got is None:
            got = cache[key] = self._match_any(refs)
        return got

    def _match_any(self, refs: list[m.TermRef]) -> Factor:
        out = Factor(np.array(False), ())
        issues = {r.issue for r in refs}  # a term matches only refs on its own issue
        for n, ax in enumerate(self.axes):
            if ax.issue.id not in issues:
                continue
            row = np.array([t is not None and any(term_matches(r, t) for r in refs)
                            for t in ax.choices], dtype=bool)
            if row.any():
                out = f_combine(out, Factor(row, (n,)), np.logical_or)
        return out

    def condition(self, cond: m.Condition | None) -> Factor:
        """Does cond hold, with each package on the table (see module doc)."""
        issues = sorted({self.axis_of[i] for i in _on_table_issues(cond, set())
                         if i in self.axis_of})
        key = (id(cond), self.turn, tuple(self.axes[d].choices for d in issues))
        table = self.memo.get(key)
        if table is None:
            table = self.memo[key] = self._condition_table(cond, issues)
        return Factor(table, tuple(issues))

    def _condition_table(self, cond: m.Condition | None, issues: list[int]) -> np.ndarray:
        if not issues:
            return np.array(holds(cond, Context(self.state, on_table=Framework(),
                                                turn=self.turn)))
        sizes = [self.axes[d].size for d in issues]
        table = np.zeros(sizes, dtype=bool)
        for combo in itertools.product(*(range(s) for s in sizes)):
            terms = [self.axes[d].choices[c] for d, c in zip(issues, combo, strict=True)]
            fw = Framework.of([t for t in terms if t is not None], self.scenario)
            table[combo] = holds(cond, Context(self.state, on_table=fw, turn=self.turn))
        return table

    def package_term(self, issue_id: str) -> tuple[int | None, list[Term | None]]:
        """The term of the package on an issue: (axis, per-choice term) or (None, [constant])."""
        agreed = self.state.agreed.get(issue_id)
        base = agreed.term if agreed is not None else None
        n = self.axis_of.get(issue_id)
        if n is None:
            return None, [base]
        return n, [base if c is None else c for c in self.axes[n].choices]

    def value_parts(self, party: m.Party
                    ) -> list[tuple[int | None, np.ndarray, np.ndarray]]:
        """(axis, w*v per choice, w per choice) in rules.PartyIndex.package_value's order.

        A principal judges a proposal by its own terms (rules.evaluate): only the axes count,
        in the scenario's issue order (the order of `Framework.of`), and an absent choice
        weighs 0. The numbers come from the engine's tables (`rules.index_of`)."""
        index = index_of(self.scenario, party.id)
        order = self.scenario.issue_order
        parts: list[tuple[int | None, np.ndarray, np.ndarray]] = []
        for n in sorted(range(self.ndim), key=lambda d: order.get(self.axes[d].issue.id, 0)):
            issue_id = self.axes[n].issue.id
            w = index.weights[issue_id]
            choices = self.axes[n].choices
            tv = np.array([0.0 if t is None else index.term_value(t) for t in choices])
            tw = np.array([0.0 if t is None else w for t in choices])
            parts.append((n, w * tv, tw))
        return parts

    def values(self, party: m.Party) -> np.ndarray:
        """Exactly rules.PartyIndex.package_value of each package, in the same float order."""
        total: np.ndarray | float = 0.0
        weight: np.ndarray | float = 0.0
        for n, contrib, tw in self.value_parts(party):
            if n is None:
                total = total + float(contrib[0])
                weight = weight + float(tw[0])
            else:
                total = total + _expand(contrib, (n,), self.ndim)
                weight = weight + _expand(tw, (n,), self.ndim)
        total_a = np.broadcast_to(np.asarray(total, dtype=np.float64), self.shape)
        weight_a = np.broadcast_to(np.asarray(weight, dtype=np.float64), self.shape)
        with np.errstate(divide="ignore", invalid="ignore"):
            out = np.where(weight_a > 0, total_a / np.where(weight_a > 0, weight_a, 1.0), 0.0)
        return np.ascontiguousarray(out)

    def linkage(self, link: m.Linkage) -> Factor:
        """The linkage is unmet: rules._linkage_unmet on the package's two terms (agreed terms
        count, overridden by the proposal's)."""
        ni, ti = self.package_term(link.if_.issue)
        nr, tr = self.package_term(link.requires.issue)
        key = ("link", id(link), ni, tuple(ti), nr, tuple(tr))
        cache = self._cache()
        got = cache.get(key)
        if got is None:
            got = cache[key] = self._linkage(link, ni, ti, nr, tr)
        return got

    def _linkage(self, link: m.Linkage, ni: int | None, ti: list[Term | None],
                 nr: int | None, tr: list[Term | None]) -> Factor:
        state = self.state

        def unmet(trigger: Term | None, req: Term | None) -> bool:
            terms = {} if req is None else {link.requires.issue: req}
            if trigger is not None:
                terms[link.if_.issue] = trigger
            return _linkage_unmet(state, link, terms)

        if link.if_.issue == link.requires.issue:
            row = np.array([unmet(t, t) for t in ti], dtype=bool)
            return Factor(row, (ni,)) if ni is not None else Factor(np.array(row[0]), ())
        table = np.array([[unmet(a, b) for b in tr] for a in ti], dtype=bool)
        if ni is None and nr is None:
            return Factor(np.array(table[0, 0]), ())
        if ni is None:
            assert nr is not None
            return Factor(table[0], (nr,))
        if nr is None:
            return Factor(table[:, 0], (ni,))
        return Factor(table, (ni, nr)) if ni < nr else Factor(table.T.copy(), (nr, ni))

    def trust_gate(self, party: m.Party) -> list[tuple[int, np.ndarray]]:
        """(axis, choices refused) for each axis with a choice that rules.trust_gated refuses:
        a substantive term while the party's trust in the mediator is below its threshold."""
        out = []
        cache = self._cache()
        trust = self.state.meters.get(f"trust.{party.id}")  # all the gate reads of the state
        for n, ax in enumerate(self.axes):
            key = ("gate", party.id, ax.choices, trust)
            got = cache.get(key)
            if got is None:
                row = np.array([t is not None and bool(
                    trust_gated(self.state, party, Framework((t,)))) for t in ax.choices],
                    dtype=bool)
                got = cache[key] = Factor(row, (n,))
            if got.table.any():
                out.append((n, got.table))
        return out

    def constraints(self, with_consents: bool = False
                    ) -> list[tuple[Constraint, Factor, Factor | None]]:
        """Every principal's red lines and linkages (then consents if asked), numbered:
        (constraint, violation factor, hit factor for soft lines)."""
        out: list[tuple[Constraint, Factor, Factor | None]] = []
        for party in self.scenario.principals:
            for line in party.red_lines:
                hit = self.match_any(list(line.options))
                c = Constraint(len(out), party.id, f"red_line_{line.kind}", line.id,
                               line.reason, line.cite, line)
                if line.kind == "soft":
                    moves = self.condition(line.moves_when)
                    viol = f_combine(hit, moves, lambda a, b: a & ~b)
                    out.append((c, viol, hit))
                else:
                    out.append((c, hit, None))
            for link in party.linkages:
                c = Constraint(len(out), party.id, "linkage", link.id, link.reason,
                               link.cite, link)
                out.append((c, self.linkage(link), None))
            for n, row in self.trust_gate(party):
                issue = self.axes[n].issue
                c = Constraint(len(out), party.id, "trust_gate", issue.id,
                               f"{party.name} accepts no substantive term on {issue.title} "
                               f"from a mediator it trusts this little.", None, party.behaviour)
                out.append((c, Factor(row, (n,)), None))
        if with_consents:
            for holder in self.scenario.stakeholders:
                if holder.id == self.state.mediator:
                    continue
                for entry in holder.consents:
                    hit = self.match_any(list(entry.options))
                    if not hit.table.any():
                        continue
                    viol = f_combine(hit, self.condition(entry.when), lambda a, b: a & ~b)
                    c = Constraint(len(out), holder.id, "consent", entry.id, entry.reason,
                                   entry.cite, entry)
                    out.append((c, viol, None))
        return out


def factor_count(f: Factor, shape: tuple[int, ...]) -> int:
    """Packages of the space where a factor holds, without materialising it."""
    inside = math.prod(shape[d] for d in f.dims)
    return int(np.count_nonzero(f.table)) * (math.prod(shape) // inside)


def build_space(state: GameState, axes: list[Axis] | None = None, turn: int | None = None,
                with_consents: bool = False, memo: dict[Any, np.ndarray] | None = None
                ) -> Space:
    """Evaluate every package of the space for every principal, as full N-d arrays.

    Meant for spaces of up to a few million packages (tests, the plan search, the benchmark);
    `analysis.analyze_space` handles bigger ones in chunks."""
    scenario = state.scenario
    axes = full_axes(scenario) if axes is None else axes
    b = _Builder(state, axes, turn, memo)
    principals = [p.id for p in scenario.principals]
    values: dict[str, np.ndarray] = {}
    value_ok: dict[str, np.ndarray] = {}
    walkaway: dict[str, float] = {}
    blocked = {p: np.zeros(b.shape, dtype=bool) for p in principals}
    for party in scenario.principals:
        values[party.id] = b.values(party)
        walkaway[party.id] = float(state.meters[f"walkaway.{party.id}"])
        value_ok[party.id] = values[party.id] >= walkaway[party.id]
    constraints: list[Constraint] = []
    arrays: list[np.ndarray] = []
    soft_hits: dict[int, np.ndarray] = {}
    consent_blocked = np.zeros(b.shape, dtype=bool) if with_consents else None
    for c, viol, hit in b.constraints(with_consents):
        arr = b.full(viol)
        c.violated = factor_count(viol, b.shape)
        if hit is not None:
            c.hit = factor_count(hit, b.shape)
            soft_hits[c.index] = b.full(hit)
        if c.kind == "consent":
            assert consent_blocked is not None
            consent_blocked |= arr
            continue
        constraints.append(c)
        arrays.append(arr)
        blocked[c.party] |= arr
    words = _pack(arrays, b.shape)
    return Space(state, axes, b.shape, principals, values, walkaway, value_ok, blocked,
                 constraints, words, consent_blocked, soft_hits)


def _pack(arrays: list[np.ndarray], shape: tuple[int, ...]) -> list[np.ndarray]:
    words = []
    for start in range(0, len(arrays), 64):
        word = np.zeros(shape, dtype=np.uint64)
        for k, arr in enumerate(arrays[start:start + 64]):
            word |= arr.astype(np.uint64) << np.uint64(k)
        words.append(word)
    return words


# --------------------------------------------------------------------------- Pareto and Nash


def pareto_mask(points: np.ndarray) -> np.ndarray:
    """Non-dominated rows of `points` (n x k, maximise every column).

    Two columns: sort by the first value (then the second) descending and sweep, O(n log n).
    Equal points are all kept (neither dominates the other). More columns: take the distinct
    points in decreasing lexicographic order, each frontier point culling what it dominates."""
    n = points.shape[0]
    if n == 0:
        return np.zeros(0, dtype=bool)
    if points.shape[1] == 1:
        best: np.ndarray = points[:, 0] == points[:, 0].max()
        return best
    if points.shape[1] == 2:
        a, b = points[:, 0], points[:, 1]
        order = np.lexsort((-b, -a))
        sa, sb = a[order], b[order]
        new_group = np.empty(n, dtype=bool)
        new_group[0] = True
        new_group[1:] = sa[1:] != sa[:-1]
        starts = np.flatnonzero(new_group)
        group_id = np.cumsum(new_group) - 1
        group_best = sb[starts]  # max of b within each group (first after sorting)
        cummax = np.maximum.accumulate(group_best)
        prev_best = np.concatenate(([-np.inf], cummax[:-1]))
        keep_sorted = (sb == group_best[group_id]) & (sb > prev_best[group_id])
        out = np.zeros(n, dtype=bool)
        out[order] = keep_sorted
        return out
    # distinct points, largest first in lexicographic order: a point that dominates another
    # comes before it, so the first one left is on the frontier; it culls what it dominates
    # in one vectorised pass (as many passes as frontier points)
    uniq, inverse = np.unique(points, axis=0, return_inverse=True)
    on_front = np.zeros(uniq.shape[0], dtype=bool)
    left = np.arange(uniq.shape[0])[::-1]
    while left.size:
        top = left[0]
        on_front[top] = True
        rest = left[1:]
        left = rest[~np.all(uniq[rest] <= uniq[top], axis=1)]
    mask: np.ndarray = on_front[inverse.reshape(-1)]
    return mask


def nash_index(gains: list[np.ndarray]) -> int | None:
    """Index maximising the product of gains (all >= 0); first index on ties; None if empty."""
    if not gains or gains[0].size == 0:
        return None
    prod = gains[0].copy()
    for g in gains[1:]:
        prod = prod * g
    return int(np.argmax(prod))


# --------------------------------------------------------------------------- reports


def cite_dict(scenario: m.Scenario, c: m.Cite | None) -> dict[str, str | None] | None:
    """A citation with its source's title, for reports."""
    if c is None:
        return None
    try:
        title = scenario.source(c.source).title
    except KeyError:
        title = c.source
    out: dict[str, str | None] = {"source": c.source, "title": title, "quote": c.quote}
    out.update({k: str(v) for k, v in (("section", c.section), ("page", c.page)) if v is not None})
    return out


def describe_choice(scenario: m.Scenario, issue: m.Issue, t: Choice) -> dict[str, Any]:
    if t is None:
        return {"issue": issue.id, "absent": True}
    if t.deferred:
        return {"issue": issue.id, "deferred": True, "label": f"{issue.title}: deferred"}
    return {"issue": issue.id, "option": t.option, "phase": t.phase, "label": t.label(scenario)}


def package_dict(space: Space, flat: int) -> dict[str, Any]:
    scenario = space.state.scenario
    terms = space.terms_at(flat)
    idx = np.unravel_index(int(flat), space.shape)
    return {
        "terms": [describe_choice(scenario, ax.issue, t)
                  for ax, t in zip(space.axes, terms, strict=True) if t is not None],
        "values": {p: round(float(space.values[p][idx]), 2) for p in space.principals},
        "gains": {p: round(float(space.values[p][idx]) - space.walkaway[p], 2)
                  for p in space.principals},
    }


def frontier_and_nash(space: Space, mask: np.ndarray, limit: int = 50
                      ) -> tuple[list[dict[str, Any]], int, dict[str, Any] | None]:
    """Pareto frontier (distinct value points, one package each) and Nash point over `mask`."""
    flat_mask = mask.reshape(-1)
    idx = np.flatnonzero(flat_mask)
    if idx.size == 0:
        return [], 0, None
    pts = np.stack([space.values[p].reshape(-1)[idx] for p in space.principals], axis=1)
    front = pareto_mask(pts)
    f_idx = idx[front]
    f_pts = pts[front]
    # distinct points, sorted by the first principal's value descending
    _, first = np.unique(f_pts, axis=0, return_index=True)
    reps = sorted(first.tolist(), key=lambda i: (-f_pts[i][0], i))
    frontier = [package_dict(space, int(f_idx[i])) for i in reps[:limit]]
    gains = [pts[:, k] - space.walkaway[p] for k, p in enumerate(space.principals)]
    ok = np.all(np.stack(gains, axis=1) >= 0, axis=1)
    nash = None
    if ok.any():
        sub = np.flatnonzero(ok)
        k = nash_index([g[sub] for g in gains])
        assert k is not None
        flat = int(idx[sub[k]])
        nash = package_dict(space, flat)
        nash["product"] = round(float(np.prod([g[sub[k]] for g in gains])), 4)
        nash["index"] = flat
    return frontier, len(reps), nash


def blocking_sets(rows: np.ndarray, counts: np.ndarray, max_sets: int = 12
                  ) -> tuple[list[tuple[list[int], int]], str | None]:
    """Smallest sets of constraints whose relaxation opens some package.

    `rows` (K x words, uint64) are the distinct violated-constraint sets of the packages whose
    values clear every walk-away (`counts` packages each). A set S opens a package when the
    package's violated set is inside S, so the smallest such S are the rows of least size.
    Returns ([(constraint indices, packages opened)], note)."""
    if rows.shape[0] == 0:
        return [], ("no package clears every party's walk-away: relaxing red lines and "
                    "linkages cannot open a zone of agreement; walk-aways must move first")
    sizes = np.zeros(rows.shape[0], dtype=np.int64)
    for w in range(rows.shape[1]):
        sizes += np.array([int(x).bit_count() for x in rows[:, w]], dtype=np.int64)
    smallest = int(sizes.min())
    if smallest == 0:
        return [], "a zone of agreement is already open: nothing blocks it"
    out = []
    for row, size in zip(rows, sizes, strict=True):
        if size != smallest:
            continue
        members = [64 * w + b for w in range(len(row)) for b in range(64)
                   if (int(row[w]) >> b) & 1]
        out.append((members, opened_by(rows, counts, members)))
    out.sort(key=lambda s: (-s[1], s[0]))
    return out[:max_sets], None


def opened_by(rows: np.ndarray, counts: np.ndarray, members: list[int]) -> int:
    """Packages (among rows/counts) not yet open that relaxing `members` would open."""
    if rows.shape[0] == 0:
        return 0
    inside = np.ones(rows.shape[0], dtype=bool)
    nonzero = np.zeros(rows.shape[0], dtype=bool)
    for w in range(rows.shape[1]):
        mw = 0
        for c in members:
            if c // 64 == w:
                mw |= 1 << (c % 64)
        inside &= (rows[:, w] & ~np.uint64(mw)) == 0
        nonzero |= rows[:, w] != 0
    return int(counts[inside & nonzero].sum())
