"""Plain-text helpers shared by the screens: labels, symbols, sparklines, citations.

Presentation only: nothing here decides anything about the game.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import suppress
from typing import TYPE_CHECKING, Any

from textual.markup import escape

from game.engine.moves import Framework, Move, Pass, Propose, TakeAction, Term
from game.format.models import cite_words
from game.reports.labels import REASON_KIND_LABEL as REASON_KIND_LABEL  # re-exported
from game.reports.labels import RESPONSE_STYLE as RESPONSE_STYLE  # re-exported
from game.reports.labels import party_meter_label

if TYPE_CHECKING:
    from game.format.models import Scenario

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


def party_name(scenario: Scenario, party_id: str) -> str:
    try:
        return str(scenario.party(party_id).name)
    except KeyError:
        return party_id


def meter_label(scenario: Scenario, meter: str) -> str:
    """A human label for a meter name (credibility, trust.ua, trust.ua.ru, walkaway.ua)."""
    label = party_meter_label(meter, lambda p: party_name(scenario, p), mediator="you")
    return label or meter.capitalize()


def cite_text(scenario: Scenario, cite: Any) -> str:
    """“quote” (Source title), or its section and page, markup-escaped; empty when there is
    no citation."""
    if cite is None:
        return ""
    if isinstance(cite, dict):
        source = cite.get("source")
        words = cite_words(cite.get("quote"), cite.get("section"), cite.get("page"))
    else:
        source, words = getattr(cite, "source", None), cite.words
    title = source
    with suppress(KeyError, AttributeError):
        title = scenario.source(str(source)).title
    return escape(f"{words} ({title})")


def term_label(scenario: Scenario, term: Term) -> str:
    """'Ceasefire: Monitored ceasefire (Ceasefire)': the option and its phase, by title."""
    from game.engine.wording import term_words

    text = term_words(scenario, term)
    return f"{text} ({phase_title(scenario, term.phase)})" if term.phase and not term.deferred \
        else text


def framework_label(scenario: Scenario, framework: Framework) -> str:
    labels = [term_label(scenario, t) for t in framework.terms]
    return "; ".join(labels) if labels else "(nothing)"


def move_label(scenario: Scenario, move: Move) -> str:
    """What the mediator did, in words."""
    match move:
        case Propose(framework=framework):
            return "You proposed: " + framework_label(scenario, framework)
        case TakeAction(action=action_id, target=target):
            try:
                title = scenario.action(action_id).title
            except KeyError:
                title = action_id
            if target:
                return f"You used: {title} → {party_name(scenario, target)}"
            return f"You used: {title}"
        case Pass():
            return "You passed the turn."
    return type(move).__name__


def title_of(items: Iterable[Any], item_id: str) -> str:
    """The title of the scenario item (phase, outcome...) with this id, else the id."""
    return next((str(item.title) for item in items if item.id == item_id), item_id)


def phase_title(scenario: Scenario, phase_id: str) -> str:
    return title_of(scenario.phases, phase_id)


def phase_track(scenario: Scenario, current: str) -> str:
    """● reached / ◉ current / ○ not yet, with names (not colour alone)."""
    ids = [p.id for p in scenario.phases]
    index = ids.index(current) if current in ids else 0
    out = []
    for n, phase in enumerate(scenario.phases):
        mark = "◉" if n == index else ("●" if n < index else "○")
        out.append(f"{mark} {phase.title}")
    return " › ".join(out)


def clip(text: str, width: int) -> str:
    """`text` cut to `width` cells with an ellipsis when it is longer (never silently)."""
    return text if len(text) <= width else text[:max(0, width - 1)] + "…"
