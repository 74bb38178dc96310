"""`mediator analyze` as data and as text: the impasse, Pareto, Nash, soft lines, best plans."""

from __future__ import annotations

import textwrap
import time
from pathlib import Path
from typing import Any

from game.analysis.impasse import impasse_report
from game.analysis.plan import SEEDS, best_plan, seed_search
from game.format import models as m


def analyze(scenario: m.Scenario, mediator: str | None = None,
            scenario_path: str | Path | None = None, plan: bool = True,
            budget_s: float = 2.0, seeds: int = SEEDS, timings: bool = False
            ) -> dict[str, Any]:
    """The report as data. Deterministic: wall-clock figures (`analysis_s`, `plan_search_s`,
    each plan's `seconds`) only with `timings`."""
    t0 = time.perf_counter()
    out = impasse_report(scenario, mediator)
    if timings:
        out["analysis_s"] = round(time.perf_counter() - t0, 3)
    if plan:
        t1 = time.perf_counter()
        ids = [mediator] if mediator else [x.id for x in scenario.mediators]
        out["best_reachable"] = plans(scenario, ids, scenario_path, seeds, timings)
        if timings:
            out["plan_search_s"] = round(time.perf_counter() - t1, 3)
    return out


def plans(scenario: m.Scenario, ids: list[str], scenario_path: str | Path | None,
          seeds: int = SEEDS, timings: bool = False, workers: int = 2) -> dict[str, Any]:
    """best_plan for each mediator; the searches (one per mediator and seed) run on up to
    `workers` processes (same results as serial: every search is deterministic). A mediator's
    plans are merged (`best_plan`: replays, bots, robustness) in this process as soon as its
    searches are done, while the workers go on with the others."""
    import os

    tasks = [(mid, s) for mid in ids for s in range(seeds)]
    done: dict[tuple[str, int], dict[str, Any]] = {}
    merged: dict[str, dict[str, Any]] = {}

    def merge(mid: str) -> None:
        merged[mid] = best_plan(scenario, mid, scenario_path, seeds=seeds, timings=timings,
                                searched=[done[mid, s] for s in range(seeds)])

    workers = min(len(tasks), os.cpu_count() or 1, workers)
    if workers > 1:
        try:
            import multiprocessing as mp
            from concurrent.futures import ProcessPoolExecutor, as_completed

            _FORKED["scenario"], _FORKED["path"] = scenario, scenario_path  # not pickled
            with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
                futures = {pool.submit(_forked_search, t[0], t[1]): t for t in tasks}
                for f in as_completed(futures):
                    done[futures[f]] = f.result()
                    for mid in ids:
                        if mid not in merged and all((mid, s) in done for s in range(seeds)):
                            merge(mid)
        except (OSError, ValueError, RuntimeError, ImportError):
            done, merged = {}, {}
        finally:
            _FORKED.clear()
    for t in tasks:
        if t not in done:
            done[t] = seed_search(scenario, t[0], t[1], scenario_path)
    for mid in ids:
        if mid not in merged:
            merge(mid)
    return {mid: merged[mid] for mid in ids}


_FORKED: dict[str, Any] = {}  # what forked workers inherit instead of unpickling it


def _forked_search(mediator: str, seed: int) -> dict[str, Any]:
    return seed_search(_FORKED["scenario"], mediator, seed, _FORKED["path"])


def _cite(c: dict[str, str] | None) -> str:
    if not c:
        return "(no citation)"
    where = [f'"{c["quote"]}"'] if c.get("quote") else []
    where += [f"{name} {c[key]}" for key, name in (("section", "section"), ("page", "p."))
              if c.get(key)]
    return f'{c["title"]}: {", ".join(where)}'


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, 96, initial_indent=indent, subsequent_indent=indent + "  ") or [
        indent]


def _package(p: dict[str, Any], indent: str) -> list[str]:
    lines = []
    vals = ", ".join(f"{k} {v:g} ({p['gains'][k]:+g})" for k, v in p["values"].items())
    lines.append(f"{indent}values: {vals}; Nash product {p['nash_product']:g}")
    for t in p["terms"]:
        lines.append(f"{indent}  - {t['label']}")
    return lines


def format_report(r: dict[str, Any], scenario: m.Scenario) -> str:
    name = {p.id: p.name for p in scenario.parties}
    L: list[str] = []
    L.append(f"Analysis of {scenario.meta.title} ({r['scenario']})")
    L.append(f"Basis: {r['basis']}.")
    L.append("")
    L.append(f"Outcome space: {r['outcome_space_size']:,} packages over {len(r['issues'])} "
             f"issues (each option, or deferred where allowed); "
             f"{r['comprehensive_space_size']:,} settle every issue without deferral.")
    L.append("")
    L.append("Each principal at the start")
    for p in r["parties"].values():
        L.append(f"  {p['name']} (walk-away {p['walkaway']:g}) accepts {p['accepts']:,} "
                 f"packages, {p['accepts_comprehensive']:,} of them settling every issue; "
                 f"{p['clears_walkaway']:,} clear its walk-away.")
        L.append("    What cuts most (share of the space; packages where it is the only "
                 "obstacle):")
        for c in p["cuts"][:6]:
            L.append(f"    - {c['rule']} ({c['kind'].replace('_', ' ')}): "
                     f"{100 * c['share']:.0f}%, sole obstacle in {c['sole_reason']:,}")
            L.extend(_wrap(f"\"{c['reason']}\" - {_cite(c['cite'])}", "        "))
    L.append("")
    comp = r["comprehensive_acceptable_to_all_at_start"]
    L.append(f"Acceptable to every principal at the start: {r['acceptable_to_all_at_start']:,} "
             f"packages; settling every issue: {comp:,}.")
    if comp == 0:
        L.append("  IMPASSE: no comprehensive package is acceptable to all principals at turn 0.")
    L.append("")
    region = "a comprehensive deal" if r["blocking_region"] == "comprehensive" else "a deal"
    if r["blocking_sets"]:
        size = r["blocking_sets"][0]["size"]
        L.append(f"Blocking sets: the smallest sets of red lines and linkages whose relaxation "
                 f"would open {region} ({size} at a time):")
        for n, s in enumerate(r["blocking_sets"], 1):
            L.append(f"  {n}. relaxing these opens {s['opens']:,} package(s):")
            for c in s["relax"]:
                L.append(f"     - {name.get(c['party'], c['party'])}: {c['rule']} "
                         f"({c['kind'].replace('_', ' ')})")
                L.extend(_wrap(f"\"{c['reason']}\" - {_cite(c['cite'])}", "         "))
    elif r["blocking_note"]:
        L.append(f"Blocking sets: {r['blocking_note']}.")
    L.append("")
    if r["pareto_frontier"]:
        L.append(f"Pareto frontier of the acceptable packages: {r['pareto_frontier_size']} "
                 f"point(s).")
        if r["nash_point"]:
            L.append("  Nash bargaining point:")
            L.extend(_package(r["nash_point"], "    "))
    else:
        L.append("Pareto frontier of the acceptable packages: empty (nothing is acceptable to "
                 "all).")
    if r.get("pareto_frontier_all_size"):
        L.append(f"Over all packages, ignoring red lines and linkages (for the debrief): "
                 f"{r['pareto_frontier_all_size']} Pareto point(s).")
        if r["nash_point_all"]:
            L.append("  Nash point (gains over the walk-aways):")
            L.extend(_package(r["nash_point_all"], "    "))
        else:
            L.append("  No package clears both walk-aways even then: no Nash point.")
    L.append("")
    L.append("Soft red lines: what meeting their condition would open (packages acceptable "
             "to the party / to all / comprehensive for all)")
    for s in r["soft_red_lines"]:
        L.append(f"  - {name.get(s['party'], s['party'])}: {s['rule']}: "
                 f"{s['opens_for_party']:,} / {s['opens_for_all']:,} / "
                 f"{s['opens_comprehensive_for_all']:,}")
        L.extend(_wrap(f"moves when {s['moves_when']}", "      "))
    a = r["all_soft_lines_met_opens"]
    L.append(f"  All soft lines met at once: {a['any']:,} package(s) acceptable to all, "
             f"{a['comprehensive']:,} comprehensive.")
    if "best_reachable" in r:
        L.append("")
        L.append("Best reachable outcome per mediator (beam searches on the engine over every "
                 "package the parties accept each turn, branching off the bots' games, over "
                 "several seeds; best outcome first, then score):")
        for mid, b in r["best_reachable"].items():
            how = ("found by the plan search" if b["source"].startswith("search") else
                   f"the {b['source'].split(':')[1]} bot's game beats the plan "
                   f"search ({b.get('search_score')}), so it is shown")
            L.append("")
            L.append(f"  {scenario.mediator(mid).name} ({mid}): {b['outcome']}, score "
                     f"{b['score']:.2f} in {b['turns']} turns at seed {b['seed']}; {how}.")
            sr = b.get("search")
            if sr:
                beams = ", ".join(
                    f"{x['kind']} width {x['width']}"
                    + (f" kappa {x['kappa']:g}" if x.get("kappa") is not None else "")
                    + (f" picks {x['picks']}" if "picks" in x else "")
                    for x in sr["beams"])
                L.extend(_wrap(f"searched: seeds {', '.join(map(str, sr['seeds']))}, depth "
                               f"{sr['depth']}, beams: {beams}; {sr['nodes']:,} states "
                               f"expanded, {sr['moves_played']:,} moves played, "
                               f"{sr['plans_replayed']:,} plans replayed across seeds", "    "))
            for s_id, e in b.get("seeds", {}).items():
                L.append(f"    seed {s_id}: {e['outcome']} {e['score']:.2f} ({e['source']})")
            rb = b.get("robustness")
            if rb:
                L.extend(_wrap(
                    f"the same moves with other dice (seeds {rb['seeds'][0]}..{rb['seeds'][1]}): "
                    + ", ".join(f"{k} {v}" for k, v in rb["outcomes"].items())
                    + f"; mean score {rb['score_mean']:.2f}", "    "))
            if b.get("bot_scores"):
                L.append(f"    bots at seed {b['seed']}: " + ", ".join(
                    f"{k} {v:.2f}" for k, v in b["bot_scores"].items()))
            for st in b["plan"]:
                resp = ""
                if st["responses"]:
                    resp = " -> " + ", ".join(f"{name.get(k, k)} {v}"
                                              for k, v in st["responses"].items())
                L.extend(_wrap(f"{st['turn']:>2}. {st['text']}{resp}", "    "))
                if st["agreed"]:
                    L.extend(_wrap("agreed: " + "; ".join(st["agreed"])
                                   + f" (phase: {st['phase']})", "        "))
    return "\n".join(L)
