"""A game in progress: scenario + mediator + seed + the states and turn results so far.

Used by the CLI, the TUI and the bots. Its transcript (see transcript.py) is also its save file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.engine.game import apply, new_game, score_breakdown
from game.engine.moves import Move, move_from_dict
from game.engine.state import GameState, TurnResult
from game.format.loader import load_scenario
from game.format.models import Scenario
from game.records import transcript as tr
from game.records.atomic import write_atomic


def file_sha256(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@dataclass
class Session:
    scenario: Scenario
    scenario_path: str
    scenario_sha256: str
    mediator: str
    seed: int
    states: list[GameState] = field(default_factory=list)
    results: list[TurnResult] = field(default_factory=list)

    @classmethod
    def new(cls, scenario_path: str | Path, mediator: str, seed: int,
            scenario: Scenario | None = None) -> Session:
        path = str(scenario_path)
        scenario = scenario if scenario is not None else load_scenario(path)
        state = new_game(scenario, mediator, seed)
        return cls(scenario, path, file_sha256(path), mediator, seed, [state], [])

    @property
    def state(self) -> GameState:
        return self.states[-1]

    @property
    def over(self) -> bool:
        return self.state.over

    def play(self, move: Move) -> TurnResult:
        """Apply one move (raises IllegalMoveError, leaving the session unchanged)."""
        state, result = apply(self.state, move)
        self.states.append(state)
        self.results.append(result)
        return result

    def score(self) -> float:
        return score_breakdown(self.state).total

    def transcript(self) -> dict[str, Any]:
        return tr.build(self)

    def save(self, path: str | Path) -> None:
        write_atomic(path, tr.dumps(self.transcript()))

    @classmethod
    def from_transcript(cls, data: dict[str, Any], scenario_path: str | Path | None = None
                        ) -> Session:
        """Re-play a transcript's moves (no verification; see verify.py)."""
        path = tr.scenario_path_for(data, scenario_path)
        session = cls.new(path, data["mediator"], int(data["seed"]))
        for raw in data["moves"]:
            session.play(move_from_dict(raw, session.scenario))
        return session

    @classmethod
    def load(cls, path: str | Path) -> Session:
        """Resume a saved game; ValueError with a one-line message if the file is unusable."""
        data = tr.read(path)
        try:
            return cls.from_transcript(data)
        except Exception as exc:  # a save from another version or a damaged file
            raise ValueError(f"{path}: cannot resume this game: {exc}") from None
