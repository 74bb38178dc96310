"""The rules engine: a pure `apply(state, move) -> (state, result)` over a loaded scenario.

The names below are the engine's public API; the modules behind them (moves, conditions,
rules, game, state, knowledge, errors) are its parts.
"""

from game.engine.errors import IllegalMoveError, InvalidMoveError, UnknownMediatorError
from game.engine.game import (
    ENGINE_VERSION,
    FORMULA,
    ActionStatus,
    MoveProblem,
    ScoreBreakdown,
    apply,
    available_actions,
    check_move,
    decide_outcome,
    end_game,
    legal_moves,
    new_game,
    progress_of,
    score_breakdown,
)
from game.engine.knowledge import KnownInfo, hidden_info, known_info, meter_visible
from game.engine.moves import Framework, Move, Pass, Propose, TakeAction, Term, move_from_dict
from game.engine.state import (
    ACCEPTING,
    AgreedTerm,
    ConsentCheck,
    Ending,
    EndReason,
    GameState,
    LedgerEntry,
    Reason,
    Response,
    TurnResult,
    all_agree,
)

__all__ = [
    "ACCEPTING", "ENGINE_VERSION", "FORMULA", "ActionStatus", "AgreedTerm", "ConsentCheck",
    "EndReason", "Ending", "Framework", "GameState", "IllegalMoveError", "InvalidMoveError",
    "KnownInfo", "LedgerEntry", "Move", "MoveProblem", "Pass", "Propose", "Reason", "Response",
    "ScoreBreakdown", "TakeAction", "Term", "TurnResult", "UnknownMediatorError", "all_agree",
    "apply", "available_actions", "check_move", "decide_outcome", "end_game", "hidden_info",
    "known_info", "legal_moves", "meter_visible", "move_from_dict", "new_game", "progress_of",
    "score_breakdown",
]
