"""A game in progress: scenario + mediator + seed + the states and turn results so far.

Used by the CLI, the TUI and the bots. Its transcript (see transcript.py) is its record; its
save (`save_game`) is the transcript with the scenario text it is played on, so that a game
resumes on that version from any directory, whatever became of the file since.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.engine.game import apply, new_game, score_breakdown
from game.engine.moves import Move, move_from_dict
from game.engine.state import GameState, TurnResult
from game.format.errors import Problem, ScenarioError
from game.format.limits import MAX_FILE_BYTES
from game.format.loader import load_scenario, load_scenario_bytes
from game.format.models import Scenario
from game.format.reading import InputError, read_input
from game.records import transcript as tr
from game.records.atomic import write_atomic
from game.records.classroom import ClassRecord
from game.records.reading import check_transcript, parse_json

SAVE_FORMAT = "mediator-save"
SAVE_FORMAT_VERSION = 1
MAX_SAVE_BYTES = 24 * 1024 * 1024  # a transcript and its scenario text


def file_sha256(path: str | Path) -> str:
    """The SHA-256 of a scenario file, read safely (ScenarioError if it cannot be read)."""
    return hashlib.sha256(_scenario_bytes(path)).hexdigest()


def _scenario_bytes(path: str | Path) -> bytes:
    try:
        return read_input(path, MAX_FILE_BYTES)
    except InputError as exc:
        raise ScenarioError([Problem(str(path), 1, 1, str(exc))]) from None


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, ScenarioError) and exc.problems:
        return str(exc.problems[0])
    text = " ".join(str(exc).split())
    return text or type(exc).__name__


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
    # The scenario file's bytes as played (what a save carries); empty without a file.
    scenario_bytes: bytes = field(default=b"", repr=False)

    @classmethod
    def new(cls, scenario_path: str | Path, mediator: str, seed: int,
            scenario: Scenario | None = None, turn_limit: int | None = None,
            class_record: ClassRecord | None = None,
            scenario_bytes: bytes | None = None) -> Session:
        """A new game; `scenario_bytes`: the scenario as played (a save's), not the file."""
        path = str(scenario_path)
        if scenario_bytes is None:
            scenario = scenario if scenario is not None else load_scenario(path)
            raw = _scenario_bytes(path)
        else:
            raw = scenario_bytes
            scenario = scenario if scenario is not None else load_scenario_bytes(raw, path)
        if turn_limit is not None:
            scenario = with_turn_limit(scenario, turn_limit)
        state = new_game(scenario, mediator, seed)
        return cls(scenario, path, hashlib.sha256(raw).hexdigest(), mediator, seed, [state], [],
                   turn_limit, class_record, raw)

    @property
    def state(self) -> GameState:
        return self.states[-1]

    @property
    def over(self) -> bool:
        return self.state.over

    def play(self, move: Move) -> TurnResult:
        """Apply one move (raises IllegalMoveError, leaving the session unchanged)."""
        state, result = apply(self.state, move)
        self.record(state, result)
        return result

    def record(self, state: GameState, result: TurnResult) -> None:
        """Add a turn played elsewhere (`engine.apply` on this session's state, in a thread)."""
        self.states.append(state)
        self.results.append(result)

    def score(self) -> float:
        return score_breakdown(self.state).total

    def transcript(self) -> dict[str, Any]:
        return tr.build(self)

    def save(self, path: str | Path) -> None:
        """Write the transcript (the game's record)."""
        write_atomic(path, tr.dumps(self.transcript()))

    def save_game(self, path: str | Path) -> None:
        """Write the save: the transcript, the scenario text it is played on and the scenario
        file's absolute path (the same bytes from any working directory)."""
        where = str(Path(self.scenario_path).resolve()) if self.scenario_path else ""
        write_atomic(path, tr.dumps({
            "format": SAVE_FORMAT, "format_version": SAVE_FORMAT_VERSION,
            "scenario_path": where, "scenario_text": self.scenario_bytes.decode("utf-8"),
            "transcript": self.transcript()}))

    def scenario_file_changed(self) -> bool:
        """Whether the scenario file now differs from the version this game is played on
        (or is gone)."""
        try:
            return file_sha256(self.scenario_path) != self.scenario_sha256
        except (OSError, ScenarioError):
            return True

    @classmethod
    def from_transcript(cls, data: dict[str, Any], scenario_path: str | Path | None = None,
                        scenario_bytes: bytes | None = None) -> Session:
        """Re-play a transcript's moves (no verification; see verify.py); `scenario_bytes`:
        the scenario as played, instead of the file's contents."""
        path = scenario_path if scenario_bytes is not None and scenario_path is not None \
            else tr.scenario_path_for(data, scenario_path)
        limit = data.get("turn_limit")
        if limit is not None and (type(limit) is not int or not 1 <= limit <= 100):
            raise ValueError(f"turn_limit: expected a whole number from 1 to 100, got {limit!r}")
        record = ClassRecord.from_dict(data["class"]) if "class" in data else None
        session = cls.new(path, data["mediator"], int(data["seed"]), turn_limit=limit,
                          class_record=record, scenario_bytes=scenario_bytes)
        for raw in data["moves"]:
            session.play(move_from_dict(raw, session.scenario))
        return session

    @classmethod
    def load(cls, path: str | Path) -> Session:
        """Resume a saved game on the scenario version it was played on; ValueError with a
        one-line message if it cannot be (damaged, or an older save whose file changed)."""
        try:
            data = parse_json(read_input(path, MAX_SAVE_BYTES))  # a regular file, strictly
            if isinstance(data, dict) and data.get("format") == SAVE_FORMAT:
                check_transcript(data.get("transcript"), tr.FORMAT)
                return cls._resume(data)
            return cls._resume_transcript(tr.read(path))
        except Exception as exc:  # noqa: BLE001 - a damaged save is reported, never raised as is
            raise ValueError(f"{path}: cannot resume this game: {_one_line(exc)}") from None

    @classmethod
    def _resume(cls, data: dict[str, Any]) -> Session:
        """A save: replay its moves on the scenario text it carries."""
        transcript, text = data.get("transcript"), data.get("scenario_text")
        where = data.get("scenario_path")
        if (data.get("format_version") != SAVE_FORMAT_VERSION or not isinstance(text, str)
                or not isinstance(where, str) or not isinstance(transcript, dict)
                or not isinstance(transcript.get("scenario"), dict)
                or not isinstance(transcript.get("moves"), list)
                or type(transcript.get("seed")) is not int):
            raise ValueError("not a save this version can read")
        raw = text.encode("utf-8")
        if hashlib.sha256(raw).hexdigest() != transcript["scenario"].get("sha256"):
            raise ValueError("damaged: the scenario saved with it is not the one played")
        session = cls.from_transcript(transcript, where, scenario_bytes=raw)
        again = session.transcript()
        for key in ("turns", "final", "outcome"):
            if again[key] != transcript.get(key):
                raise ValueError(f"the moves no longer give the saved game (saved by engine "
                                 f"{transcript.get('engine_version')}, this is engine "
                                 f"{again['engine_version']})")
        return session

    @classmethod
    def _resume_transcript(cls, data: dict[str, Any]) -> Session:
        """An older save, a bare transcript: resumed on the file it names if unchanged."""
        session = cls.from_transcript(data)
        played = data["scenario"]
        if session.scenario_sha256 != played.get("sha256"):
            raise ValueError(
                f"the scenario file {session.scenario_path} changed since the game was saved "
                f"(version {played.get('version')} then, {session.scenario.meta.version} now; "
                f"sha256 {str(played.get('sha256'))[:12]} then, "
                f"{session.scenario_sha256[:12]} now)")
        return session
