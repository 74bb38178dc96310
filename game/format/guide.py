"""The field reference of the authoring guide (scenarios/README.md), generated from the
models' JSON Schema and descriptions, so that it can never drift from the format.

`mediator schema --guide` prints it; `python tests/format/regenerate_guide.py` writes it
between the markers of scenarios/README.md (a test fails when the committed guide is stale).
"""

from __future__ import annotations

import json
from typing import Any

from game.format import models
from game.format.schema import scenario_schema

BEGIN = "<!-- reference: generated from the models by `mediator schema --guide`; do not edit -->"
END = "<!-- end of the generated reference -->"


def _name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _union_kind(options: list[dict[str, Any]]) -> str | None:
    names = [_name(o.get("$ref", "")) for o in options]
    if names and all(n.endswith("Cond") for n in names):
        return "[condition](#conditions)"
    if names and all(n.endswith("Effect") for n in names):
        return "[effect](#effects)"
    return None


def _bounds(spec: dict[str, Any]) -> str:
    parts = []
    low, high = spec.get("minimum"), spec.get("maximum")
    if low is not None and high is not None:
        parts.append(f"{low:g}-{high:g}")
    elif low is not None:
        parts.append(f">= {low:g}")
    elif high is not None:
        parts.append(f"<= {high:g}")
    if spec.get("exclusiveMinimum") is not None:
        parts.append(f"> {spec['exclusiveMinimum']:g}")
    if spec.get("minItems"):
        parts.append(f"at least {spec['minItems']}")
    if spec.get("maxLength"):
        parts.append(f"at most {spec['maxLength']} characters")
    return f" ({', '.join(parts)})" if parts else ""


def type_text(spec: dict[str, Any]) -> str:
    """A short reading of a schema type: 'list of [Phase](#phase)', 'number (0-100)'."""
    if "$ref" in spec:
        name = _name(spec["$ref"])
        return f"[{name}](#{name.lower()})"
    for key in ("oneOf", "anyOf"):
        if key in spec:
            kind = _union_kind(spec[key])
            if kind:
                return kind
            texts = [type_text(o) for o in spec[key] if o.get("type") != "null"]
            nullable = any(o.get("type") == "null" for o in spec[key])
            return " or ".join(dict.fromkeys(texts)) + (" or null" if nullable and len(
                texts) == 1 and spec.get("default", 0) is not None else "")
    if "enum" in spec:
        return " \\| ".join(f"`{json.dumps(v)}`" for v in spec["enum"])
    if "const" in spec:
        return f"`{json.dumps(spec['const'])}`"
    kind = spec.get("type")
    if kind == "array":
        return f"list of {type_text(spec.get('items', {}))}{_bounds(spec)}"
    if kind == "object":
        values = spec.get("additionalProperties")
        patterns = list(spec.get("patternProperties", {}).values())
        if not isinstance(values, dict) and patterns:
            values = patterns[0]
        if isinstance(values, dict):
            key = "id" if patterns else "name"
            return f"mapping of {key} to {type_text(values)}"
        return "mapping"
    if kind == "string" and spec.get("pattern", "").startswith("^[a-z]"):
        return "id"
    if kind == "integer":
        return "whole number" + _bounds(spec)
    return {"number": "number", "string": "text", "boolean": "true or false",
            "null": "null"}.get(str(kind), str(kind)) + _bounds(spec)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _default(name: str, spec: dict[str, Any], required: set[str]) -> str:
    if name in required:
        return "required"
    if "default" not in spec:
        return "defaults" if "$ref" in spec else "empty"
    value = spec["default"]
    if value is None:
        return "none"
    return f"`{json.dumps(value, ensure_ascii=False)}`"


def _table(definition: dict[str, Any]) -> list[str]:
    required = set(definition.get("required", []))
    rows = ["| Field | Type | Default | Meaning |", "| --- | --- | --- | --- |"]
    for name, spec in definition.get("properties", {}).items():
        rows.append(f"| `{name}` | {type_text(spec)} | {_default(name, spec, required)} | "
                    f"{_cell(spec.get('description', ''))} |")
    return rows


def _refs(spec: Any) -> list[str]:
    """Every model a schema fragment refers to, in order of appearance."""
    if isinstance(spec, dict):
        found = [_name(spec["$ref"])] if "$ref" in spec else []
        for value in spec.values():
            found += _refs(value)
        return found
    if isinstance(spec, list):
        return [name for item in spec for name in _refs(item)]
    return []


def _meters() -> list[str]:
    doc = models.__doc__ or ""
    tail = doc.split("Meter names used by conditions and effects:", 1)[-1]
    return [line.replace("``", "`") for line in tail.strip().splitlines()]


def render() -> str:
    """The reference, as Markdown (deterministic)."""
    schema = scenario_schema()
    defs: dict[str, dict[str, Any]] = schema["$defs"]
    conditions = [n for n in defs if n.endswith("Cond")]
    effects = [n for n in defs if n.endswith("Effect")]
    grouped = {*conditions, *effects, "Cmp"}
    order: list[str] = []
    queue = list(dict.fromkeys(_refs(schema.get("properties", {}))))
    while queue:
        name = queue.pop(0)
        if name in order or name in grouped:
            continue
        order.append(name)
        queue += [n for n in _refs(defs[name].get("properties", {})) if n not in order]
    order += sorted(n for n in defs if n not in order and n not in grouped)
    out = ["## Reference", "",
           "Every field of a scenario file, generated from the models (the same text as the "
           "JSON Schema that editors show). A field marked *required* must be given; "
           "*empty* means an empty list or mapping.", "",
           "### Scenario (the top level)", "", _cell(schema["description"]), "",
           *_table(schema), ""]
    for name in order:
        out += [f"### {name}", "", _cell(defs[name].get("description", "")), "",
                *_table(defs[name]), ""]
    out += ["### Conditions", "",
            "A condition is a mapping with exactly one of these keys (plus the options of its "
            "kind). Where one may be used, and what it sees, is in the guide above.", ""]
    for name in [*conditions, "Cmp"]:
        out += [f"#### {name}", "", _cell(defs[name].get("description", "")), "",
                *_table(defs[name]), ""]
    out += ["### Effects", "", "An effect is a mapping with exactly one of these keys.", ""]
    for name in effects:
        out += [f"#### {name}", "", _cell(defs[name].get("description", "")), "",
                *_table(defs[name]), ""]
    out += ["### Meters", "", "Meter names used by conditions and effects:", "", *_meters()]
    return "\n".join(out).rstrip("\n") + "\n"


def with_reference(guide: str) -> str:
    """The guide text with its generated part replaced by the current reference."""
    if BEGIN not in guide or END not in guide:
        raise ValueError("the guide has no reference markers")
    head, rest = guide.split(BEGIN, 1)
    tail = rest.split(END, 1)[1]
    return f"{head}{BEGIN}\n\n{render()}\n{END}{tail}"
