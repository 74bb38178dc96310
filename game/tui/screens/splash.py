"""The first frame: the title while the engine and the scenario load in a thread.

Imports nothing but Textual, so that it can be drawn within a fraction of a second.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Static

from game.resources import assets_dir


def title_art() -> str:
    try:
        return (assets_dir() / "title.txt").read_text(encoding="utf-8").rstrip("\n")
    except OSError:
        return "MEDIATOR"


class SplashScreen(Screen[None]):
    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Static(title_art(), id="splash-title")
        with Center():
            yield Static("Setting the table…", id="splash-note")
