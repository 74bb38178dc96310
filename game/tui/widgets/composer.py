"""The framework composer: every issue with its options; set an option, a phase, or defer.

Keyboard: up/down choose the issue, left/right choose the option (the first step left of the
first option takes the issue off the table), `p` cycles the phase, `d` defers, `x` removes,
enter proposes. Mouse: click an issue to cycle its option.

The composer only builds a `Framework`; whether it is a legal proposal is the engine's call
(`engine.check_move`), shown beneath it by the table screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from textual.binding import BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from game.engine.moves import Framework, Term
from game.tui.commands import bindings
from game.tui.text import phase_title

if TYPE_CHECKING:
    from game.engine.state import AgreedTerm, GameState
    from game.format.models import Scenario


class Composer(OptionList):
    """An OptionList whose rows are the scenario's issues."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("composer")

    class Changed(Message):
        """The framework being composed changed."""

        def __init__(self, composer: Composer) -> None:
            super().__init__()
            self.composer = composer

    class Submitted(Message):
        """Enter was pressed in the composer."""

    def __init__(self, scenario: Scenario, **kwargs: Any) -> None:
        self.scenario = scenario
        self.terms: dict[str, Term | None] = {issue.id: None for issue in scenario.issues}
        self.agreed: dict[str, AgreedTerm] = {}
        self.state: GameState | None = None  # for the look-ahead and the reopening rule
        super().__init__(*[Option(self._row(issue), id=issue.id) for issue in scenario.issues],
                         **kwargs)

    # ----------------------------------------------------------------- state

    def framework(self) -> Framework:
        return Framework.of([t for t in self.terms.values() if t is not None], self.scenario)

    def set_framework(self, framework: Framework) -> None:
        self.terms = {issue.id: None for issue in self.scenario.issues}
        for term in framework.terms:
            if term.issue in self.terms:
                self.terms[term.issue] = term
        self._rebuild()
        self.post_message(self.Changed(self))

    def clear(self) -> None:
        self.set_framework(Framework())

    def set_agreed(self, agreed: Mapping[str, AgreedTerm]) -> None:
        """Issues agreed so far (issue id -> AgreedTerm), shown as settled."""
        self.agreed = dict(agreed)
        self._rebuild()

    def set_state(self, state: GameState) -> None:
        """The game now: its agreed terms, and what the player knows (for the look-ahead)."""
        self.state = state
        self.set_agreed(state.agreed)

    def _locked(self, issue: Any) -> bool:
        """An issue agreed with an option cannot be reopened: say why, and refuse."""
        settled = self.agreed.get(issue.id)
        if settled is None or settled.term.deferred or self.state is None:
            return False
        from game.engine.explain import reopen_words

        self.notify(reopen_words(self.state, issue.id), title="Cannot reopen",
                    severity="warning")
        return True

    # ----------------------------------------------------------------- rendering

    def on_mount(self) -> None:
        if self.highlighted is None and self.option_count:
            self.highlighted = 0

    def _row(self, issue: Any) -> Content:
        term = self.terms.get(issue.id)
        title = Content.from_markup("[b]$title[/b]", title=issue.title)
        settled = self.agreed.get(issue.id)
        note = Content("")
        if settled is not None:
            agreed_term = settled.term
            if agreed_term.deferred:
                note = Content.from_markup("  [dim](agreed: deferred)[/dim]")
            else:
                label = next((o.label for o in issue.options if o.id == agreed_term.option), "")
                note = Content.from_markup("  [dim]✓ agreed: $label[/dim]", label=label)
        if term is None:
            body = Content.from_markup("[dim]· not on the table[/dim]")
        elif term.deferred:
            body = Content.from_markup("⏸ [i]deferred[/i] (frozen for later)")
        else:
            label = next((o.label for o in issue.options if o.id == term.option), term.option)
            # The arrows lead (←/→ changes it): a long label wraps without orphaning them.
            body = Content.from_markup("◀▶ [b]$label[/b]", label=label)
            note = Content.assemble(note, Content.from_markup(
                " [dim]· phase:[/dim] $phase",
                phase=phase_title(self.scenario, term.phase or issue.phase)))
        warning = self._lookahead(term)
        if warning:
            markup = "\n  [b $error]⚠ $w[/]" if "✘" in warning else "\n  [$warning]⚠ $w[/]"
            body = Content.assemble(body, Content.from_markup(markup, w=warning))
        return Content.assemble(title, note, "\n  ", body)

    def _lookahead(self, term: Term | None) -> str:
        """What agreeing the term would rule out later (the engine's look-ahead)."""
        if term is None or term.deferred or self.state is None:
            return ""
        from game.engine.explain import lookahead_words

        return lookahead_words(self.state, term, self.framework())

    def _rebuild(self) -> None:
        if not self.is_mounted:
            return
        highlighted = self.highlighted
        for index, issue in enumerate(self.scenario.issues):
            self.replace_option_prompt_at_index(index, self._row(issue))
        self.highlighted = highlighted if highlighted is not None else 0
        # The row being set may have grown (a longer option, a warning): keep all of it in view.
        self.call_after_refresh(self.scroll_to_highlight)

    # ----------------------------------------------------------------- actions

    def _issue(self) -> Any | None:
        if self.highlighted is None:
            return None
        return self.scenario.issues[self.highlighted]

    def _set(self, issue_id: str, term: Term | None) -> None:
        self.terms[issue_id] = term
        self._rebuild()
        self.post_message(self.Changed(self))

    def action_option(self, step: int) -> None:
        issue = self._issue()
        if issue is None or self._locked(issue):
            return
        ids: list[str | None] = [None, *[o.id for o in issue.options]]
        term = self.terms.get(issue.id)
        current = None if term is None or term.deferred else term.option
        index = ids.index(current) if current in ids else 0
        new = ids[(index + step) % len(ids)]
        if new is None:
            self._set(issue.id, None)
        else:
            phase = term.phase if term is not None and term.phase else issue.phase
            self._set(issue.id, Term(issue=issue.id, option=new, phase=phase))

    def action_select(self) -> None:
        """A click (or select) cycles the issue's option forward."""
        self.action_option(1)

    def action_phase(self) -> None:
        issue = self._issue()
        if issue is None or self._locked(issue):
            return
        term = self.terms.get(issue.id)
        if term is None or term.deferred:
            term = Term(issue=issue.id, option=issue.options[0].id, phase=issue.phase)
            self._set(issue.id, term)
            return
        phases = [p.id for p in self.scenario.phases]
        index = phases.index(term.phase) if term.phase in phases else 0
        self._set(issue.id, Term(issue=issue.id, option=term.option,
                                 phase=phases[(index + 1) % len(phases)]))

    def action_defer(self) -> None:
        issue = self._issue()
        if issue is None or self._locked(issue):
            return
        term = self.terms.get(issue.id)
        if term is not None and term.deferred:
            self._set(issue.id, None)
        else:
            self._set(issue.id, Term(issue=issue.id, deferred=True))

    def action_remove(self) -> None:
        issue = self._issue()
        if issue is not None:
            self._set(issue.id, None)

    def action_submit(self) -> None:
        self.post_message(self.Submitted())
