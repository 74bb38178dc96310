"""Typed errors of the scenario format: every problem found, each with its location."""

from __future__ import annotations

from dataclasses import dataclass

from game.format.reading import printable


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in a scenario file, printed as ``FILE:LINE:COL: message``."""

    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        """One line: control characters in the file name or message are escaped."""
        return printable(f"{self.file}:{self.line}:{self.column}: {self.message}")

    def to_dict(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "column": self.column,
                "message": self.message}


class ScenarioError(ValueError):
    """A scenario file could not be loaded; `problems` lists every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
