"""The Textual app: one factory, `make_app`, used by the CLI and by the tests.

The app holds the game `Session` (engine state lives there, never in widgets) and moves
between screens: new game → briefing → table → debrief, with Help over any of them.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from game.resources import assets_dir, default_scenario_path
from game.tui import saves
from game.tui.background import Background
from game.tui.catalog import ScenarioEntry
from game.tui.commands import bindings

if TYPE_CHECKING:
    from game.format.models import Scenario
    from game.records.session import Session
    from game.tui.screens.classroom import ClassPlay


def _css_paths() -> list[str | Path]:
    return [assets_dir() / "app.tcss"]


class MediatorApp(App[int]):
    TITLE = "Mediator"
    SUB_TITLE = "a negotiation table"
    CSS_PATH: ClassVar[list[str | Path]] = _css_paths()  # type: ignore[assignment]
    ENABLE_COMMAND_PALETTE = True

    BINDINGS: ClassVar[list[BindingType]] = bindings("app")

    def __init__(
        self,
        scenario_path: str | Path | None = None,
        mediator: str | None = None,
        seed: int | None = None,
        resume: bool = False,
        tutorial: bool = False,
        save_dir: str | Path | None = None,
        classroom: ClassPlay | None = None,
        watch: bool = False,
    ) -> None:
        super().__init__()
        self.scenario_path = Path(scenario_path) if scenario_path else default_scenario_path()
        self.start_mediator = mediator
        self.start_seed = seed
        self.resume = resume
        self.tutorial = tutorial
        self.save_dir = Path(save_dir) if save_dir is not None else None
        self.session: Session | None = None
        self._scenario: Scenario | None = None
        # Scenario files loaded so far, for the new-game screen (key: the resolved path).
        self.catalog: dict[Path, ScenarioEntry] = {}
        # The debrief searches for the best plan in a thread; tests switch it off.
        self.analysis_enabled = True
        self.problem: str | None = None  # why the app could not start, if it could not
        self.background = Background()  # the table's engine steps, in daemon threads
        self.classroom = classroom  # a class game: its setup, the student, the steps done
        self.watch_file = watch  # --watch: reload the scenario file when it is saved
        self._watched: tuple[str, tuple[int, int]] | None = None  # the file as last seen
        self._reloading = False
        if classroom is not None:
            self.scenario_path = classroom.setup.scenario_path
            self._scenario = classroom.setup.scenario
            self.start_mediator, self.start_seed = classroom.setup.mediator, classroom.setup.seed

    # ----------------------------------------------------------------- start

    @property
    def scenario(self) -> Scenario:
        if self.session is not None:
            return self.session.scenario
        if self._scenario is None:
            from game.format.loader import load_scenario

            self._scenario = load_scenario(self.scenario_path)
        return self._scenario

    def on_mount(self) -> None:
        from game.tui.screens.splash import SplashScreen

        # The first frame is the title; the engine, the scenario (and a saved game) load in
        # a thread, so the terminal never waits on them.
        self.push_screen(SplashScreen())
        if os.environ.get("MEDIATOR_FIRST_FRAME"):
            # `mediator bench`: note the wall time of the first frame, then leave.
            self.call_after_refresh(self._report_first_frame)
            return
        # Start loading once the title is on screen (the import holds the GIL for a while).
        self.call_after_refresh(self._start_loading)
        if self.watch_file:
            from game.tui.watch import POLL_SECONDS

            self.set_interval(POLL_SECONDS, self._poll_scenario_file)

    def _report_first_frame(self) -> None:
        Path(os.environ["MEDIATOR_FIRST_FRAME"]).write_text(f"{time.time():.6f}")
        self.exit(0)

    def _start_loading(self) -> None:
        self.run_worker(self._load, thread=True, exclusive=True, group="load")

    def _load(self) -> None:
        """In a worker thread: heavy imports, the scenario, the autosave."""
        import game.records.session  # noqa: F401 - warm the import off the UI thread
        import game.tui.screens.table  # noqa: F401
        from game.format.errors import ScenarioError

        session = None
        problem = None
        if self.resume:
            session, problem = saves.load_autosave(self.save_dir)
        error = None
        if session is None:
            try:
                _ = self.scenario
            except ScenarioError as exc:
                error = f"Cannot load the scenario:\n{exc}"
            except OSError as exc:
                error = f"Cannot read the scenario: {exc}"
        self.call_from_thread(self._loaded, session, problem, error)

    def _loaded(self, session: Session | None, problem: str | None, error: str | None) -> None:
        if error is not None:
            self.problem = error
            self.exit(1, message=error)
            return
        if session is not None:
            self.session = session
            if session.over:
                self.notify("Your last game is over: here is its debrief (ctrl+n for a new "
                            "game).", title="Welcome back", timeout=4)
            else:
                self.notify(f"Resumed your game at turn {session.state.turn + 1}.",
                            title="Welcome back", timeout=4)
            if problem is not None:  # the scenario file changed since the save
                self.notify(problem, title="Scenario changed", severity="warning", timeout=10)
            self.show_game_screen()
            return
        if self.resume:
            self.notify(problem or "No saved game.", title="Continue", severity="warning",
                        timeout=8)
        scenario = self.scenario
        entry = ScenarioEntry(self.scenario_path, scenario=scenario)
        self.catalog[entry.key] = entry
        if self.start_mediator is not None and not self.resume:
            ids = [m.id for m in scenario.mediators]
            if self.start_mediator not in ids:
                self.exit(2, message=f"Unknown mediator {self.start_mediator!r}; "
                          f"choose one of: {', '.join(ids)}")
                return
            seed = self.start_seed if self.start_seed is not None else random.randrange(1, 10**6)
            self.start_game(self.start_mediator, seed, tutorial=self.tutorial)
            return
        from game.tui.screens.new_game import NewGameScreen

        self._show(NewGameScreen())

    def start_game(self, mediator: str, seed: int, tutorial: bool = False,
                   scenario: ScenarioEntry | None = None, confirmed: bool = False) -> None:
        """A new session; `scenario` (a loaded entry) replaces the one the app started with.
        Over an unfinished autosaved game, only once the player confirms."""
        from game.records.session import Session

        in_progress = None if confirmed else saves.game_in_progress(self.save_dir)
        if in_progress is not None:
            from game.tui.screens.confirm import ReplaceGameScreen

            def answer(replace: bool | None) -> None:
                if replace:
                    self.start_game(mediator, seed, tutorial, scenario, confirmed=True)
                elif self.session is None and not self._on_new_game_screen():
                    from game.tui.screens.new_game import NewGameScreen

                    self._show(NewGameScreen())  # where Continue is

            self.push_screen(ReplaceGameScreen(in_progress), answer)
            return
        if scenario is not None and scenario.scenario is not None:
            self.scenario_path = scenario.path
            self._scenario = scenario.scenario
        self.tutorial = tutorial
        if self.classroom is not None:
            self.session = self.classroom.new_session()
        else:
            self.session = Session.new(self.scenario_path, mediator, seed,
                                       scenario=self.scenario)
        self.autosave()
        from game.tui.screens.briefing import BriefingScreen

        self._show(BriefingScreen(first_time=True))

    def _on_new_game_screen(self) -> bool:
        from game.tui.screens.new_game import NewGameScreen

        return isinstance(self.screen, NewGameScreen)

    def show_game_screen(self) -> None:
        """The table, or the debrief if the game is over."""
        if self.session is not None and self.session.over:
            from game.tui.screens.debrief import DebriefScreen

            self._show(DebriefScreen())
        else:
            from game.tui.screens.table import TableScreen

            self._show(TableScreen())

    def new_game(self) -> None:
        from game.tui.screens.new_game import NewGameScreen

        self.session = None
        self._show(NewGameScreen())

    def _show(self, screen: Screen[Any]) -> None:
        """Replace the current screen (keeping only the app's base screen beneath)."""
        if self.classroom is not None:
            screen = self.classroom.gate(self, screen)
        self.background.abandon()  # a move still with the parties is not played
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def exit(self, result: int | None = None, return_code: int = 0,
             message: Any = None) -> None:
        """Quit now, even with the parties still deliberating (their thread is left behind)."""
        self.background.abandon()
        super().exit(result, return_code, message)

    # ----------------------------------------------------------------- live reload

    def _poll_scenario_file(self) -> None:
        """--watch: once the game's scenario file has been saved, reload it in a thread."""
        from game.tui.watch import stamp

        session = self.session
        if session is None or not session.scenario_path or self._reloading \
                or self.background.busy:  # a move with the parties: the next poll
            return
        seen = stamp(session.scenario_path)
        if seen is None or (session.scenario_path, seen) == self._watched:
            return
        self._watched = (session.scenario_path, seen)
        self._reloading = True
        self.run_worker(self._reload(session), group="watch", exclusive=True)

    async def _reload(self, session: Session) -> None:
        """Replay the moves so far on the file as saved; show where the game now differs."""
        from game.tui.watch import reload

        states, results = list(session.states), list(session.results)
        moves = [r.move for r in results]
        try:
            outcome = await Background().run(
                lambda: reload(session, moves, states, results), name="mediator-reload")
        except Exception as exc:  # noqa: BLE001 - a reload never ends the game
            self.notify(f"Reload failed: {exc}", title="Scenario not reloaded",
                        severity="error", timeout=20, markup=False)
            return
        finally:
            self._reloading = False
        if self.session is not session or len(session.results) != len(results):
            self._watched = None  # the game moved on meanwhile: reload it again
            return
        if outcome.unchanged:
            return
        if outcome.session is None:
            self.notify(outcome.notice(), title="Scenario not reloaded", severity="error",
                        timeout=30, markup=False)
            return
        self.session = outcome.session
        if Path(self.scenario_path).resolve() == Path(session.scenario_path).resolve():
            self._scenario = outcome.session.scenario  # a new game starts on it too
        self.autosave()
        self.notify(outcome.notice(), title="Scenario reloaded", timeout=20, markup=False)
        from game.tui.screens.debrief import DebriefScreen
        from game.tui.screens.table import TableScreen

        if any(isinstance(s, (TableScreen, DebriefScreen)) for s in self.screen_stack):
            self.show_game_screen()

    # ----------------------------------------------------------------- saving

    def autosave(self) -> None:
        if self.session is None:
            return
        try:
            saves.autosave(self.session, self.save_dir)
        except OSError as exc:
            self.notify(f"Autosave failed: {exc}", severity="error", timeout=8)

    # ----------------------------------------------------------------- actions

    def action_help(self) -> None:
        from game.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        self.push_screen(HelpScreen(below=self.screen))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Rules, scoring formula and keys (F1)", self.action_help)
        yield SystemCommand("New game", "Start again: choose a scenario, a role and a seed",
                            self.new_game)
        seen = {"help", "help_alt", "quit"}
        # Every binding of the current screen and of the widgets on it (the composer's Phase,
        # Defer, Remove...), declared once, feeds the palette too.
        owners: list[Any] = [screen, *screen.query("*")]
        for owner in owners:
            for binding in getattr(type(owner), "BINDINGS", []):
                if not isinstance(binding, Binding) or not binding.description:
                    continue
                key = binding.id or binding.action
                if key in seen:
                    continue
                seen.add(key)
                action = binding.action
                name = action.split("(", 1)[0]
                allowed = owner.check_action(name, ())
                if allowed is False or allowed is None:
                    continue
                yield SystemCommand(binding.description, binding.tooltip or binding.description,
                                    partial(owner.run_action, action))
        extra = getattr(screen, "palette_commands", None)
        if callable(extra):
            yield from extra()


def make_app(
    scenario_path: str | Path | None = None,
    mediator: str | None = None,
    seed: int | None = None,
    resume: bool = False,
    tutorial: bool = False,
    save_dir: str | Path | None = None,
    classroom: ClassPlay | None = None,
    watch: bool = False,
) -> MediatorApp:
    """The one factory of the game's app (CLI, browser mode and tests)."""
    return MediatorApp(scenario_path=scenario_path, mediator=mediator, seed=seed,
                       resume=resume, tutorial=tutorial, save_dir=save_dir,
                       classroom=classroom, watch=watch)
