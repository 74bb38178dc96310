"""The negotiating table: meters, the framework composer, the action bar, the response log
with its "why?", the ledger and the event feed. The main screen of the game.

On a tall terminal the action bar sits under the response log; on a short one (fewer than
`SHORT_HEIGHT` rows) it becomes a tab beside Responses/Ledger/Events, so the log keeps the
whole column: `a` opens that tab, and taking an action returns to the responses.

Every decision is the engine's: this screen builds a move, asks `engine.check_move` whether
it is legal, plays it through the session, and shows what came back.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Static, TabbedContent, TabPane

from game.engine import game as engine
from game.engine.moves import Framework, Pass, Propose, TakeAction
from game.engine.state import TurnResult
from game.tui.background import Abandoned
from game.tui.base import GameScreen
from game.tui.commands import COMMANDS, bindings, keys
from game.tui.text import party_name, phase_track
from game.tui.widgets.actions import ActionBar
from game.tui.widgets.composer import Composer
from game.tui.widgets.deliberation import Deliberation
from game.tui.widgets.events import EventFeed
from game.tui.widgets.ledger import LedgerView
from game.tui.widgets.meters import MeterPanel
from game.tui.widgets.responses import ResponseLog
from game.tui.widgets.tutorial import TutorialPanel

SHORT_HEIGHT = 36
"""Below this many rows the actions are a tab beside the response log."""
TABLE_KEYS = [b for b in COMMANDS["table"] if isinstance(b, Binding)]


class TableScreen(GameScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings("table")

    def compose(self) -> ComposeResult:
        app = self.game_app
        scenario = self.session.scenario
        short = app.size.height < SHORT_HEIGHT
        self.set_class(short, "short")
        yield Header()
        yield Static(id="status")
        yield Deliberation()
        with Horizontal(id="table"):
            with Vertical(id="left"):
                meters = MeterPanel(id="meters")
                meters.border_title = "Meters"
                meters.compact = short
                yield meters
                composer = Composer(scenario, id="composer")
                composer.border_title = "Framework"
                composer.border_subtitle = "↑↓ issue ←→ option " + keys(
                    "composer", "composer_phase", "composer_defer", "composer_remove")
                yield composer
                yield Static(id="composer-status")
            with Vertical(id="right"):
                with TabbedContent(id="tabs", initial="responses"):
                    with TabPane("Responses", id="responses"):
                        yield ResponseLog(id="response-log")
                    with TabPane("Ledger", id="ledger"), VerticalScroll():
                        yield LedgerView(id="ledger-view")
                    with TabPane("Events", id="events"), VerticalScroll():
                        yield EventFeed(id="event-feed")
                    with TabPane("Actions", id="actions-pane"):
                        if short:
                            yield self._action_bar()
                if not short:
                    yield self._action_bar()
        tutorial = TutorialPanel(hint=self._opening_hint() if app.tutorial else "",
                                 id="tutorial")
        tutorial.display = bool(app.tutorial)
        yield tutorial
        # At 80 columns every key of the table fits (ctrl+p is listed by the help).
        yield Footer(compact=True, show_command_palette=False)

    async def on_mount(self) -> None:
        self.sub_title = self.session.scenario.meta.title
        if not self.short:
            self.query_one(TabbedContent).hide_tab("actions-pane")
        await self.refresh_all()
        self.query_one(Composer).focus()

    # ----------------------------------------------------------------- layout

    @property
    def short(self) -> bool:
        """True when the actions are a tab (a short terminal)."""
        return self.has_class("short")

    def _action_bar(self) -> ActionBar:
        bar = ActionBar(self.session.scenario, id="actions")
        bar.border_title = "Actions (a, enter)"
        return bar

    async def on_resize(self, event: events.Resize) -> None:
        await self.set_short(event.size.height < SHORT_HEIGHT)

    async def set_short(self, short: bool) -> None:
        """Put the action bar in its tab (short) or under the tabs (tall); compact meters."""
        if short == self.short:
            return
        self.set_class(short, "short")
        self.query_one(MeterPanel).set_compact(short)
        tabs = self.query_one(TabbedContent)
        old = self.query_one(ActionBar)
        focused, highlighted = old.has_focus, old.highlighted
        # One action bar at a time: it moves by being mounted anew where it now belongs.
        await old.remove()
        bar = self._action_bar()
        if short:
            await self.query_one("#actions-pane", TabPane).mount(bar)
            tabs.show_tab("actions-pane")
        else:
            await self.query_one("#right", Vertical).mount(bar)
            if tabs.active == "actions-pane":
                tabs.active = "responses"
            tabs.hide_tab("actions-pane")
        bar.show_statuses(engine.available_actions(self.session.state))
        if highlighted is not None and highlighted < bar.option_count:
            bar.highlighted = highlighted
        if focused:
            self.action_focus_actions()
        elif self.focused is None:
            self.query_one(Composer).focus()

    # ----------------------------------------------------------------- refresh

    async def refresh_all(self) -> None:
        session = self.session
        state = session.state
        scenario = session.scenario
        self.query_one(MeterPanel).show(session)
        composer = self.query_one(Composer)
        composer.set_state(state)
        self.query_one(ActionBar).show_statuses(engine.available_actions(state))
        await self.query_one(ResponseLog).show(session)
        self.query_one(LedgerView).show(session)
        self.query_one(EventFeed).show(session)
        limit = scenario.rules.turn_limit
        if state.over:
            outcome = next((o.title for o in scenario.outcomes if o.id == state.outcome),
                           state.outcome or "")
            status = Content.from_markup(
                "[b]■ GAME OVER[/b] after turn $t: [b]$o[/b] — press [b]D[/b] for the debrief",
                t=str(state.turn), o=outcome)
            self.add_class("over")
        else:
            status = Content.from_markup(
                "[b]Turn $n of $t[/b] · $track", n=str(state.turn + 1), t=str(limit),
                track=phase_track(scenario, state.phase))
        self.query_one("#status", Static).update(status)
        self.update_composer_status()
        self.refresh_bindings()

    def update_composer_status(self) -> None:
        framework = self.query_one(Composer).framework()
        label = self.query_one("#composer-status", Static)
        if self.session.over:
            label.update(Content.from_markup("[dim]The talks are over.[/dim]"))
            return
        if not framework.terms:
            label.update(Content.from_markup(
                "[dim]Nothing on the table yet: ←/→ sets an option.[/dim]"))
            return
        reason = engine.check_move(self.session.state, Propose(framework))
        n = len(framework.terms)
        if reason:
            label.update(Content.from_markup("⚠ $r", r=reason))
            label.set_class(True, "illegal")
        else:
            label.update(Content.from_markup(
                "$n term$s ready · [b]s[/b] to propose", n=str(n), s="s" if n != 1 else ""))
            label.set_class(False, "illegal")

    enter_armed = False  # Enter pressed once in the composer: a second Enter proposes
    counter_index = -1  # the counter-proposal `u` loaded last (of the latest turn's)

    def on_composer_changed(self, event: Composer.Changed) -> None:
        self.enter_armed = False
        self.update_composer_status()
        self.refresh_bindings()

    async def on_composer_submitted(self, event: Composer.Submitted) -> None:
        """Enter proposes only when pressed twice: a stray Enter must not spend a turn."""
        if self.check_action("propose", ()) is not True:
            self.notify(self.why_not("propose"), title="Not now", timeout=3)
            return
        if not self.enter_armed:
            self.enter_armed = True
            self.notify("Press Enter again to propose this framework (it spends a turn); "
                        "s proposes at once.", title="Propose?", timeout=3)
            return
        await self.action_propose()

    def why_not(self, action: str) -> str:
        """Why a key of the table cannot act now, in one sentence."""
        state = self.session.state
        if self.session.over:
            if action == "debrief":
                return ""
            return "The talks are over: press D for the debrief."
        if self.deliberating and action in ("propose", "pass_turn"):
            return "The parties are still deliberating on your last move."
        return {
            "debrief": f"The debrief opens when the talks are over (this is turn "
                       f"{state.turn + 1} of {self.session.scenario.rules.turn_limit}).",
            "use_counter": "No counter-proposal in the latest answers: a party counters when "
                           "it refuses a package but sees a change it would accept.",
            "propose": "Put at least one issue on the table first (←/→ in the composer).",
        }.get(action, "Not possible now.")

    def on_key(self, event: events.Key) -> None:
        """A table key that cannot act now says why (a disabled binding would do nothing)."""
        for binding in TABLE_KEYS:
            if binding.key != event.key:
                continue
            name = binding.action.split("(", 1)[0]
            if name in ("tutorial_next", "tutorial_close") or self.check_action(name, ()):
                return
            self.notify(self.why_not(name), title="Not now", timeout=3)
            event.stop()
            return

    # ----------------------------------------------------------------- bindings

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted:
            return True
        if self.game_app.session is None:
            return None  # the table is being left for a new game
        over = self.session.over
        if action == "debrief":
            return bool(over)
        if action in ("propose", "pass_turn", "focus_actions", "focus_composer"):
            if over:
                return None
            if self.deliberating and action in ("propose", "pass_turn"):
                return False
            if action == "propose":
                try:
                    framework = self.query_one(Composer).framework()
                except Exception:  # noqa: BLE001 - not composed yet
                    return True
                return True if framework.terms else None
            return True
        if action == "use_counter":
            return bool(self._latest_counter() is not None and not over)
        if action in ("tutorial_next", "tutorial_close"):
            try:
                panel = self.query_one(TutorialPanel)
            except Exception:  # noqa: BLE001
                return False
            return panel.display and not panel.finished
        return True

    # ----------------------------------------------------------------- moves

    deliberating = False  # a move is with the parties (the engine step runs in a thread)

    async def play(self, move: Any) -> None:
        """Check the move here, then let the parties deliberate off the UI thread."""
        if self.deliberating:
            self.notify("The parties are still deliberating on your last move.",
                        title="Not now", timeout=3)
            return
        self.enter_armed = False
        self.counter_index = -1
        reason = engine.check_move(self.session.state, move)
        if reason:
            self.notify(reason, title="Not possible", severity="error")
            return
        self.deliberating = True
        self.add_class("deliberating")
        self.query_one("#status", Static).update(Content.from_markup(
            "[b]Turn $n[/b] · [i]the parties are deliberating…[/i]",
            n=str(self.session.state.turn + 1)))
        self.refresh_bindings()
        self.query_one(Deliberation).call_later(self._deliberate, move)

    async def _deliberate(self, move: Any) -> None:
        """The engine step in a daemon thread, awaited in the Deliberation widget's queue."""
        session, state = self.session, self.session.state
        try:
            after, result = await self.game_app.background.run(
                lambda: engine.apply(state, move))
        except Abandoned:
            return
        except Exception as exc:  # noqa: BLE001 - an engine failure is shown, never raised
            self.deliberating = False
            self.remove_class("deliberating")
            await self.refresh_all()
            self.notify(f"The engine failed on this move: {exc}", title="Not played",
                        severity="error", timeout=10, markup=False)
            return
        self.deliberating = False
        self.remove_class("deliberating")
        if self.game_app.session is not session or session.state is not state:
            return  # the game was replaced meanwhile (a reload, a new game)
        session.record(after, result)
        await self._played(move, result)

    async def _played(self, move: Any, result: TurnResult) -> None:
        """Show what the parties answered."""
        app = self.game_app
        app.autosave()
        composer = self.query_one(Composer)
        if result.agreed:
            # What was just agreed leaves the composer (it is shown as agreed instead).
            for term in result.agreed:
                composer.terms[term.issue] = None
        await self.refresh_all()
        self.query_one(TabbedContent).active = "responses"
        if self.short:
            # The actions' tab has given way to the responses: back to the composer.
            self.query_one(Composer).focus()
        if result.agreed:
            self.notify(f"{len(result.agreed)} term(s) agreed.", title="Agreement", timeout=3)
        elif isinstance(move, Propose):
            from game.engine.explain import not_agreed_notice

            notice = not_agreed_notice(self.session.states[-2], result.responses,
                                       result.consents)
            if notice:
                self.notify(notice.removeprefix("Not agreed: "), title="Not agreed",
                            severity="warning", timeout=4)  # short: it covers the answers
        if result.ending:
            self.notify("The talks are over. Press D for the debrief.", title="Game over",
                        timeout=4)

    async def action_propose(self) -> None:
        framework = self.query_one(Composer).framework()
        if not framework.terms:
            self.notify("Put at least one issue on the table first (←/→ in the composer).",
                        severity="warning")
            return
        await self.play(Propose(framework))
        self.query_one(TutorialPanel).happened("proposed")

    async def action_pass_turn(self) -> None:
        await self.play(Pass())

    def action_focus_actions(self) -> None:
        if self.short:
            self.query_one(TabbedContent).active = "actions-pane"
        self.query_one(ActionBar).focus()

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if not self.short:
            return
        bar = self.query_one(ActionBar)
        if event.pane.id == "actions-pane":
            bar.focus()  # a click on the tab, like `a`
        elif bar.has_focus:
            self.query_one(Composer).focus()

    def action_focus_composer(self) -> None:
        self.query_one(Composer).focus()

    async def on_action_bar_chosen(self, event: ActionBar.Chosen) -> None:
        state = self.session.state
        status = next(s for s in engine.available_actions(state) if s.action.id == event.action_id)
        if not status.targets:
            await self.take(event.action_id, None)
            return
        from game.tui.screens.target import TargetScreen

        targets = [(t, party_name(self.session.scenario, t)) for t in status.targets]

        async def chosen(target: str | None) -> None:
            if target is not None:
                await self.take(event.action_id, target)

        self.app.push_screen(TargetScreen(status.action.title, targets), chosen)

    async def take(self, action_id: str, target: str | None) -> None:
        await self.play(TakeAction(action=action_id, target=target))
        self.query_one(TutorialPanel).happened("acted")

    def action_why(self) -> None:
        self.query_one(TabbedContent).active = "responses"
        log = self.query_one(ResponseLog)
        expanded = log.toggle_why()
        log.call_after_refresh(log.scroll_home, animate=False)
        if not expanded and not self.session.results:
            self.notify("Nothing to explain yet: make a proposal first.")
        self.query_one(TutorialPanel).happened("why")

    def _latest_counter(self) -> Framework | None:
        if not self.session.results:
            return None
        for response in self.session.results[-1].responses:
            if response.counter is not None:
                return response.counter
        return None

    def _counters(self) -> list[tuple[str, Framework]]:
        """The latest turn's counter-proposals, (party, counter), without repeats."""
        if not self.session.results:
            return []
        out: list[tuple[str, Framework]] = []
        for response in self.session.results[-1].responses:
            if response.counter is not None and all(response.counter != c for _, c in out):
                out.append((response.party, response.counter))
        return out

    def action_use_counter(self) -> None:
        """Load the next of the latest counter-proposals (each press, the next one)."""
        counters = self._counters()
        if not counters:
            self.notify(self.why_not("use_counter"), title="Not now", timeout=3)
            return
        self.counter_index = (self.counter_index + 1) % len(counters)
        party, counter = counters[self.counter_index]
        self.query_one(Composer).set_framework(counter)
        self.query_one(Composer).focus()
        more = f" (u: the next of {len(counters)})" if len(counters) > 1 else ""
        self.notify(f"{party_name(self.session.scenario, party)}'s counter-proposal "
                    f"({self.counter_index + 1} of {len(counters)}) is in the composer: s to "
                    f"propose it{more}.", timeout=4)

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        if self.short and self.query_one(ActionBar).has_focus:
            self.query_one(Composer).focus()

    def action_briefing(self) -> None:
        from game.tui.screens.briefing import BriefingScreen

        self.app.push_screen(BriefingScreen())

    def action_debrief(self) -> None:
        if not self.session.over:
            self.notify(self.why_not("debrief"), title="Not now", timeout=3)
            return
        from game.tui.screens.debrief import DebriefScreen

        app = self.game_app
        app.clear_notifications()  # the table's toasts would cover the debrief
        app._show(DebriefScreen())

    def _opening_hint(self) -> str:
        """For the tutorial: a one-term proposal both sides would accept now, if any."""
        from game.players.hints import agreeable_single_terms

        terms = agreeable_single_terms(self.session.state)
        if not terms:
            return "no single term is acceptable to everyone yet: build trust first (a)."
        return (f"try {terms[0].label(self.session.scenario)}: confidence-building steps "
                "come first.")

    def action_tutorial_next(self) -> None:
        self.query_one(TutorialPanel).next()
        self.refresh_bindings()

    def action_tutorial_close(self) -> None:
        self.query_one(TutorialPanel).close()
        self.refresh_bindings()

    def palette_commands(self) -> Any:
        """Each action of the mediator, usable straight from the command palette."""
        from textual.app import SystemCommand

        if self.session.over:
            return
        for status in engine.available_actions(self.session.state):
            if not status.available:
                continue
            action = status.action
            if status.targets:
                for target in status.targets:
                    name = party_name(self.session.scenario, target)
                    yield SystemCommand(
                        f"Action: {action.title} → {name}", action.description or action.kind,
                        lambda a=action.id, t=target: self.run_worker(self.take(a, t)))
            else:
                yield SystemCommand(f"Action: {action.title}", action.description or action.kind,
                                    lambda a=action.id: self.run_worker(self.take(a, None)))
