"""The counterfactual debrief: for each of the player's turns, the best move a bounded search
finds from the state before it, and how the game would have ended had it been played.

Data in, data out: a game (its states and moves, as a session holds them) goes in; a
`Counterfactual` comes out. The search is the wide beam's (`wide.py`: every legal
non-proposal move and the packages every principal accepts now, states ranked by
`wide.heuristic`), started at each turn's state instead of the first, narrower, and bounded by
work (moves played on the engine), never by seconds, so the same game always gives the same
answer. The move actually played is always a candidate, continued with the player's own later
moves, so the best line found is never worse than the game itself.

"The turn where the outcome was decided" is the last turn whose move lost a better outcome:
before it the search still found a line to a better outcome than the game's, after it none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.analysis.wide import Memo, game_key
from game.engine.game import score_breakdown
from game.engine.moves import Move, Pass, Propose
from game.engine.state import GameState

WIDTH = 3  # states kept per depth of each turn's beam
PICKS = 1  # proposals per state: see `wide.pick_proposals`
WORK = 60_000  # moves played on the engine for the whole game, at most


@dataclass(frozen=True, slots=True)
class Line:
    """A finished line of play from some state: its moves and how the game ends."""

    moves: tuple[Move, ...]
    outcome: str | None
    score: float
    key: tuple[float, float]  # (outcome rank, score): what lines compare by


@dataclass(frozen=True, slots=True)
class TurnCounterfactual:
    """One of the player's turns: what was played, and the best line found from before it."""

    turn: int
    played: Move
    best: Line  # from the state before this turn (its first move is the best move)
    better: bool  # the best line ends better (outcome, then score) than the game did
    gain: float  # best line's score minus the game's final score
    outcome_better: bool  # ... and with a better outcome

    @property
    def best_move(self) -> Move:
        return self.best.moves[0] if self.best.moves else Pass()


@dataclass(frozen=True, slots=True)
class Counterfactual:
    turns: tuple[TurnCounterfactual, ...]
    outcome: str | None  # the game's own outcome and score
    score: float
    decided: int | None  # the turn whose move lost the last better outcome in reach
    lost_outcome: str | None  # the better outcome that turn lost
    work: int  # moves played on the engine
    complete: bool  # False: the work bound stopped the search before the last turns


def _line(state: GameState, moves: tuple[Move, ...]) -> Line:
    return Line(moves, state.outcome, score_breakdown(state).total, game_key(state))


def _finish(memo: Memo, state: GameState, moves: Sequence[Move]) -> tuple[GameState, int,
                                                                          tuple[Move, ...]]:
    """Play `moves` from `state` (an illegal one becomes a pass), then passes to the end."""
    played: list[Move] = []
    sid = memo.sid(state)
    work = 0
    k = 0
    while not state.over:
        move: Move = moves[k] if k < len(moves) else Pass()
        k += 1
        got = memo.step(state, sid, move)
        if got is None:
            move = Pass()
            got = memo.step(state, sid, move)
        assert got is not None
        state, _, sid = got
        played.append(move)
        work += 1
    return state, work, tuple(played)


def best_line(state: GameState, memo: Memo, own: Sequence[Move], width: int = WIDTH,
              budget: int = WORK) -> tuple[Line, int]:
    """The best finished line found from `state` (and the moves played to find it): a wide
    beam of `width` states per depth, plus `own` (the player's moves from here) as played."""
    end, work, played = _finish(memo, state, own)
    best = _line(end, played)
    beam: list[tuple[GameState, int, tuple[Move, ...]]] = [(state, memo.sid(state), ())]
    while beam and work < budget:
        children: dict[object, tuple[float, GameState, int, tuple[Move, ...]]] = {}
        for st, sid, moves in beam:
            candidates = memo.legal_moves(st, sid) + [
                Propose(f) for f in memo.picks(st, sid, False, PICKS)]
            for move in candidates:
                got = memo.step(st, sid, move)
                work += 1
                if got is None:
                    continue
                s2, result, sid2 = got
                if isinstance(move, Propose) and not result.agreed:
                    continue
                line = moves + (move,)
                if s2.over:
                    found = _line(s2, line)
                    if found.key > best.key:
                        best = found
                    continue
                k = memo.key(s2, sid2)
                h = memo.heuristic(s2, sid2, True, True)
                if k not in children or children[k][0] < h:
                    children[k] = (h, s2, sid2, line)
        ranked = sorted(children.values(), key=lambda c: -c[0])[:width]
        beam = [(s2, sid2, line) for _, s2, sid2, line in ranked]
    return best, work


def counterfactual(states: Sequence[GameState], moves: Sequence[Move], width: int = WIDTH,
                   work: int = WORK) -> Counterfactual:
    """For each turn of a game (`states[i]` before `moves[i]`, `states[-1]` the end), the
    best line found from the state before it. Bounded by `work` moves in all: when it runs out,
    the later turns are left out (`complete` False)."""
    if not moves:
        raise ValueError("no turn was played")
    final = states[-1]
    actual = _line(final, tuple(moves))
    memo = Memo()
    spent = 0
    turns: list[TurnCounterfactual] = []
    for i, move in enumerate(moves):
        if spent >= work:
            break
        share = max((work - spent) // (len(moves) - i), 1)
        best, used = best_line(states[i], memo, list(moves[i:]), width, share)
        spent += used
        turns.append(TurnCounterfactual(
            turn=states[i].turn + 1, played=move, best=best, better=best.key > actual.key,
            gain=round(best.score - actual.score, 2), outcome_better=best.key[0] > actual.key[0]))
    decided = lost = None
    for t in turns:  # the last turn with a better outcome in reach before its move
        if t.outcome_better:
            decided, lost = t.turn, t.best.outcome
    return Counterfactual(tuple(turns), final.outcome, actual.score, decided, lost, spent,
                          len(turns) == len(moves))


__all__ = ["Counterfactual", "Line", "TurnCounterfactual", "best_line", "counterfactual"]
