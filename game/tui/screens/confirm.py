"""Ask before a new game replaces the game in progress (its autosave)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from game.tui.commands import bindings


class ReplaceGameScreen(ModalScreen[bool]):
    """True: start the new game over the saved one; False: keep it."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("replace_game")

    def __init__(self, in_progress: str) -> None:
        super().__init__()
        self.in_progress = in_progress

    def compose(self) -> ComposeResult:
        with Vertical(id="replace-box"):
            yield Label("Replace the game in progress?", id="replace-title")
            yield Label(Content(f"{self.in_progress}. A new game takes its place in the "
                                "autosave; it cannot be continued afterwards."),
                        id="replace-text")
            with Horizontal(id="replace-buttons"):
                yield Button("Keep it", id="keep", variant="primary")
                yield Button("Start the new game", id="replace", variant="error")

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "replace")

    def action_keep(self) -> None:
        self.dismiss(False)
