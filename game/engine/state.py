"""Immutable game state and the record of one turn.

A `GameState` is never mutated: `engine.apply(state, move)` returns a new state and a
`TurnResult`. Its mappings are read-only views (assigning to one raises TypeError).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any, Literal, TypedDict, Unpack

from game.engine.moves import Framework, Move, Term
from game.format.models import Cite, Scenario

ResponseKind = Literal[
    "accept", "accept_with_reservations", "counter_proposal", "reject", "silence", "walk_out"
]
ACCEPTING: frozenset[str] = frozenset({"accept", "accept_with_reservations"})
EndReason = Literal["walk_out", "credibility", "turn_limit", "settlement", "end_when"]


@dataclass(frozen=True, slots=True)
class Ending:
    """How a game ended: why it stopped (`reason`: a walk-out, credibility 0, every issue
    settled, the turn limit, or the scenario's `rules.end_when`), the scenario outcome it
    reached, and the party that walked out (only when `reason` is "walk_out")."""

    reason: EndReason
    outcome: str
    walked_out: str | None = None


def cite_dict(cite: Cite | None) -> dict[str, Any] | None:
    """A citation for transcripts: source and quote, plus section and page when given."""
    if cite is None:
        return None
    out: dict[str, Any] = {"source": cite.source, "quote": cite.quote}
    if cite.section is not None:
        out["section"] = cite.section
    if cite.page is not None:
        out["page"] = cite.page
    return out


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """One change of one meter, with its cause and the rule that made it."""

    turn: int
    meter: str
    delta: int
    value: int
    cause: str
    rule: str

    def to_dict(self) -> dict[str, Any]:
        return {"turn": self.turn, "meter": self.meter, "delta": self.delta,
                "value": self.value, "cause": self.cause, "rule": self.rule}


@dataclass(frozen=True, slots=True)
class Reason:
    """A rule that decided (part of) a response, and the documented position behind it."""

    rule: str  # e.g. "red_line:ua_no_territory", "walkaway", "linkage:ua_ceasefire_guarantee"
    # red_line | soft_line_moved | soft_line_holds | linkage | walkaway | trust | value | behaviour
    kind: str
    text: str
    cite: Cite | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "kind": self.kind, "text": self.text,
                "cite": cite_dict(self.cite)}


@dataclass(frozen=True, slots=True)
class Response:
    """A principal's answer to a proposal."""

    party: str
    kind: ResponseKind
    reasons: tuple[Reason, ...]
    value: float  # the party's value of the proposal (0-100, over the issues on the table)
    walkaway: float  # its walk-away level at the time
    counter: Framework | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "party": self.party, "kind": self.kind,
            "reasons": [r.to_dict() for r in self.reasons],
            "value": round(self.value, 2), "walkaway": round(self.walkaway, 2),
            "counter": None if self.counter is None else self.counter.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class ConsentCheck:
    """A stakeholder's consent to an option on the table."""

    stakeholder: str
    rule: str
    given: bool
    text: str
    cite: Cite | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"stakeholder": self.stakeholder, "rule": self.rule, "given": self.given,
                "text": self.text, "cite": cite_dict(self.cite)}


@dataclass(frozen=True, slots=True)
class Happening:
    """An event that fired or a statement a party made."""

    kind: Literal["event", "statement"]
    id: str
    party: str | None
    text: str
    cite: Cite | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id, "party": self.party, "text": self.text,
                "cite": cite_dict(self.cite)}


@dataclass(frozen=True, slots=True)
class AgreedTerm:
    term: Term
    turn: int

    def to_dict(self) -> dict[str, Any]:
        return {**self.term.to_dict(), "turn": self.turn}


@dataclass(frozen=True, slots=True)
class TurnResult:
    """Everything that happened in one turn, in the order it happened."""

    turn: int
    move: Move
    responses: tuple[Response, ...] = ()
    consents: tuple[ConsentCheck, ...] = ()
    agreed: tuple[Term, ...] = ()  # terms agreed this turn
    broken: tuple[str, ...] = ()  # issues whose agreement broke this turn
    happenings: tuple[Happening, ...] = ()
    ledger: tuple[LedgerEntry, ...] = ()
    revealed: tuple[tuple[str, str], ...] = ()  # (party, what)
    phase: str = ""  # phase after the turn
    ending: Ending | None = None  # how the game ended, if it did this turn
    notes: tuple[str, ...] = ()  # plain-language notes (e.g. diminishing returns applied)

    def to_dict(self) -> dict[str, Any]:
        return {
            "turn": self.turn,
            "move": self.move.to_dict(),
            "responses": [r.to_dict() for r in self.responses],
            "consents": [c.to_dict() for c in self.consents],
            "agreed": [t.to_dict() for t in self.agreed],
            "broken": list(self.broken),
            "happenings": [h.to_dict() for h in self.happenings],
            "ledger": [e.to_dict() for e in self.ledger],
            "revealed": [list(r) for r in self.revealed],
            "phase": self.phase,
            "ended": self.ending.reason if self.ending else None,
            "outcome": self.ending.outcome if self.ending else None,
            "notes": list(self.notes),
        }


class StateChanges(TypedDict, total=False):
    """The fields `GameState.evolve` may change, with their types (checked by mypy)."""

    turn: int
    meters: Mapping[str, int]
    agreed: Mapping[str, AgreedTerm]
    flags: frozenset[str]
    phase: str
    actions_taken: tuple[tuple[int, str, str | None], ...]
    revealed: frozenset[tuple[str, str]]
    fired: frozenset[str]
    last_agreement_turn: int
    ledger: tuple[LedgerEntry, ...]
    moves: tuple[Move, ...]
    ending: Ending | None
    expiring: tuple[Expiring, ...]
    agreements: int
    since: Mapping[str, int]


@dataclass(frozen=True, slots=True)
class Expiring:
    """A temporary effect in force: undone at the end of turn `until` (leverage fades)."""

    until: int
    kind: Literal["meter", "flag"]
    name: str  # meter name or flag id
    delta: int  # the change to undo (meters); 0 for a flag
    cause: str
    rule: str


@dataclass(frozen=True, slots=True)
class GameState:
    scenario: Scenario = field(repr=False, compare=False)
    mediator: str
    seed: int
    turn: int  # turns played so far; the next move is turn + 1
    meters: Mapping[str, int]  # read-only (a mutation attempt raises TypeError)
    agreed: Mapping[str, AgreedTerm]  # issue id -> agreed term that still holds (read-only)
    flags: frozenset[str]
    phase: str  # id of the latest phase reached
    actions_taken: tuple[tuple[int, str, str | None], ...]  # (turn, action id, target)
    revealed: frozenset[tuple[str, str]]  # (party, what)
    fired: frozenset[str]  # ids of events fired and statements made
    last_agreement_turn: int
    ledger: tuple[LedgerEntry, ...]
    moves: tuple[Move, ...]
    ending: Ending | None = None  # set once, when the game ends
    # temporary effects still in force: (turn at whose end it is undone, meter or flag name,
    # change to undo (0 for a flag), cause, rule)
    expiring: tuple[Expiring, ...] = ()
    agreements: int = 0  # agreements that settled a term (for agreement_fatigue)
    # the turn each timed event last fired ('event:<id>') and each timed flag was set
    # ('flag:<id>'), for `turns_since`; only what the scenario's conditions time (read-only)
    since: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        # Read-only views: a state is never changed in place (`evolve` makes a new one). The
        # state takes the mappings it is given as its own (the engine passes fresh ones).
        if not isinstance(self.meters, MappingProxyType):
            object.__setattr__(self, "meters", MappingProxyType(self.meters))
        if not isinstance(self.agreed, MappingProxyType):
            object.__setattr__(self, "agreed", MappingProxyType(self.agreed))
        if not isinstance(self.since, MappingProxyType):
            object.__setattr__(self, "since", MappingProxyType(self.since))

    @property
    def over(self) -> bool:
        return self.ending is not None

    @property
    def ended(self) -> EndReason | None:
        """Why the game ended (None while it goes on)."""
        return self.ending.reason if self.ending else None

    @property
    def outcome(self) -> str | None:
        """The outcome id the game ended in (None while it goes on)."""
        return self.ending.outcome if self.ending else None

    @property
    def walked_out(self) -> str | None:
        """The party that walked out, if one did."""
        return self.ending.walked_out if self.ending else None

    def evolve(self, **changes: Unpack[StateChanges]) -> GameState:
        """A copy with some fields changed: `dataclasses.replace` without its generic overhead
        (the engine makes several states a turn)."""
        values: dict[str, Any] = {name: getattr(self, name) for name in _STATE_FIELDS}
        values.update(changes)
        return GameState(**values)

    def key(self) -> tuple[Any, ...]:
        """A hashable summary for de-duplicating states in searches: everything a later rule
        can read, the meters at the end of recent turns (sustained conditions) and the
        actions with their targets (backlash) and the timers (`turns_since`) included."""
        window = self.scenario.longest_memory
        recent = tuple((e.turn, e.meter, e.value) for e in self.ledger
                       if e.turn > self.turn - window) if window else ()
        return (
            self.turn, tuple(sorted(self.meters.items())),
            tuple(sorted((k, v.term, v.turn) for k, v in self.agreed.items())),
            tuple(sorted(self.flags)), self.phase, self.actions_taken,
            self.fired, self.ending, self.expiring, recent, self.agreements,
            tuple(sorted(self.since.items())),
        )

    def uses(self) -> dict[str, int]:
        """How many times each action has been used."""
        out: dict[str, int] = {}
        for _turn, action, _target in self.actions_taken:
            out[action] = out.get(action, 0) + 1
        return out

    def last_used(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for turn, action, _target in self.actions_taken:
            out[action] = turn
        return out

    @property
    def proposal_on_table(self) -> Framework | None:
        from game.engine.moves import Propose

        if self.moves and isinstance(self.moves[-1], Propose):
            return self.moves[-1].framework
        return None


_STATE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(GameState))


def all_agree(responses: Iterable[Response], consents: Iterable[ConsentCheck]) -> bool:
    """The agreement rule: every principal accepts (with or without reservations) and every
    stakeholder whose consent the package needs gives it."""
    return all(r.kind in ACCEPTING for r in responses) and all(c.given for c in consents)
