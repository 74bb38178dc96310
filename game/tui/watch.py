"""Live reload (`mediator play FILE --watch`): the scenario file edited while the game runs.

When the file is saved, `reload` reads it, replays the moves so far on the new version with
the same mediator and seed, and compares the two games turn by turn (answers, agreed terms,
meters, phase, ending): the first turn where they part is what the author needs to see. A move
that the new version no longer allows ends the replay there. A file that does not load gives
its problems (FILE:LINE:COL), and the game goes on with the last good version.

Nothing here touches the screen: the app polls `stamp` on a timer and shows the `Reload`.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from game.engine import game as engine
from game.engine.moves import Move
from game.engine.state import GameState, TurnResult
from game.engine.wording import term_words
from game.format.errors import ScenarioError
from game.format.limits import MAX_FILE_BYTES
from game.format.loader import load_scenario_bytes
from game.format.models import Scenario
from game.format.reading import InputError, read_input
from game.records.session import Session
from game.tui.text import meter_label, move_label, party_name, phase_title, response_label, title_of

POLL_SECONDS = 0.25
"""How often the app looks at the scenario file (its size and modification time)."""
MAX_CHANGES = 5
"""At most this many differences are named for the first turn that changed."""


def stamp(path: str | Path) -> tuple[int, int] | None:
    """The file's modification time and size (None if it cannot be seen): a cheap poll."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


@dataclass(frozen=True)
class Reload:
    """What a saved scenario file did to the game in progress."""

    file: str
    session: Session | None = None  # the game replayed on the new version; None: not loaded
    errors: tuple[str, ...] = ()  # why the file could not be used, one problem a line
    unchanged: bool = False  # the bytes are those of the version being played
    first_change: int | None = None  # the first turn that differs (0: the opening)
    changes: tuple[str, ...] = ()  # what differs at that turn, in words
    stopped: str = ""  # the move that is no longer possible, and why
    sha256: str = ""

    def notice(self) -> str:
        """The player's one paragraph about this reload."""
        if self.errors:
            return ("\n".join(self.errors)
                    + "\nThe game goes on with the last version that loaded.")
        if self.session is None:
            return f"{Path(self.file).name} saved unchanged."
        turns = len(self.session.results)
        if self.first_change is None:
            said = (f"the {turns} turn{'s' if turns != 1 else ''} so far play out the same."
                    if turns else "no turn played yet.")
        else:
            where = "the opening" if self.first_change == 0 else f"turn {self.first_change}"
            said = f"the game now differs from {where}: {'; '.join(self.changes)}."
        return f"{Path(self.file).name} reloaded: {said}" + (
            f" {self.stopped}" if self.stopped else "")


def reload(old: Session, moves: list[Move], states: list[GameState],
           results: list[TurnResult]) -> Reload:
    """Read `old`'s scenario file again and replay `moves` on it (the states and results
    of `old` up to now, to compare with). Runs in a thread: reads nothing else of `old`."""
    path = old.scenario_path
    try:
        raw = read_input(path, MAX_FILE_BYTES)
    except InputError as exc:
        return Reload(path, errors=(f"{path}: {exc}",))
    sha = hashlib.sha256(raw).hexdigest()
    if sha == old.scenario_sha256:
        return Reload(path, unchanged=True, sha256=sha)
    try:
        scenario = load_scenario_bytes(raw, path)
        new = Session.new(path, old.mediator, old.seed, scenario=scenario,
                          turn_limit=old.turn_limit, scenario_bytes=raw)
    except ScenarioError as exc:
        return Reload(path, errors=tuple(str(p) for p in exc.problems), sha256=sha)
    except ValueError as exc:  # the mediator played is gone, a limit the turn limit breaks
        return Reload(path, errors=(f"{path}: {exc}",), sha256=sha)
    stopped = ""
    for turn, move in enumerate(moves, start=1):
        if new.over:
            dropped = len(moves) - turn + 1
            stopped = (f"The talks now end after turn {turn - 1}: the {dropped} later "
                       f"move{'s are' if dropped != 1 else ' is'} dropped.")
            break
        problem = engine.check_move(new.state, move)
        reason = str(problem) if problem is not None else ""
        if problem is None:
            try:
                new.play(move)
                continue
            except Exception as exc:  # noqa: BLE001 - the new version's failure, reported
                reason = " ".join(str(exc).split()) or type(exc).__name__
        stopped = (f"Turn {turn}'s move is no longer possible: {reason} "
                   f"({move_label(old.scenario, move)}). The game now stands at turn {turn}.")
        break
    first, changes = first_difference(old.scenario, states, results, new)
    return Reload(path, session=new, first_change=first, changes=changes, stopped=stopped,
                  sha256=sha)


def first_difference(old_scenario: Scenario, states: list[GameState],
                     results: list[TurnResult], new: Session) -> tuple[int | None,
                                                                       tuple[str, ...]]:
    """The first turn (0: the opening state) where the new game differs from the old one,
    and what differs there; (None, ()) when the turns both games played are the same."""
    scenario = new.scenario
    for turn in range(min(len(states), len(new.states))):
        before = results[turn - 1] if turn else None
        after = new.results[turn - 1] if turn else None
        changes = _turn_changes(old_scenario, scenario, before, after)
        changes += _state_changes(old_scenario, scenario, states[turn], new.states[turn])
        same = (before is None or after is None or before.to_dict() == after.to_dict()) \
            and states[turn].meters == new.states[turn].meters
        if changes or not same:
            more = len(changes) - MAX_CHANGES
            shown = changes[:MAX_CHANGES] + ([f"and {more} more"] if more > 0 else [])
            return turn, tuple(shown) or ("the events, reasons or words of that turn",)
    return None, ()


def _turn_changes(old_scenario: Scenario, scenario: Scenario, before: TurnResult | None,
                  after: TurnResult | None) -> list[str]:
    if before is None or after is None:
        return []
    out = []
    old_answers = {r.party: r for r in before.responses}
    for response in after.responses:
        name = party_name(scenario, response.party)
        was = old_answers.pop(response.party, None)
        if was is None:
            out.append(f"{name}: {_kind(response.kind)} (no answer before)")
        elif was.kind != response.kind:
            out.append(f"{name}: {_kind(response.kind)} (was {_kind(was.kind)})")
        elif round(was.value, 1) != round(response.value, 1):
            out.append(f"{name} values it {response.value:.1f} (was {was.value:.1f})")
    out += [f"{party_name(scenario, party)}: no answer now" for party in old_answers]
    out += [f"now agreed: {term_words(scenario, t)}" for t in after.agreed
            if t not in before.agreed]
    out += [f"no longer agreed: {term_words(old_scenario, t)}" for t in before.agreed
            if t not in after.agreed]
    if (before.ending is None) != (after.ending is None) or (
            before.ending and after.ending and before.ending.outcome != after.ending.outcome):
        out.append(f"the talks now end: {title_of(scenario.outcomes, after.ending.outcome)}"
                   if after.ending else "the talks no longer end there")
    return out


def _state_changes(old_scenario: Scenario, scenario: Scenario, before: GameState,
                   after: GameState) -> list[str]:
    out = []
    for meter, value in after.meters.items():
        was = before.meters.get(meter)
        if was != value:
            out.append(f"{meter_label(scenario, meter)} {value}"
                       + (f" (was {was})" if was is not None else " (new)"))
    if before.phase != after.phase:
        out.append(f"phase {phase_title(scenario, after.phase)} "
                   f"(was {phase_title(old_scenario, before.phase)})")
    return out


def _kind(kind: str) -> str:
    return response_label(kind)[1].lower()
