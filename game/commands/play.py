"""`mediator play`: start the terminal game (the default command)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def main(args: argparse.Namespace) -> int:
    scenario = getattr(args, "scenario", None)
    if scenario is not None and not Path(scenario).is_file():
        print(f"mediator play: no such scenario file: {scenario}", file=sys.stderr)
        return 2
    # Imported here so that `mediator --help` and the other subcommands stay fast.
    from game.tui.app import make_app

    app = make_app(
        scenario_path=scenario,
        mediator=getattr(args, "mediator", None),
        seed=getattr(args, "seed", None),
        resume=bool(getattr(args, "resume", False)),
        tutorial=bool(getattr(args, "tutorial", False)),
    )
    code = app.run(headless=bool(os.environ.get("MEDIATOR_FIRST_FRAME")))
    return int(code or 0)
