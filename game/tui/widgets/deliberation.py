"""Where the table awaits the parties' answers: an invisible widget with its own message queue.

The engine step runs in a daemon thread (`MediatorApp.background`); the coroutine that awaits
it runs here, not in the app's or the screen's queue, so keys (ctrl+q among them) are read and
the screen is redrawn meanwhile. Like any widget's messages, it is awaited by Textual's Pilot
before a key press or a pause returns. Quitting or leaving the table abandons the wait
(`Background.abandon`), since Textual closes this widget only once its queue is idle.
"""

from __future__ import annotations

from textual.widget import Widget


class Deliberation(Widget):
    """The queue of the engine steps of the table (one at a time)."""

    DEFAULT_CSS = "Deliberation { display: none; }"
