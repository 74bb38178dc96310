"""Class files: loaded with paths resolved beside the file, bad ones named FILE:LINE:COL."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.format.classfile import class_yaml, load_class
from game.format.errors import ScenarioError
from game.resources import scenarios_dir

TINY = Path(__file__).resolve().parents[1] / "engine" / "fixtures" / "tiny.yaml"


def test_the_written_class_file_loads_with_paths_beside_it(tmp_path: Path) -> None:
    (tmp_path / "tiny.yaml").write_bytes(TINY.read_bytes())
    path = tmp_path / "class.yaml"
    path.write_text(class_yaml("tiny.yaml", "elder", 3, turn_limit=4), encoding="utf-8")
    setup = load_class(path)
    assert setup.scenario_path == tmp_path / "tiny.yaml"
    assert setup.handin_dir == tmp_path / "handin"
    assert (setup.mediator, setup.seed, setup.turn_limit) == ("elder", 3, 4)
    assert setup.questions == [
        "Which red line or linkage blocked you longest, and how did you deal with it?",
        "What would you do differently with the same seed?"]
    assert setup.title == "Mediation practice"


def test_a_built_in_scenario_by_file_name(tmp_path: Path) -> None:
    path = tmp_path / "class.yaml"
    path.write_text("title: T\nscenario: russia-ukraine.yaml\nmediator: turkey\nseed: 7\n"
                    "handin: /tmp/elsewhere\n", encoding="utf-8")
    setup = load_class(path)
    assert setup.scenario_path == scenarios_dir() / "russia-ukraine.yaml"
    assert setup.turn_limit is None and setup.questions == [] and setup.instructions == ""
    assert setup.handin_dir == Path("/tmp/elsewhere")


@pytest.mark.parametrize(("text", "expected"), [
    ("title: T\nscenario: russia-ukraine.yaml\nmediator: turkey\nseed: two\n",
     ["4:7: seed: expected a whole number, got 'two'"]),
    ("title: T\nscenario: russia-ukraine.yaml\nmediator: turkey\nseed: 1\nturns: 3\n",
     ["5:1: (top level): unknown key 'turns' (allowed: title, instructions, scenario, "
      "mediator, seed, turn_limit, questions, handin)"]),
    ("title: T\nscenario: nowhere.yaml\nmediator: turkey\nseed: 1\n",
     ["2:11: scenario: no such scenario file: nowhere.yaml"]),
    ("title: T\nscenario: russia-ukraine.yaml\nmediator: nato\nseed: 1\n",
     ["3:11: mediator: 'nato' is not a mediator of russia-ukraine.yaml "
      "(one of: us, eu, turkey, un)"]),
    ("title: T\nscenario: russia-ukraine.yaml\nmediator: turkey\nseed: 1\nturn_limit: 0\n"
     "questions: [ok, 3]\n",
     ["5:13: turn_limit: Input should be greater than or equal to 1 (got 0)",
      "6:17: questions.1: expected a string, got 3 (write '3' in quotes for the text)"]),
    ("- a list\n", ["1:1: (top level): expected a mapping with title, scenario, mediator "
                    "and seed"]),
    ("", ["1:1: file is empty: expected a mapping with title, scenario, mediator and seed"]),
    ("title: T\ntitle: U\n", None),
])
def test_bad_class_files(tmp_path: Path, text: str, expected: list[str] | None) -> None:
    path = tmp_path / "class.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_class(path)
    lines = [str(p) for p in caught.value.problems]
    if expected is None:  # duplicate keys: the scenario loader's own message
        assert len(lines) == 1 and lines[0].startswith(f"{path}:2:1: ")
        assert "duplicate" in lines[0]
    else:
        assert lines == [f"{path}:{line}" for line in expected]
