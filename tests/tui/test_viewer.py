"""The replay viewer: ← → step through a handed-in game; what it shows is the game's own
turn, ledger and meters at that point; the better move of a turn arrives from the coach."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Static

from game.analysis.coach import better_move
from game.players.bots import play_bot
from game.records.session import Session
from game.records.transcript import dumps
from game.tui.viewer import ViewerApp, make_viewer
from tests.tui.conftest import MINI
from tests.tui.helpers import flat


def _transcript(tmp_path: Path, edit: bool = False) -> tuple[Path, Session]:
    session = play_bot(None, "league", 3, "greedy", MINI)
    data = session.transcript()
    if edit:
        data["score"] = 99.0
    path = tmp_path / "t.json"
    path.write_text(dumps(data), encoding="utf-8")
    return path, session


def _status(app: ViewerApp) -> str:
    return " ".join(str(app.query_one("#view-status", Static).content).split())


async def test_stepping_through_a_game(tmp_path: Path) -> None:
    path, session = _transcript(tmp_path)
    last = len(session.results)
    app = make_viewer(path, MINI, coach=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.turn == last and _status(app).startswith(f"Turn {last} of {last}")
        assert "verified ✓" in _status(app)
        await pilot.press("home")
        assert app.turn == 0 and "The start of the game" in flat(app)
        await pilot.press("right")
        await pilot.pause()
        assert app.turn == 1 and _status(app).startswith(f"Turn 1 of {last} · You proposed")
        first = session.results[0]
        text = flat(app)
        for response in first.responses:  # every answer of turn 1, its why unfolded
            assert response.reasons[0].rule in text
        # the meters as they stood after turn 1, not at the end
        meters = str(app.query_one("#meters").content)
        assert f"Credibility {session.states[1].meters['credibility']:>3}" in " ".join(
            meters.split("  "))
        await pilot.press("left", "left")
        assert app.turn == 0
        await pilot.press("end")
        assert app.turn == last
        await pilot.press("b")  # the coach, on a key
        for _ in range(200):
            if app.turn in app.advice:
                break
            await pilot.pause(0.05)
        advice = app.advice[app.turn]
        assert advice == better_move(session, last)
        box = " ".join(str(app.query_one("#view-better", Static).content).split())
        assert box.startswith("Your move, then patient play:")


async def test_an_edited_transcript_says_so(tmp_path: Path) -> None:
    path, _ = _transcript(tmp_path, edit=True)
    app = make_viewer(path, MINI, coach=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "NOT VERIFIED: score: transcript has 99.0" in _status(app)
    assert json.loads(path.read_text())["score"] == 99.0  # read-only
