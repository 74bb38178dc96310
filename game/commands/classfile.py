"""`mediator class new`: write a small commented class file (never over an existing file)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from game.commands.common import CommandError, check_mediator, load_scenario_or_exit
from game.format.classfile import class_yaml, load_class
from game.format.errors import ScenarioError
from game.records.classroom import write_new
from game.resources import default_scenario_path, scenarios_dir


def _written_path(scenario: Path, out: Path) -> str:
    """How the class file names its scenario: a built-in one by file name, any other
    relative to the class file's folder when it can be."""
    resolved = scenario.resolve()
    if resolved.parent == scenarios_dir().resolve():
        return resolved.name
    try:
        return Path(os.path.relpath(resolved, out.resolve().parent)).as_posix()
    except ValueError:  # another drive (Windows)
        return str(resolved)


def main(args: argparse.Namespace) -> int:
    scenario_path = Path(args.scenario) if args.scenario else default_scenario_path()
    try:
        scenario = load_scenario_or_exit(scenario_path, "class new")
        mediator = check_mediator(scenario, args.mediator, "class new")[0]
    except CommandError as stop:
        return stop.code
    if args.seed < 0:
        print("mediator class new: --seed must be 0 or more", file=sys.stderr)
        return 2
    if args.turns is not None and not 1 <= args.turns <= 100:
        print("mediator class new: --turns must be from 1 to 100", file=sys.stderr)
        return 2
    out = Path(args.out)
    text = class_yaml(_written_path(scenario_path, out), mediator, args.seed, args.turns,
                      args.title)
    try:
        if out.exists() or not write_new(out, text):
            print(f"mediator class new: {out} exists; not overwritten", file=sys.stderr)
            return 1
    except OSError as exc:
        print(f"mediator class new: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    try:
        setup = load_class(out)
    except ScenarioError as exc:  # pragma: no cover - what we write always loads
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    print(f"class file: {out}")
    print(f"scenario {setup.scenario.meta.id}, mediator {setup.mediator}, seed {setup.seed}"
          + (f", {setup.turn_limit} turns" if setup.turn_limit else ""))
    print(f"students: mediator play --class {out} --student NAME")
    print(f"hand-ins: {setup.handin_dir}")
    return 0
