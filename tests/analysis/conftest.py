"""Helpers for the analysis tests: brute force through the real rules."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from game.engine.moves import Framework
from game.engine.rules import evaluate
from game.format.loader import load_scenario

TINY = Path(__file__).resolve().parents[1] / "engine" / "fixtures" / "tiny.yaml"


@pytest.fixture(scope="session")
def tiny():
    return load_scenario(TINY)


@pytest.fixture(scope="session")
def brute_force():
    return _brute_force


def _brute_force(space):
    """Per package (flat order): {party: (acceptable, value)} by rules.evaluate."""
    state = space.state
    scenario = state.scenario
    out = []
    for combo in itertools.product(*(ax.choices for ax in space.axes)):
        fw = Framework.of([t for t in combo if t is not None], scenario)
        out.append({p.id: evaluate(state, p.id, fw) for p in scenario.principals})
    return out
