"""The scenarios offered by the new-game screen: the shipped ones (the default first), plus
the file named on the command line when it lives elsewhere.

Loading is the engine's (`load_scenario`); this module only lists the files and turns a
failure into one line the screen can show. No Textual here: the screen loads the entries in
a worker thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.resources import DEFAULT_SCENARIO, scenarios_dir

if TYPE_CHECKING:
    from game.format.models import Scenario


@dataclass(frozen=True, slots=True)
class ScenarioEntry:
    """One scenario file: loaded (`scenario`), failed (`error`, one line), or not yet tried."""

    path: Path  # as given: a command-line path stays as typed, so transcripts name it so
    scenario: Scenario | None = None
    error: str | None = None

    @property
    def key(self) -> Path:
        return key_of(self.path)

    @property
    def loaded(self) -> bool:
        return self.scenario is not None or self.error is not None

    @property
    def title(self) -> str:
        return str(self.scenario.meta.title) if self.scenario is not None else self.path.name


def key_of(path: Path) -> Path:
    """The identity of a scenario file (the same file reached by two paths is one entry)."""
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


def scenario_paths(chosen: Path | None = None) -> list[Path]:
    """The shipped scenarios, the default one first, then `chosen` if it is not one of them."""
    shipped = sorted(scenarios_dir().glob("*.yaml"),
                     key=lambda p: (p.name != DEFAULT_SCENARIO, p.name))
    if chosen is not None and key_of(chosen) not in {key_of(p) for p in shipped}:
        shipped.append(chosen)
    return shipped


def load_entry(path: Path) -> ScenarioEntry:
    """Load one scenario; a file that fails keeps the first problem, as one line."""
    from game.format.errors import ScenarioError
    from game.format.loader import load_scenario

    try:
        return ScenarioEntry(path, scenario=load_scenario(path))
    except ScenarioError as exc:
        return ScenarioEntry(path, error=first_problem(exc))


def first_problem(exc: Any) -> str:
    """`NAME:LINE:COL: message` of the first problem (the file's name, not its full path)."""
    problems = getattr(exc, "problems", None)
    if problems:
        first = problems[0]
        extra = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        return f"{Path(first.file).name}:{first.line}:{first.column}: {first.message}{extra}"
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
