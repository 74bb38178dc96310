"""Engine work off the UI thread that never holds up quitting.

A step of the engine (the parties' answers to a move, a scenario reloaded and replayed) can
take long on a pathological scenario. `Background.run` computes it in a daemon thread and
awaits the result, so the event loop keeps drawing and reading keys. Textual's thread workers
use the loop's executor, whose threads the interpreter joins at exit: a long step there would
keep the process alive after ctrl+q. A daemon thread is simply left behind, and `abandon`
ends every wait at once when the app quits.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class Abandoned(Exception):
    """The app is quitting: the result of the work will not be used."""


class Background:
    """The app's work in daemon threads, each awaited by one coroutine."""

    def __init__(self) -> None:
        self._waiting: set[asyncio.Future[Any]] = set()

    @property
    def busy(self) -> bool:
        """Whether some work is still being awaited."""
        return any(not future.done() for future in self._waiting)

    async def run(self, work: Callable[[], T], name: str = "mediator-engine") -> T:
        """`work()` computed in a daemon thread; raises what it raised, or `Abandoned`."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()

        def settle(value: Any, error: BaseException | None) -> None:
            if future.done():
                return
            if error is not None:
                future.set_exception(error)
            else:
                future.set_result(value)

        def target() -> None:
            value: Any = None
            error: BaseException | None = None
            try:
                value = work()
            except BaseException as exc:  # noqa: BLE001 - handed to the awaiting coroutine
                error = exc
            with contextlib.suppress(RuntimeError):  # the loop is closed: the app has quit
                loop.call_soon_threadsafe(settle, value, error)

        self._waiting.add(future)
        try:
            threading.Thread(target=target, name=name, daemon=True).start()
            return await future
        finally:
            self._waiting.discard(future)

    def abandon(self) -> None:
        """End every wait now with `Abandoned` (the threads run on, unheeded)."""
        for future in list(self._waiting):
            if not future.done():
                future.set_exception(Abandoned())
