"""Answers, consents and look-ahead in plain words (game.engine.explain, game.engine.wording),
on the tiny scenario: exact sentences, numbers only once the walk-away is revealed."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine.explain import (
    REOPEN_RULE,
    cause_words,
    consent_record,
    consent_rules,
    consent_words,
    explain,
    lookahead,
    lookahead_words,
    not_agreed_notice,
    reopen_words,
)
from game.engine.game import apply, new_game
from game.engine.knowledge import known_info
from game.engine.moves import Framework, Propose, Term, move_from_dict
from game.engine.wording import flag_words, red_line_words, say
from game.format import models as m
from game.format.loader import load_scenario
from tests.conftest import TINY


def _answers(state, terms):
    move = move_from_dict({"propose": terms}, state.scenario)
    after, result = apply(state, move)
    return after, result, [explain(state, r, move.framework) for r in result.responses]


def test_an_unconsulted_party_gets_a_band_and_no_number(tiny):
    state = new_game(tiny, "elder", 1)
    _, _, (north, south) = _answers(state, {"fence": "south_line", "well": "south_owns"})
    assert north.summary == ("North: no, but it counters — crosses its hard red line on Fence; "
                             "a red line on Well holds; the Fence term costs it most")
    assert north.details == (
        "Worth far less than what North expects without a deal (consult North to learn the "
        "numbers).",
        "Fence: South's line crosses North's hard red line: “Never South's line.”",
        "Well: South owns it crosses a soft red line of North: “Only a trusted mediator could "
        "sell that.” Consult North to learn what would move it.",
        "Counters with the smallest change it would accept.",
    )
    assert south.summary == "South: yes — well above what it needs"
    assert north.contributions == () and not any(ch.isdigit() for ch in " ".join(north.details))


def test_a_consulted_party_gets_numbers_and_each_terms_share(tiny):
    state = new_game(tiny, "elder", 1)
    state, _ = apply(state, move_from_dict({"consult": "north"}, tiny))
    _, _, (north, _) = _answers(state, {"fence": "north_line", "well": "south_owns"})
    assert north.summary == "North: no, but it counters — a red line on Well holds"
    assert north.numbers == ("Worth 62 to North, against the 52 it expects without a deal: "
                             "10 points to spare.")
    assert north.term_by_term == ("Term by term (points for or against a deal): "
                                  "Well: South owns it -12.8; Fence: North's line +22.8")
    # The soft line's condition is revealed too, with the meter as it stands.
    assert north.rules[0].text.endswith(
        "It moves only when North's trust in you is at least 70 (now 55).")
    assert [c.points for c in north.contributions] == pytest.approx([-12.8, 22.8])


def test_points_short_and_the_term_that_costs_most(tiny):
    state = new_game(tiny, "elder", 1)
    state, _ = apply(state, move_from_dict({"consult": "north"}, tiny))
    _, _, (north, _) = _answers(state, {"truce": "none", "fence": "middle", "well": "shared"})
    # (30 + 3 x 55 + 2 x 55) / 6 = 50.8 against 52: short, and the truce term drags most.
    assert north.summary == ("North: no, but it counters — 1.2 points short; the Truce term "
                             "costs it most")


def test_a_withheld_consent_is_a_one_line_notice_with_its_condition(tiny):
    state = new_game(tiny, "elder", 1)
    _, result, answers = _answers(state, {"well": "shared"})
    assert [a.summary for a in answers] == ["North: yes, with reservations — just enough",
                                           "South: yes — comfortably enough"]
    assert not result.agreed
    assert not_agreed_notice(state, result.responses, result.consents) == (
        "Not agreed: Council withholds consent until the humanitarian meter is at least 10 "
        "(now 0)")
    assert consent_words(state, result.consents[0]) == (
        "Council withholds consent until the humanitarian meter is at least 10 (now 0): “The "
        "council must see goodwill before sharing the well.”")
    # No notice when a principal refused anyway.
    _, refused, _ = _answers(state, {"well": "shared", "fence": "south_line"})
    assert not_agreed_notice(state, refused.responses, refused.consents) is None


def test_consent_rules_are_public_sentences(tiny):
    assert [r.sentence for r in consent_rules(tiny)] == [
        "Council must consent to Well: Shared; it does when the humanitarian meter is at "
        "least 10."]


def test_the_consent_record_names_the_turns_a_consent_stopped_a_deal(tiny):
    state = new_game(tiny, "elder", 1)
    results = []
    for terms in ({"well": "shared"}, {"well": "shared", "fence": "south_line"},
                  {"well": "shared"}):
        state, result = apply(state, move_from_dict({"propose": terms}, tiny))
        results.append(result)
    (rule,) = consent_record(tiny, results)
    assert rule.withheld == (1, 3)  # turn 2: North refused anyway


def test_conditions_read_as_sentences_with_names(tiny):
    phases = {p.id: say(p.requires, tiny) for p in tiny.phases}
    assert phases == {
        "talks": "always",
        "truce": "Truce: Truce has been agreed",
        "deal": "Truce: Truce has been agreed and Fence has been agreed (settled or deferred)",
    }
    assert say(tiny.outcomes[0].when, tiny) == (
        "the talks have ended because a party walked out or the talks have ended because your "
        "credibility ran out")
    trigger = tiny.events[0].trigger
    assert say(trigger, tiny) == "from turn 2 on and a 30% chance comes up"
    nested = m.AllCond.model_validate({"all": [
        {"meter": "trust.north", "gte": 60, "for_turns": 2},
        {"any": [{"taken": {"action": "aid", "within": 3}}, {"not": {"flag": "fence_built"}}]},
        {"any": [{"on_table": {"issue": "well", "option": ["shared", "south_owns"]}},
                 {"agreed": {"issue": "well", "option": ["shared", "south_owns"]}}]},
    ]})
    assert say(nested, tiny) == (
        "North's trust in you is at least 60 for 2 turns in a row, either you have used “Aid "
        "convoy” in the last 3 turns or not “fence built” and Well (Shared or South owns it) is "
        "on the table or already agreed")


def test_the_authors_own_words_win(tiny):
    cond = m.AnyCond.model_validate({"describe": "the North has calmed down", "any": [
        {"meter": "trust.north", "gte": 70}, {"turn": {"gte": 5}}]})
    assert say(cond, tiny) == "the North has calmed down"
    assert say(m.NotCond.model_validate({"not": cond.model_dump(by_alias=True)}), tiny) == (
        "not so: the North has calmed down")
    line = m.RedLine.model_validate({"id": "x", "kind": "hard", "describe": "no fence moved south",
                                     "options": [{"issue": "fence", "option": "south_line"}],
                                     "reason": "r"})
    assert red_line_words(tiny, line) == "no fence moved south"
    assert red_line_words(tiny, tiny.party("north").red_lines[0]) == "no Fence: South's line"


def _variant(tmp_path: Path, *edits: tuple[str, str]) -> m.Scenario:
    """The tiny scenario with some text replaced (each edit must apply once)."""
    text = TINY.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "variant.yaml"
    path.write_text(text, encoding="utf-8")
    return load_scenario(path)


def _linked(tmp_path: Path) -> m.Scenario:
    """Tiny with a consultation that reveals linkages, and North's truce linked to the fence
    settled on a line (a deferral no longer does)."""
    return _variant(tmp_path,
                    ("what: [walkaway, red_lines]", "what: [walkaway, red_lines, linkages]"),
                    ("requires: {issue: fence}",
                     "requires: {issue: fence, option: [north_line, middle]}"))


def test_lookahead_uses_known_linkages_only(tmp_path):
    scenario = _linked(tmp_path)
    state = new_game(scenario, "elder", 1)
    truce = Term("truce", "signed", "truce")
    assert lookahead(state, truce) == ()  # North's linkages are not known yet
    state, _ = apply(state, move_from_dict({"consult": "north"}, scenario))
    assert lookahead_words(state, truce) == "agreeing it rules out Fence: deferred"
    (ruled,) = lookahead(state, truce)
    assert ruled.why == "North links Truce: Truce to Fence (North's line or Middle)"
    # In a package that defers the fence, the truce conflicts with it.
    package = Framework((truce, Term("fence", deferred=True)))
    assert lookahead_words(state, truce, package) == (
        "✘ conflicts with Fence: deferred in this package")
    # A package that settles the fence: nothing more to warn about.
    settled = Framework((truce, Term("fence", "middle", "deal")))
    assert lookahead_words(state, truce, settled) == ""


def test_an_agreed_term_cannot_be_reopened_and_says_why(tiny):
    state = new_game(tiny, "elder", 1)
    state, result = apply(state, Propose(Framework((Term("fence", "middle", "deal"),))))
    assert result.agreed
    assert reopen_words(state, "fence") == (
        "Fence: Middle was agreed on turn 1. " + REOPEN_RULE)
    assert lookahead(state, Term("fence", "north_line", "deal")) == ()


def test_ledger_causes_and_notes_lose_their_ids(tiny):
    assert cause_words(tiny, "event: storm") == "event “A storm damages the fence”"
    assert cause_words(tiny, "event: storm wore off") == (
        "event “A storm damages the fence” wore off")
    assert cause_words(tiny, "proposal crossed North's red line (no_south_line)") == (
        "proposal crossed North's red line: no Fence: South's line")
    assert cause_words(tiny, "Aid convoy: its effect (convoy_on) has worn off.") == (
        "Aid convoy: its effect has worn off.")


def test_flags_read_from_what_sets_them(tmp_path):
    scenario = _variant(
        tmp_path,
        ("      - {meter: trust.north.south, delta: 3}",
         "      - {meter: trust.north.south, delta: 3}\n      - {set_flag: talked, lasts: 2}"),
        ("      - {meter: humanitarian, delta: 12}",
         "      - {meter: humanitarian, delta: 12}\n"
         "      - {set_flag: aided, describe: aid has reached both sides}"),
        ("    text: A storm damages the fence.",
         "    text: A storm damages the fence. Repairs wait.\n    once: true"),
        ("    effects: [{meter: humanitarian, delta: -5}]",
         "    effects: [{meter: humanitarian, delta: -5}, {set_flag: stormy}]"))
    assert flag_words(scenario, "talked") == (
        "you have used “Facilitate dialogue” in the last 2 turns")
    assert flag_words(scenario, "talked", negated=True) == (
        "you have not used “Facilitate dialogue” in the last 2 turns")
    assert flag_words(scenario, "aided") == "aid has reached both sides"
    assert flag_words(scenario, "stormy") == "“A storm damages the fence” applies"
    assert flag_words(scenario, "stormy", negated=True) == (
        "“A storm damages the fence” does not apply")
    assert flag_words(scenario, "nothing_sets_it") == "“nothing sets it”"


def test_known_linkages_and_soft_lines_are_in_words(tmp_path):
    scenario = _linked(tmp_path)
    state = new_game(scenario, "elder", 1)
    state, _ = apply(state, move_from_dict({"consult": "north"}, scenario))
    info = known_info(state, "north")
    assert info.linkages == ["Truce: Truce requires Fence (North's line or Middle): A truce "
                             "needs the fence settled or frozen."]
    assert info.red_lines[1].condition == "North's trust in you is at least 70"


def test_an_unavailable_action_says_when_in_words():
    from game.engine.game import available_actions
    from tests.conftest import RUSSIA_UKRAINE

    state = new_game(load_scenario(RUSSIA_UKRAINE), "us", 1)
    summit = next(s for s in available_actions(state) if s.action.id == "summit_linkage")
    assert summit.reason == "not yet: from turn 2 on"
