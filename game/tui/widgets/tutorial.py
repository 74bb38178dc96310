"""The tutorial overlay: a few steps that explain the table during a first game."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.widgets import Static


@dataclass(frozen=True)
class Step:
    title: str
    text: str
    focus: str | None = None  # id of the widget the step is about
    advance_on: str | None = None  # an event name that moves on by itself
    shows_hint: bool = False  # append the opening hint (a proposal both sides accept now)


STEPS: tuple[Step, ...] = (
    Step("The table",
         "Top left: each party's trust in you, your credibility, progress and humanitarian "
         "gains. ▲/▼ is the last change; the sparkline is the trend.", "meters"),
    Step("The framework composer",
         "↑/↓ pick an issue, ←/→ pick an option, [b]p[/b] the phase, [b]d[/b] defer, "
         "[b]x[/b] remove. Only issues you set go on the table.", "composer"),
    Step("A first proposal",
         "Comprehensive deals fail at first: start small. Put one or two terms on the table "
         "and press [b]s[/b] to propose.", "composer", "proposed", shows_hint=True),
    Step("Why did they answer that?",
         "Each party accepts, counters, rejects, stays silent or walks out, by rules. "
         "Press [b]w[/b] to see the rules and the cited positions behind each answer.",
         "responses", "why"),
    Step("Your tools",
         "Press [b]a[/b] for actions: dialogue, consultation, pressure, aid. Each has a cost "
         "and a cooldown, and repeats do less. Consulting a party reveals its hidden limits.",
         "actions", "acted"),
    Step("Read the ledger",
         "The Ledger tab lists every meter change and its cause. The game ends at the turn "
         "limit, on a walk-out or a settlement; the debrief then reveals everything. "
         "F1 for help any time.", "tabs"),
)


class TutorialPanel(Static):
    """Shows one step; the table screen moves it on."""

    def __init__(self, hint: str = "", **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.index = 0
        self.hint = hint

    @property
    def step(self) -> Step:
        return STEPS[self.index]

    @property
    def finished(self) -> bool:
        return self.index >= len(STEPS)

    def on_mount(self) -> None:
        self.show_step()

    def show_step(self) -> None:
        if self.finished:
            self.display = False
            return
        step = self.step
        self.border_title = f"Tutorial {self.index + 1}/{len(STEPS)}: {step.title}"
        self.border_subtitle = "t: next · esc: close" if self.index < len(STEPS) - 1 else "t: done"
        text = Content.from_markup(step.text)
        if step.shows_hint and self.hint:
            text = text + Content.from_markup("\n[b]Tip:[/b] $hint", hint=self.hint)
        self.update(text)

    def next(self) -> None:
        self.index += 1
        self.show_step()

    def close(self) -> None:
        self.index = len(STEPS)
        self.show_step()

    def happened(self, name: str) -> None:
        """Something happened on the table: move on if the step was waiting for it."""
        if not self.finished and self.step.advance_on == name:
            self.next()
