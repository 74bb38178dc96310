"""A better move at one turn of a played game: every usable move there (every action with
each target, passing, the packages every principal would accept now, the student's own
move) is played on the real engine and the game finished the same way (the patient bot);
the best finish is compared with the student's move finished that way.

Cheap (one bot game per candidate, well under a second on the first scenario), so the
replay viewer computes it as the student steps through a game.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from game.analysis.plan import agreeable_proposals, describe_move, game_key
from game.engine.game import check_move, legal_moves, score_breakdown
from game.engine.moves import Move, Pass
from game.engine.state import GameState
from game.players.bots import BOTS
from game.records.session import Session

FINISHER = "patient"


@dataclass(frozen=True)
class Finish:
    """A move at the turn, and where the game ends when the finisher plays the rest."""

    move: Move
    text: str
    outcome: str | None
    score: float
    key: tuple[float, float]


def finish(session: Session, turn: int, move: Move, bot: str = FINISHER) -> GameState:
    """The final state when `move` is played at `turn` (1-based) of the session's game and
    `bot` plays every later turn."""
    game = Session(session.scenario, session.scenario_path, session.scenario_sha256,
                   session.mediator, session.seed, list(session.states[:turn]),
                   list(session.results[:turn - 1]), session.turn_limit)
    game.play(move)
    choose = BOTS[bot]
    rng = random.Random(f"{bot}:{session.seed}")
    while not game.over:
        nxt = choose(game, rng)
        if check_move(game.state, nxt) is not None:
            nxt = Pass()
        game.play(nxt)
    return game.state


def _finish(session: Session, turn: int, move: Move) -> Finish:
    state = finish(session, turn, move)
    return Finish(move, describe_move(session.scenario, move), state.outcome,
                  score_breakdown(state).total, game_key(state))


def better_move(session: Session, turn: int, proposals: int = 3) -> dict[str, Any]:
    """The student's move at `turn` against the best candidate there, each finished by the
    patient bot: {"turn", "yours", "best", "better"} (`better`: the best beats yours)."""
    if not 1 <= turn <= len(session.results):
        raise ValueError(f"turn {turn}: the game has turns 1 to {len(session.results)}")
    before = session.states[turn - 1]
    yours = _finish(session, turn, session.results[turn - 1].move)
    candidates: list[Move] = list(legal_moves(before))
    candidates += [p for p in _proposals(before, proposals) if p not in candidates]
    best = yours
    for move in candidates:
        if move == yours.move or check_move(before, move) is not None:
            continue
        option = _finish(session, turn, move)
        if option.key > best.key:
            best = option
    return {"turn": turn, "finisher": FINISHER, "yours": _as_dict(yours),
            "best": _as_dict(best), "better": best is not yours}


def _proposals(state: GameState, limit: int) -> list[Move]:
    from game.engine.moves import Propose

    return [Propose(fw) for fw in agreeable_proposals(state, limit=limit)]


def _as_dict(f: Finish) -> dict[str, Any]:
    return {"move": f.move.to_dict(), "text": f.text, "outcome": f.outcome,
            "score": round(f.score, 2)}
