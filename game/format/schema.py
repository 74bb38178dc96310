"""The JSON Schema (draft 2020-12) of scenario files, with help text for editors."""

from __future__ import annotations

import json
from typing import Any

from game.format.models import Scenario

SCHEMA_ID = "https://mediator.example/scenario.schema.json"


# Descriptions for the editor where the models give none (the models' own always win).
FIELD_HELP: dict[str, str] = {
    "title": "Human-readable title.",
    "name": "Human-readable name.",
    "label": "Short label of the option, shown in the proposal composer.",
    "description": "Longer text shown to the player (Markdown).",
    "kind": "What kind of thing this is (one of the listed values).",
    "effects": "Effects applied when this happens (meter changes, flags, reveals).",
    "cite": "Where this comes from: a source id (meta.sources) and a short quote, or a "
            "section and/or page of the source.",
    "gt": "Holds when the value is greater than this.",
    "gte": "Holds when the value is greater than or equal to this.",
    "lt": "Holds when the value is less than this.",
    "lte": "Holds when the value is less than or equal to this.",
    "eq": "Holds when the value equals this.",
    "options": "Terms (issue, option) this applies to.",
    "reason": "Why, in the party's words.",
    "once": "Happens at most once (true) or every time the trigger holds (false).",
    "text": "Text shown to the player.",
    "role": "principal (negotiates, has stakes and red lines) or stakeholder (gives consent).",
    "red_lines": "Principals: terms the party refuses (hard, or soft with moves_when).",
    "linkages": "Principals: if one term is in the framework, another must be too.",
    "behaviour": "Principals: thresholds for silence, walking out and reservations.",
    "reveal": "Make some of a party's hidden data visible to the player.",
    "turn_limit": "The game ends after this many turns.",
    "agreement_credibility_gain": "Credibility gained per agreement reached.",
    "trust": "Weight of the mean trust of principals in the mediator.",
    "credibility": "Weight of the mediator's credibility.",
    "progress": "Weight of progress.",
    "humanitarian": "Weight of humanitarian gains.",
    "meta": "Id, title, briefing and sources of the scenario.",
    "issues": "What is on the table: issues with ordered options.",
    "parties": "Principal parties (two or more) and stakeholders.",
    "mediators": "Playable mediator roles.",
    "actions": "Catalogue of mediation actions.",
    "events": "Things that happen when their trigger holds.",
    "outcomes": "Endings, tried in order; the last one usually has no condition.",
    "scoring": "Weights of the final score.",
    "rules": "Tuning of the engine's general rules.",
}
CLASS_HELP = "One entry of a scenario file ({name})."


def _add_help(schema: dict[str, Any]) -> None:
    """Fill in descriptions the models leave out, so editors can show help everywhere."""
    for name, definition in [("Scenario", schema), *schema.get("$defs", {}).items()]:
        if name.endswith("Cond") and "description" not in definition:
            key = next(iter(definition.get("required", [])), name)
            definition["description"] = f"Condition on {key}."
        elif name.endswith("Effect") and "description" not in definition:
            key = next(iter(definition.get("required", [])), name)
            definition["description"] = f"Effect: {key}."
        definition.setdefault("description", CLASS_HELP.format(name=name))
        for prop, spec in definition.get("properties", {}).items():
            if "description" not in spec and prop in FIELD_HELP:
                spec["description"] = FIELD_HELP[prop]


def scenario_schema() -> dict[str, Any]:
    """The JSON Schema of a scenario file, with the draft and descriptions."""
    body = Scenario.model_json_schema(by_alias=True, mode="validation")
    _add_help(body)
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
