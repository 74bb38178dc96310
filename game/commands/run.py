"""`mediator run`: play a whole game headless, from a moves file or with a bot."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable
from typing import Any

from game.commands.common import CommandError, check_mediator, load_scenario_or_exit
from game.commands.outfile import check_out
from game.engine.errors import IllegalMoveError
from game.engine.moves import Pass, move_from_dict
from game.format.errors import Problem, ScenarioError
from game.format.limits import MAX_MOVES
from game.format.loader import read_yaml_file
from game.format.reading import printable
from game.players.bots import BOTS, play_bot
from game.records.atomic import write_atomic
from game.records.session import Session
from game.records.transcript import dumps


def _read_moves(path: str) -> tuple[list[Any], Callable[[tuple[int, ...]], tuple[int, int]]]:
    """The moves of a moves file (a YAML list, or a mapping with a `moves` list)."""
    data, locator = read_yaml_file(path, "file is empty: expected a list of moves")
    prefix: tuple[str, ...] = ()
    if isinstance(data, dict) and "moves" in data:
        for key in data:
            if key != "moves":
                line, col = locator((key,), key=True)
                raise ScenarioError([Problem(path, line, col, f"unknown key {key!r} (a moves "
                                             "file has only 'moves')")])
        data, prefix = data["moves"], ("moves",)
    if not isinstance(data, list):
        line, col = locator(prefix)
        raise ScenarioError([Problem(path, line, col,
                                     "expected a list of moves (one per turn)")])
    if len(data) > MAX_MOVES:
        line, col = locator((*prefix, MAX_MOVES))
        raise ScenarioError([Problem(path, line, col, f"{len(data)} moves (the limit is "
                                     f"{MAX_MOVES})")])
    return data, lambda where: locator(prefix + where)


def summary(session: Session) -> str:
    kinds: Counter[str] = Counter(
        r.kind for result in session.results for r in result.responses)
    state = session.state
    lines = [
        f"scenario {session.scenario.meta.id}, mediator {session.mediator}, seed {session.seed}",
        f"turns: {state.turn}  ended: {state.ended}  phase: {state.phase}",
        "responses: " + (", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) or "none"),
        f"agreed: {', '.join(sorted(state.agreed)) or 'nothing'}",
        f"outcome: {state.outcome}  score: {session.score():.2f}",
    ]
    return "\n".join(lines)


def main(args: argparse.Namespace) -> int:
    try:
        if args.out is not None:
            check_out(args.out, [("scenario", args.scenario), ("moves file", args.moves)],
                      args.force, "run")
        scenario = load_scenario_or_exit(args.scenario, "run")
        check_mediator(scenario, args.mediator, "run")
    except CommandError as stop:
        return stop.code
    if args.bot:
        session = play_bot(scenario, args.mediator, args.seed, args.bot, args.scenario)
    else:
        try:
            raw_moves, locate = _read_moves(args.moves)
        except ScenarioError as exc:
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            return 2
        session = Session.new(args.scenario, args.mediator, args.seed, scenario=scenario)
        for n, raw in enumerate(raw_moves, start=1):
            if session.over:
                print(f"{args.moves}: move {n}: the game is already over "
                      f"(turn {session.state.turn}); remaining moves ignored", file=sys.stderr)
                break
            try:
                session.play(move_from_dict(raw, scenario))
            except (ValueError, IllegalMoveError) as exc:
                line, col = locate((n - 1,))
                print(printable(f"{args.moves}:{line}:{col}: move {n}: {exc}"), file=sys.stderr)
                return 1
        if not session.over:
            print(f"{args.moves}: moves ended at turn {session.state.turn}; the remaining "
                  "turns are passes", file=sys.stderr)
            while not session.over:
                session.play(Pass())
    print(summary(session))
    if args.out:
        write_atomic(args.out, dumps(session.transcript()))
        print(f"transcript: {args.out}")
    return 0


__all__ = ["BOTS", "main", "summary"]
