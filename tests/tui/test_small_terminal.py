"""The table at 80x24: the actions become a tab beside the response log (so the log, and an
opened "why?", keep the whole column); tall terminals keep the action bar under the log."""

from __future__ import annotations

from typing import Any

from textual.widgets import TabbedContent

from game.engine.explain import explain
from game.tui.screens.table import TableScreen
from game.tui.screens.target import TargetScreen
from game.tui.widgets.actions import ActionBar
from game.tui.widgets.composer import Composer
from game.tui.widgets.responses import ResponseLog
from tests.tui.conftest import MINI
from tests.tui.helpers import flat, ready, text_in
from tests.tui.test_play import set_option, to_table


def visible(app: Any, widget: Any) -> bool:
    """Is the widget drawn, and is its whole region on screen?"""
    region = widget.region
    return bool(widget.display and region.height and app.screen.region.contains_region(region))


def tab_labels(app: Any) -> str:
    """The labels of the tabs of the right-hand column, as drawn."""
    return text_in(app, app.screen.query_one("#tabs ContentTabs"), rows=1)


async def test_actions_tab_at_80x24(new_app: Any) -> None:
    app = new_app(scenario_path=MINI, mediator="league", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_table(pilot)
        screen = app.screen
        tabs = screen.query_one(TabbedContent)
        bar = screen.query_one(ActionBar)
        assert screen.has_class("short")
        assert bar.parent is screen.query_one("#actions-pane")
        assert tab_labels(app) == "Responses Ledger Events Actions" and not visible(app, bar)
        # `a` opens the Actions tab and focuses the bar there.
        await pilot.press("a")
        await pilot.pause()
        bar = screen.query_one(ActionBar)
        assert tabs.active == "actions-pane" and bar.has_focus and visible(app, bar)
        assert "Facilitate dialogue" in flat(app) and "Consult a party" in flat(app)
        # An action with a target: pick it, choose the party.
        while bar.get_option_at_index(bar.highlighted).id != "consult":
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TargetScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TableScreen)
        # Back on the responses, which show what the action did; the composer has the keys.
        assert tabs.active == "responses"
        assert app.session.state.turn == 1
        log = screen.query_one(ResponseLog)
        assert "You used: Consult a party → North Valley" in text_in(app, log)
        assert screen.query_one(Composer).has_focus
        # A proposal, then "why?": the reasons are on screen, not below the fold.
        await set_option(pilot, "ceasefire", "monitored")
        await set_option(pilot, "water", "north_more")
        await pilot.press("s", "w")
        await pilot.pause()
        first_why = next(iter(log.query(".why.latest")))
        assert not first_why.collapsed
        # The first answer's reasons are drawn inside the log, not below its fold.
        first = app.session.results[-1].responses[0]
        shown = text_in(app, log)
        assert "▼ why?" in shown and "•" in shown
        answer = explain(app.session.states[-2], first, app.session.results[-1].move.framework)
        assert " ".join(answer.details[0].split()[:4]) in shown


async def test_layout_follows_the_terminal_height(new_app: Any) -> None:
    app = new_app(scenario_path=MINI, mediator="league", seed=1)
    async with app.run_test(size=(160, 50)) as pilot:
        await to_table(pilot)
        screen = app.screen
        tabs = screen.query_one(TabbedContent)
        # Tall: today's stacked layout, the bar under the tabs, no Actions tab.
        assert not screen.has_class("short")
        assert screen.query_one(ActionBar).parent is screen.query_one("#right")
        assert "Actions (a, enter)" in flat(app)
        assert tab_labels(app) == "Responses Ledger Events"
        await pilot.press("a")
        assert screen.query_one(ActionBar).has_focus and tabs.active == "responses"
        # Shrink: the bar moves into its tab and keeps the focus (the tab opens).
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        bar = screen.query_one(ActionBar)
        assert screen.has_class("short") and bar.parent is screen.query_one("#actions-pane")
        assert tab_labels(app) == "Responses Ledger Events Actions"
        assert bar.has_focus and tabs.active == "actions-pane" and visible(app, bar)
        assert len(screen.query(ActionBar)) == 1
        # Grow again: back under the tabs; the Actions tab goes away.
        await pilot.resize_terminal(160, 50)
        await pilot.pause()
        assert not screen.has_class("short") and tabs.active == "responses"
        assert tab_labels(app) == "Responses Ledger Events"
        assert screen.query_one(ActionBar).parent is screen.query_one("#right")
        await pilot.press("n")
        await pilot.pause()
        assert app.session.state.turn == 1


async def test_markup_in_names_is_shown_as_written(new_app: Any, tmp_path: Any) -> None:
    """Issue 14: `[/]` or `[bold]` in a party's or mediator's name is text, not Textual
    markup (it crashed the TUI): the briefing and the table show it as written."""
    text = MINI.read_text(encoding="utf-8")
    assert text.count("name: North Valley") == 1 and text.count("name: Valley League envoy") == 1
    text = text.replace("name: North Valley", 'name: "North [/] [bold]Valley"')
    text = text.replace("name: Valley League envoy", 'name: "Envoy [red]of[/red] [/]"')
    path = tmp_path / "markup.yaml"
    path.write_text(text, encoding="utf-8")
    app = new_app(scenario_path=path, mediator="league", seed=1)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        briefing = flat(app)
        assert "North [/] [bold]Valley" in briefing, briefing
        assert "Envoy [red]of[/red] [/]" in briefing, briefing
        await to_table(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert app.is_running and app.session.state.turn == 0
