"""A class game in the TUI: the class's instructions before the briefing, the reflection
questions when the game ends, then the hand-in of the transcript to the class folder.

`ClassPlay` rides on the app (`app.classroom`); the app asks it, through `gate`, which
screen to show instead of the one it was about to show.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Label, Static, TextArea

from game.records.classroom import ClassRecord, hand_in
from game.tui.base import GameScreen, app_of
from game.tui.commands import bindings
from game.tui.widgets.markdown import MarkdownText

if TYPE_CHECKING:
    from game.format.classfile import ClassSetup
    from game.format.models import Scenario
    from game.records.session import Session
    from game.tui.app import MediatorApp


@dataclass
class ClassPlay:
    """One student's game of a class: what to start, and how far the class steps got."""

    setup: ClassSetup
    student: str
    instructions_shown: bool = False
    handed_in: Path | None = None

    def new_session(self, scenario: Scenario | None = None) -> Session:
        """The class's game: its scenario, role, seed and turn limit, with the student."""
        from game.records.session import Session

        setup = self.setup
        return Session.new(setup.scenario_path, setup.mediator, setup.seed,
                           scenario=scenario if scenario is not None else setup.scenario,
                           turn_limit=setup.turn_limit,
                           class_record=ClassRecord(setup.title, self.student))

    def gate(self, app: MediatorApp, screen: Screen[Any]) -> Screen[Any]:
        """The screen to show instead of `screen`: the instructions before the first
        briefing, the reflection (or the hand-in) before the debrief."""
        from game.tui.screens.briefing import BriefingScreen
        from game.tui.screens.debrief import DebriefScreen

        if isinstance(screen, BriefingScreen) and not self.instructions_shown:
            return InstructionsScreen(screen)
        session = app.session
        if (isinstance(screen, DebriefScreen) and self.handed_in is None and session is not None
                and session.class_record is not None):
            if self.setup.questions:
                return ReflectionScreen(screen)
            self.submit(app, [])
        return screen

    def submit(self, app: MediatorApp, answers: list[str]) -> bool:
        """Record the answers and hand the game in; False (and a notice) if it failed."""
        session = app.session
        if session is None or session.class_record is None:
            return False
        session.class_record = session.class_record.answered(self.setup.questions, answers)
        try:
            self.handed_in = hand_in(session, self.setup.handin_dir)
        except OSError as exc:
            app.notify(f"Could not hand in your game: {exc}", title="Hand-in failed",
                       severity="error", timeout=10)
            return False
        app.autosave()
        app.notify(f"Your game was handed in as {self.handed_in.name}.", title="Handed in",
                   timeout=10)
        return True


class InstructionsScreen(GameScreen[None]):
    """The class's title and instructions, shown before the briefing."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("class_instructions")
    DEFAULT_CSS = """
    #class-instructions { padding: 1 2; }
    #class-start { margin: 1 0; }
    """

    def __init__(self, next_screen: Screen[Any]) -> None:
        super().__init__()
        self.next_screen = next_screen

    def compose(self) -> ComposeResult:
        play = _play(self)
        setup = play.setup
        limit = setup.turn_limit or self.session.scenario.rules.turn_limit
        text = (f"# {setup.title}\n\n{setup.instructions.strip()}\n\n"
                f"*Student: **{play.student}**. Role: "
                f"{self.session.scenario.mediator(setup.mediator).name}, seed {setup.seed}, "
                f"at most {limit} turns.*")
        if setup.questions:
            text += (f"\n\nWhen the talks end you will answer {len(setup.questions)} "
                     "reflection question(s); your game is then handed in.")
        yield Header()
        with VerticalScroll(id="class-instructions"):
            yield MarkdownText(text, id="class-text")
            yield Button("To the briefing ▶", id="class-start", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"Class — {_play(self).setup.title}"
        self.query_one("#class-start", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "class-start":
            self.action_start()

    def action_start(self) -> None:
        _play(self).instructions_shown = True
        self.game_app._show(self.next_screen)


class ReflectionScreen(GameScreen[None]):
    """The class's reflection questions, one text area each; submitting hands the game in."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("reflection")
    DEFAULT_CSS = """
    #reflection { padding: 1 2; }
    #reflection TextArea { height: 6; margin-bottom: 1; }
    #reflection .question { margin-top: 1; text-style: bold; }
    """

    def __init__(self, next_screen: Screen[Any]) -> None:
        super().__init__()
        self.next_screen = next_screen

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="reflection"):
            yield Static("The talks are over. Before the debrief, answer these questions; "
                         "your answers are handed in with your game.", id="reflection-intro")
            for n, question in enumerate(_play(self).setup.questions, start=1):
                yield Label(f"{n}. {question}", classes="question")
                yield TextArea(id=f"answer-{n}", soft_wrap=True)
            yield Button("Hand in (ctrl+s)", id="hand-in", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Reflection"
        areas = self.query(TextArea)
        if areas:
            areas.first().focus()

    def answers(self) -> list[str]:
        return [area.text for area in self.query(TextArea)]

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "hand-in":
            self.action_hand_in()

    def action_hand_in(self) -> None:
        if _play(self).submit(self.game_app, self.answers()):
            self.game_app._show(self.next_screen)


def _play(screen: GameScreen[Any]) -> ClassPlay:
    play = app_of(screen).classroom
    if play is None:
        raise RuntimeError("not a class game")
    return play
