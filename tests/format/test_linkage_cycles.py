"""The linkage-cycle check is linear: long generated chains validate, a closed one is one error."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

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


def test_a_closed_chain_is_one_cycle_through_every_issue() -> None:
    (problem,) = checked(chain_data(200, closed=True))
    names = [f"link{n:03d}.a" for n in range(200)]
    ids = ", ".join(sorted([f"link{n:03d}_needs_link{n + 1:03d}" for n in range(199)]
                           + ["link199_needs_link000"]))
    assert problem == ("parties.0.linkages.1: linkage cycle: "
                               + " -> ".join([*names, "link000.a"]) + f" (linkages {ids})")


def test_two_separate_cycles_are_two_problems() -> None:
    data = yaml.safe_load(chain(4))
    data["parties"][0]["linkages"] += [
        {"id": "back", "if": {"issue": "link003", "option": "c"},
         "requires": {"issue": "link000", "option": "a"}, "reason": "loop"},
        {"id": "dam_shares", "if": {"issue": "shares", "option": "upstream_first"},
         "requires": {"issue": "dam", "option": "limit"}, "reason": "loop"},
    ]
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(yaml.safe_dump(data, sort_keys=False), "chain.yaml")
    messages = [p.message for p in info.value.problems]
    assert messages == [
        "parties.0.linkages.0: linkage cycle: dam.limit -> shares.upstream_first -> dam.limit "
        "(linkages limit_needs_first, dam_shares)",
        "parties.0.linkages.1: linkage cycle: link000.a -> link001.a -> link002.a -> "
        "link003.c -> link000.a (linkages link000_needs_link001, link001_needs_link002, "
        "link002_needs_link003, back)",
    ]
