"""Live reload: `mediator play FILE --watch` replays the moves so far on the file as saved, says
where the game now differs, and keeps the last good version when the file breaks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from game.engine.moves import TakeAction
from game.records.session import Session
from game.tui import saves
from game.tui.screens.table import TableScreen
from game.tui.watch import reload
from tests.tui.helpers import flat
from tests.tui.test_play import take_action, to_table, until

TINY = Path(__file__).parents[1] / "engine" / "fixtures" / "tiny.yaml"
AID = "{meter: humanitarian, delta: 12}"


def toasts(app: Any, title: str) -> list[str]:
    return [str(n.message) for n in app._notifications if n.title == title]


async def test_a_saved_edit_replays_the_game_and_names_the_first_changed_turn(
        new_app: Any) -> None:
    shutil.copy(TINY, "tiny.yaml")
    text = Path("tiny.yaml").read_text(encoding="utf-8")
    app = new_app(scenario_path="tiny.yaml", mediator="elder", seed=1, watch=True)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await to_table(pilot)
        await take_action(pilot, "talk")
        await take_action(pilot, "aid")
        assert [r.turn for r in app.session.results] == [1, 2]
        # The aid convoy now brings 15 instead of 12: turn 1 is the same, turn 2 is not.
        edited = text.replace(AID, AID.replace("12", "15"))
        Path("tiny.yaml").write_text(edited, encoding="utf-8")
        await until(pilot, lambda: toasts(app, "Scenario reloaded"), "the reload")
        assert toasts(app, "Scenario reloaded") == [
            "tiny.yaml reloaded: the game now differs from turn 2: Humanitarian 15 (was 12)."]
        assert isinstance(app.screen, TableScreen)
        assert app.session.state.meters["humanitarian"] == 15
        assert [r.turn for r in app.session.results] == [1, 2]
        saved = json.loads(saves.autosave_path().read_text(encoding="utf-8"))
        assert AID.replace("12", "15") in saved["scenario_text"]  # autosaved on the new one

        # A broken file: its problem, with line and column, on screen; the game goes on.
        lines = text.splitlines()
        line = next(n for n, t in enumerate(lines, start=1) if "turn_limit: 8" in t)
        Path("tiny.yaml").write_text(text.replace("turn_limit: 8", "turn_limit: many"),
                                     encoding="utf-8")
        await until(pilot, lambda: toasts(app, "Scenario not reloaded"), "the error")
        assert toasts(app, "Scenario not reloaded") == [
            f"tiny.yaml:{line}:15: rules.turn_limit: expected a whole number, got 'many'\n"
            "The game goes on with the last version that loaded."]
        await until(pilot, lambda: f"tiny.yaml:{line}:15: rules.turn_limit" in flat(app),
                    "the error on screen")
        await take_action(pilot, "talk")
        assert [r.turn for r in app.session.results] == [1, 2, 3]
        assert app.session.scenario_bytes == edited.encode("utf-8")  # the last good one


def test_a_move_the_new_version_forbids_ends_the_replay_there(tmp_path: Path) -> None:
    path = tmp_path / "tiny.yaml"
    shutil.copy(TINY, path)
    session = Session.new(path, "elder", 1)
    for move in (TakeAction("talk"), TakeAction("aid"), TakeAction("consult", "north")):
        session.play(move)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("actions: [talk, consult, press_south, aid]",
                                 "actions: [talk, press_south, aid]"), encoding="utf-8")
    outcome = reload(session, [r.move for r in session.results], list(session.states),
                     list(session.results))
    assert outcome.session is not None and len(outcome.session.results) == 2
    assert outcome.notice() == (
        "tiny.yaml reloaded: the 2 turns so far play out the same. Turn 3's move is no longer "
        "possible: Private consultation: The Elder does not have this tool (You used: Private "
        "consultation → North). The game now stands at turn 3.")
    path.write_text(text, encoding="utf-8")
    again = reload(session, [r.move for r in session.results], list(session.states),
                   list(session.results))
    assert again.unchanged and again.session is None
