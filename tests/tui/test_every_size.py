"""The table at 80x24 and 160x50: the footer keeps the essential keys, the composer
keeps the option being set in view, the action cursor stays on an available action, Enter
asks before spending a turn, `u` cycles through the counters, a key that cannot act says
why, and a finished game continues into its debrief."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import TabbedContent

from game.tui.screens.debrief import DebriefScreen
from game.tui.screens.table import TableScreen
from game.tui.widgets.actions import ActionBar
from game.tui.widgets.composer import Composer
from tests.tui.conftest import MINI, REAL
from tests.tui.helpers import ready, screen_lines, text_in
from tests.tui.test_play import set_option, to_table

SIZES = [(80, 24), (160, 50)]


def record(app: Any) -> list[tuple[str, float | None]]:
    """Every notification the app shows, (message, timeout), kept even once it expired."""
    shown: list[tuple[str, float | None]] = []
    notify = app.notify

    def recording(message: str, *args: Any, **kwargs: Any) -> None:
        shown.append((message, kwargs.get("timeout")))
        notify(message, *args, **kwargs)

    app.notify = recording
    return shown


@pytest.mark.parametrize("size", SIZES)
async def test_keys_footer_enter_and_counters(new_app: Any, size: tuple[int, int]) -> None:
    app = new_app(scenario_path=MINI, mediator="league", seed=1)
    shown = record(app)
    async with app.run_test(size=size) as pilot:
        await to_table(pilot)
        footer = screen_lines(app)[-1]
        for key in ("s Propose", "a Actions", "w Why?", "n Pass", "b Briefing", "^q Quit",
                    "f1 Help"):
            assert key in footer
        # Keys that cannot act now say why.
        await pilot.press("D")
        await pilot.pause()
        assert shown[-1][0] == ("The debrief opens when the talks are over (this is "
                                     "turn 1 of 8).")
        await pilot.press("u")
        await pilot.pause()
        assert shown[-1][0].startswith("No counter-proposal in the latest answers")
        await pilot.press("s")
        await pilot.pause()
        assert shown[-1][0].startswith("Put at least one issue on the table first")
        # Enter in the composer asks first; a second Enter proposes.
        await set_option(pilot, "water", "equal")
        await set_option(pilot, "border", "new_line")
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.state.turn == 0
        assert shown[-1][0].startswith("Press Enter again to propose")
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.state.turn == 1
        # Both parties countered: `u` loads one, then the other, then the first again.
        counters = [r.counter for r in app.session.results[-1].responses]
        assert len(counters) == 2 and all(counters) and counters[0] != counters[1]
        composer = app.screen.query_one(Composer)
        loaded = []
        for _ in range(3):
            await pilot.press("u")
            await pilot.pause()
            loaded.append(composer.framework())
        assert loaded == [counters[0], counters[1], counters[0]]
        loads = [m for m, _ in shown if "counter-proposal (" in m]
        assert ["(1 of 2)" in loads[0], "(2 of 2)" in loads[1], "(1 of 2)" in loads[2]] == \
            [True, True, True]
        assert "u Use counter" in screen_lines(app)[-1] and "f1 Help" in screen_lines(app)[-1]
        # These notices are short-lived: they never sit for long over the log.
        mine = [t for m, t in shown if m.startswith(("The debrief", "No counter", "Put at",
                                                     "Press Enter")) or m in loads]
        assert len(mine) == 7 and all(t is not None and t <= 4 for t in mine)


@pytest.mark.parametrize("size", SIZES)
async def test_the_option_being_set_stays_in_view(new_app: Any, size: tuple[int, int]) -> None:
    app = new_app(scenario_path=REAL, mediator="turkey", seed=3)
    async with app.run_test(size=size) as pilot:
        await to_table(pilot)
        composer = app.screen.query_one(Composer)
        issue = composer.scenario.issues[-2]  # near the bottom: below the fold at 80x24
        option = issue.options[-1]
        await set_option(pilot, issue.id, option.id)
        await pilot.pause()
        await pilot.pause()
        index = composer.highlighted
        top = composer.scroll_offset.y
        first = composer._index_to_line[index]
        height = composer._heights[index]
        assert top <= first and first + height <= top + composer.scrollable_content_region.height
        drawn = text_in(app, composer)
        assert issue.title in drawn and " ".join(option.label.split()[:2]) in drawn


@pytest.mark.parametrize("size", SIZES)
async def test_action_cursor_stays_on_an_available_action(new_app: Any,
                                                          size: tuple[int, int]) -> None:
    app = new_app(scenario_path=MINI, mediator="elder", seed=1)
    async with app.run_test(size=size) as pilot:
        await to_table(pilot)
        await pilot.press("a")
        await pilot.pause()
        bar = app.screen.query_one(ActionBar)
        while bar.get_option_at_index(bar.highlighted).id != "aid_convoy":
            await pilot.press("down")
        await pilot.press("enter")  # the convoy goes on cooldown for a turn
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        bar = app.screen.query_one(ActionBar)
        status = next(s for s in bar.statuses if s.action.id == "aid_convoy")
        assert not status.available
        assert bar.highlighted is not None
        assert not bar.get_option_at_index(bar.highlighted).disabled
        chosen = bar.get_option_at_index(bar.highlighted).id
        await pilot.press("enter")
        await pilot.pause()
        if isinstance(app.screen, TableScreen):
            assert app.session.results[-1].move.to_dict()["action"] == chosen
        else:  # an action with a target asks for it first: the cursor acted
            assert app.screen.__class__.__name__ == "TargetScreen"


async def test_continuing_a_finished_game_opens_its_debrief(new_app: Any) -> None:
    app = new_app(scenario_path=MINI, mediator="league", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_table(pilot)
        while not app.session.over:
            await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one(TabbedContent)
    again = new_app(resume=True)
    async with again.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert isinstance(again.screen, DebriefScreen)
        messages = [n.message for n in again._notifications]
        assert not any("Resumed" in x for x in messages)
        assert messages == ["Your last game is over: here is its debrief (ctrl+n for a new "
                            "game)."]


def test_a_cut_label_ends_with_an_ellipsis() -> None:
    from game.tui.text import clip

    assert clip("Government→FARC-EP", 17) == "Government→FARC-…"
    assert clip("Ukraine→you", 17) == "Ukraine→you"
    assert len(clip("x" * 40, 17)) == 17
