"""Meters with a bar, the value, the last change (arrow + number) and a sparkline trend."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

from game.tui.text import bar, delta_text, spark

if TYPE_CHECKING:
    from game.format.models import Scenario
    from game.records.session import Session


def visible_meters(scenario: Scenario) -> list[tuple[str, str]]:
    """(meter, short label) in display order: global meters, trust in you, mutual trust; a
    party's `short_name` when it has one, else the first word of its name."""
    principals = scenario.principals
    rows = [("credibility", "Credibility"), ("progress", "Progress"),
            ("humanitarian", "Humanitarian")]
    short = {p.id: p.short_name or _short(p.name) for p in principals}
    for party in principals:
        rows.append((f"trust.{party.id}", f"{short[party.id]}→you"))
    for party in principals:
        for other in principals:
            if other.id != party.id:
                rows.append((f"trust.{party.id}.{other.id}",
                             f"{short[party.id]}→{short[other.id]}"))
    return rows


def _short(name: str, width: int = 7) -> str:
    word = name.split()[0] if name.split() else name
    return word[:width]


def history(session: Session, meter: str) -> list[int]:
    try:
        from game.engine.game import meter_history

        return list(meter_history(session.states, meter))
    except (ImportError, AttributeError, KeyError, TypeError):
        return [s.meters.get(meter, 0) for s in session.states]


class MeterPanel(Static):
    """Renders every visible meter of a session; `show(session)` refreshes it.

    Each row: label, (bar when wide enough), value, last change ▲/▼, sparkline of history.
    `compact` (a short terminal) puts the parties' trust in each other in a grid of short
    names (value and last change, no trend), so the composer below keeps its room.
    """

    session: Session | None = None
    compact: bool = False

    def set_compact(self, compact: bool) -> None:
        if compact != self.compact:
            self.compact = compact
            if self.session is not None:
                self._render_rows()

    def show(self, session: Session) -> None:
        self.session = session
        self._render_rows()

    def on_resize(self) -> None:
        if self.session is not None:
            self._render_rows()

    def _render_rows(self) -> None:
        session = self.session
        if session is None:
            return
        state = session.state
        width = self.content_size.width or 36
        rows = [(m, label) for m, label in visible_meters(session.scenario) if m in state.meters]
        between = [(m, label) for m, label in rows if m.count(".") == 2] if self.compact else []
        rows = [row for row in rows if row not in between]
        label_w = max(len(label) for _m, label in rows)
        fixed = label_w + 1 + 3 + 1 + 5 + 1
        bar_w = 10 if width - fixed >= 10 + 1 + 12 else 0
        spark_w = max(4, min(30, width - fixed - (bar_w + 1 if bar_w else 0)))
        lines = []
        for meter, label in rows:
            values = history(session, meter)
            value = state.meters[meter]
            delta = values[-1] - values[-2] if len(values) >= 2 else 0
            tone = "$text-success" if delta > 0 else "$text-error" if delta < 0 else "dim"
            lines.append(Content.from_markup(
                "$label $bar[b]$value[/b] [" + tone + "]$delta[/] [$text-accent]$spark[/]",
                label=f"{label:<{label_w}}", bar=(bar(value, bar_w) + " ") if bar_w else "",
                value=f"{value:>3}", delta=f"{delta_text(delta):<5}",
                spark=spark(values, spark_w),
            ))
        if between:
            lines.extend(self._grid(between, width))
        self.update(Content("\n").join(lines))

    def _grid(self, between: list[tuple[str, str]], width: int) -> list[Content]:
        """The parties' trust in each other, as many to a line as fit: `Ukr→Rus  8▼-2`."""
        session = self.session
        if session is None:
            return []
        scenario = session.scenario
        names = _abbreviations([p.name for p in scenario.principals])
        by_id = {p.id: p.short_name or names[p.name] for p in scenario.principals}
        cells = []
        for meter, _label in between:
            _trust, a, b = meter.split(".")
            values = history(session, meter)
            delta = values[-1] - values[-2] if len(values) >= 2 else 0
            tone = "$text-success" if delta > 0 else "$text-error"
            cells.append(Content.from_markup(
                "$label [b]$value[/b] [" + tone + "]$delta[/]",
                label=f"{by_id[a]}→{by_id[b]}", value=f"{session.state.meters[meter]:>3}",
                delta=f"{delta_text(delta) if delta else '':<5}"))
        cell_w = max(c.cell_length for c in cells)
        per_line = max(1, (width + 2) // (cell_w + 2))
        return [Content("  ").join(cells[i:i + per_line])
                for i in range(0, len(cells), per_line)]


def _abbreviations(names: list[str]) -> dict[str, str]:
    """The shortest prefix of each name's first word (3 letters at least) that tells the
    parties apart."""
    for width in range(3, 8):
        short = {name: _short(name, width) for name in names}
        if len(set(short.values())) == len(names):
            return short
    return {name: _short(name) for name in names}
