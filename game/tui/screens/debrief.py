"""Debrief: outcome and score with the formula filled in, three lessons, for each turn the
best move the search found from there (and the turn where the outcome was decided), meter
charts, turning points with their causes, every party's hidden data revealed, the best plan,
and exports (transcript JSON, Markdown, HTML, with the lessons and the counterfactual)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Header, Input, Label, Static

from game.analysis.debrief import (
    counterfactual_lines,
    debrief_section,
    decided_text,
    lesson_lines,
    turning_point_lines,
)
from game.engine import game as engine
from game.tui.base import GameScreen
from game.tui.commands import bindings
from game.tui.partyinfo import hidden_info, party_markdown
from game.tui.text import clip, spark
from game.tui.widgets.markdown import MarkdownText
from game.tui.widgets.meters import history, visible_meters

if TYPE_CHECKING:
    from game.analysis.counterfactual import Counterfactual
    from game.records.session import Session

PART_LABEL = {
    "trust": "mean trust",
    "credibility": "credibility",
    "progress": "progress",
    "humanitarian": "humanitarian",
}


def score_content(session: Session) -> Content:
    """Outcome, score, and the formula with this game's numbers filled in."""
    state = session.state
    scenario = session.scenario
    breakdown = engine.score_breakdown(state)
    outcome = next((o for o in scenario.outcomes if o.id == breakdown.outcome), None)
    ended = (state.ended or "").replace("_", " ")
    lines = [
        Content.from_markup("[b]■ $title[/b]", title=outcome.title if outcome else "In progress"),
    ]
    if outcome is not None and outcome.description:
        lines.append(Content(outcome.description))
    lines.append(Content.from_markup(
        "After $n turn(s)$why. [b]Score: $score / 100[/b]", n=str(state.turn),
        why=f", ended by {ended}" if ended else "", score=f"{breakdown.total:.2f}"))
    lines.append(Content(""))
    for part in breakdown.parts:
        name = PART_LABEL.get(part.name, part.name)
        lines.append(Content(
            f"  {part.weight:>4g} × {name:<13} {part.value:5.1f} = {part.contribution:6.2f}"))
    lines.append(Content(f"  {'+ outcome bonus':<22} {'':5} = {breakdown.bonus:6.2f}"))
    if breakdown.raw > breakdown.cap:
        lines.append(Content(f"  {'at most (outcome cap)':<22} {'':5}   {breakdown.cap:6.2f}"))
    lines.append(Content.from_markup("[b]$t[/b]", t=f"  {'= score (0–100)':<22} {'':5} = "
                                     f"{breakdown.total:6.2f}"))
    lines.append(Content(""))
    lines.append(Content.from_markup("[dim]$f[/dim]", f=breakdown.formula))
    return Content("\n").join(lines)


def lessons_content(session: Session) -> Content:
    lines = [Content.from_markup("[b]$n.[/b] [dim](turn $t)[/dim]$sp$x", n=str(n), t=str(turn),
                                 sp=" ", x=text)
             for n, (turn, text) in enumerate(lesson_lines(session), 1)]
    return Content("\n").join(lines or [Content("Nothing stands out: no lesson to draw.")])


def counterfactual_content(session: Session, cf: Counterfactual | str) -> Content:
    """The decided turn, then one line per turn: what you did, the best move found."""
    if isinstance(cf, str):
        return Content(cf)
    scenario = session.scenario
    lines = [Content.from_markup("[b]$d[/b]", d=decided_text(scenario, cf))]
    for turn, text in counterfactual_lines(scenario, cf):
        mark = "★" if turn == cf.decided else " "
        lines.append(Content.from_markup("$m[b]$t[/b] $x", m=mark, t=f"{turn:>2}.", x=text))
    return Content("\n").join(lines)


def best_plan_content(session: Session, plan: dict[str, Any] | str) -> Content:
    scenario = session.scenario
    if isinstance(plan, str):
        return Content(plan)
    outcome_id = plan.get("outcome")
    title = next((o.title for o in scenario.outcomes if o.id == outcome_id), outcome_id)
    mine = engine.score_breakdown(session.state).total
    lines = [Content.from_markup(
        "The best plan found ($src) reaches [b]$title[/b] with a score of [b]$score[/b] "
        "in $turns turn(s); you scored $mine.",
        src=str(plan.get("source", "search")), title=str(title),
        score=f"{plan.get('score', 0):.2f}", turns=str(plan.get("turns", "?")), mine=f"{mine:.2f}")]
    for step in plan.get("plan", []):
        agreed = step.get("agreed") or []
        extra = f"  → agreed: {'; '.join(agreed)}" if agreed else ""
        lines.append(Content(f"  {step.get('turn', '?'):>2}. {step.get('text', '')}{extra}"))
    return Content("\n").join(lines)


def consents_markdown(session: Session) -> list[str]:
    """What each stakeholder needed before it consented, and when that stopped a deal."""
    from game.engine.explain import consent_record

    rules = consent_record(session.scenario, session.results)
    if not rules:
        return []
    out = ["", "## What the stakeholders needed", ""]
    for rule in rules:
        turns = ", ".join(str(t) for t in rule.withheld)
        stopped = f" **Withheld on turn {turns}**: it alone stopped a deal." if turns else ""
        out.append(f"- {rule.sentence} {rule.reason}{stopped}")
    return out


class DebriefScreen(GameScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings("debrief")

    def compose(self) -> ComposeResult:
        app = self.game_app
        session = self.session
        yield Header()
        with VerticalScroll(id="debrief"):
            score = Static(score_content(session), id="score")
            score.border_title = "Outcome and score"
            yield score
            lessons = Static(lessons_content(session), id="lessons")
            lessons.border_title = "Three lessons"
            yield lessons
            if app.analysis_enabled:
                turns = Static("Searching each turn for a better move (a few seconds)…",
                               id="counterfactual")
                turns.border_title = "Turn by turn: the best move found"
                yield turns
            yield Static(self._charts(session), id="charts")
            yield MarkdownText(self._rest_markdown(session), id="debrief-rest")
            if app.analysis_enabled:
                plan = Static("Searching for the best plan (a few seconds)…", id="best-plan")
                plan.border_title = "What the best plan would have reached"
                yield plan
            with Horizontal(id="export-row"):
                yield Label("Export to", id="export-label")
                yield Input(".", id="export-dir",
                            tooltip="A folder (files get default names) or a file path")
            with Horizontal(id="export-buttons"):
                yield Button("Transcript JSON (j)", id="json")
                yield Button("Markdown (m)", id="md")
                yield Button("HTML (h)", id="html")
                yield Button("New game", id="new", variant="primary")
            yield Static(id="export-status")
        yield Footer()

    counterfactual: Counterfactual | None = None  # once the search has run

    def on_mount(self) -> None:
        self.sub_title = f"Debrief — {self.session.scenario.meta.title}"
        self.query_one("#debrief", VerticalScroll).focus()
        if self.query("#counterfactual"):
            self.run_worker(self._search_turns, thread=True, exclusive=True,
                            group="counterfactual")
        if self.query("#best-plan"):
            self.run_worker(self._find_best_plan, thread=True, exclusive=True, group="analysis")

    def _search_turns(self) -> None:
        """In a worker thread: the counterfactual search, bounded by work (see its module)."""
        from game.analysis.counterfactual import counterfactual

        session = self.session
        found: Counterfactual | str
        try:
            found = counterfactual(session.states, session.state.moves)
        except Exception as exc:  # noqa: BLE001 - the analysis is optional here
            found = f"The search could not run: {exc}"
        self.game_app.call_from_thread(self._show_turns, found)

    def _show_turns(self, found: Counterfactual | str) -> None:
        if not isinstance(found, str):
            self.counterfactual = found
        if self.is_attached:
            self.query_one("#counterfactual", Static).update(
                counterfactual_content(self.session, found))

    def _find_best_plan(self) -> None:
        """In a worker thread: the search takes seconds, never on the UI thread."""
        from game.analysis.plan import best_plan

        app = self.game_app
        session = self.session
        plan: dict[str, Any] | str
        try:
            plan = best_plan(session.scenario, session.mediator,
                             scenario_path=session.scenario_path, seed=session.seed,
                             budget_s=2.0)
        except Exception as exc:  # noqa: BLE001 - the analysis is optional here
            plan = f"The analysis could not run: {exc}"
        app.call_from_thread(self._show_best_plan, plan)

    def _show_best_plan(self, plan: dict[str, Any] | str) -> None:
        if self.is_attached:
            self.query_one("#best-plan", Static).update(best_plan_content(self.session, plan))

    def _charts(self, session: Session) -> Content:
        lines = [Content.from_markup("[b]Meters over the game[/b] (one mark per turn, 0–100)")]
        for meter, label in visible_meters(session.scenario):
            values = history(session, meter)
            if not values:
                continue
            lines.append(Content.from_markup(
                "$label $spark  $start → [b]$end[/b]", label=f"{clip(label, 17):<17}",
                spark=spark(values, 40), start=str(values[0]), end=str(values[-1])))
        return Content("\n").join(lines)

    def _rest_markdown(self, session: Session) -> str:
        scenario = session.scenario
        out = ["## Turning points", ""]
        out += [f"- **Turn {turn}:** {text}" for turn, text in turning_point_lines(session)] \
            or ["- none: nothing moved."]
        out += ["", "## What the parties were hiding", ""]
        for party in scenario.principals:
            out.append(party_markdown(scenario, hidden_info(session.state, party.id),
                                      everything=True))
        out += consents_markdown(session)
        return "\n".join(out)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id in ("json", "md", "html"):
            self.action_export(event.button.id)
        elif event.button.id == "new":
            self.action_new_game()

    def action_new_game(self) -> None:
        self.game_app.new_game()

    def export_path(self, fmt: str) -> Path:
        session = self.session
        raw = self.query_one("#export-dir", Input).value.strip() or "."
        target = Path(raw).expanduser()
        ext = {"json": ".json", "md": ".md", "html": ".html"}[fmt]
        if target.is_dir() or not target.suffix:
            name = f"mediator-{session.scenario.meta.id}-{session.mediator}-seed{session.seed}{ext}"
            return target / name
        return target.with_suffix(ext)

    def action_export(self, fmt: str) -> None:
        from game.records.atomic import write_atomic
        from game.records.transcript import dumps
        from game.reports.export import to_html, to_markdown

        session = self.session
        status = self.query_one("#export-status", Static)
        try:
            path = self.export_path(fmt)
            transcript = session.transcript()
            if fmt == "json":
                text = dumps(transcript)
            else:
                section = debrief_section(session, self.counterfactual)
                render = to_markdown if fmt == "md" else to_html
                text = render(transcript, debrief=section)
            write_atomic(path, text)
        except OSError as exc:
            status.update(Content(f"✘ Could not write the file: {exc}"))
            self.notify(f"Could not write the file: {exc}", severity="error", timeout=4)
            return
        status.update(Content(f"✔ Wrote {path}"))
        self.notify(f"Wrote {path}", title="Exported", timeout=3)
