"""Fixtures of the TUI tests: an isolated save directory, a fixed theme, no cursor blink."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from game.resources import default_scenario_path
from game.tui.app import MediatorApp, make_app

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini.yaml"
REAL = default_scenario_path()


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """Saves go to a temporary directory; exports to a temporary working directory."""
    data = tmp_path / "data"
    monkeypatch.setenv("MEDIATOR_DATA_DIR", str(data))
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    # A blinking cursor would make screenshots depend on timing: keep it still.
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    yield data


@pytest.fixture
def new_app() -> Any:
    """make_app with the theme fixed (snapshots must not depend on the user's theme)."""

    def factory(analysis: bool = False, **kwargs: Any) -> MediatorApp:
        app = make_app(**kwargs)
        app.theme = "textual-dark"
        app.analysis_enabled = analysis  # seconds of search: only where a test asks for it
        return app

    return factory
