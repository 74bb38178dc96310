"""`mediator validate --strict`: what validates but cannot work, warned at its line."""

from __future__ import annotations

import json

import pytest

from game.format.lint import lint_text
from game.format.suggest import closest, did_you_mean, distance
from tests.conftest import TINY
from tests.format.conftest import run_mediator

PLANTED = "tests/format/lint/planted.yaml"
PLANTED_WARNINGS = [
    "15:15: warning: phases.1.requires: phase 'truce' can never be reached: phase 'deal' comes "
    "after it: phases are reached in order, so this holds only once the phase is passed",
    "18:15: warning: phases.2.requires: phase 'deal' can never be reached: flag 'side_leter' is "
    "never set",
    "18:55: warning: phases.2.requires.all.1.flag: flag 'side_leter' is tested but nothing sets "
    "it (did you mean 'side_letter'?)",
    "21:15: warning: phases.3.requires: phase 'signing' can never be reached: the turn is never "
    ">= 50 (turns run 1-8)",
    "30:9: warning: issues.1.id: every option of issue 'well' is behind a hard red line "
    "(north_owns (by south), south_owns (by north)): it cannot be deferred, so no comprehensive "
    "settlement is possible",
    "36:9: warning: issues.2.id: no principal cares about issue 'flowers' (its weight is 0 for "
    "every principal)",
    "47:14: warning: parties.0.positions.0.id: position 'fence_stays' of 'north' has no "
    "citation (cite: {source, quote})",
    "47:53: warning: parties.0.positions.0.when: a position's when is ignored: positions are "
    "always shown in the briefing",
    "62:15: warning: parties.0.statements.0.when: statement 'late_words' can never be made: "
    "action 'bribe' can never be used",
    "72:13: warning: parties.1.red_lines.0.id: red line 'no_north_well' of 'south' has no "
    "citation (cite: {source, quote})",
    "92:26: warning: actions.1.effects.0.set_flag: flag 'side_letter' is set but no condition "
    "tests it (did you mean 'side_leter'?)",
    "93:9: warning: actions.2.id: action 'press' can never be used: the turn is never > 8 "
    "(turns run 1-8)",
    "98:9: warning: actions.3.id: action 'bribe' can never be used: no mediator has it in its "
    "actions",
    "104:14: warning: events.0.trigger: event 'harvest' can never fire: walkaway.south is never "
    ">= 90 (it stays within 30-80)",
    "107:41: warning: outcomes.0.when: outcome 'settled' can never be chosen: phase 'deal' (and "
    "every later one) is never reached",
    "108:52: warning: outcomes.1.when: outcome 'also_settled' can never be chosen: outcome "
    "'settled' before it has the same condition",
    "109:43: warning: outcomes.2.when: outcome 'overtime' can never be chosen: the turn is never "
    ">= 20 (turns run 1-8)",
    "110:33: warning: outcomes.3.when: outcome 'frozen' is the last one: its when is ignored "
    "(the last outcome applies whenever no earlier one does)",
]
TINY_CITATIONS = [
    "63:13: parties.0.red_lines.1.id: red line 'well_shared_only_with_truce' of 'north' has no "
    "citation (cite: {source, quote})",
    "89:13: parties.1.red_lines.0.id: red line 'no_north_well' of 'south' has no citation "
    "(cite: {source, quote})",
]


def test_planted_problems_are_warned_with_their_lines() -> None:
    result = run_mediator("validate", "--strict", PLANTED)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [f"{PLANTED}:{w}" for w in PLANTED_WARNINGS] + [
        f"{PLANTED}: ok, 18 warnings"]


def test_warnings_as_errors_exits_1_and_plain_validate_says_ok() -> None:
    result = run_mediator("validate", "--strict", "--warnings-as-errors", PLANTED)
    assert result.returncode == 1 and len(result.stdout.splitlines()) == 19
    assert run_mediator("validate", PLANTED).stdout == f"{PLANTED}: ok\n"


def test_json_carries_the_warnings() -> None:
    result = run_mediator("validate", "--strict", "--json", PLANTED)
    entry = json.loads(result.stdout)["files"][0]
    assert entry["ok"] is True and entry["problems"] == []
    assert len(entry["warnings"]) == 18
    assert entry["warnings"][2] == {
        "file": PLANTED, "line": 18, "column": 55,
        "message": "phases.2.requires.all.1.flag: flag 'side_leter' is tested but nothing "
                   "sets it (did you mean 'side_letter'?)"}


def test_shipped_scenarios() -> None:
    """river-water is clean; russia-ukraine's findings are real (its comprehensive settlement
    is closed by hard red lines on both sides; two flags no condition reads)."""
    river = run_mediator("validate", "--strict", "--warnings-as-errors",
                         "scenarios/river-water.yaml")
    assert (river.returncode, river.stdout) == (0, "scenarios/river-water.yaml: ok\n")
    lines = run_mediator("validate", "--strict", "scenarios/russia-ukraine.yaml").stdout
    assert [line.split(": warning: ")[0] for line in lines.splitlines()[:-1]] == [
        "scenarios/russia-ukraine.yaml:138:7", "scenarios/russia-ukraine.yaml:337:9",
        "scenarios/russia-ukraine.yaml:1186:20", "scenarios/russia-ukraine.yaml:1336:20",
        "scenarios/russia-ukraine.yaml:1654:7"]
    assert "flag 'direct_talks_held' is set but no condition tests it" in lines
    assert "outcome 'comprehensive_settlement' can never be chosen" in lines


def _lint(replacements: list[tuple[str, str]]) -> list[str]:
    text = TINY.read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return [f"{w.line}:{w.column}: {w.message}" for w in lint_text(text, "t.yaml")]


def test_tiny_has_only_missing_citations() -> None:
    assert _lint([]) == TINY_CITATIONS


def test_an_outcome_that_always_applies_shadows_the_rest() -> None:
    found = _lint([("when: {any: [{ended: walk_out}, {ended: credibility}]}",
                    "when: {ended: null}")])
    shadowed = [w for w in found if "before it always applies" in w]
    assert [w.split(": outcome '")[1].split("'")[0] for w in shadowed] == [
        "comprehensive_settlement", "phased_agreement", "ceasefire_only"]


def test_an_option_no_principal_tells_apart() -> None:
    found = _lint([("values: {north_line: 90, middle: 55, south_line: 10}",
                    "values: {north_line: 90, middle: 90, south_line: 10}"),
                   ("values: {north_line: 15, middle: 60, south_line: 90}",
                    "values: {north_line: 15, middle: 15, south_line: 90}")])
    assert found == [
        "38:14: issues.1.options.1.id: no principal cares about option 'middle': each values "
        "it as 'north_line' and no rule names it", *TINY_CITATIONS]


def test_flags_soft_lines_consents_and_targets() -> None:
    found = _lint([
        ("moves_when: {meter: trust.north, gte: 70}", "moves_when: {flag: mediated}"),
        ("      - {meter: trust.north.south, delta: 3}",
         "      - {meter: trust.north.south, delta: 3}\n      - {clear_flag: mediatd}"),
        ("when: {turn: {eq: 1}}", "when: {taken: {action: talk, target: south}}"),
    ])
    assert "66:28: parties.0.red_lines.1.moves_when.flag: flag 'mediated' is tested but " \
        "nothing sets it" in found
    assert "66:21: parties.0.red_lines.1.moves_when: soft red line " \
        "'well_shared_only_with_truce' never moves: flag 'mediated' is never set" in found
    assert any("clear_flag: flag 'mediatd' is cleared but nothing sets it (did you mean "
               "'mediated'?)" in w for w in found)


@pytest.mark.parametrize(("a", "b", "d"), [
    ("side_leter", "side_letter", 1), ("ab", "ba", 1), ("", "abc", 3), ("same", "same", 0),
    ("kitten", "sitting", 3)])
def test_edit_distance(a: str, b: str, d: int) -> None:
    assert distance(a, b) == d == distance(b, a)


def test_closest_is_a_plausible_typo_only() -> None:
    assert closest("wieght", ["weight", "values"]) == "weight"
    assert closest("pay", ["return", "wages"]) is None
    assert closest("x", ["x"]) is None
    assert did_you_mean("consul", ["consult", "console"]) == " (did you mean 'consult'?)"
