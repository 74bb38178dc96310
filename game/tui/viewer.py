"""The replay viewer (`mediator view T.json`): a read-only table that steps through a handed-in
game turn by turn (← →), with the answers and their why, the ledger, the events and the
meters as the student saw them after that turn, and a better move at that turn (analysis
coach: each usable move finished by the patient bot), computed in a worker thread.

The transcript is re-played into a `Session` (and verified); the table's own widgets show a
prefix of that session, so the viewer draws exactly what the game drew.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Collapsible, Footer, Header, Static, TabbedContent, TabPane

from game.records.session import Session
from game.resources import assets_dir
from game.tui.commands import bindings
from game.tui.text import move_label, phase_title, title_of
from game.tui.widgets.events import EventFeed
from game.tui.widgets.ledger import LedgerView
from game.tui.widgets.meters import MeterPanel
from game.tui.widgets.responses import turn_widgets


def prefix(session: Session, turn: int) -> Session:
    """The game as it stood after `turn` turns (0: the start)."""
    return replace(session, states=session.states[:turn + 1], results=session.results[:turn])


class ViewerApp(App[int]):
    """Read-only: nothing here plays a move or writes a file."""

    TITLE = "Mediator — replay"
    CSS_PATH: ClassVar[list[str | Path]] = [assets_dir() / "app.tcss"]  # type: ignore[assignment]
    BINDINGS: ClassVar[list[BindingType]] = bindings("viewer")
    DEFAULT_CSS = """
    #view-status { height: auto; padding: 0 1; background: $panel; }
    #view-left { width: 44; }
    #view-turn { height: 1fr; }
    #view-better { height: auto; max-height: 9; padding: 0 1; border: round $accent; }
    """

    def __init__(self, session: Session, verdict: str, file: str,
                 coach: bool = True) -> None:
        super().__init__()
        self.session = session
        self.verdict = verdict
        self.file = file
        self.coach = coach  # tests switch the better-move search off
        self.turn = len(session.results)
        self.advice: dict[int, dict[str, Any] | str] = {}

    @property
    def last(self) -> int:
        return len(self.session.results)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="view-status")
        with Horizontal():
            with Vertical(id="view-left"):
                meters = MeterPanel(id="meters")
                meters.border_title = "Meters"
                yield meters
                better = Static(id="view-better")
                better.border_title = "A better move here? (b)"
                yield better
            with TabbedContent(id="view-tabs", initial="view-responses"):
                with TabPane("This turn", id="view-responses"):
                    yield VerticalScroll(id="view-turn")
                with TabPane("Ledger", id="view-ledger"), VerticalScroll():
                    yield LedgerView(id="ledger-view")
                with TabPane("Events", id="view-events"), VerticalScroll():
                    yield EventFeed(id="event-feed")
        yield Footer()

    async def on_mount(self) -> None:
        self.theme = "textual-dark"
        data = self.session.class_record
        who = f" — {data.student}" if data is not None else ""
        self.sub_title = f"{Path(self.file).name}{who}"
        await self.show_turn(self.turn)

    async def show_turn(self, turn: int) -> None:
        """Draw the game as it stood after `turn` turns."""
        self.turn = max(0, min(turn, self.last))
        view = prefix(self.session, self.turn)
        scenario = self.session.scenario
        state = view.state
        head = f"Turn {self.turn} of {self.last}"
        if self.turn:
            head += " · " + move_label(scenario, view.results[-1].move)
        status = [Content.from_markup("[b]$h[/b]", h=head), Content.from_markup(
            "Phase: $p · score if it ended now: $s · $v", p=phase_title(scenario, state.phase),
            s=f"{_score(view):.2f}", v=self.verdict)]
        if state.over:
            status.append(Content.from_markup(
                "[b]■ $o[/b]", o=title_of(scenario.outcomes, state.outcome or "")))
        self.query_one("#view-status", Static).update(Content("\n").join(status))
        self.query_one(MeterPanel).show(view)
        self.query_one(LedgerView).show(view)
        self.query_one(EventFeed).show(view)
        box = self.query_one("#view-turn", VerticalScroll)
        await box.remove_children()
        if self.turn == 0:
            await box.mount(Static("The start of the game: press → for the first turn."))
        else:
            await box.mount_all(turn_widgets(scenario, view.results[-1], latest=True))
            for fold in box.query(Collapsible):
                fold.collapsed = False
        box.scroll_home(animate=False)
        self._show_advice()
        if self.coach and self.turn and self.turn not in self.advice:
            self.action_better()

    def _show_advice(self) -> None:
        better = self.query_one("#view-better", Static)
        if self.turn == 0:
            better.update("Step to a turn to compare its move with the others.")
            return
        advice = self.advice.get(self.turn)
        if advice is None:
            better.update("Press b to search this turn's moves." if not self.coach
                          else "Searching this turn's moves…")
        elif isinstance(advice, str):
            better.update(advice)
        else:
            better.update(advice_content(self.session, advice))

    async def action_step(self, delta: int) -> None:
        await self.show_turn(self.turn + delta)

    async def action_jump(self, turn: int) -> None:
        await self.show_turn(self.last if turn < 0 else turn)

    def action_better(self) -> None:
        if self.turn == 0 or self.turn in self.advice:
            return
        self.run_worker(partial_search(self, self.turn), thread=True, group="coach")

    def advice_ready(self, turn: int, advice: dict[str, Any] | str) -> None:
        self.advice[turn] = advice
        if turn == self.turn:
            self._show_advice()


def partial_search(app: ViewerApp, turn: int) -> Any:
    """The worker of one turn's better-move search (runs in a thread)."""

    def work() -> None:
        from game.analysis.coach import better_move

        try:
            advice: dict[str, Any] | str = better_move(app.session, turn)
        except Exception as exc:  # noqa: BLE001 - the advice is optional
            advice = f"The search could not run: {exc}"
        app.call_from_thread(app.advice_ready, turn, advice)

    return work


def advice_content(session: Session, advice: dict[str, Any]) -> Content:
    scenario = session.scenario
    yours, best = advice["yours"], advice["best"]

    def end(x: dict[str, Any]) -> str:
        return f"{title_of(scenario.outcomes, x['outcome'])}, score {x['score']:.2f}"

    lines = [Content.from_markup("Your move, then patient play: [b]$e[/b]", e=end(yours))]
    if advice["better"]:
        lines.append(Content.from_markup("[b]Better:[/b] $m", m=best["text"]))
        lines.append(Content.from_markup("  then patient play: [b]$e[/b]", e=end(best)))
    else:
        lines.append(Content("No other move here did better with the same continuation."))
    return Content("\n").join(lines)


def _score(session: Session) -> float:
    from game.engine.game import score_breakdown

    return score_breakdown(session.state).total


def make_viewer(path: str | Path, scenario_path: str | Path | None = None,
                coach: bool = True) -> ViewerApp:
    """The viewer of one transcript; ValueError (one line) if it cannot be re-played."""
    from game.records import transcript as tr
    from game.records.verify import verify

    data = tr.read(path)
    try:
        session = Session.from_transcript(data, scenario_path)
    except tr.TranscriptError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged or foreign transcript
        raise ValueError(f"{path}: cannot re-play this game: {exc}") from None
    verdict = verify(data, scenario_path)
    shown = "verified ✓" if verdict.ok else f"NOT VERIFIED: {verdict.message}"
    return ViewerApp(session, shown, str(path), coach=coach)
