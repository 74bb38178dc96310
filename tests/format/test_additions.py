"""The format's later additions: each one loads, shows in the schema, is refused at its line
when misused and works in play (short names, consents never/always, turns_since, two meters
compared, end_when, on_table refused where no proposal is seen)."""

from __future__ import annotations

from typing import Any

import pytest

from game.engine.explain import consent_rules, consent_words
from game.engine.game import apply, new_game
from game.engine.moves import Framework, Pass, Propose, TakeAction, Term
from game.engine.rules import consents
from game.engine.state import Ending, cite_dict
from game.engine.wording import say
from game.format.errors import ScenarioError
from game.format.loader import load_scenario_text
from game.format.schema import scenario_schema
from tests.format.conftest import MINIMAL

TEXT = MINIMAL.read_text(encoding="utf-8")
FIRST_CITE = "cite: {source: notes, quote: the dam is ours}"


def _load(text: str):
    return load_scenario_text(text, "s.yaml")


def _problems(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as err:
        _load(text)
    return [str(p) for p in err.value.problems]


# --------------------------------------------------------------------------- citations


def test_a_citation_may_give_a_section_and_a_page_instead_of_a_quote() -> None:
    text = TEXT.replace(FIRST_CITE, "cite: {source: notes, section: '2.1', page: 14}")
    cite = _load(text).parties[0].positions[0].cite
    assert cite is not None and cite.quote is None
    assert cite.words == "section 2.1, p. 14"
    assert cite_dict(cite) == {"source": "notes", "quote": None, "section": "2.1", "page": 14}


def test_a_quoted_citation_reads_and_records_as_before() -> None:
    cite = _load(TEXT).parties[0].positions[0].cite
    assert cite is not None and cite.words == "“the dam is ours”"
    assert cite_dict(cite) == {"source": "notes", "quote": "the dam is ours"}


def test_a_citation_with_neither_quote_nor_section_nor_page_is_refused() -> None:
    assert FIRST_CITE in TEXT
    line = TEXT[:TEXT.index(FIRST_CITE)].count("\n") + 1
    problems = _problems(TEXT.replace(FIRST_CITE, "cite: {source: notes}"))
    assert problems == [f"s.yaml:{line}:15: parties.0.positions.0.cite: a citation needs a "
                        "quote, a section or a page"]


def test_the_schema_has_the_citation_by_section_and_page() -> None:
    cite = scenario_schema()["$defs"]["Cite"]
    assert cite["required"] == ["source"]
    assert {"quote", "section", "page"} <= set(cite["properties"])


def test_a_game_runs_with_a_citation_by_section() -> None:
    text = TEXT.replace(FIRST_CITE, "cite: {source: notes, section: Annex A}")
    scenario = _load(text)
    state, _ = apply(new_game(scenario, scenario.mediators[0].id, 1), Pass())
    assert state.turn == 1


def _at(text: str, snippet: str, column_of: str | None = None) -> str:
    """'s.yaml:LINE:COL' of `column_of` (default: the snippet) on the snippet's line."""
    start = text.index(snippet)
    line = text[:start].count("\n") + 1
    line_start = text.rfind("\n", 0, start) + 1
    column = text.index(column_of or snippet, start) - line_start + 1
    return f"s.yaml:{line}:{column}"


def _play(text: str, *moves: Any, mediator: str = "envoy") -> tuple[Any, list[Any]]:
    scenario = _load(text)
    state = new_game(scenario, mediator, 1)
    results = []
    for move in moves:
        state, result = apply(state, move)
        results.append(result)
    return state, results


def _said(results: list[Any]) -> list[tuple[int, str]]:
    return [(r.turn, h.id) for r in results for h in r.happenings if h.id != "drought"]


UPSTREAM = "    name: Upstream\n"
DOWNSTREAM = "    name: Downstream\n"
STATEMENTS = "    walkaway: {base: 45}\n"  # Downstream's: statements go after it


def _statement(text: str, when: str) -> str:
    return text.replace(STATEMENTS, STATEMENTS + "    statements:\n      - id: noted\n"
                        f"        when: {when}\n        text: Noted.\n")


# --------------------------------------------------------------------------- short names


def test_a_party_may_have_a_short_name() -> None:
    text = TEXT.replace(UPSTREAM, UPSTREAM + "    short_name: UPR\n")
    assert _load(text).party("upstream").short_name == "UPR"
    assert _load(TEXT).party("upstream").short_name is None
    party = scenario_schema()["$defs"]["Party"]["properties"]["short_name"]
    assert party["anyOf"][0]["maxLength"] == 8


def test_two_parties_with_one_short_name_are_refused_at_the_second() -> None:
    text = TEXT.replace(UPSTREAM, UPSTREAM + "    short_name: UP\n").replace(
        DOWNSTREAM, DOWNSTREAM + "    short_name: UP\n")
    second = text.index(DOWNSTREAM)
    at = _at(text[second:], "short_name: UP", "UP").split(":", 1)[1]
    line, col = at.split(":")
    line = str(int(line) + text[:second].count("\n"))
    assert _problems(text) == [f"s.yaml:{line}:{col}: parties.1.short_name: short name 'UP' "
                               "is also 'upstream''s: short names tell parties apart"]


def test_a_short_name_longer_than_8_characters_is_refused() -> None:
    text = TEXT.replace(UPSTREAM, UPSTREAM + "    short_name: Upstreamer\n")
    (problem,) = _problems(text)
    assert problem.startswith(_at(text, "short_name: Upstreamer", "Upstreamer")
                              + ": parties.0.short_name: ")
    assert "at most 8 characters" in problem


# --------------------------------------------------------------------------- consents

LIMIT = Framework((Term("dam", "limit", "settlement"),))
BANK_WHEN = "        when: {flag: bank_engaged}\n"


def test_a_consent_may_say_never() -> None:
    text = TEXT.replace(BANK_WHEN, "        never: true\n")
    scenario = _load(text)
    entry = scenario.party("bank").consents[0]
    assert entry.never and entry.when is not None  # a condition that never holds
    state = new_game(scenario, "envoy", 1)
    state, _ = apply(state, TakeAction("aid_pledge"))  # sets the flag the old rule wanted
    (check,) = consents(state, LIMIT)
    assert not check.given
    assert consent_words(state, check) == ("Basin Development Bank never consents to this: "
                                           "“The bank funds a lower dam only when engaged.”")
    (rule,) = consent_rules(scenario)
    assert rule.sentence.endswith("; it never does.")


def test_a_consent_may_say_always_and_without_when_it_is_always_given() -> None:
    for text in (TEXT.replace(BANK_WHEN, "        always: true\n"), TEXT.replace(BANK_WHEN, "")):
        state = new_game(_load(text), "envoy", 1)
        (check,) = consents(state, LIMIT)
        assert check.given
        (rule,) = consent_rules(state.scenario)
        assert rule.sentence.endswith("; it always does.")


def test_a_consent_with_when_and_never_is_refused() -> None:
    text = TEXT.replace(BANK_WHEN, BANK_WHEN + "        never: true\n")
    assert _problems(text) == [f"{_at(text, '- id: funds_limit', 'id: funds_limit')}: "
                               "parties.2.consents.0: a consent takes one of when, always and "
                               "never, not when and never"]


def test_the_schema_has_always_and_never_on_consents() -> None:
    consent = scenario_schema()["$defs"]["Consent"]["properties"]
    assert consent["never"]["default"] is False and consent["always"]["default"] is False


# --------------------------------------------------------------------------- turns_since

EVENTS = "events:\n"
OPENING = ("events:\n  - id: opening\n    trigger: {turn: {eq: 1}}\n    text: The talks open.\n")


def test_turns_since_an_event_counts_from_the_turn_it_fired() -> None:
    text = _statement(TEXT.replace(EVENTS, OPENING),
                      "{turns_since: {event: opening, gte: 2}}")
    state, results = _play(text, Pass(), Pass(), Pass(), Pass())
    assert _said(results) == [(1, "opening"), (3, "noted")]
    assert dict(state.since) == {"event:opening": 1}


def test_turns_since_a_flag_counts_from_when_it_was_set_while_it_stays_set() -> None:
    text = _statement(TEXT, "{turns_since: {flag: bank_engaged, eq: 2}}")
    state, results = _play(text, TakeAction("aid_pledge"), Pass(), Pass(), Pass())
    assert _said(results) == [(3, "noted")]
    assert dict(state.since) == {"flag:bank_engaged": 1}
    assert say(_load(text).party("downstream").statements[0].when, _load(text)) == (
        "you have used “Pledge reconstruction aid”, for exactly 2 turns")


def test_a_cleared_flag_has_no_timer() -> None:
    text = TEXT.replace("      - set_flag: bank_engaged\n",
                        "      - set_flag: bank_engaged\n        lasts: 1\n")
    text = _statement(text, "{turns_since: {flag: bank_engaged, gte: 0}}")
    state, results = _play(text, TakeAction("aid_pledge"), Pass(), Pass())
    assert _said(results) == [(1, "noted")]
    assert "bank_engaged" not in state.flags and dict(state.since) == {}


def test_a_game_without_timers_records_none() -> None:
    state, _ = _play(TEXT, TakeAction("aid_pledge"), Pass(), Pass())
    assert dict(state.since) == {} and "bank_engaged" in state.flags


@pytest.mark.parametrize(("when", "message"), [
    ("{turns_since: {event: opening, flag: x, gte: 1}}",
     "turns_since needs exactly one of event and flag"),
    ("{turns_since: {event: openin, gte: 1}}",
     "unknown event 'openin' (did you mean 'opening'? known: drought, opening)"),
    ("{turns_since: {event: opening}}",
     "comparison of turns since needs at least one of gt, gte, lt, lte, eq"),
    ("{turns_since: {event: opening, lt: 0}}",
     "condition can never hold: turns since lt 0 (it is never negative)"),
])
def test_misused_turns_since_is_refused_at_its_line(when: str, message: str) -> None:
    text = _statement(TEXT.replace(EVENTS, OPENING), when)
    (problem,) = _problems(text)
    line = _at(text, when).rsplit(":", 1)[0]
    assert problem.startswith(line + ":") and problem.endswith(message), problem


# --------------------------------------------------------------------------- two meters


def test_a_meter_may_be_compared_with_another() -> None:
    when = "{meter: trust.upstream, minus: trust.downstream, gt: 0}"
    text = _statement(TEXT, when)
    _, envoy = _play(text, Pass())  # standing 50 with Upstream, 40 with Downstream
    _, council = _play(text, Pass(), mediator="council")  # 35 and 55
    assert (_said(envoy), _said(council)) == ([(1, "noted")], [])
    scenario = _load(text)
    cond = scenario.party("downstream").statements[0].when
    assert say(cond, scenario) == "Upstream's trust in you is higher than Downstream's trust in you"
    ten = _load(_statement(TEXT, "{meter: trust.upstream, minus: trust.downstream, gte: 10}"))
    assert say(ten.party("downstream").statements[0].when, ten) == (
        "Upstream's trust in you is at least 10 points above Downstream's trust in you")


def test_two_meters_compare_over_several_turns() -> None:
    text = _statement(TEXT, "{meter: trust.upstream, minus: trust.downstream, gte: 12, "
                      "for_turns: 2}")
    # 50 - 40 at the start; pressure on Downstream makes it 50 - 36 from turn 1 on
    _, results = _play(text, TakeAction("pressure", "downstream"), Pass(), Pass(), Pass())
    assert _said(results) == [(3, "noted")]  # held at the ends of turns 1 and 2


@pytest.mark.parametrize(("when", "column_of", "message"), [
    ("{meter: trust.upstream, minus: trust.upstream, gt: 0}", "trust.upstream, gt",
     "minus compares meter 'trust.upstream' with itself: the difference is always 0"),
    ("{meter: trust.upstream, minus: turn, gt: 0}", "turn, gt",
     "minus compares two meters: the turn is not one (use turn: {...})"),
    ("{meter: trust.upstream, minus: trust.nobody, gt: 0}", "trust.nobody",
     "meter 'trust.nobody': 'nobody' is not a principal party (known: downstream, upstream)"),
    ("{meter: trust.upstream, minus: trust.downstream, gt: 100}", "{meter",
     "condition can never hold: the difference gt 100 (a meter minus another is -100 to 100)"),
])
def test_misused_meter_comparisons_are_refused_at_their_column(
        when: str, column_of: str, message: str) -> None:
    text = _statement(TEXT, when)
    (problem,) = _problems(text)
    assert problem.startswith(_at(text, when, column_of) + ":"), problem
    assert problem.endswith(message), problem


# --------------------------------------------------------------------------- end_when

RULES = "rules:\n  turn_limit: 8\n"


def test_end_when_ends_the_game_with_its_own_reason() -> None:
    text = TEXT.replace(RULES, RULES + "  end_when: {turns_since: {flag: bank_engaged, gte: 2}}\n")
    text = text.replace("outcomes:\n", "outcomes:\n  - id: cut_short\n    title: Cut short\n"
                        "    when: {ended: end_when}\n")
    state, results = _play(text, TakeAction("aid_pledge"), Pass(), Pass())
    assert [r.ending for r in results[:2]] == [None, None]
    assert state.ending == Ending("end_when", "cut_short")
    assert results[2].to_dict()["ended"] == "end_when"
    assert say(_load(text).outcomes[0].when, _load(text)) == (
        "the talks have ended because the scenario's end condition was met")


def test_without_end_when_the_turn_limit_ends_the_game() -> None:
    state, _ = _play(TEXT, *[Pass()] * 8)
    assert state.ending is not None and state.ending.reason == "turn_limit"


def test_end_when_is_checked_like_other_conditions() -> None:
    text = TEXT.replace(RULES, RULES + "  end_when: {ended: turn_limit}\n")
    assert _problems(text) == [f"{_at(text, 'ended: turn_limit', 'turn_limit')}: "
                               "rules.end_when.ended: 'ended' is only allowed in outcome "
                               "conditions"]


# --------------------------------------------------------------------------- on_table


@pytest.mark.parametrize(("old", "new", "path", "site"), [
    ("    requires: {agreed: {issue: border}}\n",
     "    requires: {on_table: {issue: border}}\n", "phases.1.requires", "a phase's requires"),
    ("    requires: {meter: credibility, gte: 30}\n",
     "    requires: {all: [{meter: credibility, gte: 30}, {on_table: {issue: dam}}]}\n",
     "actions.2.requires.all.1", "an action's requires"),
    ("    when: {walked_out: null}\n", "    when: {on_table: {issue: dam}}\n",
     "outcomes.1.when", "an outcome's when"),
    (RULES, RULES + "  end_when: {on_table: {issue: dam}}\n", "rules.end_when",
     "rules.end_when"),
])
def test_on_table_where_no_proposal_is_seen_is_refused(old: str, new: str, path: str,
                                                       site: str) -> None:
    assert old in TEXT
    text = TEXT.replace(old, new)
    at = _at(text, new.strip().splitlines()[-1].strip(), "{issue:")
    assert _problems(text) == [f"{at}: {path}.on_table: on_table never holds in {site}: only "
                               "red lines' moves_when, consents' when, event triggers and "
                               "statements' when see a proposal"]


def test_on_table_holds_in_a_statement_on_the_turn_of_the_proposal() -> None:
    text = _statement(TEXT, "{on_table: {issue: dam, option: limit}}")
    _, results = _play(text, Pass(), Propose(LIMIT))
    assert _said(results) == [(2, "noted")]
