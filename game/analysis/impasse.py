"""The impasse at the start: who accepts what, what blocks a deal, Pareto and Nash.

The outcome space of the first scenario has 18 million packages, too many for one N-d array
per quantity. `scan` splits the issues into two halves A and B (a package is a pair (a, b)),
computes every value and every constraint that lies within one half on that half only (a few
thousand entries), and walks the A rows in chunks of about `CHUNK` packages, combining the
halves by broadcasting; only constraints that span both halves are gathered per chunk. The
results equal `space.build_space` package by package (tests compare them, and both with
`rules.evaluate`).

Memory is bounded by the chunk, the halves and the results, never by the space: each chunk
folds into running results (counts; a running Pareto front of the packages acceptable to all,
one package per distinct point, merged chunk by chunk; running Nash maxima; the distinct
violated-constraint sets with their counts) and is dropped. The packages acceptable to all are
kept one by one (`Scan.acc_index`) only while there are at most `KEEP` of them. The result is
the same for any chunk size (tests compare a tiny chunk with one chunk). `MAX_PACKAGES`
(format/limits.py) bounds the time, not the memory: `too_large` says when a space is past it.

The Pareto frontier over *all* packages (no red lines) uses the fact that a package's total is
the sum of its halves' totals: a point dominated within its half stays dominated in any sum, so
the frontier lies among the sums of the two halves' frontiers (pairs also taken in chunks).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from game.analysis.space import (
    Axis,
    Constraint,
    Factor,
    _Builder,
    blocking_sets,
    cite_dict,
    factor_count,
    full_axes,
    nash_index,
    opened_by,
    pareto_mask,
)
from game.engine.conditions import describe
from game.engine.game import new_game
from game.engine.moves import Framework
from game.engine.rules import package_value
from game.engine.state import GameState
from game.format import models as m
from game.format.limits import MAX_PACKAGES

CHUNK = 1 << 20
"""Packages evaluated at once (a chunk holds whole A rows, at least one)."""
KEEP = 1 << 20
"""Packages acceptable to all kept one by one (`Scan.acc_index`); past it, only the running
results (counts, frontier, Nash points)."""

Parts = list[tuple[int | None, np.ndarray, np.ndarray]]


def space_size(scenario: m.Scenario) -> int:
    """Packages in the outcome space `analyze` evaluates (every issue's choices multiplied)."""
    return math.prod(ax.size for ax in full_axes(scenario))


def too_large(scenario: m.Scenario) -> str | None:
    """Why the outcome space is past `MAX_PACKAGES` (one sentence), or None when it fits."""
    size = space_size(scenario)
    if size <= MAX_PACKAGES:
        return None
    return (f"the outcome space has {size:,} packages ({len(scenario.issues)} issues), above "
            f"the limit MAX_PACKAGES = {MAX_PACKAGES:,}")


@dataclass
class Scan:
    state: GameState
    axes: list[Axis]
    shape: tuple[int, ...]
    principals: list[str]
    walkaway: dict[str, float]
    constraints: list[Constraint]
    accepts: dict[str, int] = field(default_factory=dict)
    accepts_comprehensive: dict[str, int] = field(default_factory=dict)
    value_ok: dict[str, int] = field(default_factory=dict)
    decisive: dict[int, int] = field(default_factory=dict)  # constraint -> packages
    acc_count: int = 0  # packages acceptable to all
    acc_comp_count: int = 0  # ... that settle every issue
    acc_kept: bool = True  # acc_index / acc_values hold every one of them (at most KEEP)
    acc_index: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    acc_values: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))
    front_index: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    front_values: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))
    nash: int | None = None  # Nash point of the packages acceptable to all
    nash_comprehensive: int | None = None  # ... of those that settle every issue
    rows_any: np.ndarray = field(default_factory=lambda: np.zeros((0, 1), dtype=np.uint64))
    counts_any: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    rows_comp: np.ndarray = field(default_factory=lambda: np.zeros((0, 1), dtype=np.uint64))
    counts_comp: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    frontier_all: list[int] = field(default_factory=list)  # flat indices (one per point)
    comprehensive_size: int = 0

    @property
    def size(self) -> int:
        return math.prod(self.shape)

    def terms_at(self, flat: int) -> list[Any]:
        idx = np.unravel_index(int(flat), self.shape)
        return [ax.choices[int(i)] for ax, i in zip(self.axes, idx, strict=True)]

    def framework_at(self, flat: int) -> Framework:
        return Framework.of([t for t in self.terms_at(flat) if t is not None],
                            self.state.scenario)

    def is_comprehensive(self, flat: int) -> bool:
        return all(t is not None and not t.deferred for t in self.terms_at(flat))


def _half_array(f: Factor, dims_lo: int, dims_hi: int, shape: tuple[int, ...]) -> np.ndarray:
    """Materialise a factor whose dims lie in [dims_lo, dims_hi) over that half, flattened."""
    sub = shape[dims_lo:dims_hi]
    if not f.dims:
        return np.full(math.prod(sub), bool(f.table), dtype=bool)
    reshape = [1] * len(sub)
    for d, n in zip(f.dims, f.table.shape, strict=True):
        reshape[d - dims_lo] = n
    return np.broadcast_to(f.table.reshape(reshape), sub).reshape(-1)


def _half_sum(parts: Parts, lo: int, hi: int,
              shape: tuple[int, ...], use_const: bool) -> tuple[np.ndarray, np.ndarray]:
    sub = shape[lo:hi]
    total = np.zeros(sub, dtype=np.float64)
    weight = np.zeros(sub, dtype=np.float64)
    for n, contrib, tw in parts:
        if n is None:
            if use_const:
                total += float(contrib[0])
                weight += float(tw[0])
            continue
        if not lo <= n < hi:
            continue
        reshape = [1] * len(sub)
        reshape[n - lo] = contrib.shape[0]
        total = total + contrib.reshape(reshape)
        weight = weight + tw.reshape(reshape)
    return total.reshape(-1), weight.reshape(-1)


def _split(shape: tuple[int, ...]) -> int:
    """Axis count of half A: the split that makes both halves closest in size."""
    best, best_k = None, 1
    total = math.log(max(math.prod(shape), 1))
    for k in range(1, len(shape)):
        a = math.log(math.prod(shape[:k]))
        d = abs(2 * a - total)
        if best is None or d < best:
            best, best_k = d, k
    return best_k if len(shape) > 1 else len(shape)


def _integral(parts: Parts) -> bool:
    """All contributions are exact small integers: sums are exact in any order."""
    for _n, contrib, tw in parts:
        for arr in (contrib, tw):
            if not np.all(np.abs(arr) < 2**40) or not np.all(arr == np.round(arr)):
                return False
    return True


@dataclass
class _Halves:
    """Every principal's value parts, and their sums over each half of the axes."""

    shape: tuple[int, ...]
    k: int  # axes of half A
    na: int
    nb: int
    parts: dict[str, Parts]
    tot_a: dict[str, np.ndarray]
    w_a: dict[str, np.ndarray]
    tot_b: dict[str, np.ndarray]
    w_b: dict[str, np.ndarray]
    exact: bool  # every contribution an exact small integer


def _halves(b: _Builder) -> _Halves:
    shape = b.shape
    k = _split(shape)
    h = _Halves(shape, k, math.prod(shape[:k]), math.prod(shape[k:]), {}, {}, {}, {}, {}, True)
    for party in b.scenario.principals:
        parts = h.parts[party.id] = b.value_parts(party)
        h.exact &= _integral(parts)
        h.tot_a[party.id], h.w_a[party.id] = _half_sum(parts, 0, k, shape, True)
        h.tot_b[party.id], h.w_b[party.id] = _half_sum(parts, k, len(shape), shape, False)
    return h


def _exact_values(parts: Parts, cols: list[np.ndarray], n: int) -> np.ndarray:
    """A principal's value of n packages (choice index per axis in `cols`), summed in the
    order and with the operations of `space._Builder.values`, so equal to the last bit to
    `rules.package_value`."""
    total: np.ndarray = np.zeros(n, dtype=np.float64)
    weight: np.ndarray = np.zeros(n, dtype=np.float64)
    for d, contrib, tw in parts:
        if d is None:
            total = total + float(contrib[0])
            weight = weight + float(tw[0])
        else:
            total = total + contrib[cols[d]]
            weight = weight + tw[cols[d]]
    with np.errstate(divide="ignore", invalid="ignore"):
        out: np.ndarray = np.where(weight > 0, total / np.where(weight > 0, weight, 1.0), 0.0)
    return out


def _merge_front(idx: np.ndarray, pts: np.ndarray, new_idx: np.ndarray, new_pts: np.ndarray
                 ) -> tuple[np.ndarray, np.ndarray]:
    """The Pareto front of two sets of packages (flat index, value point), one package per
    distinct point (the smallest index), sorted by index. front(A u B) = front(front(A) u B),
    so folding chunks one by one gives the front of them all."""
    if new_idx.size and idx.size:
        beaten = _dominated_by(pts, new_pts)
        new_idx, new_pts = new_idx[~beaten], new_pts[~beaten]
    if new_idx.size == 0:
        return idx, pts
    all_idx = np.concatenate([idx, new_idx])
    all_pts = np.concatenate([pts.reshape(-1, new_pts.shape[1]), new_pts])
    keep = pareto_mask(all_pts)
    all_idx, all_pts = all_idx[keep], all_pts[keep]
    order = np.lexsort((all_idx,) + tuple(all_pts[:, j] for j in range(all_pts.shape[1])))
    s_pts = all_pts[order]
    first = np.ones(order.size, dtype=bool)
    first[1:] = np.any(s_pts[1:] != s_pts[:-1], axis=1)
    sel = order[first]
    sel = sel[np.argsort(all_idx[sel], kind="stable")]
    return all_idx[sel], all_pts[sel]


def _dominated_by(front: np.ndarray, pts: np.ndarray) -> np.ndarray:
    """Which of `pts` some point of `front` (a Pareto front, distinct points) dominates: a
    cheap first cut before `pareto_mask`, which then sorts only what is left."""
    if front.shape[1] == 2:  # a decreasing, b increasing along the front: one binary search
        order = np.argsort(-front[:, 0], kind="stable")
        fa, fb = front[order, 0], front[order, 1]
        j = np.searchsorted(-fa, -pts[:, 0], side="right")  # front points with a >= p.a
        has = j > 0
        q = np.where(has, j - 1, 0)
        qa, qb = fa[q], fb[q]
        out: np.ndarray = has & (qb >= pts[:, 1]) & ((qa != pts[:, 0]) | (qb != pts[:, 1]))
        return out
    out = np.zeros(pts.shape[0], dtype=bool)
    if front.shape[0] > 256:
        return out
    left = np.arange(pts.shape[0])
    for q in front:
        sub = pts[left]
        hit = np.all(sub <= q, axis=1) & np.any(sub < q, axis=1)
        out[left[hit]] = True
        left = left[~hit]
    return out


def _fold_rows(rows: np.ndarray, counts: np.ndarray, new: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray]:
    """Distinct violated-constraint rows (sorted, as np.unique) with their package counts,
    after adding the rows `new` (one per package)."""
    if new.shape[0] == 0:
        return rows, counts
    allr = np.concatenate([rows, new])
    weights = np.concatenate([counts, np.ones(new.shape[0], dtype=np.int64)])
    if allr.shape[1] == 1:
        u, inv = np.unique(allr[:, 0], return_inverse=True)
        u = u[:, None]
    else:
        u, inv = np.unique(allr, axis=0, return_inverse=True)
    summed = np.zeros(u.shape[0], dtype=np.int64)
    np.add.at(summed, inv.reshape(-1), weights)
    return u, summed


class _Accepted:
    """Running results over the packages acceptable to all, fed chunk by chunk in increasing
    flat order: counts, the kept packages (at most `keep`), the Pareto front and the Nash
    points (the first package on ties, as `nash_of` over them all)."""

    def __init__(self, walkaway: list[float], keep: int) -> None:
        self.walkaway = walkaway
        self.keep = keep
        self.count = self.comp_count = 0
        self.kept = True
        self.idx: list[np.ndarray] = []
        self.vals: list[np.ndarray] = []
        self.front_idx = np.zeros(0, dtype=np.int64)
        self.front_vals = np.zeros((0, len(walkaway)))
        self.nash: tuple[float, int] | None = None
        self.nash_comp: tuple[float, int] | None = None

    def add(self, flat: np.ndarray, vals: np.ndarray, comp: np.ndarray) -> None:
        self.count += int(flat.size)
        self.comp_count += int(np.count_nonzero(comp))
        if self.kept and self.count <= self.keep:
            self.idx.append(flat)
            self.vals.append(vals)
        else:
            self.kept, self.idx, self.vals = False, [], []
        self.front_idx, self.front_vals = _merge_front(self.front_idx, self.front_vals,
                                                       flat, vals)
        gains = [vals[:, j] - w for j, w in enumerate(self.walkaway)]
        ok = np.all(np.stack(gains, axis=1) >= 0, axis=1)
        self.nash = self._best(self.nash, flat, gains, ok)
        self.nash_comp = self._best(self.nash_comp, flat, gains, ok & comp)

    @staticmethod
    def _best(best: tuple[float, int] | None, flat: np.ndarray, gains: list[np.ndarray],
              ok: np.ndarray) -> tuple[float, int] | None:
        sub = np.flatnonzero(ok)
        k = nash_index([g[sub] for g in gains]) if sub.size else None
        if k is None:
            return best
        prod = gains[0][sub[k]]
        for g in gains[1:]:
            prod = prod * g[sub[k]]
        if best is None or float(prod) > best[0]:
            return float(prod), int(flat[sub[k]])
        return best


def scan(state: GameState, axes: list[Axis] | None = None, chunk: int = CHUNK,
         keep: int = KEEP) -> Scan:
    """Evaluate every package of the space, chunk by chunk (see the module doc)."""
    scenario = state.scenario
    axes = full_axes(scenario) if axes is None else axes
    b = _Builder(state, axes, None)
    h = _halves(b)
    shape, k, na, nb = h.shape, h.k, h.na, h.nb
    tot_a, w_a, tot_b, w_b, exact = h.tot_a, h.w_a, h.tot_b, h.w_b, h.exact
    principals = [p.id for p in scenario.principals]
    walkaway = {p: float(state.meters[f"walkaway.{p}"]) for p in principals}
    result = Scan(state, axes, shape, principals, walkaway, [])
    # constraints per half, or spanning both
    cons = b.constraints()
    result.constraints = [c for c, _, _ in cons]
    nwords = max(1, (len(cons) + 63) // 64)
    words_a = [np.zeros(na, dtype=np.uint64) for _ in range(nwords)]
    words_b = [np.zeros(nb, dtype=np.uint64) for _ in range(nwords)]
    blk_a = {p: np.zeros(na, dtype=bool) for p in principals}
    blk_b = {p: np.zeros(nb, dtype=bool) for p in principals}
    cnt_a = {p: np.zeros(na, dtype=np.int8) for p in principals}
    cnt_b = {p: np.zeros(nb, dtype=np.int8) for p in principals}
    cross: list[tuple[Constraint, Factor]] = []
    party_mask = {p: [0] * nwords for p in principals}
    side_a: dict[str, list[int]] = {p: [] for p in principals}
    side_b: dict[str, list[int]] = {p: [] for p in principals}
    side_a_arr: dict[int, np.ndarray] = {}
    side_b_arr: dict[int, np.ndarray] = {}
    for c, viol, hit in cons:
        c.violated = factor_count(viol, shape)
        if hit is not None:
            c.hit = factor_count(hit, shape)
        party_mask[c.party][c.index // 64] |= 1 << (c.index % 64)
        bit = np.uint64(1 << (c.index % 64))
        w = c.index // 64
        if all(d < k for d in viol.dims):
            arr = _half_array(viol, 0, k, shape)
            words_a[w] |= arr.astype(np.uint64) * bit
            blk_a[c.party] |= arr
            cnt_a[c.party] += arr
            side_a[c.party].append(c.index)
            side_a_arr[c.index] = arr
        elif all(d >= k for d in viol.dims):
            arr = _half_array(viol, k, len(shape), shape)
            words_b[w] |= arr.astype(np.uint64) * bit
            blk_b[c.party] |= arr
            cnt_b[c.party] += arr
            side_b[c.party].append(c.index)
            side_b_arr[c.index] = arr
        else:
            cross.append((c, viol))
    coords_a = np.stack(np.unravel_index(np.arange(na), shape[:k]), axis=1) if k else None
    coords_b = np.stack(np.unravel_index(np.arange(nb), shape[k:]), axis=1)
    comp_a = np.ones(na, dtype=bool)
    comp_b = np.ones(nb, dtype=bool)
    for d, ax in enumerate(axes):
        n_opt = len(ax.issue.options)
        if d < k:
            assert coords_a is not None
            comp_a &= coords_a[:, d] < n_opt
        else:
            comp_b &= coords_b[:, d - k] < n_opt
    result.comprehensive_size = int(comp_a.sum()) * int(comp_b.sum())

    # A cross constraint depends on a few A axes (key kA) and B axes: precompute, per value
    # of kA, its row over B; a chunk then gathers whole rows (a copy, not an element gather).
    cross_rows: list[tuple[Constraint, np.ndarray, np.ndarray]] = []
    for c, f in cross:
        da = [d for d in f.dims if d < k]
        sizes_a = [shape[d] for d in da]
        assert coords_a is not None
        key_a = np.ravel_multi_index(tuple(coords_a[:, d] for d in da), sizes_a) \
            if da else np.zeros(na, dtype=np.int64)
        mat = np.zeros((math.prod(sizes_a), nb), dtype=bool)
        for kv in range(mat.shape[0]):
            va = np.unravel_index(kv, sizes_a) if da else ()
            where: list[Any] = []
            for d in f.dims:
                if d < k:
                    where.append(int(va[da.index(d)]))
                else:
                    where.append(coords_b[:, d - k])
            mat[kv] = f.table[tuple(where)]
        cross_rows.append((c, key_a, mat))

    # exact integer totals and a constant weight: compare totals with walk-away x weight
    fast = exact and all(np.all(w_a[p] + w_b[p][0] == w_a[p][0] + w_b[p][0]) and
                         np.all(w_b[p] == w_b[p][0]) for p in principals)
    thresholds = {}
    if fast:
        for p in principals:
            weight = float(w_a[p][0] + w_b[p][0])
            if weight <= 0 or walkaway[p] * weight != round(walkaway[p] * weight):
                fast = False
                break
            thresholds[p] = (np.int64(round(walkaway[p] * weight)) -
                             tot_a[p].astype(np.int64), tot_b[p].astype(np.int64), weight)

    for p in principals:
        result.accepts[p] = result.accepts_comprehensive[p] = result.value_ok[p] = 0
    running = _Accepted([walkaway[p] for p in principals], keep)
    rows_any = np.zeros((0, nwords), dtype=np.uint64)
    counts_any = np.zeros(0, dtype=np.int64)
    rows_comp, counts_comp = rows_any, counts_any
    cross_list: list[tuple[Constraint, Any]] = [(c, None) for c, _k, _m in cross_rows]
    step = max(1, chunk // max(nb, 1))
    for r0 in range(0, na, step):
        ra = np.arange(r0, min(na, r0 + step))
        cross_arr = {c.index: mat[key_a[ra]] for c, key_a, mat in cross_rows}
        comp = comp_a[ra, None] & comp_b[None, :]
        all_ok = np.ones((len(ra), nb), dtype=bool)
        vok_all = np.ones((len(ra), nb), dtype=bool)
        for p in principals:
            if fast:
                need, have, _w = thresholds[p]
                vok = have[None, :] >= need[ra, None]
            else:
                tot = tot_a[p][ra, None] + tot_b[p][None, :]
                wt = w_a[p][ra, None] + w_b[p][None, :]
                with np.errstate(divide="ignore", invalid="ignore"):
                    val = np.where(wt > 0, tot / np.where(wt > 0, wt, 1.0), 0.0)
                if not exact:  # re-check the packages at the walk-away exactly
                    near = np.abs(val - walkaway[p]) < 1e-7
                    if near.any():
                        party = scenario.party(p)
                        for i, j in zip(*np.nonzero(near), strict=True):
                            flat = int(ra[i]) * nb + int(j)
                            val[i, j] = package_value(
                                party, list(result.framework_at(flat).terms))
                vok = val >= walkaway[p]
            blk = blk_a[p][ra, None] | blk_b[p][None, :]
            cnt = cnt_a[p][ra, None] + cnt_b[p][None, :]
            mine = [c for c, _k, _m in cross_rows if c.party == p]
            for c in mine:
                blk |= cross_arr[c.index]
                cnt += cross_arr[c.index]
            acc = vok & ~blk
            result.value_ok[p] += int(np.count_nonzero(vok))
            result.accepts[p] += int(np.count_nonzero(acc))
            result.accepts_comprehensive[p] += int(np.count_nonzero(acc & comp))
            # decisive: packages clearing the walk-away with exactly this one violation
            sole = vok & (cnt == 1)
            rows_n = np.count_nonzero(sole, axis=1)
            cols_n = np.count_nonzero(sole, axis=0)
            for ca in side_a[p]:
                result.decisive[ca] = result.decisive.get(ca, 0) + int(
                    rows_n[side_a_arr[ca][ra]].sum())
            for cb in side_b[p]:
                result.decisive[cb] = result.decisive.get(cb, 0) + int(
                    cols_n[side_b_arr[cb]].sum())
            for c in mine:
                result.decisive[c.index] = result.decisive.get(c.index, 0) + int(
                    np.count_nonzero(sole & cross_arr[c.index]))
            all_ok &= acc
            vok_all &= vok
        if all_ok.any():
            ii, jj = np.nonzero(all_ok)
            rows = ra[ii]
            assert coords_a is not None
            cols = [coords_a[rows, d] if d < k else coords_b[jj, d - k]
                    for d in range(len(shape))]
            vals = np.stack([_exact_values(h.parts[p], cols, ii.size) for p in principals],
                            axis=1)
            running.add(rows * nb + jj, vals, comp[ii, jj])
        if vok_all.any():
            pos = np.nonzero(vok_all)
            words = _words_at(words_a, words_b, cross_list, cross_arr, ra, pos, None)
            rows_any, counts_any = _fold_rows(rows_any, counts_any, words)
            rows_comp, counts_comp = _fold_rows(rows_comp, counts_comp, words[comp[pos]])
    result.acc_count, result.acc_comp_count = running.count, running.comp_count
    result.acc_kept = running.kept
    result.acc_index = (np.concatenate(running.idx) if running.idx
                        else np.zeros(0, dtype=np.int64))
    result.acc_values = (np.concatenate(running.vals) if running.vals
                         else np.zeros((0, len(principals))))
    result.front_index, result.front_values = running.front_idx, running.front_vals
    result.nash = None if running.nash is None else running.nash[1]
    result.nash_comprehensive = None if running.nash_comp is None else running.nash_comp[1]
    result.rows_any, result.counts_any = rows_any, counts_any
    result.rows_comp, result.counts_comp = rows_comp, counts_comp
    result.frontier_all = _frontier_all(h, principals, chunk)
    return result


def pareto_all(state: GameState, axes: list[Axis] | None = None, chunk: int = CHUNK
               ) -> list[int]:
    """`Scan.frontier_all` alone (no red line, no linkage): from the halves, without the scan."""
    axes = full_axes(state.scenario) if axes is None else axes
    return _frontier_all(_halves(_Builder(state, axes, None)),
                         [p.id for p in state.scenario.principals], chunk)


def _words_at(words_a: list[np.ndarray], words_b: list[np.ndarray],
              cross: list[tuple[Constraint, Factor]], cross_arr: dict[int, np.ndarray],
              ra: np.ndarray, pos: tuple[np.ndarray, ...], mask: list[int] | None
              ) -> np.ndarray:
    ii, jj = pos
    out = np.empty((ii.size, len(words_a)), dtype=np.uint64)
    for w in range(len(words_a)):
        col = words_a[w][ra[ii]] | words_b[w][jj]
        for c, _f in cross:
            if c.index // 64 == w:
                col |= cross_arr[c.index][ii, jj].astype(np.uint64) << np.uint64(c.index % 64)
        if mask is not None:
            col &= np.uint64(mask[w])
        out[:, w] = col
    return out


def _frontier_all(h: _Halves, principals: list[str], chunk: int = CHUNK) -> list[int]:
    """Flat indices (one per distinct point, the smallest) of the Pareto frontier over all
    packages, the pairs of the halves' frontiers taken about `chunk` at a time."""
    tot_a, tot_b, w_a, w_b, nb = h.tot_a, h.tot_b, h.w_a, h.w_b, h.nb
    const_w = all(np.all(w_a[p] == w_a[p][0]) and np.all(w_b[p] == w_b[p][0])
                  for p in principals)
    pa = np.stack([tot_a[p] for p in principals], axis=1)
    pb = np.stack([tot_b[p] for p in principals], axis=1)
    if const_w:
        fa = np.flatnonzero(pareto_mask(pa))
        fb = np.flatnonzero(pareto_mask(pb))
    else:  # weights vary (absent issues): no decomposition, take everything
        fa, fb = np.arange(pa.shape[0]), np.arange(pb.shape[0])
    idx = np.zeros(0, dtype=np.int64)
    pts = np.zeros((0, len(principals)))
    step = max(1, chunk // max(fb.size, 1))
    for s in range(0, fa.size, step):
        block = fa[s:s + step]
        ia = np.repeat(block, fb.size)
        ib = np.tile(fb, block.size)
        new = np.stack([(tot_a[p][ia] + tot_b[p][ib]) / (w_a[p][ia] + w_b[p][ib])
                        for p in principals], axis=1)
        idx, pts = _merge_front(idx, pts, (ia * nb + ib).astype(np.int64), new)
    return [int(i) for i in idx]


# --------------------------------------------------------------------------- report


def package_dict(sc: Scan, flat: int) -> dict[str, Any]:
    scenario = sc.state.scenario
    fw = sc.framework_at(flat)
    terms = []
    for t in fw.terms:
        if t.deferred:
            terms.append({"issue": t.issue, "deferred": True, "label": t.label(scenario)})
        else:
            terms.append({"issue": t.issue, "option": t.option, "phase": t.phase,
                          "label": t.label(scenario)})
    values = {p.id: package_value(p, list(fw.terms)) for p in scenario.principals}
    return {
        "index": int(flat),
        "comprehensive": sc.is_comprehensive(flat),
        "terms": terms,
        "values": {p: round(v, 2) for p, v in values.items()},
        "gains": {p: round(v - sc.walkaway[p], 2) for p, v in values.items()},
        "nash_product": round(math.prod(v - sc.walkaway[p] for p, v in values.items()), 4),
    }


def constraint_dict(scenario: m.Scenario, c: Constraint) -> dict[str, Any]:
    out: dict[str, Any] = {
        "index": c.index, "party": c.party, "rule": c.rule, "kind": c.kind, "reason": c.reason,
        "cite": cite_dict(scenario, c.cite),
    }
    if c.kind == "red_line_soft":
        out["moves_when"] = describe(c.model.moves_when)
    return out


def nash_of(sc: Scan, index: np.ndarray, values: np.ndarray) -> int | None:
    if index.size == 0:
        return None
    gains = [values[:, j] - sc.walkaway[p] for j, p in enumerate(sc.principals)]
    ok = np.all(np.stack(gains, axis=1) >= 0, axis=1)
    sub = np.flatnonzero(ok)
    if sub.size == 0:
        return None
    k = nash_index([g[sub] for g in gains])
    return None if k is None else int(index[sub[k]])


def frontier_of(sc: Scan, index: np.ndarray, values: np.ndarray) -> list[int]:
    if index.size == 0:
        return []
    front = np.flatnonzero(pareto_mask(values))
    seen: dict[tuple[float, ...], int] = {}
    for i in front:
        key = tuple(float(x) for x in values[i])
        if key not in seen or index[i] < seen[key]:
            seen[key] = int(index[i])
    return sorted(seen.values())


def start_state(scenario: m.Scenario, mediator: str | None = None, seed: int = 0) -> GameState:
    return new_game(scenario, mediator or scenario.mediators[0].id, seed)


def impasse_report(scenario: m.Scenario, mediator: str | None = None,
                   frontier_limit: int = 40) -> dict[str, Any]:
    """Everything `mediator analyze` shows except the plan search, as plain data."""
    state = start_state(scenario, mediator)
    sc = scan(state)
    cons = sc.constraints
    principals = sc.principals
    out: dict[str, Any] = {
        "scenario": scenario.meta.id,
        "mediator": state.mediator,
        "basis": (f"turn 0 with {scenario.mediator(state.mediator).name} as mediator "
                  "(soft red lines judged with its starting trust); each option in its "
                  "issue's default phase"),
        "issues": [{"id": ax.issue.id, "title": ax.issue.title, "choices": ax.size,
                    "deferrable": ax.issue.deferrable} for ax in sc.axes],
        "outcome_space_size": sc.size,
        "comprehensive_space_size": sc.comprehensive_size,
    }
    parties = {}
    for p in principals:
        mine = sorted((c for c in cons if c.party == p), key=lambda c: (-c.violated, c.index))
        parties[p] = {
            "name": scenario.party(p).name,
            "walkaway": sc.walkaway[p],
            "accepts": sc.accepts[p],
            "accepts_comprehensive": sc.accepts_comprehensive[p],
            "clears_walkaway": sc.value_ok[p],
            "cuts": [{**constraint_dict(scenario, c), "packages_cut": c.violated,
                      "share": round(c.violated / sc.size, 4),
                      "sole_reason": sc.decisive.get(c.index, 0)} for c in mine],
        }
    out["parties"] = parties
    out["acceptable_to_all_at_start"] = sc.acc_count
    out["comprehensive_acceptable_to_all_at_start"] = sc.acc_comp_count
    # blocking sets: of the comprehensive zone when it is empty, else of the whole space
    region = "comprehensive" if sc.acc_comp_count == 0 else "any"
    rows, counts = (sc.rows_comp, sc.counts_comp) if region == "comprehensive" \
        else (sc.rows_any, sc.counts_any)
    sets, note = blocking_sets(rows, counts)
    out["blocking_region"] = region
    out["blocking_note"] = note
    out["blocking_sets"] = [
        {"size": len(members), "opens": opened,
         "relax": [constraint_dict(scenario, cons[i]) for i in members]}
        for members, opened in sets
    ]
    # Pareto and Nash over the acceptable packages (running results of the scan), then over
    # all packages
    front = [int(i) for i in sc.front_index]
    out["pareto_frontier_size"] = len(front)
    out["pareto_frontier"] = [package_dict(sc, i) for i in front[:frontier_limit]]
    out["nash_point"] = None if sc.nash is None else package_dict(sc, sc.nash)
    out["nash_point_comprehensive"] = (None if sc.nash_comprehensive is None
                                       else package_dict(sc, sc.nash_comprehensive))
    f_all = sc.frontier_all
    out["pareto_frontier_all_size"] = len(f_all)
    out["pareto_frontier_all"] = [package_dict(sc, i) for i in f_all[:frontier_limit]]
    if f_all:
        exact = np.array([[package_value(scenario.party(p), list(sc.framework_at(i).terms))
                           for p in principals] for i in f_all])
        nash_all = nash_of(sc, np.array(f_all), exact)
    else:
        nash_all = None
    out["nash_point_all"] = None if nash_all is None else package_dict(sc, nash_all)
    # soft red lines: what meeting their condition would open
    soft = []
    for c in cons:
        if c.kind != "red_line_soft":
            continue
        soft.append({
            **constraint_dict(scenario, c),
            "packages_holding_it": c.hit,
            "blocks_now": c.violated,
            "opens_for_party": sc.decisive.get(c.index, 0),
            "opens_for_all": opened_by(sc.rows_any, sc.counts_any, [c.index]),
            "opens_comprehensive_for_all": opened_by(sc.rows_comp, sc.counts_comp, [c.index]),
        })
    all_soft = [c.index for c in cons if c.kind == "red_line_soft"]
    out["soft_red_lines"] = soft
    out["all_soft_lines_met_opens"] = {
        "any": opened_by(sc.rows_any, sc.counts_any, all_soft),
        "comprehensive": opened_by(sc.rows_comp, sc.counts_comp, all_soft),
    }
    return out
