"""Mutations of a valid scenario only ever give a Scenario or clean, positioned problems."""

from __future__ import annotations

import copy
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.format.errors import ScenarioError
from game.format.loader import load_scenario_text
from game.format.models import Scenario
from tests.format.conftest import MINIMAL

TEXT = MINIMAL.read_text(encoding="utf-8")
DATA = yaml.safe_load(TEXT)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-5, 200), st.floats(-1, 101),
                    st.sampled_from(["", "x", "Bad Id", "upstream", "dam", "halt", "talks"]))


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


PATHS = _paths(DATA)


def _mutate(data: Any, path: tuple[Any, ...], kind: str, scalar: Any) -> Any:
    if not path:
        return scalar if kind == "retype" else data
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if kind == "delete":
        del parent[last]
    elif kind == "duplicate":
        if isinstance(parent, list):
            parent.insert(last, copy.deepcopy(parent[last]))
        else:
            parent[f"{last}_copy"] = copy.deepcopy(parent[last])
    elif kind == "retype":
        parent[last] = scalar
    elif kind == "listify":
        parent[last] = [parent[last]]
    elif kind == "unknown_key":
        target = parent[last]
        if isinstance(target, dict):
            target["surprise"] = scalar
        else:
            parent[last] = {"surprise": target}
    return data


def _check(text: str) -> None:
    try:
        result = load_scenario_text(text, "fuzz.yaml")
    except ScenarioError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.file == "fuzz.yaml"
            assert problem.line >= 1 and problem.column >= 1
            assert problem.message.strip()
    else:
        assert isinstance(result, Scenario)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PATHS),
                          st.sampled_from(["delete", "duplicate", "retype", "listify",
                                           "unknown_key"]),
                          SCALARS), min_size=1, max_size=3))
def test_mutated_data(mutations: list[tuple[tuple[Any, ...], str, Any]]) -> None:
    data = copy.deepcopy(DATA)
    for path, kind, scalar in mutations:
        try:
            data = _mutate(data, path, kind, scalar)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed the path
    _check(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


@settings(max_examples=60, deadline=None)
@given(st.integers(0, TEXT.count("\n") - 1),
       st.sampled_from(["drop", "repeat", "tab", "dedent", "colon", "quote", "anchor"]))
def test_mutated_text(line_no: int, kind: str) -> None:
    lines = TEXT.split("\n")
    line = lines[line_no]
    if kind == "drop":
        del lines[line_no]
    elif kind == "repeat":
        lines.insert(line_no, line)
    elif kind == "tab":
        lines[line_no] = "\t" + line
    elif kind == "dedent":
        lines[line_no] = line.lstrip()
    elif kind == "colon":
        lines[line_no] = line.replace(":", "", 1)
    elif kind == "quote":
        lines[line_no] = line + ' "'
    elif kind == "anchor":
        lines[line_no] = line.replace(": ", ": *nowhere ", 1)
    _check("\n".join(lines))
