"""Every shipped scenario plays with every bot and mediator: no crash, meters in range,
the ledger sums to the meters, and the transcript replays (2 and 3 principals alike)."""

from __future__ import annotations

import pytest

from game.format.loader import load_scenario
from game.players.bots import BOTS, play_bot
from game.records.verify import verify
from game.resources import scenarios_dir

SCENARIOS = sorted(scenarios_dir().glob("*.yaml"))


def test_there_are_several_scenarios():
    assert len(SCENARIOS) >= 2
    principals = {len(load_scenario(p).principals) for p in SCENARIOS}
    assert max(principals) >= 3  # the engine is not written for two parties only


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_bots_play_every_mediator(path):
    scenario = load_scenario(path)
    for mediator in scenario.mediators:
        for bot in BOTS:
            session = play_bot(scenario, mediator.id, 11, bot, path)
            state = session.state
            assert state.over and state.outcome in {o.id for o in scenario.outcomes}
            totals: dict[str, int] = {}
            for entry in state.ledger:
                totals[entry.meter] = totals.get(entry.meter, 0) + entry.delta
            assert totals == state.meters
            assert all(0 <= v <= 100 for k, v in state.meters.items()
                       if not k.startswith("walkaway."))
            assert verify(session.transcript(), path).ok
