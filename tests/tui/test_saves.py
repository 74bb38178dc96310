"""Saves in the TUI: a new game asks before it replaces an unfinished autosaved game; a game
resumed after its scenario file changed goes on with the version it was played on, and says so."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from textual.widgets import Input, Label

from game.engine.moves import Pass
from game.records.session import Session
from game.tui import saves
from game.tui.screens.briefing import BriefingScreen
from game.tui.screens.confirm import ReplaceGameScreen
from game.tui.screens.new_game import NewGameScreen
from game.tui.screens.table import TableScreen
from tests.tui.conftest import MINI
from tests.tui.helpers import flat, ready

BIG = (120, 40)


def autosaved(path: Path = MINI, turns: int = 1) -> Session:
    session = Session.new(path, "league", 4)
    for _ in range(turns):
        if not session.over:
            session.play(Pass())
    saves.autosave(session)
    return session


async def test_a_new_game_asks_before_it_replaces_a_game_in_progress(new_app: Any) -> None:
    saved = autosaved()
    league = next(m.name for m in saved.scenario.mediators if m.id == "league")
    before = saves.autosave_path().read_bytes()
    app = new_app(scenario_path=MINI, mediator="league", seed=9)
    async with app.run_test(size=BIG) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, ReplaceGameScreen)
        assert "Replace the game in progress?" in flat(app)
        shown = str(app.screen.query_one("#replace-text", Label).content)
        assert shown.startswith(f"{saved.scenario.meta.title}, as {league}, seed 4, after "
                                "turn 1. A new game takes its place")
        await pilot.press("escape")  # keep it: on to the new-game screen, nothing written
        await pilot.pause()
        assert isinstance(app.screen, NewGameScreen) and app.session is None
        assert saves.autosave_path().read_bytes() == before
        app.screen.query_one("#seed", Input).value = "12"
        await pilot.press("ctrl+s")  # asked again
        await pilot.pause()
        assert isinstance(app.screen, ReplaceGameScreen)
        await pilot.click("#replace")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
    data = json.loads(saves.autosave_path().read_text(encoding="utf-8"))
    assert (data["transcript"]["seed"], data["transcript"]["final"]["turn"]) == (12, 0)


async def test_a_finished_game_is_replaced_without_asking(new_app: Any) -> None:
    assert autosaved(turns=100).over
    app = new_app(scenario_path=MINI, mediator="league", seed=9)
    async with app.run_test(size=BIG) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, BriefingScreen) and app.session.seed == 9


async def test_a_resumed_game_goes_on_with_the_scenario_it_was_played_on(
        new_app: Any, tmp_path: Path) -> None:
    copy = tmp_path / "mine.yaml"
    shutil.copy(MINI, copy)
    saved = autosaved(copy)
    copy.write_text(copy.read_text(encoding="utf-8").replace("title: ", "title: Changed ", 1),
                    encoding="utf-8")
    app = new_app(resume=True)
    async with app.run_test(size=BIG, notifications=True) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, TableScreen)
        assert app.session.scenario_sha256 == saved.scenario_sha256
        assert app.session.state == saved.state
        notes = [n.message for n in app._notifications]
        assert ("The scenario file mine.yaml changed since this game was saved: it goes on "
                "with the version it was played on.") in notes
