"""Typed access to the app and the game in progress, for screens and widgets.

`self.app` is Textual's `App[Any]`; `GameScreen.game_app` (or `app_of(node)`) is this game's
`MediatorApp`, and `GameScreen.session` the game being played, so no screen handles an `Any`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

from textual.dom import DOMNode
from textual.screen import Screen

if TYPE_CHECKING:
    from game.records.session import Session
    from game.tui.app import MediatorApp

ResultT = TypeVar("ResultT")


def app_of(node: DOMNode) -> MediatorApp:
    """The Mediator app that `node` belongs to."""
    return cast("MediatorApp", node.app)


def session_of(node: DOMNode) -> Session:
    """The game in progress (screens showing a game are pushed only once there is one)."""
    session = app_of(node).session
    if session is None:
        raise RuntimeError("no game in progress")
    return session


class GameScreen(Screen[ResultT]):
    """A screen of the Mediator app."""

    @property
    def game_app(self) -> MediatorApp:
        return app_of(self)

    @property
    def session(self) -> Session:
        return session_of(self)
