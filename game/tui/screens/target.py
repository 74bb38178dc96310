"""Choose the target party of a targeted action."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from game.tui.commands import bindings


class TargetScreen(ModalScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings("target")

    def __init__(self, title: str, targets: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.targets = targets

    def compose(self) -> ComposeResult:
        with Vertical(id="target-box"):
            yield Label(f"{self.title_text}: on whom?", id="target-title")
            yield OptionList(*[Option(name, id=pid) for pid, name in self.targets],
                             id="targets")

    def on_mount(self) -> None:
        self.query_one("#targets", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
