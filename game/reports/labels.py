"""Words and symbols for the engine's ids, shared by the terminal UI and the exports.

Every response kind has a symbol AND a word, so meaning never rests on colour alone.
"""

from __future__ import annotations

from collections.abc import Callable

from game.format import meters

# kind: (symbol, label, css class)
RESPONSE_STYLE: dict[str, tuple[str, str, str]] = {
    "accept": ("✔", "Accepts", "ok"),
    "accept_with_reservations": ("✔?", "Accepts with reservations", "ok"),
    "counter_proposal": ("↺", "Counter-proposes", "warn"),
    "reject": ("✘", "Rejects", "bad"),
    "silence": ("…", "Silence", "warn"),
    "walk_out": ("⇥", "Walks out", "bad"),
}

REASON_KIND_LABEL: dict[str, str] = {
    "red_line": "hard red line",
    "soft_line_moved": "soft red line lifted",
    "soft_line_holds": "soft red line holds",
    "linkage": "linkage",
    "walkaway": "walk-away level",
    "trust": "trust",
    "trust_gate": "trust gate",
    "consent": "consent",
    "value": "value",
    "behaviour": "behaviour",
}

END_LABEL: dict[str, str] = {
    "walk_out": "a party walked out",
    "credibility": "the mediator's credibility reached 0",
    "turn_limit": "the turn limit was reached",
    "settlement": "a comprehensive settlement was reached",
    "end_when": "the scenario's end condition was met",
}


def party_meter_label(meter: str, party: Callable[[str], str],
                      mediator: str = "the mediator") -> str | None:
    """Words for a party meter (trust.a, trust.a.b, walkaway.a), with `party` naming an id;
    None for the global meters."""
    parsed = meters.parse(meter)
    if parsed is None or parsed.party is None:
        return None
    if parsed.kind == "trust":
        return f"{party(parsed.party)}'s trust in {mediator}"
    if parsed.kind == "mutual_trust" and parsed.other is not None:
        return f"{party(parsed.party)}'s trust in {party(parsed.other)}"
    return f"{party(parsed.party)}'s walk-away level"
