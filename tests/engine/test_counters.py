"""Counter-proposals (issue 11, item 8): never a term another principal refuses outright when a
counter without one exists (and the answer says so when none does), never an agreed term."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine.rules import index_of, search_counter
from game.format.loader import load_scenario
from game.players.bots import play_bot

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = [ROOT / "tests" / "engine" / "fixtures" / "tiny.yaml",
             ROOT / "scenarios" / "russia-ukraine.yaml"]


def _hard_crossings(scenario, party_id, terms):
    return [(o.id, t.issue) for o in scenario.principals if o.id != party_id
            for t in terms for line in index_of(scenario, o.id).crossed(t)
            if line.kind == "hard"]


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_counters_avoid_the_other_sides_hard_lines_and_agreed_terms(path):
    scenario = load_scenario(path)
    mediator = scenario.mediators[0].id
    counters = crossing = 0
    for seed in range(6):
        for bot in ("random", "patient"):
            session = play_bot(scenario, mediator, seed, bot, str(path))
            for before, result in zip(session.states, session.results, strict=False):
                for response in result.responses:
                    if response.counter is None:
                        continue
                    counters += 1
                    settled = {i for i, a in before.agreed.items() if not a.term.deferred}
                    assert not settled & {t.issue for t in response.counter.terms}
                    rules = {r.rule for r in response.reasons}
                    if _hard_crossings(scenario, response.party, response.counter.terms):
                        crossing += 1
                        assert "behaviour:counter_crosses" in rules
                    else:
                        assert "behaviour:counter_crosses" not in rules
    assert counters > 0
    assert crossing < counters


def test_a_counter_that_must_cross_says_so(tiny):
    # Every single-term proposal to every principal: the search's `crosses` flag says exactly
    # whether its counter crosses another principal's hard red line.
    from game.engine.game import new_game
    from game.engine.moves import move_from_dict

    state = new_game(tiny, tiny.mediators[0].id, 0)
    found = []
    for issue in tiny.issues:
        for option in issue.options:
            fw = move_from_dict({"propose": {issue.id: option.id}}, tiny).framework
            for party in tiny.principals:
                search = search_counter(state, party.id, fw)
                if search.counter is not None:
                    found.append((search.crosses,
                                  bool(_hard_crossings(tiny, party.id, search.counter.terms))))
    assert found and all(crosses == crossing for crosses, crossing in found)
