"""Progress is a function of what is agreed (never accumulated): `100 / issues` per issue
settled with an option, `deferred_progress_share` of that per deferred one, rounded once."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.game import apply, check_move, new_game, round_half_away
from game.engine.moves import Framework, Propose, Term, move_from_dict
from game.format.loader import load_scenario
from game.players.bots import random_bot
from game.records.session import Session
from tests.engine.generated import generated_scenario

TWO_ISSUES = """
meta:
  id: two
  title: Two issues
  version: "1"
  summary: Two issues, one deferrable.
  briefing: A test.
  sources: [{id: notes, title: Notes}]
phases: [{id: talks, title: Talks}]
issues:
  - {id: a, title: A, phase: talks, deferrable: true,
     options: [{id: x, label: X}, {id: y, label: Y}]}
  - {id: b, title: B, phase: talks, options: [{id: x, label: X}, {id: y, label: Y}]}
parties:
  - id: p
    name: P
    role: principal
    stakes: {a: {weight: 1, values: {x: 100, y: 0}}, b: {weight: 1, values: {x: 100, y: 0}}}
    walkaway: {base: 10}
    trust: {q: 50}
  - id: q
    name: Q
    role: principal
    stakes: {a: {weight: 1, values: {x: 100, y: 0}}, b: {weight: 1, values: {x: 100, y: 0}}}
    walkaway: {base: 10}
    trust: {p: 50}
mediators: [{id: m, name: M, standing: {p: 50, q: 50}, credibility: 50, actions: [talk]}]
actions: [{id: talk, title: Talk, kind: dialogue}]
outcomes: [{id: frozen_conflict, title: Frozen}]
rules: {turn_limit: 4}
"""


def expected_progress(state) -> int:
    scenario = state.scenario
    share = 100 / len(scenario.issues)
    total = scenario.rules.initial_progress
    for agreed in state.agreed.values():
        total += share * (scenario.rules.deferred_progress_share if agreed.term.deferred else 1)
    return round_half_away(min(100.0, total))


def test_defer_then_settle_counts_once(tmp_path):
    path = tmp_path / "two.yaml"
    path.write_text(TWO_ISSUES)
    scenario = load_scenario(path)
    state = new_game(scenario, "m", 0)
    state, _ = apply(state, Propose(Framework((Term("a", deferred=True),))))
    assert state.meters["progress"] == 25
    state, result = apply(state, move_from_dict({"propose": {"a": "x"}}, scenario))
    assert state.meters["progress"] == 50
    assert [e.delta for e in result.ledger if e.meter == "progress"] == [25]


def _check(state) -> None:
    assert state.meters["progress"] == expected_progress(state)
    entries = [e for e in state.ledger if e.meter == "progress"]
    assert entries[0].turn == 0
    assert entries[0].value + sum(e.delta for e in entries[1:]) == state.meters["progress"]


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(issues=st.integers(2, 8), options=st.integers(2, 4), seed=st.integers(0, 10**6),
       deferrable=st.booleans(), walkaway=st.integers(10, 60), share=st.sampled_from(
           [0.0, 0.25, 0.5, 1.0]))
def test_progress_is_the_formula_at_every_state(tmp_path, issues, options, seed, deferrable,
                                                walkaway, share):
    path, scenario = generated_scenario(
        tmp_path, seed, rules={"deferred_progress_share": share}, parties=2, issues=issues,
        options=options, deferrable=deferrable, red_lines=0, linkages=0, walkaway=walkaway)
    session = Session.new(path, scenario.mediators[0].id, seed, scenario=scenario)
    rng = random.Random(seed)
    _check(session.state)
    while not session.over:
        move = random_bot(session, rng)
        if rng.random() < 0.5:  # single-issue proposals agree often, deferrals included
            issue = rng.choice(scenario.issues)
            term = (Term(issue.id, deferred=True) if issue.deferrable and rng.random() < 0.5
                    else Term(issue.id, rng.choice(issue.options).id, issue.phase))
            move = Propose(Framework((term,)))
        if check_move(session.state, move) is not None:
            move = move_from_dict("pass", scenario)
        session.play(move)
        _check(session.state)
