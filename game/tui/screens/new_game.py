"""New game: the scenario (title and summary), a mediator role (standing and tools shown),
the seed, the tutorial option, and "continue" when a save exists.

The scenarios offered are the shipped ones plus the file named on the command line; those not
loaded yet load in a worker thread, and one that fails shows its first problem instead of
its roles.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Checkbox, Footer, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from game.tui import saves
from game.tui.base import GameScreen
from game.tui.catalog import ScenarioEntry, key_of, load_entry, scenario_paths
from game.tui.commands import bindings
from game.tui.screens.splash import title_art
from game.tui.text import party_name


class NewGameScreen(GameScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings("new_game")

    paths: list[Path]
    selected: int = 0  # index of the highlighted scenario in `paths`

    # ----------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        app = self.game_app
        self.paths = scenario_paths(app.scenario_path)
        chosen = key_of(app.scenario_path)
        self.selected = next(i for i, p in enumerate(self.paths) if key_of(p) == chosen)
        yield Header()
        with VerticalScroll(id="new-game"):
            yield Static(title_art(), id="title-art")
            with Horizontal(id="choices"):
                with Vertical(id="choice-lists"):
                    scenarios = OptionList(
                        *[Option(self._scenario_prompt(self.entry(i)), id=str(i))
                          for i in range(len(self.paths))], id="scenarios")
                    scenarios.border_title = "Scenario"
                    scenarios.highlighted = self.selected
                    yield scenarios
                    roles = OptionList(id="roles")
                    roles.border_title = "Your role"
                    yield roles
                    with Horizontal(id="seed-row"):
                        yield Label("Seed", id="seed-label")
                        seed = (app.start_seed if app.start_seed is not None
                                else random.randrange(1, 10**6))
                        yield Input(str(seed), id="seed", type="integer", tooltip=(
                            "Same scenario + same seed + same moves = the same game"))
                    yield Checkbox("Guided tutorial", value=bool(app.tutorial),
                                   id="tutorial-check")
                with Vertical(id="choice-details"):
                    about = Static(id="scenario-detail")
                    about.border_title = "About it"
                    yield about
                    detail = Static(id="role-detail")
                    detail.border_title = "Standing and tools"
                    yield detail
            with Horizontal(id="start-row"):
                yield Button("Start ▶", id="start", variant="primary")
                yield Button("Continue saved game", id="continue",
                             disabled=not saves.has_autosave(app.save_dir))
                yield Button("Help (F1)", id="help")
        yield Footer()

    def on_mount(self) -> None:
        scenarios = self.query_one("#scenarios", OptionList)
        self._show_scenario(role=self.game_app.start_mediator)
        scenarios.focus()
        if not all(self.entry(i).loaded for i in range(len(self.paths))):
            self._load_scenarios()

    def on_resize(self) -> None:
        # In a short terminal the title art gives way to the choices.
        self.set_class(self.size.height < 32, "short")

    # ----------------------------------------------------------------- scenarios

    def entry(self, index: int) -> ScenarioEntry:
        """The scenario at `index` as loaded so far (the app keeps what has been loaded)."""
        path = self.paths[index]
        app = self.game_app
        entry: ScenarioEntry | None = app.catalog.get(key_of(path))
        return entry if entry is not None else ScenarioEntry(path)

    @property
    def chosen(self) -> ScenarioEntry:
        return self.entry(self.selected)

    @work(thread=True, exclusive=True, group="scenarios")
    def _load_scenarios(self) -> None:
        """In a worker thread: load each scenario not loaded yet, one by one."""
        for index, path in enumerate(self.paths):
            if not self.entry(index).loaded:
                self.app.call_from_thread(self._loaded, index, load_entry(path))

    def _loaded(self, index: int, entry: ScenarioEntry) -> None:
        app = self.game_app
        app.catalog[key_of(self.paths[index])] = entry
        scenarios = self.query_one("#scenarios", OptionList)
        scenarios.replace_option_prompt_at_index(index, self._scenario_prompt(entry))
        if index == self.selected:
            self._show_scenario()

    @staticmethod
    def _scenario_prompt(entry: ScenarioEntry) -> Content:
        if entry.error is not None:
            return Content.from_markup("⚠ $name [dim](cannot load)[/dim]", name=entry.path.name)
        if entry.scenario is None:
            return Content.from_markup("$name [dim](loading…)[/dim]", name=entry.path.name)
        return Content.from_markup("$title", title=entry.title)

    def _show_scenario(self, role: str | None = None) -> None:
        """Describe the highlighted scenario and list its roles (keeping `role` if it has it)."""
        entry = self.chosen
        about = self.query_one("#scenario-detail", Static)
        roles = self.query_one("#roles", OptionList)
        if role is None and roles.highlighted is not None and roles.option_count:
            role = roles.get_option_at_index(roles.highlighted).id
        roles.clear_options()
        where = _where(entry.path)
        if entry.scenario is None:
            if entry.error is None:
                about.update(Content.from_markup("[b]$name[/b]\n[dim]Loading…[/dim]",
                                                 name=entry.path.name))
            else:
                about.update(Content.from_markup(
                    "[b]⚠ This scenario cannot be loaded[/b]\n$error\n"
                    "[dim]$where · `mediator validate` lists every problem[/dim]",
                    error=entry.error, where=where))
            about.set_class(entry.error is not None, "error")
            self.query_one("#role-detail", Static).update(Content.from_markup(
                "[dim]Choose a scenario that loads to see its roles.[/dim]"
                if entry.error is not None else "[dim]Loading…[/dim]"))
            self._enable_start(False)
            return
        about.set_class(False, "error")
        meta = entry.scenario.meta
        # The title is the highlighted line of the list, beside this.
        about.update(Content.from_markup("$summary\n[dim]$where[/dim]",
                                         summary=meta.summary, where=where))
        mediators = entry.scenario.mediators
        roles.add_options([Option(m.name, id=m.id) for m in mediators])
        ids = [m.id for m in mediators]
        roles.highlighted = ids.index(role) if role in ids else 0
        self._describe(ids[roles.highlighted or 0])
        self._enable_start(True)

    def _enable_start(self, enabled: bool) -> None:
        self.query_one("#start", Button).disabled = not enabled
        self.refresh_bindings()

    # ----------------------------------------------------------------- roles

    def _describe(self, mediator_id: str) -> None:
        scenario = self.chosen.scenario
        if scenario is None or mediator_id not in {m.id for m in scenario.mediators}:
            return  # a stale highlight, from the roles of the scenario shown before
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

    # ----------------------------------------------------------------- events

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "scenarios":
            if event.option_index != self.selected:
                self.selected = event.option_index
                self._show_scenario()
        elif event.option_list.id == "roles" and event.option.id:
            self._describe(event.option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "scenarios":
            # Enter on a scenario moves on to its roles (enter there starts the game).
            if self.chosen.scenario is not None:
                self.query_one("#roles", OptionList).focus()
            else:
                self.app.bell()
        else:
            self.action_start()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_start()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_start()
        elif event.button.id == "continue":
            self.action_continue_game()
        elif event.button.id == "help":
            self.game_app.action_help()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        app = self.game_app
        if action == "continue_game":
            return True if saves.has_autosave(app.save_dir) else None
        if action == "start" and self.is_mounted:
            return True if self.chosen.scenario is not None else None
        return True

    # ----------------------------------------------------------------- actions

    def action_start(self) -> None:
        entry = self.chosen
        if entry.scenario is None:
            self.notify(entry.error or "The scenario is still loading.", severity="warning",
                        title="Cannot start")
            return
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
        if option.id is None:  # every role option is built with its mediator id
            return
        self.game_app.start_game(option.id, seed, tutorial=tutorial, scenario=entry)

    def action_continue_game(self) -> None:
        app = self.game_app
        session, problem = saves.load_autosave(app.save_dir)
        if session is None:
            self.notify(problem or "No saved game.", severity="warning", timeout=8)
            self.query_one("#continue", Button).disabled = True
            self.refresh_bindings()
            return
        app.session = session
        if problem is not None:  # the scenario file changed since the save
            self.notify(problem, title="Scenario changed", severity="warning", timeout=10)
        app.show_game_screen()

    def action_reroll(self) -> None:
        self.query_one("#seed", Input).value = str(random.randrange(1, 10**6))

    def action_toggle_tutorial(self) -> None:
        box = self.query_one("#tutorial-check", Checkbox)
        box.value = not box.value


def _where(path: Path) -> str:
    """Where the file is, briefly: built-in, or its path as given."""
    from game.resources import scenarios_dir

    if key_of(path).parent == key_of(scenarios_dir()):
        return f"built-in: {path.name}"
    return str(path)
