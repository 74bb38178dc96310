"""`mediator bench`: the product's performance figures, measured in this process.

- analysis_s: the impasse analysis of the first scenario (no plan search);
- plan_search_s: the whole plan search of `mediator analyze` for every mediator of the first
  scenario (every seed, beam and bot, on up to two worker processes);
- synthetic_1m_s: acceptability + Pareto + Nash on a generated scenario of 2 parties x 10 issues
  x 4 options (1,048,576 packages) with red lines (hard and soft) and linkages;
- response_p50_ms / response_p99_ms: `engine.apply` of seeded random proposals at the start of
  the first scenario, counter-proposals included;
- bot_games_per_s: whole `patient` games per second (one core);
- first_frame_s: a fresh `python -c` process that builds the TUI app and runs it headless, from
  process start to the first frame (null if the TUI cannot start);
- peak_rss_mb: this process's peak resident memory.

`--vs-negmas` also runs the synthetic work through NegMAS's public API and compares.
"""

from __future__ import annotations

import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from game.analysis.space import build_space, nash_index, pareto_mask
from game.analysis.synthetic import synthetic_scenario
from game.engine.game import apply, new_game
from game.engine.moves import Framework, Propose, Term
from game.resources import default_scenario_path

SYNTH = {"parties": 2, "issues": 10, "options": 4, "seed": 1, "walkaway": 45}


def synthetic_work(scenario: Any = None) -> dict[str, Any]:
    """Acceptability, Pareto frontier and Nash point of the synthetic space (ours)."""
    scenario = scenario or synthetic_scenario(**SYNTH)
    state = new_game(scenario, "high", 0)
    space = build_space(state)
    ok = space.acceptable_to_all().reshape(-1)
    idx = np.flatnonzero(ok)
    pts = np.stack([space.values[p].reshape(-1)[idx] for p in space.principals], axis=1)
    front = idx[pareto_mask(pts)]
    gains = [pts[:, j] - space.walkaway[p] for j, p in enumerate(space.principals)]
    k = nash_index(gains)
    nash = None if k is None else int(idx[k])
    return {"size": space.size, "acceptable": int(idx.size), "frontier": sorted(front.tolist()),
            "nash": nash, "space": space}


def negmas_work(scenario: Any = None) -> dict[str, Any]:
    """The same work with NegMAS: ufuns, per-outcome acceptability, pareto_frontier, nash_points.

    NegMAS has no red lines or linkages: they are checked per outcome in plain Python, which
    is how a NegMAS user would add them."""
    from negmas import LinearAdditiveUtilityFunction, make_issue
    from negmas.outcomes import enumerate_issues
    from negmas.preferences import nash_points, pareto_frontier
    from negmas.preferences.value_fun import TableFun

    from game.engine.conditions import Context, holds, term_matches

    scenario = scenario or synthetic_scenario(**SYNTH)
    state = new_game(scenario, "high", 0)
    issues = [make_issue([o.id for o in i.options], name=i.id) for i in scenario.issues]
    ufuns = []
    for party in scenario.principals:
        total_w = sum(party.stakes[i.id].weight for i in scenario.issues)
        ufuns.append(LinearAdditiveUtilityFunction(
            values=[TableFun(dict(party.stakes[i.id].values)) for i in scenario.issues],
            weights=[party.stakes[i.id].weight / total_w for i in scenario.issues],
            issues=issues, reserved_value=float(state.meters[f"walkaway.{party.id}"])))
    outcomes = list(enumerate_issues(issues))
    phases = [p.id for p in scenario.phases]
    terms_of = [[Term(i.id, o.id, i.phase) for o in i.options] for i in scenario.issues]
    opt_index = [{o.id: k for k, o in enumerate(i.options)} for i in scenario.issues]
    acceptable = []
    acc_index = []
    for n, outcome in enumerate(outcomes):
        terms = [terms_of[j][opt_index[j][v]] for j, v in enumerate(outcome)]
        fw = Framework(tuple(terms))
        ok = True
        for party, ufun in zip(scenario.principals, ufuns, strict=True):
            if ufun(outcome) < ufun.reserved_value:
                ok = False
                break
            for line in party.red_lines:
                if any(term_matches(r, t) for r in line.options for t in terms) and (
                        line.kind == "hard" or not holds(
                            line.moves_when, Context(state, on_table=fw, turn=1))):
                    ok = False
                    break
            if not ok:
                break
            for link in party.linkages:
                trig = [t for t in terms if term_matches(link.if_, t)]
                if trig and not any(
                        term_matches(link.requires, t) and not (
                            link.same_or_earlier_phase
                            and phases.index(t.phase) > phases.index(trig[0].phase))
                        for t in terms):
                    ok = False
                    break
            if not ok:
                break
        if ok:
            acceptable.append(outcome)
            acc_index.append(n)
    t_api = time.perf_counter()
    frontier, fidx = pareto_frontier(ufuns, outcomes=acceptable, sort_by_welfare=True)
    ranges = [(float(u.reserved_value), 100.0) for u in ufuns]
    nash = nash_points(ufuns, frontier, ranges=ranges, outcomes=acceptable)
    nash_outcome = acc_index[fidx[nash[0][1]]] if nash else None
    api_s = time.perf_counter() - t_api
    return {"acceptable": len(acceptable), "frontier": sorted(acc_index[i] for i in fidx),
            "pareto_nash_s": api_s,
            "nash": nash_outcome, "frontier_values": frontier}


def _first_frame(runs: int = 5) -> float | None:
    """Wall time from spawning `mediator` to its first frame (headless), best of `runs`.

    The app writes the wall-clock time of its first refresh to the file named by
    MEDIATOR_FIRST_FRAME and exits; the spawn time is taken just before the process starts.
    """
    import os
    import tempfile

    best: float | None = None
    with tempfile.TemporaryDirectory() as tmp:
        marker = Path(tmp) / "first-frame"
        env = {**os.environ, "MEDIATOR_FIRST_FRAME": str(marker), "MEDIATOR_DATA_DIR": tmp}
        for _ in range(runs):
            marker.unlink(missing_ok=True)
            t0 = time.time()
            try:
                proc = subprocess.run([sys.executable, "-m", "game.cli"], env=env,
                                      capture_output=True, timeout=60,
                                      cwd=str(Path(__file__).resolve().parents[2]))
            except (OSError, subprocess.TimeoutExpired):
                return None
            if proc.returncode != 0 or not marker.is_file():
                return None
            elapsed = float(marker.read_text()) - t0
            best = elapsed if best is None else min(best, elapsed)
    return None if best is None else round(best, 3)


def _startup_s() -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], capture_output=True)
    return time.perf_counter() - t0


def run_bench(vs_negmas: bool = False) -> dict[str, Any]:
    from game.analysis.impasse import impasse_report
    from game.analysis.report import plans
    from game.format.loader import load_scenario
    from game.players.bots import play_bot

    out: dict[str, Any] = {}
    path = default_scenario_path()
    scenario = load_scenario(path)
    t = time.perf_counter()
    impasse_report(scenario)
    out["analysis_s"] = round(time.perf_counter() - t, 3)
    t = time.perf_counter()
    found = plans(scenario, [med.id for med in scenario.mediators], path)
    out["plan_search_s"] = round(time.perf_counter() - t, 3)
    out["plan_search"] = {mid: {"outcome": b["outcome"], "score": b["score"],
                                "nodes": b["search"]["nodes"]} for mid, b in found.items()}
    synth = synthetic_scenario(**SYNTH)
    t = time.perf_counter()
    ours = synthetic_work(synth)
    out["synthetic_1m_s"] = round(time.perf_counter() - t, 3)
    out["synthetic"] = {"packages": ours["size"], "acceptable": ours["acceptable"],
                        "frontier": len(ours["frontier"]), "nash_index": ours["nash"]}
    # one engine turn on proposals, counter-proposals included
    rng = random.Random(7)
    times = []
    for k in range(40):
        state = new_game(scenario, scenario.mediators[k % len(scenario.mediators)].id, k)
        issues = rng.sample(scenario.issues, rng.randint(1, 4))
        terms = [Term(i.id, deferred=True) if i.deferrable and rng.random() < 0.2
                 else Term(i.id, rng.choice(i.options).id, i.phase) for i in issues]
        move = Propose(Framework.of(terms, scenario))
        t = time.perf_counter()
        apply(state, move)
        times.append((time.perf_counter() - t) * 1000)
    out["response_p50_ms"] = round(float(np.percentile(times, 50)), 3)
    out["response_p99_ms"] = round(float(np.percentile(times, 99)), 3)
    out["response_samples"] = len(times)
    n = 0
    t = time.perf_counter()
    while time.perf_counter() - t < 2.0 or n < 3:
        med = scenario.mediators[n % len(scenario.mediators)].id
        play_bot(scenario, med, n, "patient", path)
        n += 1
    out["bot_games_per_s"] = round(n / (time.perf_counter() - t), 2)
    out["first_frame_s"] = _first_frame()
    if vs_negmas:
        t = time.perf_counter()
        theirs = negmas_work(synth)
        out["negmas_s"] = round(time.perf_counter() - t, 3)
        out["negmas_ratio"] = round(out["negmas_s"] / max(out["synthetic_1m_s"], 1e-9), 1)
        out["negmas_pareto_nash_s"] = round(theirs["pareto_nash_s"], 3)
        out["negmas_same_frontier"] = _same_frontier(ours, theirs)
        out["negmas_same_nash"] = ours["nash"] == theirs["nash"] or _same_point(ours, theirs)
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


def _values(ours: dict[str, Any], flat: int) -> tuple[float, ...]:
    space = ours["space"]
    idx = np.unravel_index(flat, space.shape)
    return tuple(round(float(space.values[p][idx]), 6) for p in space.principals)


def _same_frontier(ours: dict[str, Any], theirs: dict[str, Any]) -> bool:
    a = {_values(ours, i) for i in ours["frontier"]}
    b = {_values(ours, i) for i in theirs["frontier"]}
    return a == b


def _same_point(ours: dict[str, Any], theirs: dict[str, Any]) -> bool:
    if ours["nash"] is None or theirs["nash"] is None:
        return ours["nash"] is theirs["nash"]
    return _values(ours, ours["nash"]) == _values(ours, theirs["nash"])


def format_bench(data: dict[str, Any]) -> str:
    rows = [
        ("analysis_s", "impasse analysis of the first scenario", "s"),
        ("plan_search_s", "plan search of analyze, every mediator and seed", "s"),
        ("synthetic_1m_s", "synthetic 1,048,576 packages: acceptability + Pareto + Nash", "s"),
        ("response_p50_ms", "one engine turn on a proposal, median", "ms"),
        ("response_p99_ms", "one engine turn on a proposal, 99th percentile", "ms"),
        ("bot_games_per_s", "whole patient games per second", "/s"),
        ("first_frame_s", "TUI first frame, headless, from process start", "s"),
        ("negmas_s", "the synthetic work with NegMAS", "s"),
        ("negmas_ratio", "NegMAS time / ours", "x"),
        ("peak_rss_mb", "peak resident memory", "MB"),
    ]
    lines = []
    for key, text, unit in rows:
        if key not in data:
            continue
        value = data[key]
        shown = "n/a" if value is None else f"{value:g} {unit}"
        lines.append(f"{key:<16} {shown:>14}  {text}")
    if "negmas_same_frontier" in data:
        lines.append(f"NegMAS agrees: frontier {'yes' if data['negmas_same_frontier'] else 'NO'}"
                     f", Nash point {'yes' if data['negmas_same_nash'] else 'NO'}")
    return "\n".join(lines)
