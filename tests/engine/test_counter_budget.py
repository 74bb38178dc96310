"""The counter-proposal search is bounded: its enumeration is counted and stops at the budget."""

from __future__ import annotations

import pytest
import yaml

from game.analysis.synthetic import synthetic_data
from game.engine import rules
from game.engine.game import new_game
from game.engine.moves import Framework, Term
from game.engine.state import GameState
from game.format.limits import COUNTER_CANDIDATES
from game.format.loader import load_scenario_text


def wide_table() -> tuple[GameState, Framework]:
    """20 issues x 10 options, counters of up to 6 changes, and a proposal of everything the
    other side wants: tens of millions of candidates before the budget."""
    data = synthetic_data(parties=2, issues=20, options=10, seed=1, walkaway=70, linkages=0,
                          red_lines=0, on_table_soft=False)
    for party in data["parties"]:
        party["behaviour"] = {"max_counter_changes": 6, "silence_below": 0, "walk_out_below": 0}
    scenario = load_scenario_text(yaml.safe_dump(data), "wide.yaml")
    other = scenario.party("p1")
    terms = []
    for issue in scenario.issues:
        values = other.stakes[issue.id].values
        terms.append(Term(issue.id, max(values, key=lambda o: values[o]), issue.phase))
    return new_game(scenario, "high", 1), Framework.of(terms, scenario)


def test_a_wide_search_stops_at_its_budget_with_the_best_counter_so_far() -> None:
    state, proposal = wide_table()
    search = rules.search_counter(state, "p0", proposal)
    assert search.stopped
    assert search.enumerated == COUNTER_CANDIDATES
    assert search.counter is not None
    changed = [t for t in search.counter.terms if proposal.term(t.issue) != t]
    assert len(changed) == 6
    assert rules.is_acceptable(state, state.scenario.party("p0"), search.counter, 1)
    response = rules.respond(state, "p0", proposal)
    assert response.kind == "counter_proposal"
    assert response.counter == search.counter


def test_no_counter_within_the_budget_is_a_reason_the_player_reads(
        monkeypatch: pytest.MonkeyPatch) -> None:
    state, proposal = wide_table()
    monkeypatch.setattr(rules, "COUNTER_CANDIDATES", 1_000)
    search = rules.search_counter(state, "p0", proposal)
    assert (search.counter, search.enumerated, search.stopped) == (None, 1_000, True)
    response = rules.respond(state, "p0", proposal)
    assert response.kind == "reject"
    assert response.counter is None
    assert response.reasons[-1].rule == "behaviour:counter_budget"
    assert response.reasons[-1].text == (
        "Found no counter-proposal within its search budget (1,000 candidates): too many ways "
        "to change this proposal. Try a smaller one.")


def test_a_small_search_is_complete() -> None:
    state, proposal = wide_table()
    small = Framework(proposal.terms[:2])
    search = rules.search_counter(state, "p0", small)
    assert not search.stopped
    assert 0 < search.enumerated < COUNTER_CANDIDATES
