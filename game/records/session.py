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
from game.records.classroom import ClassRecord


def file_sha256(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def with_turn_limit(scenario: Scenario, turn_limit: int) -> Scenario:
    """The scenario with another turn limit (a class's), built afresh: no derived table of
    the original carries over."""
    data = scenario.model_dump(by_alias=True, exclude_unset=True)
    data["rules"] = {**data.get("rules", {}), "turn_limit": turn_limit}
    return Scenario.model_validate(data)


@dataclass
class Session:
    scenario: Scenario
    scenario_path: str
    scenario_sha256: str
    mediator: str
    seed: int
    states: list[GameState] = field(default_factory=list)
    results: list[TurnResult] = field(default_factory=list)
    turn_limit: int | None = None  # a class's override of the scenario's turn limit
    class_record: ClassRecord | None = None  # a class game: the student and their answers

    @classmethod
    def new(cls, scenario_path: str | Path, mediator: str, seed: int,
            scenario: Scenario | None = None, turn_limit: int | None = None,
            class_record: ClassRecord | None = None) -> Session:
        path = str(scenario_path)
        scenario = scenario if scenario is not None else load_scenario(path)
        if turn_limit is not None:
            scenario = with_turn_limit(scenario, turn_limit)
        state = new_game(scenario, mediator, seed)
        return cls(scenario, path, file_sha256(path), mediator, seed, [state], [],
                   turn_limit, class_record)

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
        limit = data.get("turn_limit")
        if limit is not None and (type(limit) is not int or not 1 <= limit <= 100):
            raise ValueError(f"turn_limit: expected a whole number from 1 to 100, got {limit!r}")
        record = ClassRecord.from_dict(data["class"]) if "class" in data else None
        session = cls.new(path, data["mediator"], int(data["seed"]), turn_limit=limit,
                          class_record=record)
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
