"""The debrief's teaching on the tiny scenario: lessons in words with the game's numbers,
turning points with causes in words, and the counterfactual search (never worse than the
game, deterministic, bounded by work)."""

from __future__ import annotations

from typing import Any

import pytest

from game.analysis.counterfactual import counterfactual
from game.analysis.debrief import debrief_section, decided_text
from game.analysis.lessons import lessons
from game.analysis.turning import cause_words, first_sentence
from game.analysis.wide import game_key
from game.engine.game import new_game
from game.engine.moves import move_from_dict
from game.records.session import Session

MOVES: list[Any] = [{"propose": {"fence": "south_line"}}, "pass", "pass",
                    {"propose": {"fence": "south_line", "well": "shared"}},
                    "pass", "pass", "pass", "pass"]


@pytest.fixture(scope="module")
def game(tiny: Any) -> Session:
    session = Session(tiny, "", "", "elder", 0, [new_game(tiny, "elder", 0)])
    for raw in MOVES:
        session.play(move_from_dict(raw, tiny))
    assert session.over
    return session


def test_three_lessons_with_the_games_numbers(game: Session) -> None:
    found = lessons(game.scenario, game.states, game.results)
    assert [(x.turn, x.text) for x in found] == [
        (1, "Your proposals crossed North's hard red lines on turns 1 and 4, costing 6 points "
            "of its trust in you: a hard line is refused whatever else the package offers. "
            "Defer the issue or choose another option."),
        (2, "You passed 6 of 8 turns: a pass costs no trust, but it leaves the clock, the "
            "events and the stalled-talk penalties to decide."),
        (3, "Talks stalled on 6 turn(s) from turn 3, costing 18 credibility: a small "
            "agreement every few turns (a humanitarian step, a deferral) keeps the talks "
            "alive."),
    ]


def test_turning_points_name_their_causes_without_ids(game: Session) -> None:
    section = debrief_section(game)
    assert section["turning_points"][0] == {
        "turn": 1,
        "text": "you proposed Fence: South's line (deal) — North's trust in you -3 (proposal "
                "crossed North's red line)"}
    assert "no_south_line" not in str(section)
    assert "decided" not in section and "counterfactual" not in section


def test_cause_words(tiny: Any) -> None:
    assert cause_words(tiny, "event: storm", "event:storm") == "A storm damages the fence"
    assert cause_words(tiny, "proposal crossed North's red line (no_south_line)",
                       "balance:red_line") == "proposal crossed North's red line"
    assert first_sentence("One. Two.") == "One"
    assert first_sentence("x" * 100, limit=10) == "x" * 9 + "…"


def test_counterfactual_per_turn(game: Session) -> None:
    cf = counterfactual(game.states, game.state.moves)
    assert cf.complete and [t.turn for t in cf.turns] == list(range(1, 9))
    assert cf.outcome == "frozen_conflict" and cf.score == game.score()
    # The move played, continued as the player did, is a candidate: never worse than the game.
    assert all(t.best.key >= game_key(game.state) for t in cf.turns)
    assert all(t.gain >= 0 and t.better for t in cf.turns)
    first = cf.turns[0]
    assert first.best.outcome == "comprehensive_settlement"
    assert first.best_move.to_dict() == {"propose": [
        {"issue": "truce", "option": "signed", "phase": "truce"},
        {"issue": "fence", "option": "middle", "phase": "deal"}]}
    assert cf.decided == 8 and cf.lost_outcome == "phased_agreement"
    assert decided_text(game.scenario, cf) == (
        "The outcome was decided on turn 8: before it the search still found a way to Phased "
        "agreement; after your move (pass) nothing better than Frozen.")
    # Deterministic, and bounded by work: a small bound covers fewer turns and says so.
    again = counterfactual(game.states, game.state.moves)
    assert [(t.turn, t.best.moves, t.best.score) for t in again.turns] == \
        [(t.turn, t.best.moves, t.best.score) for t in cf.turns]
    small = counterfactual(game.states, game.state.moves, work=40)
    assert not small.complete and 0 < len(small.turns) < 8 and small.work >= 40
    assert "within its bound" in decided_text(game.scenario, small)
    lines = debrief_section(game, cf)["counterfactual"]
    assert lines[1] == {"turn": 2, "text": "you: pass. Best found: propose Truce: Truce (truce); "
                        "Fence: Middle (deal) → Settlement, 100.00 (+81.70)."}


def test_a_game_played_as_the_search_would_has_nothing_better(game: Session) -> None:
    cf = counterfactual(game.states, game.state.moves)
    best = cf.turns[1].best  # from turn 2: play its line and ask again
    session = Session(game.scenario, "", "", "elder", 0, game.states[:2], game.results[:1])
    for move in best.moves:
        session.play(move)
    again = counterfactual(session.states, session.state.moves)
    assert session.state.outcome == "comprehensive_settlement"
    assert not again.turns[1].better and again.turns[1].gain == 0
    assert "Nothing better found" in debrief_section(session, again)["counterfactual"][1]["text"]
