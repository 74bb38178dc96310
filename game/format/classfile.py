"""Class files: one YAML file that sets up a class (the same conflict, role and seed for every
student), read with the scenario loader's guards and FILE:LINE:COL errors.

    title: Ceasefire first (week 3)
    instructions: |
      You are Turkey. Aim for a ceasefire that holds.
    scenario: russia-ukraine.yaml   # relative to this file, else a built-in scenario
    mediator: turkey
    seed: 7
    turn_limit: 10                  # optional: overrides the scenario's
    questions:                      # optional: asked when the game ends
      - Which red line blocked you longest?
    handin: handin                  # optional: the hand-in folder, relative to this file
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.format.errors import Problem, ScenarioError
from game.format.loader import Locator, load_scenario, read_yaml_file, validation_problems
from game.format.models import Id, Scenario
from game.resources import scenarios_dir

EMPTY_MESSAGE = "file is empty: expected a mapping with title, scenario, mediator and seed"

Question = Annotated[str, Field(min_length=1, max_length=500)]


class ClassFile(BaseModel):
    """What a class file says (paths as written; see `ClassSetup` for them resolved)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    title: str = Field(min_length=1, max_length=200, description="Shown to students first.")
    instructions: str = Field("", max_length=20_000,
                              description="What students are asked to do (Markdown).")
    scenario: str = Field(min_length=1, description="Scenario file, relative to the class "
                          "file, or the file name of a built-in scenario.")
    mediator: Id = Field(description="The mediator every student plays.")
    seed: int = Field(ge=0, description="The game seed every student plays.")
    turn_limit: int | None = Field(None, ge=1, le=100,
                                   description="Overrides the scenario's turn limit.")
    questions: list[Question] = Field(default_factory=list, max_length=20,
                                      description="Reflection questions asked at the end.")
    handin: str = Field("handin", min_length=1,
                        description="Hand-in folder for finished games, relative to the file.")


@dataclass(frozen=True)
class ClassSetup:
    """A loaded class file: its content with the paths resolved, and the scenario."""

    file: Path
    spec: ClassFile
    scenario_path: Path
    scenario: Scenario = field(repr=False)
    handin_dir: Path

    @property
    def title(self) -> str:
        return self.spec.title

    @property
    def instructions(self) -> str:
        return self.spec.instructions

    @property
    def mediator(self) -> str:
        return self.spec.mediator

    @property
    def seed(self) -> int:
        return self.spec.seed

    @property
    def turn_limit(self) -> int | None:
        return self.spec.turn_limit

    @property
    def questions(self) -> list[str]:
        return list(self.spec.questions)


def resolve_scenario(class_file: Path, written: str) -> Path | None:
    """The scenario a class file names: relative to the class file, else built-in by name."""
    candidate = Path(written).expanduser()
    if not candidate.is_absolute():
        candidate = class_file.parent / candidate
    if candidate.is_file():
        return candidate
    builtin = scenarios_dir() / Path(written).name
    return builtin if builtin.is_file() else None


def parse_class(path: str | os.PathLike[str]) -> tuple[ClassFile, Locator]:
    """The class file's content, type-checked; raises ScenarioError (FILE:LINE:COL)."""
    file = str(path)
    data, locator = read_yaml_file(path, EMPTY_MESSAGE)
    if not isinstance(data, dict):
        line, col = locator(())
        raise ScenarioError([Problem(file, line, col, "(top level): expected a mapping with "
                                     "title, scenario, mediator and seed")])
    try:
        return ClassFile.model_validate(data), locator
    except ValidationError as exc:
        raise ScenarioError(validation_problems(exc, data, file, locator, ClassFile)) from None


def load_class(path: str | os.PathLike[str]) -> ClassSetup:
    """Load a class file and its scenario, and check that the mediator exists there.
    Raises ScenarioError naming FILE:LINE:COL (the scenario's own problems name its file)."""
    file = Path(path)
    spec, locator = parse_class(file)
    scenario_path = resolve_scenario(file, spec.scenario)
    if scenario_path is None:
        line, col = locator(("scenario",))
        raise ScenarioError([Problem(str(file), line, col,
                                     f"scenario: no such scenario file: {spec.scenario}")])
    scenario = load_scenario(scenario_path)
    ids = [m.id for m in scenario.mediators]
    if spec.mediator not in ids:
        line, col = locator(("mediator",))
        raise ScenarioError([Problem(str(file), line, col,
                                     f"mediator: {spec.mediator!r} is not a mediator of "
                                     f"{scenario_path.name} (one of: {', '.join(ids)})")])
    handin = Path(spec.handin).expanduser()
    if not handin.is_absolute():
        handin = file.parent / handin
    return ClassSetup(file, spec, scenario_path, scenario, handin)


def class_yaml(scenario: str, mediator: str, seed: int, turn_limit: int | None = None,
               title: str = "Mediation practice") -> str:
    """A small commented class file, for `mediator class new`."""
    limit = (f"turn_limit: {turn_limit}" if turn_limit is not None
             else "# turn_limit: 10          # optional: fewer turns than the scenario's")
    return f"""# A Mediator class: every student plays the same conflict, role and seed.
# Students: mediator play --class THIS_FILE --student NAME
# Teacher:  mediator report handin/*.json --out report.html
title: {_quote(title)}
instructions: |
  Read the briefing, then mediate. Every answer says which rule decided it.
  Aim for the best outcome you can reach; a frozen conflict is a real ending too.
scenario: {_quote(scenario)}   # relative to this file, or a built-in scenario's file name
mediator: {mediator}
seed: {seed}
{limit}
questions:                    # asked when the game ends; leave the list empty for none
  - Which red line or linkage blocked you longest, and how did you deal with it?
  - What would you do differently with the same seed?
handin: handin                # finished games are saved here, one file per student
"""


def _quote(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


__all__ = ["ClassFile", "ClassSetup", "class_yaml", "load_class", "parse_class",
           "resolve_scenario"]
