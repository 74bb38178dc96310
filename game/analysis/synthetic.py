"""Generated scenarios: the benchmark's 2 parties x 10 issues x 4 options, and small ones for tests.

Values, weights, red lines and linkages come from a seeded `random.Random`, so the same
arguments always give the same scenario. The result is a validated `Scenario` like any file.
"""

from __future__ import annotations

import random
from typing import Any

from game.format.models import Scenario


def synthetic_data(parties: int = 2, issues: int = 10, options: int = 4, seed: int = 0,
                   deferrable: bool = False, red_lines: int = 3, linkages: int = 2,
                   walkaway: float = 50, on_table_soft: bool = True) -> dict[str, Any]:
    rng = random.Random(seed)
    phases = ["talks", "ceasefire", "settlement"]
    issue_ids = [f"i{n}" for n in range(issues)]
    party_ids = [f"p{n}" for n in range(parties)]
    issue_list = []
    for n, iid in enumerate(issue_ids):
        issue_list.append({
            "id": iid, "title": f"Issue {n}", "phase": phases[min(n * 3 // issues, 2)],
            "deferrable": bool(deferrable and n % 2 == 0),
            "options": [{"id": f"o{k}", "label": f"Option {k}"} for k in range(options)],
        })
    cite = {"source": "gen", "quote": "generated"}
    party_list: list[dict[str, Any]] = []
    for n, pid in enumerate(party_ids):
        stakes = {}
        for iid in issue_ids:
            vals = [rng.randint(0, 100) for _ in range(options)]
            # opposed interests, roughly
            vals = sorted(vals) if n % 2 == 1 else sorted(vals, reverse=True)
            rng.shuffle(vals) if rng.random() < 0.3 else None
            stake: dict[str, Any] = {"weight": rng.randint(1, 5),
                                     "values": {f"o{k}": v for k, v in enumerate(vals)}}
            if deferrable and rng.random() < 0.5:
                stake["deferred_value"] = rng.randint(20, 70)
            stakes[iid] = stake
        lines = []
        for k in range(red_lines):
            iid = rng.choice(issue_ids)
            opt = f"o{rng.randrange(options)}"
            lines.append({"id": f"{pid}_hard{k}", "kind": "hard",
                          "options": [{"issue": iid, "option": opt}],
                          "reason": f"{pid} refuses {iid}={opt}.", "cite": cite})
        iid = rng.choice(issue_ids)
        lines.append({"id": f"{pid}_soft_trust", "kind": "soft",
                      "options": [{"issue": iid, "option": [f"o{rng.randrange(options)}",
                                                            f"o{rng.randrange(options)}"]}],
                      "moves_when": {"meter": f"trust.{pid}", "gte": 40},
                      "reason": f"{pid} needs trust first.", "cite": cite})
        if on_table_soft:
            a, b = rng.sample(issue_ids, 2)
            lines.append({"id": f"{pid}_soft_table", "kind": "soft",
                          "options": [{"issue": a, "option": f"o{rng.randrange(options)}"}],
                          "moves_when": {"any": [
                              {"on_table": {"issue": b, "option": f"o{rng.randrange(options)}"}},
                              {"on_table": {"issue": b, "deferred": True}}]},
                          "reason": f"{pid} accepts only with a compensation.", "cite": cite})
        links = []
        for k in range(linkages):
            a, b = rng.sample(issue_ids, 2)
            links.append({"id": f"{pid}_link{k}",
                          "if": {"issue": a, "option": f"o{rng.randrange(options)}"},
                          "requires": {"issue": b} if k % 2 else
                          {"issue": b, "option": [f"o{rng.randrange(options)}",
                                                  f"o{rng.randrange(options)}"]},
                          "same_or_earlier_phase": bool(k % 2 == 0),
                          "reason": f"{pid} links {a} to {b}.", "cite": cite})
        party_list.append({
            "id": pid, "name": f"Party {n}", "role": "principal", "stakes": stakes,
            "red_lines": lines, "linkages": links,
            "walkaway": {"base": walkaway, "min": 0, "max": 100},
            "trust": {o: 40 for o in party_ids if o != pid},
        })
    return {
        "meta": {"id": "synthetic", "title": "Synthetic", "version": "1.0",
                 "summary": "Generated.", "briefing": "Generated.",
                 "sources": [{"id": "gen", "title": "Generator"}]},
        "phases": [{"id": p, "title": p.title()} if n == 0 else
                   {"id": p, "title": p.title(),
                    "requires": {"meter": "progress", "gte": 50 * n - 49}}
                   for n, p in enumerate(phases)],
        "issues": issue_list,
        "parties": party_list,
        "mediators": [
            {"id": "low", "name": "Low", "standing": {p: 30 for p in party_ids},
             "credibility": 50, "actions": ["talk"]},
            {"id": "high", "name": "High", "standing": {p: 60 for p in party_ids},
             "credibility": 50, "actions": ["talk"]},
        ],
        "actions": [{"id": "talk", "title": "Talk", "kind": "dialogue", "diminishing": 0.5,
                     "effects": [{"meter": f"trust.{p}", "delta": 5} for p in party_ids]}],
        "outcomes": [{"id": "comprehensive_settlement", "title": "Settled",
                      "when": {"ended": "settlement"}, "bonus": 30},
                     {"id": "frozen_conflict", "title": "Frozen", "bonus": 0}],
    }


def synthetic_scenario(**kwargs: Any) -> Scenario:
    return Scenario.model_validate(synthetic_data(**kwargs))
