"""The engine's public API (`game.engine.__all__`) is enough to play a whole game."""

import game.engine as engine
from game.format.loader import load_scenario
from game.resources import default_scenario_path


def test_every_exported_name_exists_and_is_listed_once():
    assert len(engine.__all__) == len(set(engine.__all__))
    missing = [name for name in engine.__all__ if not hasattr(engine, name)]
    assert missing == []


def test_a_game_played_through_the_public_api_ends_in_a_typed_ending():
    scenario = load_scenario(default_scenario_path())
    mediator = scenario.mediators[0].id
    state = engine.new_game(scenario, mediator, seed=3)
    while not state.over:
        assert engine.check_move(state, engine.Pass()) is None
        state, result = engine.apply(state, engine.Pass())
    assert isinstance(state.ending, engine.Ending)
    assert result.ending == state.ending
    assert state.ending.reason in ("turn_limit", "credibility")
    assert state.outcome == engine.decide_outcome(state)
    assert engine.score_breakdown(state).outcome == state.outcome
