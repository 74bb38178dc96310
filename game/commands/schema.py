"""`mediator schema`: print the JSON Schema (draft 2020-12) of scenario files."""

from __future__ import annotations

import argparse
import json
from typing import Any

from game.engine.models import Scenario

SCHEMA_ID = "https://mediator.example/scenario.schema.json"


def scenario_schema() -> dict[str, Any]:
    """The JSON Schema of a scenario file, with the draft and descriptions."""
    body = Scenario.model_json_schema(by_alias=True, mode="validation")
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Mediator scenario",
        "description": "A scenario of the Mediator game: parties, issues, options, red lines, "
        "linkages, mediators, actions, events and outcomes. Data only: no YAML tags, no code.",
    }
    schema.update({k: v for k, v in body.items() if k not in ("title", "description")})
    return schema


def render() -> str:
    """The schema as deterministic text (sorted keys, indent 2, trailing newline)."""
    return json.dumps(scenario_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main(args: argparse.Namespace) -> int:
    print(render(), end="")
    return 0
