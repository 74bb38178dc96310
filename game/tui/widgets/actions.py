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

from game.format import models as m
from game.tui.commands import bindings
from game.tui.text import meter_label

if TYPE_CHECKING:
    from game.format.models import Scenario


def _meter_words(scenario: Scenario, meter: str) -> str:
    """A meter's label, with an action's 'target' and 'others' as words."""
    label = meter_label(scenario, meter)
    return label.replace("target's", "the target's").replace("others's", "the others'")


def _effects(action: Any) -> list[tuple[str, float]]:
    return [(e.meter, e.delta) for e in action.effects if isinstance(e, m.MeterEffect)]


def cost_text(scenario: Scenario, action: Any) -> str:
    """What an action costs in full: its stated cost and every trust or credibility it loses
    by its own effects ("free" only when it loses nothing)."""
    costs = [(meter, -v) for meter, v in action.cost.items()]
    costs += [(meter, d) for meter, d in _effects(action)
              if d < 0 and (meter == "credibility" or meter.startswith("trust."))]
    if not costs:
        return "free"
    return ", ".join(f"{_meter_words(scenario, meter)} −{abs(v):g}" for meter, v in costs)


def effects_text(scenario: Scenario, action: Any) -> str:
    """What an action does, from its effects (for actions without a description)."""
    bits = [f"{_meter_words(scenario, meter)} {d:+g}" for meter, d in _effects(action)]
    for effect in action.effects:
        if isinstance(effect, m.RevealEffect):
            bits.append("reveals " + ", ".join(w.replace("_", " ") for w in effect.reveal.what))
    kind = action.kind.capitalize()
    return f"{kind}: " + "; ".join(bits) if bits else kind


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
        self.highlighted = self._available_near(highlighted)

    def _available_near(self, index: int | None) -> int | None:
        """The cursor's place after a change: `index` if that action is available, else the
        next available one below it, else the nearest above (None: none is available)."""
        usable = [i for i, s in enumerate(self.statuses) if s.available]
        if not usable:
            return None
        if index is None:
            return usable[0]
        return next((i for i in usable if i >= index), usable[-1])

    def on_focus(self) -> None:
        # Arriving in the bar shows where enter would act: an action possible now.
        self.highlighted = self._available_near(self.highlighted)

    def action_select(self) -> None:
        if self.highlighted is None:
            return
        option = self.get_option_at_index(self.highlighted)
        if option.disabled or option.id is None:
            self.app.bell()
            return
        self.post_message(self.Chosen(option.id))
