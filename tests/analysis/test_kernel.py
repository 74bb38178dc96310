"""One judgement kernel: on mid-game states of both shipped scenarios, the analysis space
answers exactly as the engine (rules.evaluate, rules.is_acceptable, rules.consents) for every
package of a small set of issues, placements and absent issues included."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

from game.analysis.plan import _choices, _open_issues
from game.analysis.space import Axis, build_space
from game.engine.moves import Framework
from game.engine.rules import consents, evaluate, is_acceptable
from game.format.loader import load_scenario
from game.players.bots import play_bot

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = [ROOT / "scenarios" / "russia-ukraine.yaml", ROOT / "scenarios" / "river-water.yaml"]


def _mid_game_states(path):
    """States after 3, 6 and 9 turns of a few bots, for each mediator (some with agreed terms,
    moved meters, low trust)."""
    scenario = load_scenario(path)
    out = []
    for med in scenario.mediators:
        for bot, seed in (("patient", 1), ("coercer", 2), ("random", 3)):
            session = play_bot(scenario, med.id, seed, bot, path)
            for turn in (3, 6, 9):
                if turn < len(session.states) and not session.states[turn].over:
                    out.append(session.states[turn])
    return scenario, out


def _axes(state, k, start):
    """k open issues (from `start`, cycling), each with every choice (absent, each option in
    each allowed placement, deferred)."""
    issues = _open_issues(state)
    if not issues:
        return []
    picked = [issues[(start + i) % len(issues)] for i in range(min(k, len(issues)))]
    axes = [Axis(i, tuple(_choices(state, i))) for i in picked]
    while np.prod([ax.size for ax in axes]) > 600 and len(axes) > 1:
        axes.pop()
    return axes


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_space_equals_engine_on_mid_game_states(path):
    scenario, states = _mid_game_states(path)
    assert states
    compared = gated = 0
    for n, state in enumerate(states):
        axes = _axes(state, 3, n)
        if not axes:
            continue
        space = build_space(state, axes, with_consents=True)
        assert space.consent_blocked is not None
        consent_flat = space.consent_blocked.reshape(-1)
        turn = state.turn + 1
        for flat, combo in enumerate(itertools.product(*(ax.choices for ax in axes))):
            fw = Framework.of([t for t in combo if t is not None], scenario)
            if not fw.terms:
                continue
            for party in scenario.principals:
                ev = evaluate(state, party.id, fw, turn)
                ok = bool(space.acceptable(party.id).reshape(-1)[flat])
                assert ok == ev.acceptable, (path.name, state.turn, party.id, fw.to_dict())
                assert ok == is_acceptable(state, party, fw, turn)
                assert space.values[party.id].reshape(-1)[flat] == ev.value
                gated += ev.trust_gated
            given = all(c.given for c in consents(state, fw, turn))
            assert given == (not consent_flat[flat]), (path.name, state.turn, fw.to_dict())
            compared += 1
    assert compared > 500
    if path.stem == "russia-ukraine":
        assert gated  # the trust gate was exercised
