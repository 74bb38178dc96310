"""SVG snapshots of every screen at a fixed size, theme fixed, cursor blink frozen.

They use the small fixture scenario (its text does not change with the shipped scenario's
tuning) and are skipped under any Textual other than the pinned one, since rendering changes
between releases. Update with `pytest tests/tui --snapshot-update`.
"""

from __future__ import annotations

import shutil
from typing import Any

import pytest
import textual
from syrupy.extensions.image import SVGImageSnapshotExtension

from game.resources import scenarios_dir
from tests.tui.conftest import MINI
from tests.tui.helpers import ready
from tests.tui.test_play import set_option, until

PINNED_TEXTUAL = "8.2.8"
SIZE = (100, 30)

pytestmark = pytest.mark.skipif(
    textual.__version__ != PINNED_TEXTUAL,
    reason=f"snapshots are recorded with textual {PINNED_TEXTUAL}",
)


@pytest.fixture
def svg(snapshot: Any) -> Any:
    return snapshot.use_extension(SVGImageSnapshotExtension)


async def shot(pilot: Any) -> str:
    await pilot.pause()
    await pilot.wait_for_animation()
    return str(pilot.app.export_screenshot())


async def test_new_game_screen(new_app: Any, svg: Any) -> None:
    # A scenario of the user's, named relative to the working directory as typed (an
    # absolute path would tie the snapshot to where the repository is checked out).
    shutil.copy(MINI, "mini.yaml")
    app = new_app(scenario_path="mini.yaml", seed=1234)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        shipped = len(list(scenarios_dir().glob("*.yaml")))
        await until(pilot, lambda: len(app.catalog) == shipped + 1, "every scenario loaded")
        assert await shot(pilot) == svg


async def test_briefing_screen(new_app: Any, svg: Any) -> None:
    app = new_app(scenario_path=MINI, mediator="league", seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert await shot(pilot) == svg


async def test_table_with_reasons(new_app: Any, svg: Any) -> None:
    app = new_app(scenario_path=MINI, mediator="league", seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await set_option(pilot, "ceasefire", "monitored")
        await set_option(pilot, "water", "equal")
        await set_option(pilot, "border", "old_line")
        await pilot.press("s")
        await pilot.press("w")
        assert await shot(pilot) == svg


async def test_table_at_80x24(new_app: Any, svg: Any) -> None:
    app = new_app(scenario_path=MINI, mediator="elder", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await set_option(pilot, "ceasefire", "monitored")
        await pilot.press("s")
        assert await shot(pilot) == svg


async def test_table_tall(new_app: Any, svg: Any) -> None:
    """A tall terminal keeps the stacked layout: the action bar under the response log."""
    app = new_app(scenario_path=MINI, mediator="league", seed=1)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await set_option(pilot, "ceasefire", "monitored")
        await set_option(pilot, "water", "north_more")
        await pilot.press("s", "w")
        assert await shot(pilot) == svg


async def test_actions_tab_at_80x24(new_app: Any, svg: Any) -> None:
    app = new_app(scenario_path=MINI, mediator="elder", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("enter", "a", "down")
        assert await shot(pilot) == svg


async def test_target_picker(new_app: Any, svg: Any) -> None:
    app = new_app(scenario_path=MINI, mediator="league", seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("enter", "a", "down", "down", "enter")
        assert await shot(pilot) == svg


async def test_tutorial_overlay(new_app: Any, svg: Any) -> None:
    app = new_app(scenario_path=MINI, mediator="league", seed=1, tutorial=True)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("enter", "t")
        assert await shot(pilot) == svg


async def test_help_screen(new_app: Any, svg: Any) -> None:
    app = new_app(scenario_path=MINI, mediator="league", seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("enter", "f1")
        assert await shot(pilot) == svg


async def test_debrief_screen(new_app: Any, svg: Any) -> None:
    app = new_app(scenario_path=MINI, mediator="league", seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await set_option(pilot, "ceasefire", "monitored")
        await pilot.press("s")
        for _ in range(app.session.scenario.rules.turn_limit):
            await pilot.press("n")
        await pilot.press("D")
        assert await shot(pilot) == svg
