"""Meters with a bar, the value, the last change (arrow + number) and a sparkline trend."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import Static

from game.tui.text import bar, delta_text, spark


def visible_meters(scenario: Any) -> list[tuple[str, str]]:
    """(meter, short label) in display order: global meters, trust in you, mutual trust."""
    principals = scenario.principals
    rows = [("credibility", "Credibility"), ("progress", "Progress"),
            ("humanitarian", "Humanitarian")]
    for party in principals:
        rows.append((f"trust.{party.id}", f"{_short(party.name)}→you"))
    for party in principals:
        for other in principals:
            if other.id != party.id:
                rows.append((f"trust.{party.id}.{other.id}",
                             f"{_short(party.name)}→{_short(other.name)}"))
    return rows


def _short(name: str, width: int = 7) -> str:
    word = name.split()[0] if name.split() else name
    return word[:width]


def history(session: Any, meter: str) -> list[int]:
    try:
        from game.engine.engine import meter_history

        return list(meter_history(session.states, meter))
    except (ImportError, AttributeError, KeyError, TypeError):
        return [s.meters.get(meter, 0) for s in session.states]


class MeterPanel(Static):
    """Renders every visible meter of a session; `show(session)` refreshes it.

    Each row: label, (bar when wide enough), value, last change ▲/▼, sparkline of history.
    """

    session: Any = None

    def show(self, session: Any) -> None:
        self.session = session
        self._render_rows()

    def on_resize(self) -> None:
        if self.session is not None:
            self._render_rows()

    def _render_rows(self) -> None:
        session = self.session
        state = session.state
        width = self.content_size.width or 36
        rows = [(m, label) for m, label in visible_meters(session.scenario) if m in state.meters]
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
        self.update(Content("\n").join(lines))
