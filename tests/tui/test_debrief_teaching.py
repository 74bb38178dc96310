"""The debrief teaches: three lessons at once, then the turn-by-turn search (a line per turn
and the decided turn) from a worker thread, in the exports too; nothing covers it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Static

from game.tui.screens.debrief import DebriefScreen
from tests.tui.conftest import MINI
from tests.tui.test_play import set_option, to_table, until


async def test_debrief_lessons_and_a_counterfactual_line_per_turn(new_app: Any) -> None:
    app = new_app(scenario_path=MINI, mediator="league", seed=1, analysis=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_table(pilot)
        await set_option(pilot, "border", "old_line")  # North's hard red line
        await pilot.press("s")
        while not app.session.over:
            await pilot.press("n")
        await pilot.pause()
        await pilot.press("D")
        await until(pilot, lambda: isinstance(app.screen, DebriefScreen), "the debrief")
        screen = app.screen
        assert not app._notifications  # the table's "game over" toast is gone
        lessons = str(screen.query_one("#lessons", Static).content)
        assert lessons.startswith("1. (turn 1) Your proposals crossed North Valley's hard red "
                                  "lines on turn 1")
        assert lessons.count("(turn ") == 3
        turns = screen.query_one("#counterfactual", Static)
        await until(pilot, lambda: screen.counterfactual is not None, "the search")
        await pilot.pause()
        text = str(turns.content)
        n = app.session.state.turn
        assert [line[1:4].strip() for line in text.splitlines()[1:]] == \
            [f"{t}." for t in range(1, n + 1)]
        assert "you: propose Border: Old line" in text and "Best found:" in text
        cf = screen.counterfactual
        assert cf is not None and cf.complete
        first = text.splitlines()[0]
        assert first.startswith("The outcome was decided on turn") or \
            first.startswith("From none of your turns")
        # The export carries the same lines.
        await pilot.press("m")
        await pilot.pause()
        exported = next(Path.cwd().glob("*.md")).read_text(encoding="utf-8").replace("\\", "")
        assert "## Debrief" in exported and "### Three lessons" in exported
        assert "Turn 1: you: propose Border: Old line" in exported
        status = str(screen.query_one("#export-status", Static).content)
        assert status.startswith("✔ Wrote ") and status.endswith(".md")
        assert all(n.timeout <= 3 for n in app._notifications)  # short: it covers the corner
