"""The new-game screen's scenario picker: the shipped scenarios plus the command line's one,
each with its title and summary; the roles follow the scenario chosen; a file that fails to
load shows its first problem."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Button, OptionList, Static

from game.format.loader import load_scenario
from game.resources import scenarios_dir
from game.tui.screens.briefing import BriefingScreen
from game.tui.screens.new_game import NewGameScreen
from game.tui.screens.table import TableScreen
from tests.tui.conftest import MINI
from tests.tui.helpers import flat, ready
from tests.tui.test_play import scenario_shown, until

RIVER = scenarios_dir() / "river-water.yaml"
SHIPPED = len(list(scenarios_dir().glob("*.yaml")))
MINI_ROLES = [m.name for m in load_scenario(MINI).mediators]


def roles_shown(app: Any) -> list[str]:
    roles = app.screen.query_one("#roles", OptionList)
    return [str(roles.get_option_at_index(i).prompt) for i in range(roles.option_count)]


def about(app: Any) -> str:
    return str(app.screen.query_one("#scenario-detail", Static).content)


async def test_choose_river_water_and_play_it(new_app: Any) -> None:
    river = load_scenario(RIVER)
    app = new_app(seed=9)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, NewGameScreen)
        # Every shipped scenario is offered, the default one chosen; river-water is the last.
        scenarios = app.screen.query_one("#scenarios", OptionList)
        assert scenarios.option_count == SHIPPED and scenarios.has_focus
        assert "Russia-Ukraine" in scenario_shown(app)
        await until(pilot, lambda: str(scenarios.get_option_at_index(SHIPPED - 1).prompt)
                    == river.meta.title, "the other scenario loads, its title shown")
        await pilot.press(*["down"] * (SHIPPED - 1))
        assert scenario_shown(app) == river.meta.title
        # Its summary, its roles, the standing and tools of the role highlighted.
        assert river.meta.summary in about(app)
        assert "built-in: river-water.yaml" in flat(app)
        assert roles_shown(app) == [m.name for m in river.mediators]
        text = flat(app)
        assert river.mediators[0].name in text and "Trust in you" in text
        assert "Alvara" in text and "Russia" not in text.split("Trust in you")[1]
        # Enter moves on to the roles, down picks the second, enter starts.
        await pilot.press("enter", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        session = app.session
        assert session.scenario.meta.id == river.meta.id
        assert session.mediator == river.mediators[1].id and session.seed == 9
        assert Path(session.scenario_path).resolve() == RIVER.resolve()
        assert session.transcript()["scenario"]["file"] == "scenarios/river-water.yaml"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TableScreen)
        text = flat(app)
        for issue in river.issues:
            assert issue.title in text, issue.title
        assert f"Turn 1 of {river.rules.turn_limit}" in text
        # The autosave names the scenario played.
        saved = json.loads(next((Path.cwd().parent / "data").rglob("autosave.json")).read_text())
        assert saved["transcript"]["scenario"]["file"] == "scenarios/river-water.yaml"
        assert saved["scenario_text"] == RIVER.read_text(encoding="utf-8")


async def test_command_line_scenario_is_listed_and_preselected(new_app: Any) -> None:
    app = new_app(scenario_path=MINI, seed=3)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        scenarios = app.screen.query_one("#scenarios", OptionList)
        assert scenarios.option_count == SHIPPED + 1 and scenarios.highlighted == SHIPPED
        assert scenario_shown(app) == "The River Dispute"
        assert str(MINI) in about(app)
        assert roles_shown(app) == MINI_ROLES
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.session.scenario.meta.id == "mini_river"
        assert app.session.scenario_path == str(MINI)


async def test_a_scenario_that_fails_shows_its_first_problem(
    new_app: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    shutil.copy(MINI, shipped / "mini.yaml")
    (shipped / "broken.yaml").write_text("meta:\n  id: Not An Id\n", encoding="utf-8")
    monkeypatch.setattr("game.tui.catalog.scenarios_dir", lambda: shipped)
    app = new_app(scenario_path=shipped / "mini.yaml", seed=3)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await ready(pilot)
        assert scenario_shown(app) == "The River Dispute"
        await until(pilot, lambda: "cannot load" in flat(app), "the broken file is tried")
        await pilot.press("up")
        text = flat(app)
        assert "⚠ broken.yaml" in text and "cannot be loaded" in text
        assert "broken.yaml:2:" in about(app)  # its first problem, one line, where it is
        assert roles_shown(app) == []
        assert app.screen.query_one("#start", Button).disabled
        await pilot.press("enter", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NewGameScreen) and app.session is None
        # Back to a good scenario: its roles come back, and it starts.
        await pilot.press("down")
        assert roles_shown(app) == MINI_ROLES
        assert not app.screen.query_one("#start", Button).disabled
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
