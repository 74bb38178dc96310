"""Long Markdown (briefing, help, debrief) drawn as one widget: quick to build and to lay out.

Textual's `Markdown` widget makes a widget per block, which is slow for pages of rules; this
one renders through Rich's Markdown inside a single `Static` and keeps the `source`.
"""

from __future__ import annotations

from typing import Any

from rich.markdown import Markdown as RichMarkdown
from textual.widgets import Static


class MarkdownText(Static):
    def __init__(self, source: str, **kwargs: Any) -> None:
        self.source = source
        super().__init__(RichMarkdown(source, hyperlinks=False), **kwargs)

    def set_source(self, source: str) -> None:
        self.source = source
        self.update(RichMarkdown(source, hyperlinks=False))
