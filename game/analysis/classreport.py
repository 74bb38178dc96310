"""The class report as data: every handed-in transcript verified by replay (in worker
processes), each student's game summarised, the class compared with the plan search's best.

A transcript that does not verify is listed (flagged, with the first difference) and left
out of every statistic. The plan search runs once per (scenario sha256, mediator, seed, turn
limit), however many students played it. Rendering lives in `game.reports.classreport`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from statistics import mean, median
from typing import Any

import numpy as np

from game.analysis.plan import best_plan, describe_move
from game.analysis.space import full_axes
from game.engine.knowledge import meter_visible
from game.engine.rules import deferred_value, package_value
from game.records import transcript as tr
from game.records.session import Session
from game.records.verify import verify

BLOCKING_KINDS = ("red_line", "linkage", "soft_line_holds", "trust")
"""Reason kinds that mean a rule stood in the way of a proposal."""


# --------------------------------------------------------------------------- one student


def student_summary(path: str, scenario_override: str | None = None) -> dict[str, Any]:
    """One transcript, verified by replay and summarised (runs in a worker process)."""
    entry: dict[str, Any] = {"file": path, "name": Path(path).stem, "verified": False}
    try:
        data = tr.read(path)
    except tr.TranscriptError as exc:
        entry["problem"] = str(exc)
        entry["unreadable"] = True  # not a transcript at all: bad input, not an edit
        return entry
    record = data.get("class") if isinstance(data.get("class"), dict) else None
    if record is not None and isinstance(record.get("student"), str):
        entry["name"] = record["student"]
    entry.update({"outcome": data.get("outcome"), "score": data.get("score"),
                  "mediator": data.get("mediator"), "seed": data.get("seed")})
    try:
        verdict = verify(data, scenario_override)
    except tr.TranscriptError as exc:
        entry["problem"] = str(exc)
        return entry
    if not verdict.ok:
        entry["problem"] = verdict.message
        return entry
    session = Session.from_transcript(data, scenario_override)
    entry["verified"] = True
    entry.update(_game_summary(session))
    entry["scenario_path"] = str(tr.scenario_path_for(data, scenario_override))
    if session.class_record is not None:
        entry["reflection"] = [{"question": q, "answer": a}
                               for q, a in session.class_record.answers]
    return entry


def _game_summary(session: Session) -> dict[str, Any]:
    scenario = session.scenario
    state = session.state
    principals = [p.id for p in scenario.principals]
    trajectories = {meter: [s.meters.get(meter, 0) for s in session.states]
                    for meter in sorted(state.meters) if meter_visible(state, meter)
                    and not meter.startswith("walkaway.")}
    blockers: Counter[str] = Counter()
    blocker_text: dict[str, str] = {}
    milestones: dict[str, int] = {}
    previous_phase = session.states[0].phase
    for result in session.results:
        for response in result.responses:
            if response.kind in ("accept", "accept_with_reservations"):
                continue
            for reason in response.reasons:
                if reason.kind in BLOCKING_KINDS:
                    blockers[reason.rule] += 1
                    blocker_text.setdefault(reason.rule, reason.text)
        for consent in result.consents:
            if not consent.given:
                blockers[consent.rule] += 1
                blocker_text.setdefault(consent.rule, consent.text)
        for term in result.agreed:
            milestones.setdefault(f"agreed: {term.label(scenario)}", result.turn)
        for issue in result.broken:
            milestones.setdefault(f"broken: {scenario.issue(issue).title}", result.turn)
        if result.phase and result.phase != previous_phase:
            title = next((p.title for p in scenario.phases if p.id == result.phase), result.phase)
            milestones.setdefault(f"phase reached: {title}", result.turn)
            previous_phase = result.phase
        for happening in result.happenings:
            if happening.kind == "event":
                milestones.setdefault(f"event: {happening.text}", result.turn)
    agreed = {a.term.issue: a.term for a in state.agreed.values()}
    values = {}
    for pid in principals:
        party = scenario.party(pid)
        # what is not agreed stays frozen: it counts as the party's deferred value
        total = weight = 0.0
        for item in scenario.issues:
            stake = party.stakes.get(item.id)
            if stake is None:
                continue
            held = agreed.get(item.id)
            value = (package_value(party, [held]) if held is not None
                     else deferred_value(stake))
            total += stake.weight * value
            weight += stake.weight
        values[pid] = round(total / weight, 2) if weight else 0.0
    return {
        "turns": state.turn, "outcome": state.outcome, "score": session.score(),
        "phase": state.phase,
        "meters": {k: v for k, v in sorted(state.meters.items())
                   if not k.startswith("walkaway.")},
        "trajectories": trajectories,
        "moves": [describe_move(scenario, r.move) for r in session.results],
        "agreed": [t.label(scenario) for t in agreed.values()],
        "values": values,
        "blockers": dict(blockers), "blocker_text": blocker_text,
        "milestones": milestones,
        "scenario_sha256": session.scenario_sha256, "turn_limit": session.turn_limit,
        "scenario_id": scenario.meta.id,
        "outcome_title": next((o.title for o in scenario.outcomes if o.id == state.outcome),
                              state.outcome),
        "meter_labels": {meter: _meter_label(scenario, meter) for meter in trajectories},
    }


def _meter_label(scenario: Any, meter: str) -> str:
    parts = meter.split(".")
    if parts[0] == "trust" and len(parts) == 2:
        return f"{scenario.party(parts[1]).name} → you"
    if parts[0] == "trust" and len(parts) == 3:
        return f"{scenario.party(parts[1]).name} → {scenario.party(parts[2]).name}"
    return meter.capitalize()


# --------------------------------------------------------------------------- the class


def summaries(paths: list[str], workers: int = 1, scenario_override: str | None = None
              ) -> list[dict[str, Any]]:
    """Every transcript verified and summarised, in the order given (workers > 1: processes)."""
    if workers > 1 and len(paths) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(min(workers, len(paths))) as pool:
            return list(pool.map(student_summary, paths, [scenario_override] * len(paths)))
    return [student_summary(p, scenario_override) for p in paths]


PlanCache = dict[tuple[str, str, int, int | None], dict[str, Any]]


def _best(entry: dict[str, Any], cache: PlanCache,
          search: Callable[[dict[str, Any]], dict[str, Any]]) -> dict[str, Any]:
    key = (entry["scenario_sha256"], entry["mediator"], int(entry["seed"]), entry["turn_limit"])
    if key not in cache:
        cache[key] = search(entry)
    return cache[key]


def plan_for(entry: dict[str, Any]) -> dict[str, Any]:
    """The plan search's best game for a verified student's scenario, role, seed and turn
    limit (one seed: exactly the student's dice)."""
    from game.format.loader import load_scenario
    from game.records.session import with_turn_limit

    scenario = load_scenario(entry["scenario_path"])
    if entry["turn_limit"] is not None:
        scenario = with_turn_limit(scenario, entry["turn_limit"])
    plan = best_plan(scenario, entry["mediator"], entry["scenario_path"],
                     seed=int(entry["seed"]), seeds=1)
    return {"outcome": plan["outcome"], "score": plan["score"], "turns": plan["turns"],
            "source": plan["source"], "steps": [s["text"] for s in plan["plan"]],
            "mediator": entry["mediator"], "seed": int(entry["seed"]),
            "turn_limit": entry["turn_limit"], "scenario": entry["scenario_id"]}


def frontier_for(entry: dict[str, Any], limit: int = 400) -> dict[str, Any]:
    """The principals' values along the Pareto frontier of every package (no red lines; the
    first `limit` frontier packages). Computed from the two halves of the outcome space
    (`impasse.pareto_all`), not by a scan of it; past MAX_PACKAGES, no points and a `note`."""
    from game.analysis.impasse import pareto_all, start_state, too_large
    from game.engine.moves import Framework
    from game.format.loader import load_scenario

    scenario = load_scenario(entry["scenario_path"])
    principals = [p.id for p in scenario.principals]
    out: dict[str, Any] = {"principals": principals,
                           "names": {p.id: p.name for p in scenario.principals}, "points": []}
    refusal = too_large(scenario)
    if refusal is not None:
        out["note"] = f"Pareto frontier left out: {refusal}"
        return out
    axes = full_axes(scenario)
    shape = tuple(ax.size for ax in axes)
    points = set()
    for flat in pareto_all(start_state(scenario, entry["mediator"]), axes)[:limit]:
        idx = np.unravel_index(flat, shape)
        terms = [ax.choices[int(i)] for ax, i in zip(axes, idx, strict=True)]
        fw = Framework.of([t for t in terms if t is not None], scenario)
        points.add(tuple(round(package_value(scenario.party(pid), list(fw.terms)), 2)
                         for pid in principals))
    out["points"] = [list(p) for p in sorted(points)]
    return out


def cohort(paths: list[str], workers: int = 1, scenario_override: str | None = None,
           plans: PlanCache | None = None,
           search: Callable[[dict[str, Any]], dict[str, Any]] = plan_for,
           frontier: Callable[[dict[str, Any]], dict[str, Any]] = frontier_for
           ) -> dict[str, Any]:
    """One cohort's report data: students, statistics over the verified ones, best plans."""
    plans = {} if plans is None else plans
    students = summaries(paths, workers, scenario_override)
    verified = [s for s in students if s["verified"]]
    for s in verified:
        best = _best(s, plans, search)
        s["best_score"] = best["score"]
        s["best_share"] = (round(100 * s["score"] / best["score"], 1)
                           if best["score"] else None)
    for s in students:
        s.setdefault("best_share", None)
    best_plans = []
    for key, plan in plans.items():
        if any(_key(s) == key for s in verified):
            best_plans.append(plan)
    n = len(verified)
    scores = [s["score"] for s in verified]
    blockers: Counter[str] = Counter()
    blocker_hits: Counter[str] = Counter()
    texts: dict[str, str] = {}
    milestones: Counter[str] = Counter()
    turns_of: dict[str, list[int]] = {}
    for s in verified:
        for rule, hits in s["blockers"].items():
            blockers[rule] += 1
            blocker_hits[rule] += hits
            texts.setdefault(rule, s["blocker_text"][rule])
        for milestone, turn in s["milestones"].items():
            milestones[milestone] += 1
            turns_of.setdefault(milestone, []).append(turn)
    out: dict[str, Any] = {
        "students": students,
        "summary": {
            "transcripts": len(students), "verified": n,
            "flagged": [s["file"] for s in students if not s["verified"]],
            "outcomes": dict(sorted(Counter(s["outcome"] for s in verified).items())),
            "score_mean": round(mean(scores), 2) if scores else None,
            "score_median": round(median(scores), 2) if scores else None,
            "histogram": [sum(1 for x in scores if lo <= x < lo + 10 or (lo == 90 and x == 100))
                          for lo in range(0, 100, 10)],
            "best_share_mean": (round(mean(s["best_share"] for s in verified
                                           if s["best_share"] is not None), 1)
                                if any(s["best_share"] is not None for s in verified) else None),
        },
        "blockers": [{"rule": rule, "students": count, "times": blocker_hits[rule],
                      "text": texts[rule]}
                     for rule, count in sorted(blockers.items(),
                                               key=lambda kv: (-kv[1], -blocker_hits[kv[0]],
                                                               kv[0]))[:12]],
        "turning_points": [{"what": what, "students": count,
                            "median_turn": median(turns_of[what])}
                           for what, count in sorted(milestones.items(),
                                                     key=lambda kv: (-kv[1], kv[0]))
                           if count * 2 >= n][:12],
        "best_plans": best_plans,
    }
    out["frontier"] = frontier(verified[0]) if verified else None
    return out


def _key(s: dict[str, Any]) -> tuple[str, str, int, int | None]:
    return (s["scenario_sha256"], s["mediator"], int(s["seed"]), s["turn_limit"])


def class_report(paths: list[str], workers: int = 1, compare: list[str] | None = None,
                 scenario_override: str | None = None,
                 search: Callable[[dict[str, Any]], dict[str, Any]] = plan_for,
                 frontier: Callable[[dict[str, Any]], dict[str, Any]] = frontier_for
                 ) -> dict[str, Any]:
    """The report's data: the class (`students`, `summary`...) and, with `compare`, the
    second cohort under `compare` (plan searches shared between the two)."""
    plans: PlanCache = {}
    report = cohort(paths, workers, scenario_override, plans, search, frontier)
    report["format"] = "mediator-class-report"
    if compare:
        report["compare"] = cohort(compare, workers, scenario_override, plans, search,
                                   frontier)
    return report
