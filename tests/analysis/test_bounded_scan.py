"""The outcome-space scan in chunks (issue #14): the same results for any chunk size, running
results equal to those over every package, memory bounded by the chunk (nothing kept per
package past `KEEP`), and a clear refusal past MAX_PACKAGES (analyze and the class report)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from game.analysis import impasse
from game.analysis.classreport import frontier_for
from game.analysis.impasse import (
    Scan,
    _Accepted,
    _dominated_by,
    _merge_front,
    frontier_of,
    impasse_report,
    nash_of,
    pareto_all,
    scan,
    start_state,
)
from game.analysis.space import build_space, pareto_mask
from game.analysis.synthetic import synthetic_data, synthetic_scenario
from game.engine.rules import package_value
from game.format.loader import load_scenario
from game.format.models import Scenario

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted((ROOT / "scenarios").glob("*.yaml"))
SMALL_SHIPPED = [p for p in SHIPPED if p.name != "russia-ukraine.yaml"]


def _fractional(**kwargs: Any) -> Scenario:
    """A synthetic scenario whose values are not integers: the scan's exact re-check path."""
    data = synthetic_data(**kwargs)
    for party in data["parties"]:
        for stake in party["stakes"].values():
            stake["values"] = {k: round(v * 0.73 + 0.1, 2) for k, v in stake["values"].items()}
    return Scenario.model_validate(data)


SYNTHETIC = ([synthetic_scenario(parties=p, issues=5, options=3, seed=s, deferrable=True,
                                 walkaway=w) for s in range(2) for p in (2, 3) for w in (35, 50)]
             + [synthetic_scenario(issues=6, options=4, red_lines=0, linkages=0, walkaway=0,
                                   on_table_soft=False),
                synthetic_scenario(parties=3, issues=5, options=4, seed=1, walkaway=20,
                                   red_lines=1, linkages=1),
                _fractional(parties=2, issues=5, options=4, seed=3, deferrable=True,
                            walkaway=20, red_lines=1, linkages=1),
                _fractional(parties=3, issues=5, options=3, seed=5, deferrable=True,
                            walkaway=15, red_lines=1, linkages=1)])


def _summary(sc: Scan) -> dict[str, Any]:
    return {
        "accepts": sc.accepts, "accepts_comprehensive": sc.accepts_comprehensive,
        "value_ok": sc.value_ok, "decisive": sc.decisive,
        "violated": [(c.violated, c.hit) for c in sc.constraints],
        "acc_count": sc.acc_count, "acc_comp_count": sc.acc_comp_count,
        "front_index": sc.front_index.tolist(), "front_values": sc.front_values.tolist(),
        "nash": sc.nash, "nash_comprehensive": sc.nash_comprehensive,
        "rows_any": sc.rows_any.tolist(), "counts_any": sc.counts_any.tolist(),
        "rows_comp": sc.rows_comp.tolist(), "counts_comp": sc.counts_comp.tolist(),
        "frontier_all": sc.frontier_all, "comprehensive_size": sc.comprehensive_size,
    }


def _states(scenarios: list[Scenario]) -> list[Any]:
    return [start_state(s, med.id) for s in scenarios for med in s.mediators]


@pytest.mark.parametrize("path", SMALL_SHIPPED, ids=lambda p: p.stem)
def test_tiny_chunks_equal_one_chunk_on_the_shipped_scenarios(path: Path) -> None:
    scenario = load_scenario(path)
    for state in _states([scenario]):
        whole = scan(state, chunk=impasse.space_size(scenario))
        for chunk in (1, 7, 100):
            assert _summary(scan(state, chunk=chunk)) == _summary(whole)


def test_small_chunks_equal_big_chunks_on_the_largest_shipped_scenario() -> None:
    """18,432,000 packages: about 115 chunks of 7 A rows against 18 of a million packages."""
    state = start_state(load_scenario(ROOT / "scenarios" / "russia-ukraine.yaml"))
    assert _summary(scan(state, chunk=4800 * 7)) == _summary(scan(state))


def test_tiny_chunks_equal_one_chunk_on_synthetic_scenarios() -> None:
    for state in _states(SYNTHETIC):
        whole = scan(state, chunk=1 << 30)
        for chunk in (1, 50):
            assert _summary(scan(state, chunk=chunk)) == _summary(whole)


def test_running_results_equal_those_over_every_package() -> None:
    """Front, Nash points and counts folded chunk by chunk equal the same computed once over
    every acceptable package (kept one by one here), and the values are the engine's."""
    for state in _states(SYNTHETIC):
        sc = scan(state, chunk=1)
        space = build_space(state)
        assert sc.acc_kept
        assert (sc.acc_index == np.flatnonzero(space.acceptable_to_all())).all()
        assert sc.acc_count == sc.acc_index.size
        comp = np.array([sc.is_comprehensive(int(i)) for i in sc.acc_index], dtype=bool)
        assert sc.acc_comp_count == int(comp.sum())
        scenario = state.scenario
        for i, row in zip(sc.acc_index[:300], sc.acc_values[:300], strict=False):
            terms = list(sc.framework_at(int(i)).terms)
            assert row.tolist() == [package_value(scenario.party(p), terms)
                                    for p in sc.principals]
        assert sc.front_index.tolist() == frontier_of(sc, sc.acc_index, sc.acc_values)
        assert sc.nash == nash_of(sc, sc.acc_index, sc.acc_values)
        assert sc.nash_comprehensive == nash_of(sc, sc.acc_index[comp], sc.acc_values[comp])


def test_past_keep_only_the_running_results_stay() -> None:
    """Nothing is kept per package past `keep`; the report does not need it."""
    state = start_state(SYNTHETIC[8])  # no hard red line, no linkage: 2,304 packages
    kept = scan(state, chunk=64)
    bounded = scan(state, chunk=64, keep=100)
    assert kept.acc_kept and kept.acc_index.size == kept.acc_count == 2304
    assert not bounded.acc_kept and bounded.acc_index.size == 0
    assert bounded.acc_values.shape == (0, 2)
    assert _summary(bounded) == _summary(kept)


def test_the_report_is_the_same_for_any_chunk(monkeypatch: pytest.MonkeyPatch) -> None:
    scenarios = [load_scenario(p) for p in SMALL_SHIPPED] + SYNTHETIC[::3]
    expected = [impasse_report(s) for s in scenarios]
    monkeypatch.setattr(impasse, "scan", functools.partial(scan, chunk=3, keep=10))
    assert [impasse_report(s) for s in scenarios] == expected


def test_nash_ties_across_chunks_keep_the_first_package() -> None:
    """As `nash_of` over them all: the first package of the largest product, whatever the
    chunk it is in; the comprehensive one among comprehensive packages only."""
    acc = _Accepted([10.0, 20.0], keep=2)
    acc.add(np.array([3, 5]), np.array([[14.0, 23.0], [13.0, 24.0]]), np.array([False, True]))
    acc.add(np.array([8, 9]), np.array([[16.0, 22.0], [30.0, 19.0]]), np.array([True, True]))
    assert acc.nash == (12.0, 3) and acc.nash_comp == (12.0, 5)
    assert acc.count == 4 and acc.comp_count == 3 and not acc.kept and acc.idx == []
    assert acc.front_idx.tolist() == [3, 5, 8, 9]


def _front_once(idx: np.ndarray, pts: np.ndarray) -> list[tuple[int, tuple[float, ...]]]:
    keep = pareto_mask(pts)
    best: dict[tuple[float, ...], int] = {}
    for i, p in zip(idx[keep], pts[keep], strict=True):
        key = tuple(float(x) for x in p)
        best[key] = min(best.get(key, int(i)), int(i))
    return sorted((i, k) for k, i in best.items())


@pytest.mark.parametrize("dims", [2, 3, 4])
def test_folding_chunks_gives_the_front_of_them_all(dims: int) -> None:
    rng = np.random.default_rng(dims)
    for trial in range(15):
        n = int(rng.integers(1, 400))
        pts = rng.integers(0, 6 if trial % 2 else 40, size=(n, dims)).astype(float)
        idx = np.arange(n, dtype=np.int64) * 3
        got_idx, got_pts = np.zeros(0, dtype=np.int64), np.zeros((0, dims))
        cuts = sorted(set(rng.integers(0, n, size=5).tolist()) | {0, n})
        for lo, hi in zip(cuts, cuts[1:], strict=False):
            got_idx, got_pts = _merge_front(got_idx, got_pts, idx[lo:hi], pts[lo:hi])
        got = [(int(i), tuple(float(x) for x in p)) for i, p in zip(got_idx, got_pts,
                                                                    strict=True)]
        assert got == _front_once(idx, pts)


@pytest.mark.parametrize("dims", [2, 3])
def test_dominated_by_is_strict_dominance(dims: int) -> None:
    rng = np.random.default_rng(10 + dims)
    for _ in range(20):
        pts = rng.integers(0, 8, size=(60, dims)).astype(float)
        front = np.unique(pts[pareto_mask(pts)], axis=0)
        new = rng.integers(0, 9, size=(80, dims)).astype(float)
        new[:5] = front[:5] if len(front) >= 5 else new[:5]  # equal points are not dominated
        brute = np.array([any(np.all(q >= p) and np.any(q > p) for q in front) for p in new])
        assert (_dominated_by(front, new) == brute).all()


@pytest.mark.parametrize("dims", [3, 4])
def test_pareto_mask_with_ties_equals_brute_force(dims: int) -> None:
    rng = np.random.default_rng(dims)
    for _ in range(20):
        pts = rng.integers(0, 4, size=(80, dims)).astype(float)
        brute = [not any(np.all(q >= p) and np.any(q > p) for q in pts) for p in pts]
        assert pareto_mask(pts).tolist() == brute


# --------------------------------------------------------------------------- limits


def test_too_large_names_the_size_and_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    tiny = SYNTHETIC[0]  # 5 issues of 3 options, deferrable ones with a fourth choice
    size = impasse.space_size(tiny)
    assert impasse.too_large(tiny) is None
    monkeypatch.setattr(impasse, "MAX_PACKAGES", size - 1)
    assert impasse.too_large(tiny) == (
        f"the outcome space has {size:,} packages (5 issues), above the limit MAX_PACKAGES = "
        f"{size - 1:,}")


def test_frontier_for_equals_the_report_and_skips_past_the_limit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = synthetic_data(issues=5, options=4, seed=2, deferrable=True)
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    scenario = load_scenario(path)
    entry = {"scenario_path": str(path), "mediator": "high"}
    got = frontier_for(entry)
    report = impasse_report(scenario, "high", frontier_limit=400)
    assert got["points"] == [list(p) for p in sorted(
        {(p["values"]["p0"], p["values"]["p1"]) for p in report["pareto_frontier_all"]})]
    assert got["points"] and "note" not in got
    assert pareto_all(start_state(scenario, "high")) == scan(
        start_state(scenario, "high")).frontier_all
    monkeypatch.setattr(impasse, "MAX_PACKAGES", impasse.space_size(scenario) - 1)
    skipped = frontier_for(entry)
    assert skipped["points"] == [] and skipped["principals"] == ["p0", "p1"]
    assert skipped["note"].startswith("Pareto frontier left out: the outcome space has ")
