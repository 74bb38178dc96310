"""The event feed: events that fired, statements parties made, plain-language notes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

from game.engine.explain import cause_words
from game.tui.text import cite_text, party_name, phase_title

if TYPE_CHECKING:
    from game.records.session import Session


class EventFeed(Static):
    def show(self, session: Session) -> None:
        scenario = session.scenario
        lines: list[Content] = []
        previous_phase = session.states[0].phase if session.states else ""
        items: list[list[Content]] = []
        for result in session.results:
            turn_lines: list[Content] = []
            if result.phase and result.phase != previous_phase:
                turn_lines.append(Content.from_markup(
                    "[b]◉ Phase reached:[/b] $p", p=phase_title(scenario, result.phase)))
                previous_phase = result.phase
            for happening in result.happenings:
                who = party_name(scenario, happening.party) if happening.party else ""
                if happening.kind == "statement":
                    head = Content.from_markup("🗣 [b]$who[/b]: “$t”", who=who, t=happening.text)
                else:
                    head = Content.from_markup("⚑ [b]Event[/b]: $t", t=happening.text)
                cite = cite_text(scenario, happening.cite)
                if cite:
                    head = Content.assemble(
                        head, Content.from_markup("\n    [dim]$c[/dim]", c=cite))
                turn_lines.append(head)
            for note in result.notes:
                turn_lines.append(Content.from_markup("ⓘ $n", n=cause_words(scenario, note)))
            if result.ending:
                turn_lines.append(Content.from_markup(
                    "[b]■ The game ended[/b] ($why)", why=result.ending.reason.replace("_", " ")))
            if turn_lines:
                items.append([Content.from_markup("[dim]— Turn $t —[/dim]", t=str(result.turn)),
                              *turn_lines])
        for block in reversed(items):
            lines.extend(block)
        if not lines:
            lines.append(Content.from_markup("[dim]Nothing has happened yet.[/dim]"))
        self.update(Content("\n").join(lines))
