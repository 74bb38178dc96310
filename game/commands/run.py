"""`mediator run`: play a whole game headless, from a moves file or with a bot."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from typing import Any

import yaml

from game.commands.common import CommandError, check_mediator, load_scenario_or_exit
from game.engine.bots import BOTS, play_bot
from game.engine.errors import IllegalMoveError
from game.engine.moves import Pass, move_from_dict
from game.engine.session import Session
from game.engine.transcript import dumps, write_atomic


def _read_moves(path: str) -> list[Any]:
    try:
        with open(path, encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
    except FileNotFoundError:
        raise ValueError(f"{path}: no such file") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else path
        raise ValueError(f"{where}: not valid YAML: {getattr(exc, 'problem', exc)}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: cannot read: {exc}") from None
    if isinstance(data, dict) and "moves" in data:
        data = data["moves"]
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a list of moves (one per turn)")
    return data


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
        scenario = load_scenario_or_exit(args.scenario, "run")
        check_mediator(scenario, args.mediator, "run")
    except CommandError as stop:
        return stop.code
    if args.bot:
        session = play_bot(scenario, args.mediator, args.seed, args.bot, args.scenario)
    else:
        try:
            raw_moves = _read_moves(args.moves)
        except ValueError as exc:
            print(f"mediator: error: {exc}", file=sys.stderr)
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
                print(f"{args.moves}: move {n}: {exc}", file=sys.stderr)
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
