"""Render a transcript for people: Markdown or one self-contained HTML file.

The reader is a teacher going through a student's game: what was played, what each party
answered and which rules (with the documented positions behind them) decided it, how every
meter moved and why, and how the score was computed.

Both renderers work from the transcript dict alone (see transcript.py for its format), never
from the scenario, and are deterministic: the same transcript gives the same bytes. Names
(parties, issues, options, phases, outcomes, actions, the mediator) come from the transcript's
``labels``; a transcript written before it had them is shown with its ids. Every
response kind is shown with a symbol AND a word, never colour alone. In HTML, everything that
comes from the transcript goes through ``html.escape``; the stylesheet is read from
``assets/export.css`` and inlined, so the file needs nothing else (no links, no scripts).
"""

from __future__ import annotations

from typing import Any, Protocol

from game.reports.html import to_html
from game.reports.markdown import to_markdown
from game.reports.view import ExportError

__all__ = ["RENDERERS", "ExportError", "Renderer", "to_html", "to_markdown"]


class Renderer(Protocol):
    """A transcript (plus, optionally, the debrief's section: reports/debrief.py) as text."""

    def __call__(self, transcript: dict[str, Any],
                 debrief: dict[str, Any] | None = None) -> str: ...


RENDERERS: dict[str, Renderer] = {"md": to_markdown, "html": to_html}
