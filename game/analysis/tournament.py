"""Bot tournaments: every bot, every mediator, N seeded games each, plus the analysis plan.

Game i of a tournament with seed S uses game seed S + i, so a tournament is deterministic for
its seed and any game can be re-played alone (`mediator run ... --seed S+i --bot NAME`). A bot
that raises is recorded with the seed that reproduces it; the tournament goes on.
"""

from __future__ import annotations

import statistics
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

from game.format import models as m


def _stats(scores: list[float], turns: list[int], outcomes: Counter[str]) -> dict[str, Any]:
    n = len(scores)
    return {
        "games": n,
        "outcomes": dict(sorted(outcomes.items())),
        "score_mean": round(statistics.fmean(scores), 2) if n else None,
        "score_sd": round(statistics.pstdev(scores), 2) if n else None,
        "score_min": min(scores) if n else None,
        "score_max": max(scores) if n else None,
        "turns_mean": round(statistics.fmean(turns), 2) if n else None,
    }


def run_tournament(scenario: m.Scenario, scenario_path: str | Path, mediators: list[str],
                   games: int, seed: int = 0, bots: list[str] | None = None,
                   with_plan: bool = True, plan_budget_s: float = 2.0) -> dict[str, Any]:
    from game.players.bots import BOTS, play_bot

    names = sorted(BOTS) if bots is None else bots
    out: dict[str, Any] = {"scenario": scenario.meta.id, "seed": seed, "games": games,
                           "seeds": [seed, seed + games - 1] if games else [],
                           "mediators": {}, "crashes": []}
    for mediator in mediators:
        table: dict[str, Any] = {}
        for name in names:
            scores: list[float] = []
            turns: list[int] = []
            outcomes: Counter[str] = Counter()
            for i in range(games):
                game_seed = seed + i
                try:
                    session = play_bot(scenario, mediator, game_seed, name, scenario_path)
                except Exception as exc:  # noqa: BLE001 - report, with the reproducing seed
                    frame = traceback.extract_tb(exc.__traceback__)[-1]
                    out["crashes"].append({
                        "bot": name, "mediator": mediator, "seed": game_seed,
                        "error": f"{type(exc).__name__}: {exc}",
                        "where": f"{frame.filename}:{frame.lineno}",
                        "reproduce": f"mediator run {scenario_path} --mediator {mediator} "
                                     f"--seed {game_seed} --bot {name}",
                    })
                    outcomes["crash"] += 1
                    continue
                scores.append(session.score())
                turns.append(session.state.turn)
                outcomes[session.state.outcome or "none"] += 1
            table[name] = _stats(scores, turns, outcomes)
        if with_plan:
            from game.analysis.plan import search
            from game.engine.game import score_breakdown

            node = search(scenario, mediator, seed, budget_s=plan_budget_s)
            score = score_breakdown(node.state).total
            table["plan"] = {**_stats([score], [node.state.turn],
                                      Counter([node.state.outcome or "none"])),
                             "note": "the analysis plan (one deterministic game, seed "
                                     f"{seed})"}
        out["mediators"][mediator] = table
    return out


def format_tournament(data: dict[str, Any]) -> str:
    lines = [f"Tournament on {data['scenario']}: {data['games']} game(s) per bot and mediator, "
             f"seeds {data['seeds'][0] if data['seeds'] else '-'}.."
             f"{data['seeds'][1] if data['seeds'] else '-'}"]
    for mediator, table in data["mediators"].items():
        lines.append("")
        lines.append(f"Mediator {mediator}")
        lines.append(f"  {'bot':<8} {'games':>5} {'mean':>7} {'sd':>6} {'min':>6} {'max':>6} "
                     f"{'turns':>6}  outcomes")
        for name, s in table.items():
            if not s["games"]:
                lines.append(f"  {name:<8} {0:>5}  (no finished game)  "
                             + ", ".join(f"{k} {v}" for k, v in s["outcomes"].items()))
                continue
            outcomes = ", ".join(f"{k} {v}" for k, v in s["outcomes"].items())
            lines.append(f"  {name:<8} {s['games']:>5} {s['score_mean']:>7.2f} "
                         f"{s['score_sd']:>6.2f} {s['score_min']:>6.2f} {s['score_max']:>6.2f} "
                         f"{s['turns_mean']:>6.1f}  {outcomes}")
    lines.append("")
    if data["crashes"]:
        lines.append(f"{len(data['crashes'])} crash(es):")
        for c in data["crashes"]:
            lines.append(f"  {c['bot']} / {c['mediator']} / seed {c['seed']}: {c['error']} "
                         f"({c['where']})")
            lines.append(f"    reproduce: {c['reproduce']}")
    else:
        lines.append("No crash.")
    return "\n".join(lines)
