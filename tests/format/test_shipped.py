"""The shipped scenarios validate, point at the committed schema, and the schema is current."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.format.loader import load_scenario
from game.format.schema import render
from tests.format.conftest import ROOT, run_mediator

SCENARIOS = ROOT / "scenarios"
SCHEMA = SCENARIOS / "scenario.schema.json"
HEADER = "# yaml-language-server: $schema=scenario.schema.json"


def shipped() -> list[Path]:
    return sorted(SCENARIOS.glob("*.yaml"))


def test_there_is_a_scenario() -> None:
    assert shipped(), "scenarios/ has no *.yaml (russia-ukraine.yaml is expected)"


@pytest.mark.parametrize("path", shipped(), ids=[p.name for p in shipped()])
def test_shipped_scenario_validates(path: Path) -> None:
    load_scenario(path)  # raises ScenarioError listing every problem


@pytest.mark.parametrize("path", shipped(), ids=[p.name for p in shipped()])
def test_shipped_scenario_points_at_the_schema(path: Path) -> None:
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first == HEADER


def test_committed_schema_is_current() -> None:
    assert SCHEMA.read_text(encoding="utf-8") == render(), \
        "regenerate with: mediator schema > scenarios/scenario.schema.json"


def test_schema_command_prints_the_schema() -> None:
    result = run_mediator("schema")
    assert result.returncode == 0
    assert result.stdout == render()
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert {"$id", "title", "description", "$defs"} <= set(schema)
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) >= {"meta", "phases", "issues", "parties", "outcomes"}
