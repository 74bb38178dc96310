"""Elements of the shipped scenarios that no bot reaches in a coverage sweep, shown reachable
by a scripted game: rare by the players' choices, not dead in the data."""

from __future__ import annotations

from typing import Any

from game.analysis.coverage import fired_in
from game.engine.moves import move_from_dict
from game.format.loader import load_scenario
from game.records.session import Session

RIVER = "scenarios/river-water.yaml"
FLOW_PACKAGE = {"propose": {"data_sharing": "data_exchange", "flow": "fixed_minimum",
                            "dam_filling": "staged_fill"}}


def _play(path: str, mediator: str, seed: int, moves: list[Any]) -> Session:
    scenario = load_scenario(path)
    session = Session.new(path, mediator, seed, scenario=scenario)
    for move in moves:
        session.play(move_from_dict(move, scenario))
    return session


def test_river_water_breakdown_when_alvara_is_pressed_and_offered_a_moratorium() -> None:
    pressure = {"action": "public_pressure", "target": "alvara"}
    moratorium = {"propose": {"dam_filling": "filling_moratorium"}}
    moves = [pressure if turn % 3 == 0 else moratorium for turn in range(9)]
    session = _play(RIVER, "river_commission", 1, moves)
    assert (session.state.ended, session.state.outcome) == ("walk_out", "breakdown")
    assert session.over and len(session.results) == 9


def test_river_water_alvaras_fixed_flow_line_moves_once_the_bank_has_courted_it() -> None:
    offer = {"action": "financing_offer", "target": "alvara"}
    moves = [offer, {"action": "joint_survey"}, "pass", {"action": "technical_talks"}, offer,
             FLOW_PACKAGE, FLOW_PACKAGE, {"action": "joint_survey"}, FLOW_PACKAGE,
             FLOW_PACKAGE]
    session = _play(RIVER, "development_bank", 49, moves)
    fired = fired_in(session.state, session.results)
    assert fired[("soft_line_move", "alvara", "al_no_fixed_flow")] == 2
    kinds = [reason.kind for result in session.results for response in result.responses
             for reason in response.reasons if reason.rule.endswith(":al_no_fixed_flow")]
    assert kinds == ["soft_line_holds", "soft_line_holds", "soft_line_moved", "soft_line_moved"]


def test_colombia_government_accepts_congress_after_the_plebiscite_fails() -> None:
    def propose(*terms: tuple[str, str, str]) -> dict[str, Any]:
        return {"propose": [{"issue": i, "option": o, "phase": p} for i, o, p in terms]}

    de_escalation = propose(("ceasefire", "de_escalation", "agenda"))
    moves = [
        {"action": "demining_pilot"}, {"action": "facilitate_round"},
        propose(("land", "rural_reform", "talks"), ("participation", "legal_party", "talks"),
                ("drugs", "voluntary_substitution", "agenda")),
        {"action": "victims_delegations"}, {"action": "demining_pilot"},
        {"action": "joint_request_un"}, {"action": "end_of_conflict_subcommission"},
        {"action": "demining_pilot"}, de_escalation, de_escalation,
        propose(("ceasefire", "bilateral_verified", "agenda"),
                ("justice", "special_jurisdiction", "agenda")),
        propose(("endorsement", "plebiscite", "end_of_conflict")),
        propose(("endorsement", "congress", "end_of_conflict")),
    ]
    session = _play("scenarios/colombia-farc.yaml", "cuba", 2, moves)
    no_vote = [n for n, result in enumerate(session.results, 1)
               for happening in result.happenings if happening.id == "plebiscite_no"]
    assert no_vote == [12]
    fired = fired_in(session.state, session.results)
    assert fired[("soft_line_move", "government", "gov_voters_decide")] == 1
