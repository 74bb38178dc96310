"""Scenarios nobody wrote by hand: generated ones of several shapes, written to YAML, loaded
and played by every bot; nothing raises, meters stay in range, every game replays."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.players.bots import BOTS, play_bot
from game.records.verify import verify
from tests.engine.generated import generated_scenario


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parties=st.integers(2, 4), issues=st.integers(2, 5), options=st.integers(2, 4),
       seed=st.integers(0, 10**6), deferrable=st.booleans(), red_lines=st.integers(0, 4),
       linkages=st.integers(0, 3), walkaway=st.integers(20, 80))
def test_bots_play_generated_scenarios(tmp_path, parties, issues, options, seed, deferrable,
                                       red_lines, linkages, walkaway):
    path, scenario = generated_scenario(
        tmp_path, seed, parties=parties, issues=issues, options=options, deferrable=deferrable,
        red_lines=red_lines, linkages=linkages, walkaway=walkaway)
    for bot in BOTS:
        session = play_bot(scenario, scenario.mediators[0].id, seed, bot, path)
        state = session.state
        assert state.over and state.outcome in {o.id for o in scenario.outcomes}
        assert all(0 <= v <= 100 for v in state.meters.values())
        assert verify(session.transcript(), path).ok
