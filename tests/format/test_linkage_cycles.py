"""The linkage-cycle check: long generated chains validate at once, a closed one that can be
met validates (mutual linkages), one that can never be met is one error."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from game.engine.game import new_game
from game.engine.moves import Framework, Term
from game.engine.rules import respond
from game.format.checks import check_scenario
from game.format.errors import ScenarioError
from game.format.limits import MAX_ISSUES
from game.format.loader import load_scenario_text
from game.format.models import Scenario
from tests.format.conftest import MINIMAL

BASE = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))


def chain_data(issues: int, closed: bool = False) -> dict[str, Any]:
    """The minimal scenario plus `issues` issues of three options, Upstream's linkages chaining
    them whole-issue to whole-issue (every option requires every option of the next: the shape
    that made the old path enumeration exponential), closed into a loop if asked."""
    data: dict[str, Any] = copy.deepcopy(BASE)
    ids = [f"link{n:03d}" for n in range(issues)]
    for issue in ids:
        data["issues"].append({"id": issue, "title": issue, "phase": "talks", "options": [
            {"id": o, "label": o} for o in ("a", "b", "c")]})
        for party in data["parties"][:2]:
            party["stakes"][issue] = {"weight": 1, "values": {"a": 10, "b": 50, "c": 90}}
    pairs = list(zip(ids, ids[1:], strict=False))
    if closed:
        pairs.append((ids[-1], ids[0]))
    data["parties"][0]["linkages"] += [
        {"id": f"{a}_needs_{b}", "if": {"issue": a}, "requires": {"issue": b},
         "reason": "chained"} for a, b in pairs]
    return data


def chain(issues: int, closed: bool = False) -> str:
    return yaml.safe_dump(chain_data(issues, closed), sort_keys=False)


def checked(data: dict[str, Any]) -> list[str]:
    """The cross-reference problems of a scenario past the loader's size limits."""
    problems = check_scenario(Scenario.model_validate(data), "chain.yaml",
                              lambda path, key=False: (1, 1))
    return [p.message for p in problems]


@pytest.mark.parametrize("issues", [13, MAX_ISSUES - 3])
def test_a_long_open_chain_validates(issues: int) -> None:
    scenario = load_scenario_text(chain(issues), "chain.yaml")
    assert len(scenario.issues) == 3 + issues
    assert len(scenario.party("upstream").linkages) == 1 + issues - 1


def test_a_chain_of_200_issues_has_no_cycle() -> None:
    assert checked(chain_data(200)) == []


def test_a_closed_chain_that_can_be_met_validates() -> None:
    """Every option requires some option of the next issue, round the loop: the terms can
    all be on the table together, so the cycle is fine (as it is across two parties)."""
    assert checked(chain_data(200, closed=True)) == []


def test_a_closed_chain_that_can_never_be_met_is_one_cycle_through_every_issue() -> None:
    data = chain_data(200)
    links = data["parties"][0]["linkages"]
    del links[1:]  # only the minimal scenario's own linkage stays
    ids = [f"link{n:03d}" for n in range(200)]
    links += [{"id": f"{a}_needs_{b}", "if": {"issue": a, "option": "a"},
               "requires": {"issue": b, "option": "a"}, "reason": "chained"}
              for a, b in zip(ids, [*ids[1:], ids[0]], strict=True)]
    links.append({"id": "clash", "if": {"issue": "link100", "option": "a"},
                  "requires": {"issue": "link050", "option": "b"}, "reason": "clash"})
    (problem,) = checked(data)
    names = " -> ".join([*(f"{i}.a" for i in ids), "link000.a"])
    link_ids = ", ".join(sorted(f"{a}_needs_{b}" for a, b in zip(
        ids, [*ids[1:], ids[0]], strict=True)))
    assert problem == (f"parties.0.linkages.1: linkage cycle: {names} (linkages {link_ids}) "
                       "can never be met: link000.a requires both link050.a and link050.b")


def test_mutual_linkages_within_one_party_validate_and_play() -> None:
    data = copy.deepcopy(BASE)
    data["parties"][0]["linkages"].append(
        {"id": "first_needs_limit", "if": {"issue": "shares", "option": "upstream_first"},
         "requires": {"issue": "dam", "option": "limit"}, "reason": "one deal"})
    scenario = load_scenario_text(yaml.safe_dump(data, sort_keys=False), "mutual.yaml")
    state = new_game(scenario, "envoy", 1)
    both = Framework((Term("dam", "limit", "settlement"),
                      Term("shares", "upstream_first", "settlement")))
    alone = Framework((Term("shares", "upstream_first", "settlement"),))
    rules_of = [[r.rule for r in respond(state, "upstream", f, 1).reasons
                 if r.kind == "linkage"] for f in (both, alone)]
    assert rules_of == [[], ["linkage:first_needs_limit"]]


def test_two_separate_cycles_are_two_problems() -> None:
    data = yaml.safe_load(chain(4))
    data["parties"][0]["linkages"] += [
        {"id": "back", "if": {"issue": "link003", "option": "c"},
         "requires": {"issue": "link000", "option": "a"}, "reason": "loop"},
        {"id": "back_clash", "if": {"issue": "link000", "option": "a"},
         "requires": {"issue": "link003", "option": "b"}, "reason": "clash"},
        {"id": "dam_shares", "if": {"issue": "shares", "option": "upstream_first"},
         "requires": {"issue": "dam", "option": "limit"}, "reason": "loop"},
        {"id": "shares_halt", "if": {"issue": "shares", "option": "upstream_first"},
         "requires": {"issue": "dam", "option": "halt"}, "reason": "clash"},
    ]
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(yaml.safe_dump(data, sort_keys=False), "chain.yaml")
    messages = [p.message for p in info.value.problems]
    assert messages == [
        "parties.0.linkages.0: linkage cycle: dam.limit -> shares.upstream_first -> dam.limit "
        "(linkages limit_needs_first, dam_shares) can never be met: dam.limit requires dam.halt, "
        "another option of its own issue",
        "parties.0.linkages.1: linkage cycle: link000.a -> link001.a -> link002.a -> "
        "link003.c -> link000.a (linkages link000_needs_link001, link001_needs_link002, "
        "link002_needs_link003, back) can never be met: link003.c requires link003.b, another "
        "option of its own issue",
    ]
