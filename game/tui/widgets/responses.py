"""The response log: what each party answered, with a "why?" that lists the rules and the
documented positions (citations) behind the answer. Newest turn first."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Collapsible, Static

from game.tui.text import (
    REASON_KIND_LABEL,
    cite_text,
    framework_label,
    move_label,
    party_name,
    response_label,
    term_label,
    title_of,
)

if TYPE_CHECKING:
    from game.engine.explain import Answer
    from game.engine.state import GameState
    from game.format.models import Scenario
    from game.records.session import Session


def reasons_content(scenario: Scenario, reasons: Any) -> Content:
    lines = []
    for reason in reasons:
        kind = REASON_KIND_LABEL.get(reason.kind, reason.kind.replace("_", " "))
        line = Content.from_markup(
            "• [b]$kind[/b] [dim]($rule)[/dim]\n  $text", kind=kind, rule=reason.rule,
            text=reason.text,
        )
        cite = cite_text(scenario, reason.cite)
        if cite:
            line = Content.assemble(line, Content.from_markup("\n  [i]cited:[/i] $c", c=cite))
        lines.append(line)
    if not lines:
        lines.append(Content.from_markup("[dim]No rule recorded.[/dim]"))
    return Content("\n").join(lines)


def answer_content(scenario: Scenario, answer: Answer) -> Content:
    """The "why?" of one answer in plain words: the value (in numbers once the walk-away is
    known), term by term, then every rule with the documented position behind it."""
    lines = [Content.from_markup("• $text", text=x)
             for x in (answer.numbers, answer.term_by_term) if x]
    for said in answer.rules:
        line = Content.from_markup("• $text", text=said.text)
        cite = cite_text(scenario, said.cite)
        if cite:
            line = Content.assemble(line, Content.from_markup("\n  [i]cited:[/i] $c", c=cite))
        lines.append(line)
    if not lines:
        lines.append(Content.from_markup("[dim]No rule recorded.[/dim]"))
    return Content("\n").join(lines)


def turn_widgets(scenario: Scenario, result: Any, latest: bool,
                 state: GameState | None = None) -> list[Widget]:
    """The widgets of one turn. With `state` (the state the turn was played in) the answers
    are explained in plain words with what the player knew then; without it, the engine's
    rule texts and ids."""
    from game.engine.explain import consent_words, explain, not_agreed_notice
    from game.engine.moves import Propose

    widgets: list[Widget] = [
        Static(Content.from_markup("[b]Turn $t[/b] · $m", t=str(result.turn),
                                   m=move_label(scenario, result.move)),
               classes="turn-head" + (" first" if latest else ""))
    ]
    explained = state is not None and isinstance(result.move, Propose)
    notice = (not_agreed_notice(state, result.responses, result.consents)
              if explained and state is not None else None)
    if notice:
        widgets.append(Static(Content.from_markup("[b]⚠ $n[/b]", n=notice),
                              classes="not-agreed bad"))
    for response in result.responses:
        symbol, label, tone = response_label(response.kind)
        answer = (explain(state, response, result.move.framework)
                  if explained and state is not None else None)
        because = f" — {answer.because}" if answer is not None and answer.because else ""
        widgets.append(Static(
            Content.from_markup("$who: [b]$sym $label[/b]$because",
                                who=party_name(scenario, response.party), sym=symbol, label=label,
                                because=because),
            classes=f"response {tone}",
        ))
        if response.counter is not None:
            widgets.append(Static(
                Content.from_markup("  ↺ would accept: $c",
                                    c=framework_label(scenario, response.counter)),
                classes="counter",
            ))
        n = len(response.reasons)
        body = (answer_content(scenario, answer) if answer is not None
                else reasons_content(scenario, response.reasons))
        widgets.append(WhyFold(
            Static(body, classes="reasons"),
            title=f"why? {n} rule{'s' if n != 1 else ''}", collapsed=True,
            classes=f"why turn-{result.turn}" + (" latest" if latest else ""),
        ))
    for consent in result.consents:
        if explained and state is not None:
            line = Content.from_markup("$mark $text", mark="✔" if consent.given else "✘",
                                       text=consent_words(state, consent))
        else:
            mark = "✔ consents" if consent.given else "✘ withholds consent"
            line = Content.from_markup("$who $mark: $text",
                                       who=party_name(scenario, consent.stakeholder),
                                       mark=mark, text=consent.text)
        cite = cite_text(scenario, consent.cite)
        if cite:
            line = Content.assemble(line, Content.from_markup("\n  [dim]$c[/dim]", c=cite))
        widgets.append(Static(line, classes="consent " + ("ok" if consent.given else "bad")))
    for term in result.agreed:
        agreed = Content.from_markup("[b]✓ Agreed:[/b] $t", t=term_label(scenario, term))
        widgets.append(Static(agreed, classes="agreed ok"))
    for issue in result.broken:
        widgets.append(Static(Content.from_markup("[b]✘ Agreement broken:[/b] $i", i=issue),
                              classes="broken bad"))
    for party, what in result.revealed:
        widgets.append(Static(Content.from_markup(
            "👁 Learned: $who's $what (see Briefing, b)",
            who=party_name(scenario, party), what=what.replace("_", " ")), classes="revealed"))
    if result.ending:
        title = title_of(scenario.outcomes, result.ending.outcome)
        widgets.append(Static(Content.from_markup("[b]■ Outcome:[/b] $o", o=title),
                              classes="outcome"))
    return widgets


class WhyFold(Collapsible):
    """A "why?" fold. Opened alone (click, enter) it scrolls itself into view; when the log
    opens several at once it places the view itself, so the folds do not fight over it."""

    def scroll_visible(self, *args: Any, **kwargs: Any) -> None:
        log = next((a for a in self.ancestors if isinstance(a, ResponseLog)), None)
        if log is not None and log.placing:
            return
        super().scroll_visible(*args, **kwargs)


class ResponseLog(VerticalScroll):
    """One block per turn, newest first."""

    can_focus = True

    shown: int = 0
    placing: bool = False  # True while toggle_why's own scrolling is pending

    async def show(self, session: Session) -> None:
        """Add the turns played since the last call (or rebuild if history changed)."""
        results = list(session.results)
        if len(results) < self.shown or not results:
            await self.remove_children()
            self.shown = 0
        if not results:
            await self.mount(Static(Content.from_markup(
                "[dim]No proposal yet. Compose a framework on the left and press "
                "[b]s[/b] to put it on the table.[/dim]"), classes="empty"))
            return
        if len(results) == self.shown:
            return
        for widget in self.query(".empty"):
            await widget.remove()
        for widget in self.query(".latest"):
            widget.remove_class("latest")
        for widget in self.query(".first"):
            widget.remove_class("first")
        new: list[Widget] = []
        for n, index in enumerate(reversed(range(self.shown, len(results)))):
            new.extend(turn_widgets(session.scenario, results[index], latest=(n == 0),
                                    state=session.states[index]))
        if self.children:
            await self.mount_all(new, before=0)
        else:
            await self.mount_all(new)
        self.shown = len(results)
        self.call_after_refresh(self.scroll_home, animate=False)

    def toggle_why(self) -> bool:
        """Expand (or collapse) the reasons of the latest turn that has answers (a later
        action or pass has none); True if now expanded.

        Then the view shows the turn from its top, scrolled on just enough for the first
        answer's reasons to be in view (their beginning, if they are taller than the log).
        """
        folds = list(self.query(".why").results(Collapsible))  # newest turn first
        if not folds:
            return False
        turn = next(c for c in folds[0].classes if c.startswith("turn-"))
        latest = [c for c in folds if turn in c.classes]
        expand = any(c.collapsed for c in latest)
        self.placing = True
        for collapsible in latest:
            collapsible.collapsed = not expand
        self.call_after_refresh(self._place, latest[0] if expand else None)
        return expand

    def _place(self, first: Widget | None) -> None:
        self.placing = False
        self.scroll_home(animate=False, immediate=True)
        if first is not None:
            self.scroll_to_widget(first, animate=False, immediate=True)
