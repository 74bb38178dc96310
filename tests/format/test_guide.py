"""The authoring guide's reference is generated from the models and must be current."""

from __future__ import annotations

from game.format.guide import BEGIN, END, render, with_reference
from game.format.schema import scenario_schema
from tests.format.conftest import ROOT, run_mediator

GUIDE = ROOT / "scenarios" / "README.md"


def test_the_committed_guide_is_current() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    assert text == with_reference(text), (
        "scenarios/README.md is stale: run `python tests/format/regenerate_guide.py`")


def test_the_reference_covers_every_model_and_field() -> None:
    reference = render()
    schema = scenario_schema()
    for name, definition in schema["$defs"].items():
        assert f"### {name}\n" in reference or f"#### {name}\n" in reference, name
        for field in definition.get("properties", {}):
            assert f"| `{field}` |" in reference, f"{name}.{field}"
    for field in schema["properties"]:
        assert f"| `{field}` |" in reference


def test_schema_guide_prints_it() -> None:
    result = run_mediator("schema", "--guide")
    assert (result.returncode, result.stdout) == (0, render())
    assert GUIDE.read_text(encoding="utf-8").count(BEGIN) == 1 and END not in render()
