"""The parties deliberate off the UI thread: the table says so, refuses another move meanwhile,
and ctrl+q quits at once, however long the engine step takes.

The engine step is held on a threading.Event (no clock): while it is held, the test does not
call `pilot.pause()`, which would wait for the parties' answer like any pending message.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any

import pytest
from textual.widgets import Static

from game.engine import game as engine
from game.engine.moves import Propose
from game.tui.screens.new_game import NewGameScreen
from game.tui.screens.table import TableScreen
from tests.tui.conftest import MINI
from tests.tui.helpers import flat
from tests.tui.test_play import set_option, to_table


class Held:
    """engine.apply held until released; `started` once a step is with the parties."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.started = threading.Event()
        self.release = threading.Event()
        original = engine.apply

        def held(state: Any, move: Any) -> Any:
            self.started.set()
            self.release.wait()
            return original(state, move)

        monkeypatch.setattr(engine, "apply", held)


async def soon(condition: Callable[[], bool], what: str) -> None:
    """Let the event loop run (not Pilot's pause) until `condition` holds."""
    for _ in range(2000):
        if condition():
            return
        await asyncio.sleep(0.005)
    raise AssertionError(f"never happened: {what}")


def toasts(app: Any) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications]


async def test_the_table_waits_for_the_parties_without_freezing(
        new_app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    held = Held(monkeypatch)
    app = new_app(scenario_path=MINI, mediator="league", seed=1)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        try:
            await to_table(pilot)
            await set_option(pilot, "ceasefire", "monitored")
            screen = app.screen
            assert isinstance(screen, TableScreen)
            await screen.action_propose()
            await soon(held.started.is_set, "the engine step started")
            # The screen is redrawn meanwhile, and says why nothing has happened yet.
            await soon(lambda: "the parties are deliberating…" in flat(app), "the notice drawn")
            status = str(screen.query_one("#status", Static).content)
            assert status == "Turn 1 · the parties are deliberating…"
            assert screen.check_action("propose", ()) is False
            assert screen.check_action("pass_turn", ()) is False
            await screen.action_pass_turn()
            await soon(lambda: "Not now: The parties are still deliberating on your last move."
                       in toasts(app), "the refusal shown")
            assert app.session.results == []
            held.release.set()
            await pilot.pause()  # now the answer is in
            assert len(app.session.results) == 1
            move = app.session.results[0].move
            assert isinstance(move, Propose)
            assert [(t.issue, t.option) for t in move.framework.terms] == [
                ("ceasefire", "monitored")]
            assert not screen.deliberating
            assert str(screen.query_one("#status", Static).content).startswith("Turn 2 of ")
        finally:
            held.release.set()


async def test_ctrl_q_quits_while_the_parties_deliberate(
        new_app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    held = Held(monkeypatch)
    app = new_app(scenario_path=MINI, mediator="league", seed=1)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await to_table(pilot)
            await set_option(pilot, "ceasefire", "monitored")
            await app.screen.action_propose()
            await soon(held.started.is_set, "the engine step started")
            await pilot.press("ctrl+q")
            await soon(lambda: app.return_code is not None, "the app quit")
        assert app.return_code == 0 and not app.is_running
        assert not held.release.is_set()  # the step never finished: quitting did not wait
        assert app.session is not None and app.session.results == []
    finally:
        held.release.set()


async def test_an_engine_failure_is_a_notice_and_the_game_goes_on(
        new_app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(state: Any, move: Any) -> Any:
        raise ArithmeticError("a value out of range")

    monkeypatch.setattr(engine, "apply", broken)
    app = new_app(scenario_path=MINI, mediator="league", seed=1)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await to_table(pilot)
        await set_option(pilot, "ceasefire", "monitored")
        await pilot.press("s")
        assert ("Not played: The engine failed on this move: a value out of range"
                in toasts(app))
        assert app.session.results == []
        screen = app.screen
        assert isinstance(screen, TableScreen) and not screen.deliberating
        assert screen.check_action("propose", ()) is True


async def test_a_new_game_while_the_parties_deliberate_drops_the_move(
        new_app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    held = Held(monkeypatch)
    app = new_app(scenario_path=MINI, mediator="league", seed=1)
    async with app.run_test(size=(120, 40)) as pilot:
        try:
            await to_table(pilot)
            await set_option(pilot, "ceasefire", "monitored")
            old = app.session
            await app.screen.action_propose()
            await soon(held.started.is_set, "the engine step started")
            app.new_game()  # the palette's New game
            await pilot.pause()  # returns: leaving the table abandons the wait
            assert isinstance(app.screen, NewGameScreen)
            assert app.session is None and old is not None and old.results == []
        finally:
            held.release.set()
