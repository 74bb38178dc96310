"""A class game played through the keys: instructions first, the turn limit applied, the
reflection questions at the end, the transcript handed in (verified, with the answers)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from textual.widgets import TextArea

from game.format.classfile import load_class
from game.records.verify import verify
from game.tui.screens.briefing import BriefingScreen
from game.tui.screens.classroom import ClassPlay, InstructionsScreen, ReflectionScreen
from game.tui.screens.debrief import DebriefScreen
from game.tui.screens.table import TableScreen
from tests.tui.conftest import MINI
from tests.tui.helpers import flat, ready


def _class_file(tmp_path: Path, questions: str) -> Path:
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "mini.yaml").write_bytes(MINI.read_bytes())
    path = folder / "class.yaml"
    path.write_text("title: Valley week 2\ninstructions: Keep both towns talking.\n"
                    "scenario: mini.yaml\nmediator: league\nseed: 4\nturn_limit: 2\n"
                    f"{questions}", encoding="utf-8")
    return path


async def _play_to_the_end(pilot: Any) -> None:
    await ready(pilot)
    assert isinstance(pilot.app.screen, InstructionsScreen)
    text = flat(pilot.app)
    assert "Valley week 2" in text and "Keep both towns talking." in text
    assert "Student: Ann Lee" in text and "at most 2 turns" in text
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, BriefingScreen)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, TableScreen)
    for _ in range(2):  # the class's turn limit (2), not the scenario's (8)
        await pilot.press("n")
        await pilot.pause()
    assert pilot.app.session.over and pilot.app.session.state.turn == 2
    await pilot.press("D")
    await pilot.pause()


async def test_a_class_game_is_handed_in_with_the_answers(new_app: Any, tmp_path: Path
                                                          ) -> None:
    path = _class_file(tmp_path, "questions:\n  - What worked?\n  - What next?\n")
    app = new_app(classroom=ClassPlay(load_class(path), "Ann Lee"))
    async with app.run_test(size=(100, 36)) as pilot:
        await _play_to_the_end(pilot)
        assert isinstance(app.screen, ReflectionScreen)
        assert "1. What worked?" in flat(app) and "2. What next?" in flat(app)
        areas = list(app.screen.query(TextArea))
        assert len(areas) == 2 and areas[0].has_focus
        await pilot.press(*"Talks")
        areas[1].focus()
        await pilot.press(*"Guarantees")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
    handed = list((path.parent / "handin").iterdir())
    assert len(handed) == 1 and handed[0].name.startswith("Ann-Lee-")
    data = json.loads(handed[0].read_text(encoding="utf-8"))
    assert data["class"] == {"title": "Valley week 2", "student": "Ann Lee", "reflection": [
        {"question": "What worked?", "answer": "Talks"},
        {"question": "What next?", "answer": "Guarantees"}]}
    assert data["turn_limit"] == 2 and data["seed"] == 4 and data["mediator"] == "league"
    assert verify(data, path.parent / "mini.yaml").ok  # recorded by its name alone


async def test_without_questions_the_game_is_handed_in_at_the_end(new_app: Any,
                                                                  tmp_path: Path) -> None:
    path = _class_file(tmp_path, "handin: ../inbox\n")
    app = new_app(classroom=ClassPlay(load_class(path), "Ann Lee"))
    async with app.run_test(size=(100, 36)) as pilot:
        await _play_to_the_end(pilot)
        assert isinstance(app.screen, DebriefScreen)
    handed = list((tmp_path / "inbox").iterdir())
    assert len(handed) == 1
    data = json.loads(handed[0].read_text(encoding="utf-8"))
    assert data["class"]["reflection"] == [] and verify(data, path.parent / "mini.yaml").ok
