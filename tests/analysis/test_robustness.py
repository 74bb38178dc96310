"""The plan's robustness: the same moves replayed with other dice."""

from __future__ import annotations

from pathlib import Path

import yaml

from game.analysis.plan import robustness
from game.format.loader import load_scenario

ROOT = Path(__file__).resolve().parents[2]
COERCED = ROOT / "tests" / "engine" / "fixtures" / "ru-us-seed0-coerced-truce.yaml"


def test_a_coerced_truce_plan_rarely_survives_other_dice():
    scenario = load_scenario(ROOT / "scenarios" / "russia-ukraine.yaml")
    moves = yaml.safe_load(COERCED.read_text(encoding="utf-8"))
    got = robustness(scenario, "us", moves, 0, games=20)
    assert got["seeds"] == [1, 20]
    assert sum(got["outcomes"].values()) == 20
    better = sum(n for k, n in got["outcomes"].items()
                 if k in ("ceasefire_only", "phased_agreement", "comprehensive_settlement"))
    assert better <= 4, got
    assert got["score_mean"] < 45
