"""`mediator play`: start the terminal game (the default command)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any


def _class_play(args: argparse.Namespace) -> Any:
    """The class game asked for with --class and --student; exits via SystemExit(1 or 2)
    with one line per problem when it cannot be played."""
    from game.format.classfile import load_class
    from game.format.errors import ScenarioError
    from game.records.classroom import clean_name
    from game.tui.screens.classroom import ClassPlay

    if args.student is None or args.scenario is not None or args.mediator is not None \
            or args.seed is not None or args.resume or args.tutorial \
            or getattr(args, "watch", False):
        print("mediator play: --class needs --student NAME and takes no scenario, "
              "--mediator, --seed, --continue, --tutorial or --watch", file=sys.stderr)
        raise SystemExit(2)
    try:
        student = clean_name(args.student)
    except ValueError as exc:
        print(f"mediator play: --student: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    if not Path(args.class_file).is_file():
        print(f"mediator play: no such class file: {args.class_file}", file=sys.stderr)
        raise SystemExit(2)
    try:
        setup = load_class(args.class_file)
    except ScenarioError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        raise SystemExit(1) from None
    return ClassPlay(setup, student)


def main(args: argparse.Namespace) -> int:
    scenario = getattr(args, "scenario", None)
    classroom = None
    if getattr(args, "class_file", None) is not None:
        try:
            classroom = _class_play(args)
        except SystemExit as stop:
            return int(stop.code or 0)
    elif getattr(args, "student", None) is not None:
        print("mediator play: --student goes with --class CLASS.yaml", file=sys.stderr)
        return 2
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
        classroom=classroom,
        watch=bool(getattr(args, "watch", False)),
    )
    code = app.run(headless=bool(os.environ.get("MEDIATOR_FIRST_FRAME")))
    return int(code or 0)
