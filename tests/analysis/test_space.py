"""The vectorised analysis equals brute force through rules.evaluate."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from game.analysis.impasse import frontier_of, impasse_report, nash_of, scan
from game.analysis.plan import _choices, _open_issues
from game.analysis.space import Axis, blocking_sets, build_space, pareto_mask
from game.analysis.synthetic import synthetic_scenario
from game.engine.game import apply, new_game
from game.engine.moves import Framework, Propose, TakeAction, Term

SCENARIOS = [dict(parties=p, issues=4, options=3, seed=s, deferrable=True, walkaway=45)
             for s in range(4) for p in (2, 3)]


def _scenarios(tiny):
    return [tiny] + [synthetic_scenario(**kw) for kw in SCENARIOS]


def test_space_equals_rules_evaluate(tiny, brute_force):
    for scenario in _scenarios(tiny):
        for med in scenario.mediators:
            space = build_space(new_game(scenario, med.id, 0))
            bf = brute_force(space)
            for p in space.principals:
                assert (space.acceptable(p).reshape(-1)
                        == np.array([b[p].acceptable for b in bf])).all()
                assert (space.values[p].reshape(-1) == np.array([b[p].value for b in bf])).all()


def test_space_with_absent_issues_and_agreed_terms(tiny, brute_force):
    """Proposal spaces of the plan search: issues may be absent, some terms already agreed."""
    state, _ = apply(new_game(tiny, "elder", 0), TakeAction("aid"))
    state, _ = apply(state, Propose(Framework.of([Term("truce", "signed", "truce"),
                                                  Term("fence", deferred=True),
                                                  Term("well", "shared", "deal")], tiny)))
    assert "fence" in state.agreed
    for s in (new_game(tiny, "elder", 0), state):
        axes = [Axis(i, tuple(_choices(s, i))) for i in _open_issues(s)]
        space = build_space(s, axes)
        bf = brute_force(space)
        for p in space.principals:
            assert (space.acceptable(p).reshape(-1)
                    == np.array([b[p].acceptable for b in bf])).all()


def test_scan_equals_space(tiny):
    for scenario in _scenarios(tiny):
        state = new_game(scenario, scenario.mediators[0].id, 0)
        space = build_space(state)
        for chunk in (5, 1 << 20):
            sc = scan(state, chunk=chunk)
            assert (np.flatnonzero(space.acceptable_to_all()) == sc.acc_index).all()
            for p in space.principals:
                assert int(space.acceptable(p).sum()) == sc.accepts[p]
            # decisive: clears the walk-away, violates exactly this one constraint of its party
            for c in space.constraints:
                bits = space.words[0]
                mine = sum(1 << d.index for d in space.constraints if d.party == c.party)
                pb = bits & np.uint64(mine)
                only = (pb == np.uint64(1 << c.index)) & space.value_ok[c.party]
                assert sc.decisive.get(c.index, 0) == int(only.sum())


def _brute_frontier(points):
    n = len(points)
    keep = []
    for i in range(n):
        dominated = any(all(points[j][k] >= points[i][k] for k in range(len(points[i])))
                        and any(points[j][k] > points[i][k] for k in range(len(points[i])))
                        for j in range(n))
        keep.append(not dominated)
    return np.array(keep, dtype=bool)


def test_pareto_mask_equals_brute_force():
    rng = np.random.default_rng(3)
    for dims in (2, 3):
        for _ in range(20):
            pts = rng.integers(0, 8, size=(40, dims)).astype(float)
            assert (pareto_mask(pts) == _brute_frontier(pts.tolist())).all()


def test_frontier_and_nash_equal_brute_force(tiny, brute_force):
    for scenario in _scenarios(tiny):
        state = new_game(scenario, scenario.mediators[-1].id, 0)
        sc = scan(state)
        space = build_space(state)
        bf = brute_force(space)
        acc = [n for n, b in enumerate(bf) if all(b[p].acceptable for p in space.principals)]
        pts = [[bf[n][p].value for p in space.principals] for n in acc]
        if acc:
            expected = {tuple(pts[i]) for i, k in enumerate(_brute_frontier(pts)) if k}
            got = {tuple(sc.acc_values[list(sc.acc_index).index(i)]) for i in
                   frontier_of(sc, sc.acc_index, sc.acc_values)}
            assert got == expected
            prods = [np.prod([bf[n][p].value - bf[n][p].walkaway for p in space.principals])
                     for n in acc]
            best = acc[int(np.argmax(prods))]
            assert nash_of(sc, sc.acc_index, sc.acc_values) == best
        # over all packages: frontier by the halves' decomposition
        allpts = [[b[p].value for p in space.principals] for b in bf]
        expected_all = {tuple(np.round(allpts[i], 9)) for i, k in
                        enumerate(_brute_frontier(allpts)) if k}
        got_all = {tuple(np.round(allpts[i], 9)) for i in sc.frontier_all}
        assert got_all == expected_all


def test_blocking_sets_equal_brute_force(tiny):
    """The smallest sets of constraints whose relaxation opens a comprehensive package."""
    for scenario in _scenarios(tiny):
        state = new_game(scenario, scenario.mediators[0].id, 0)
        space = build_space(state)
        report = impasse_report(scenario, scenario.mediators[0].id)
        comp = np.zeros(space.shape, dtype=bool)
        comp[space.comprehensive_slice()] = True
        vok = np.ones(space.shape, dtype=bool)
        for p in space.principals:
            vok &= space.value_ok[p]
        n = len(space.constraints)
        viol = [space.words[0] >> np.uint64(c) & np.uint64(1) for c in range(n)]
        region = comp if report["blocking_region"] == "comprehensive" else np.ones_like(comp)
        expected = []
        if report["comprehensive_acceptable_to_all_at_start"] == 0 or \
                report["blocking_region"] == "any":
            already = (vok & region & (space.words[0] == 0)).any()
            for size in range(0 if already else 1, n + 1):
                for combo in itertools.combinations(range(n), size):
                    ok = vok & region
                    for c in range(n):
                        if c not in combo:
                            ok &= viol[c] == 0
                    if ok.any():
                        expected.append(sorted(combo))
                if expected:
                    break
        got = [sorted(int(r["index"]) for r in s["relax"]) for s in report["blocking_sets"]]
        if expected and expected != [[]]:
            # every smallest blocking set, or the 12 that open most when there are more
            assert len(got) == min(12, len(expected)) and len(got) > 0
            assert len({tuple(g) for g in got}) == len(got)
            assert all(g in expected for g in got)
        else:
            assert got == []


def test_blocking_sets_from_rows():
    rows = np.array([[0b110], [0b011], [0b1000]], dtype=np.uint64)
    counts = np.array([2, 3, 5])
    sets, note = blocking_sets(rows, counts)
    assert note is None and sets == [([3], 5)]


@pytest.mark.parametrize("seed", [0, 1])
def test_synthetic_bench_shape(seed):
    scenario = synthetic_scenario(parties=2, issues=10, options=4, seed=seed)
    assert len(scenario.issues) == 10
    assert all(len(i.options) == 4 for i in scenario.issues)
