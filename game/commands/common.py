"""What several subcommands share: loading a scenario and reporting a bad one."""

from __future__ import annotations

import sys
from pathlib import Path

from game.format.errors import ScenarioError
from game.format.models import Scenario


class CommandError(Exception):
    """Stop a subcommand: `code` is its exit status, the problems are already printed."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def load_scenario_or_exit(path: str | Path, prog: str) -> Scenario:
    """The scenario at `path`; a missing file exits 2, a bad one prints its
    FILE:LINE:COL problems and exits 1 (by raising CommandError)."""
    from game.format.loader import load_scenario

    if not str(path) or not Path(path).exists():  # anything else is read (or refused) safely
        print(f"mediator {prog}: no such scenario file: {path}", file=sys.stderr)
        raise CommandError(2)
    try:
        return load_scenario(path)
    except ScenarioError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        raise CommandError(1) from None


def check_mediator(scenario: Scenario, mediator: str | None, prog: str,
                   allow_all: bool = False) -> list[str]:
    """The mediator ids to play: the one named, or all of them (None, or 'all' if allowed)."""
    ids = [x.id for x in scenario.mediators]
    if mediator is None or (allow_all and mediator == "all"):
        return ids
    if mediator not in ids:
        choices = ", ".join((["all"] if allow_all else []) + ids)
        print(f"mediator {prog}: unknown mediator {mediator!r} (one of: {choices})",
              file=sys.stderr)
        raise CommandError(2)
    return [mediator]
