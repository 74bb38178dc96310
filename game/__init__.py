"""Mediator: a terminal game of conflict mediation."""

__version__ = "0.1.0"
