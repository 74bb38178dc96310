"""Typed errors of the engine: a move that is malformed, illegal, or names no mediator."""

from __future__ import annotations


class IllegalMoveError(ValueError):
    """A move that is not legal in the current state; the message says why."""


class InvalidMoveError(ValueError):
    """A move that is not well formed (a moves file's or a transcript's entry): syntax, not
    rules; the message says what is wrong."""


class UnknownMediatorError(ValueError):
    """A mediator id that the scenario does not define."""
