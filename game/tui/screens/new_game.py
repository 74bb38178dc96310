"""New game: the scenario, a mediator role (standing and tools shown), the seed, the
tutorial option, and "continue" when a save exists."""

from __future__ import annotations

import random
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Footer, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from game.tui import saves
from game.tui.screens.splash import title_art
from game.tui.text import party_name


class NewGameScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "start", "Start", id="start",
                tooltip="Start a new game with this role and seed"),
        Binding("ctrl+o", "continue_game", "Continue", id="continue",
                tooltip="Continue the autosaved game"),
        Binding("ctrl+r", "reroll", "New seed", id="reroll", tooltip="Pick another random seed"),
        Binding("ctrl+t", "toggle_tutorial", "Tutorial", id="tutorial",
                tooltip="Switch the guided tutorial on or off"),
    ]

    def compose(self) -> ComposeResult:
        app: Any = self.app
        scenario = app.scenario
        yield Header()
        with VerticalScroll(id="new-game"):
            yield Static(title_art(), id="title-art")
            yield Static(Content.from_markup("[b]$t[/b] — $s", t=scenario.meta.title,
                                             s=scenario.meta.summary), id="scenario-summary")
            with Horizontal(id="role-row"):
                roles = OptionList(
                    *[Option(m.name, id=m.id) for m in scenario.mediators], id="roles"
                )
                roles.border_title = "Your role"
                yield roles
                detail = Static(id="role-detail")
                detail.border_title = "Standing and tools"
                yield detail
            with Horizontal(id="seed-row"):
                yield Label("Seed", id="seed-label")
                seed = app.start_seed if app.start_seed is not None else random.randrange(1, 10**6)
                yield Input(str(seed), id="seed", type="integer",
                            tooltip="Same scenario + same seed + same moves = the same game")
                yield Checkbox("Guided tutorial", value=bool(app.tutorial), id="tutorial-check")
            with Horizontal(id="start-row"):
                yield Button("Start ▶", id="start", variant="primary")
                yield Button("Continue saved game", id="continue",
                             disabled=not saves.has_autosave(app.save_dir))
                yield Button("Help (F1)", id="help")
        yield Footer()

    def on_mount(self) -> None:
        roles = self.query_one("#roles", OptionList)
        app: Any = self.app
        ids = [m.id for m in app.scenario.mediators]
        roles.highlighted = ids.index(app.start_mediator) if app.start_mediator in ids else 0
        roles.focus()
        self._describe(ids[roles.highlighted or 0])

    def on_resize(self) -> None:
        # In a short terminal the title art gives way to the choices.
        self.set_class(self.size.height < 32, "short")

    def _describe(self, mediator_id: str) -> None:
        app: Any = self.app
        scenario = app.scenario
        mediator = scenario.mediator(mediator_id)
        standing = " · ".join(f"{party_name(scenario, p)} {v:g}"
                              for p, v in mediator.standing.items())
        tools = ", ".join(scenario.action(a).title for a in mediator.actions)
        self.query_one("#role-detail", Static).update(Content.from_markup(
            "[b]$name[/b]\n$desc\n[b]Trust in you:[/b] $standing\n"
            "[b]Credibility:[/b] $cred\n[b]Tools:[/b] $tools",
            name=mediator.name, desc=mediator.description, standing=standing,
            cred=f"{mediator.credibility:g}", tools=tools,
        ))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self._describe(event.option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_start()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_start()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_start()
        elif event.button.id == "continue":
            self.action_continue_game()
        elif event.button.id == "help":
            self.app.action_help()  # type: ignore[attr-defined]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "continue_game":
            app: Any = self.app
            return True if saves.has_autosave(app.save_dir) else None
        return True

    def action_start(self) -> None:
        seed_text = self.query_one("#seed", Input).value.strip()
        try:
            seed = int(seed_text)
        except ValueError:
            self.notify("The seed must be a whole number.", severity="error")
            self.query_one("#seed", Input).focus()
            return
        roles = self.query_one("#roles", OptionList)
        option = roles.get_option_at_index(roles.highlighted or 0)
        tutorial = self.query_one("#tutorial-check", Checkbox).value
        app: Any = self.app
        app.start_game(option.id, seed, tutorial=tutorial)

    def action_continue_game(self) -> None:
        app: Any = self.app
        session, problem = saves.load_autosave(app.save_dir)
        if session is None:
            self.notify(problem or "No saved game.", severity="warning", timeout=8)
            self.query_one("#continue", Button).disabled = True
            self.refresh_bindings()
            return
        app.session = session
        app.show_game_screen()

    def action_reroll(self) -> None:
        self.query_one("#seed", Input).value = str(random.randrange(1, 10**6))

    def action_toggle_tutorial(self) -> None:
        box = self.query_one("#tutorial-check", Checkbox)
        box.value = not box.value
