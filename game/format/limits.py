"""Every size limit of the game's inputs and searches, declared once.

The loader refuses a scenario past a limit with FILE:LINE:COL (at the first item over it);
the readers of moves files and transcripts use the byte and count limits; the engine's
counter-proposal search stops at its budget. Each value is well above what the shipped
scenarios use. README.md lists them (``markdown_table``; a test keeps it current).
"""

from __future__ import annotations

from dataclasses import dataclass

MiB = 1024 * 1024

MAX_FILE_BYTES = 2 * MiB
MAX_YAML_DEPTH = 64
MAX_YAML_NODES = 100_000
MAX_ALIAS_SUBTREE = 10_000
MAX_STRING = 20_000
MAX_ISSUES = 40
MAX_OPTIONS = 12
MAX_PHASES = 12
MAX_PARTIES = 12
MAX_PRINCIPALS = 6
MAX_MEDIATORS = 12
MAX_ACTIONS = 60
MAX_EVENTS = 60
MAX_STATEMENTS = 50
MAX_RED_LINES = 100
MAX_LINKAGES = 100
MAX_OUTCOMES = 20
MAX_EFFECTS = 50
MAX_TURNS = 100
MAX_MOVES = 1_000
MAX_TRANSCRIPT_BYTES = 16 * MiB
MAX_PATH = 4_096
MAX_NUMBER = 1_000_000
COUNTER_CANDIDATES = 200_000
MAX_PACKAGES = 200_000_000


@dataclass(frozen=True, slots=True)
class Limit:
    """One limit: its value, what it bounds, and the data paths it applies to in a scenario
    (``*`` matches every index of a list; empty: not a scenario list)."""

    name: str
    value: int
    what: str
    paths: tuple[tuple[str, ...], ...] = ()
    note: str = ""


LIMITS: tuple[Limit, ...] = (
    Limit("MAX_FILE_BYTES", MAX_FILE_BYTES, "bytes in a scenario or moves file (checked "
          "before reading)"),
    Limit("MAX_YAML_DEPTH", MAX_YAML_DEPTH, "levels of YAML nesting"),
    Limit("MAX_YAML_NODES", MAX_YAML_NODES, "YAML nodes in a file, aliases expanded"),
    Limit("MAX_ALIAS_SUBTREE", MAX_ALIAS_SUBTREE, "nodes repeated by one YAML alias"),
    Limit("MAX_STRING", MAX_STRING, "characters in one text or key"),
    Limit("MAX_NUMBER", MAX_NUMBER, "magnitude of any number in a scenario (a weight, delta, "
          "strength, cost, bonus...): larger ones would overflow the engine's arithmetic"),
    Limit("MAX_ISSUES", MAX_ISSUES, "issues", (("issues",),)),
    Limit("MAX_OPTIONS", MAX_OPTIONS, "options of one issue", (("issues", "*", "options"),)),
    Limit("MAX_PHASES", MAX_PHASES, "phases", (("phases",),)),
    Limit("MAX_PARTIES", MAX_PARTIES, "parties (principals and stakeholders)", (("parties",),)),
    Limit("MAX_PRINCIPALS", MAX_PRINCIPALS, "principal parties"),
    Limit("MAX_MEDIATORS", MAX_MEDIATORS, "mediator roles", (("mediators",),)),
    Limit("MAX_ACTIONS", MAX_ACTIONS, "actions", (("actions",),)),
    Limit("MAX_EVENTS", MAX_EVENTS, "events", (("events",),),
          note="so at most this many fire in one turn"),
    Limit("MAX_STATEMENTS", MAX_STATEMENTS, "positions, statements or consents of one party",
          (("parties", "*", "positions"), ("parties", "*", "statements"),
           ("parties", "*", "consents"))),
    Limit("MAX_RED_LINES", MAX_RED_LINES, "red lines of one party",
          (("parties", "*", "red_lines"),)),
    Limit("MAX_LINKAGES", MAX_LINKAGES, "linkages of one party", (("parties", "*", "linkages"),)),
    Limit("MAX_OUTCOMES", MAX_OUTCOMES, "outcomes", (("outcomes",),)),
    Limit("MAX_EFFECTS", MAX_EFFECTS, "effects of one action, event or option",
          (("actions", "*", "effects"), ("actions", "*", "backlash", "effects"),
           ("events", "*", "effects"), ("issues", "*", "options", "*", "effects_when_agreed"))),
    Limit("MAX_TURNS", MAX_TURNS, "turns of a game (rules.turn_limit)"),
    Limit("MAX_MOVES", MAX_MOVES, "moves in a moves file or a transcript"),
    Limit("MAX_TRANSCRIPT_BYTES", MAX_TRANSCRIPT_BYTES, "bytes in a transcript or saved game "
          "(checked before reading)"),
    Limit("MAX_PATH", MAX_PATH, "characters in a file path recorded in a transcript"),
    Limit("COUNTER_CANDIDATES", COUNTER_CANDIDATES, "candidates one counter-proposal search "
          "enumerates before it answers with the best found so far"),
    Limit("MAX_PACKAGES", MAX_PACKAGES, "packages in the outcome space `analyze` evaluates "
          "(the product of each issue's choices), in chunks of about a million (memory "
          "stays bounded); above it, analyze refuses"),
)


def markdown_table() -> str:
    """The limits as the Markdown table README.md shows."""
    rows = ["| Limit | Value | Bounds |", "| --- | ---: | --- |"]
    rows += [f"| `{limit.name}` | {limit.value:,} | {limit.what}"
             + (f" ({limit.note})" if limit.note else "") + " |" for limit in LIMITS]
    return "\n".join(rows) + "\n"
