"""The optional debrief section of the exports: lessons, the turn where the outcome was
decided, the best move found at each turn and the turning points, as the analysis wrote them
(`game.analysis.debrief.debrief_section`). The transcript alone does not hold them: a caller
that has the scenario (the debrief screen, `mediator export`) computes and passes them in."""

from __future__ import annotations

from typing import Any

from game.reports.view import plain

HEADINGS = (
    ("lessons", "Three lessons", None),
    ("counterfactual", "Turn by turn: the best move found",
     "For each turn, the best move a bounded search found from the state before it, and how "
     "the game would have ended (score change against yours)."),
    ("turning_points", "Turning points", None),
)


def debrief_blocks(debrief: dict[str, Any] | None) -> list[tuple[str, str | None, list[str]]]:
    """(heading, lead sentence or None, items) for each part present, in order; the decided
    turn leads the turn-by-turn part."""
    if not isinstance(debrief, dict):
        return []
    out = []
    for key, heading, lead in HEADINGS:
        items = debrief.get(key)
        if not isinstance(items, list) or not items:
            continue
        lines = [f"Turn {plain(x.get('turn'))}: {plain(x.get('text'))}" for x in items
                 if isinstance(x, dict)]
        if key == "counterfactual" and debrief.get("decided"):
            lead = f"{plain(debrief['decided'])} {lead}"
        out.append((heading, lead, lines))
    return out


__all__ = ["debrief_blocks"]
