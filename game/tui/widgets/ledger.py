"""The ledger: every meter change with its cause, newest first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

from game.engine.explain import cause_words
from game.engine.knowledge import meter_visible
from game.tui.text import meter_label

if TYPE_CHECKING:
    from game.records.session import Session


class LedgerView(Static):
    def show(self, session: Session) -> None:
        state = session.state
        lines = []
        for entry in reversed(state.ledger):
            if not meter_visible(state, entry.meter):
                continue
            if entry.delta > 0:
                change = Content.from_markup("[$text-success]▲+$d[/]", d=str(entry.delta))
            elif entry.delta < 0:
                change = Content.from_markup("[$text-error]▼$d[/]", d=str(entry.delta))
            else:
                change = Content("· 0")
            lines.append(Content.assemble(
                Content.from_markup("[dim]T$turn[/dim] ", turn=str(entry.turn)),
                Content.from_markup("[b]$m[/b] ", m=meter_label(session.scenario, entry.meter)),
                change,
                Content.from_markup(" → $v", v=str(entry.value)),
                Content.from_markup("\n    [dim]because[/dim] $cause",
                                    cause=cause_words(session.scenario, entry.cause)),
            ))
        if not lines:
            lines.append(Content.from_markup("[dim]No meter has moved yet.[/dim]"))
        self.update(Content("\n").join(lines))
