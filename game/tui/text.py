"""Plain-text helpers shared by the screens: labels, symbols, sparklines, citations.

Presentation only: nothing here decides anything about the game.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import suppress
from typing import Any

from textual.markup import escape

from game.reports.labels import REASON_KIND_LABEL as REASON_KIND_LABEL  # re-exported
from game.reports.labels import RESPONSE_STYLE as RESPONSE_STYLE  # re-exported
from game.reports.labels import party_meter_label

SPARK_CHARS = "▁▂▃▄▅▆▇█"


def response_label(kind: str) -> tuple[str, str, str]:
    return RESPONSE_STYLE.get(kind, ("?", kind.replace("_", " ").capitalize(), "warn"))


def spark(values: Sequence[float], width: int | None = None, lo: float = 0, hi: float = 100) -> str:
    """A one-line sparkline, one character per value (the last `width` values)."""
    if width is not None and len(values) > width:
        values = values[-width:]
    span = max(hi - lo, 1e-9)
    out = []
    for value in values:
        level = int(round((min(max(value, lo), hi) - lo) / span * (len(SPARK_CHARS) - 1)))
        out.append(SPARK_CHARS[level])
    return "".join(out)


def bar(value: float, width: int = 10) -> str:
    filled = int(round(max(0.0, min(100.0, value)) / 100 * width))
    return "█" * filled + "░" * (width - filled)


def delta_text(delta: float) -> str:
    if delta > 0:
        return f"▲+{delta:g}"
    if delta < 0:
        return f"▼{delta:g}"
    return "· 0"


def party_name(scenario: Any, party_id: str) -> str:
    try:
        return str(scenario.party(party_id).name)
    except KeyError:
        return party_id


def meter_label(scenario: Any, meter: str) -> str:
    """A human label for a meter name (credibility, trust.ua, trust.ua.ru, walkaway.ua)."""
    label = party_meter_label(meter, lambda p: party_name(scenario, p), mediator="you")
    return label or meter.capitalize()


def cite_text(scenario: Any, cite: Any) -> str:
    """“quote” (Source title), markup-escaped; empty when there is no citation."""
    if cite is None:
        return ""
    source = getattr(cite, "source", None)
    quote = getattr(cite, "quote", None)
    if isinstance(cite, dict):
        source, quote = cite.get("source"), cite.get("quote")
    title = source
    with suppress(KeyError, AttributeError):
        title = scenario.source(source).title
    return escape(f"“{quote}” ({title})")


def term_label(scenario: Any, term: Any) -> str:
    try:
        return str(term.label(scenario))
    except (KeyError, StopIteration, AttributeError):
        return str(term)


def framework_label(scenario: Any, framework: Any) -> str:
    terms: Iterable[Any] = getattr(framework, "terms", ()) or ()
    labels = [term_label(scenario, t) for t in terms]
    return "; ".join(labels) if labels else "(nothing)"


def move_label(scenario: Any, move: Any) -> str:
    """What the mediator did, in words."""
    name = type(move).__name__
    if name == "Propose":
        return "You proposed: " + framework_label(scenario, move.framework)
    if name == "TakeAction":
        try:
            title = scenario.action(move.action).title
        except KeyError:
            title = move.action
        if move.target:
            return f"You used: {title} → {party_name(scenario, move.target)}"
        return f"You used: {title}"
    if name == "Pass":
        return "You passed the turn."
    return name


def title_of(items: Iterable[Any], item_id: str) -> str:
    """The title of the scenario item (phase, outcome...) with this id, else the id."""
    return next((str(item.title) for item in items if item.id == item_id), item_id)


def phase_title(scenario: Any, phase_id: str) -> str:
    return title_of(scenario.phases, phase_id)


def phase_track(scenario: Any, current: str) -> str:
    """● reached / ◉ current / ○ not yet, with names (not colour alone)."""
    ids = [p.id for p in scenario.phases]
    index = ids.index(current) if current in ids else 0
    out = []
    for n, phase in enumerate(scenario.phases):
        mark = "◉" if n == index else ("●" if n < index else "○")
        out.append(f"{mark} {phase.title}")
    return " › ".join(out)
