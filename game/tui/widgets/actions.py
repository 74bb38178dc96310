"""The action bar: the mediator's actions with cost and cooldown, greyed when unavailable.

Availability comes from `engine.available_actions(state)`; this widget only shows it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual.binding import BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from game.tui.commands import bindings
from game.tui.text import meter_label

if TYPE_CHECKING:
    from game.format.models import Scenario


def cost_text(scenario: Scenario, action: Any) -> str:
    if not action.cost:
        return "free"
    return ", ".join(f"{meter_label(scenario, m)} −{v:g}" for m, v in action.cost.items())


class ActionBar(OptionList):
    BINDINGS: ClassVar[list[BindingType]] = bindings("actions")

    class Chosen(Message):
        def __init__(self, action_id: str) -> None:
            super().__init__()
            self.action_id = action_id

    def __init__(self, scenario: Scenario, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scenario = scenario
        self.statuses: list[Any] = []

    def show_statuses(self, statuses: list[Any]) -> None:
        self.statuses = list(statuses)
        highlighted = self.highlighted
        options = []
        for status in self.statuses:
            action = status.action
            if status.available:
                state = "[b]✔ ready[/b]"
                if getattr(status, "next_factor", 1.0) < 0.999:
                    state += f" · effect ×{status.next_factor:.2f}"
                if status.uses:
                    state += f" (used {status.uses}×)"
            elif getattr(status, "cooldown_left", 0):
                state = f"⏳ cooldown {status.cooldown_left} turn(s)"
            else:
                state = "✘ " + Content(status.reason or "unavailable").markup
            target = " → target" if status.targets else ""
            prompt = Content.from_markup(
                "$title[dim]$target[/dim]\n  [dim]cost: $cost ·[/dim] " + state,
                title=action.title, target=target, cost=cost_text(self.scenario, action),
            )
            options.append(Option(prompt, id=action.id, disabled=not status.available))
        self.set_options(options)
        if highlighted is not None and highlighted < len(options):
            self.highlighted = highlighted

    def on_focus(self) -> None:
        # Arriving in the bar shows where enter would act: the first action possible now.
        if self.highlighted is None:
            self.highlighted = next(
                (i for i, s in enumerate(self.statuses) if s.available), None)

    def action_select(self) -> None:
        if self.highlighted is None:
            return
        option = self.get_option_at_index(self.highlighted)
        if option.disabled or option.id is None:
            self.app.bell()
            return
        self.post_message(self.Chosen(option.id))
