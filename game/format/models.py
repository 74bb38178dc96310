"""Pydantic models of a scenario file: data only, strict and frozen.

A scenario names who sits at the table (principal parties and stakeholders), what is on it
(issues with ordered options), what each principal values, where its red lines are, what a
mediator may do (actions) and what can happen (events). Conditions are a small declarative
vocabulary (see ``Condition``); effects likewise (see ``Effect``). Nothing here is ever
evaluated as Python.

Meter names used by conditions and effects:

- ``credibility``, ``progress``, ``humanitarian``: global meters, 0-100;
- ``trust.<party>``: that principal's trust in the mediator;
- ``trust.<party>.<other>``: a principal's trust in another principal;
- ``walkaway.<party>``: the principal's walk-away level (what it believes it gets with no deal);
- ``turn``: the current turn number (read only).
"""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator
from pydantic_core import PydanticCustomError

from game.format.limits import MAX_TURNS
from game.format.tables import ScenarioTables

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9_]*$",
        max_length=64,
        description="Identifier: lower-case letters, digits and underscores, "
        "starting with a letter.",
    ),
]
Score = Annotated[float, Field(ge=0, le=100, description="A value on the 0-100 scale.")]


class Model(BaseModel):
    """Base: unknown keys are errors, instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False)


# --------------------------------------------------------------------------- citations


class Cite(Model):
    """Where a position, rule or text comes from: a source id and a short quote, or a
    section and/or page of the source where a verbatim quote is not at hand."""

    source: Id = Field(description="Id of an entry in meta.sources.")
    quote: str | None = Field(None, min_length=1, description="A short quote from the source.")
    section: str | None = Field(
        None, min_length=1, description="Section, article or chapter of the source, e.g. "
        "'2.1.2' or 'Joint communiqué of 26 August 2012' (instead of, or beside, a quote).")
    page: int | str | None = Field(
        None, description="Page or page range of the source, e.g. 12 or '12-14'.")

    @model_validator(mode="after")
    def _located(self) -> Cite:
        if self.quote is None and self.section is None and self.page is None:
            raise PydanticCustomError("cite", "a citation needs a quote, a section or a page")
        return self

    @property
    def words(self) -> str:
        """How the citation reads after its source: “quote”, section, page."""
        return cite_words(self.quote, self.section, self.page)


def cite_words(quote: str | None, section: str | None = None,
               page: int | str | None = None) -> str:
    """“quote”, then the section and the page when given, e.g. `section 2.1, p. 12`."""
    parts = [f"“{quote}”"] if quote else []
    if section:
        parts.append(f"section {section}")
    if page is not None and page != "":
        parts.append(f"p. {page}")
    return ", ".join(parts)


class Source(Model):
    id: Id
    title: str = Field(description="Human-readable title of the source.")
    file: str | None = Field(None, description="Path of the source text, if it is a file.")
    reference: str | None = Field(None, description="Bibliographic reference or URL.")


class Meta(Model):
    id: Id = Field(description="Scenario id, used in transcripts.")
    title: str
    version: str = Field(description="Version of this scenario file, e.g. '1.0'.")
    summary: str = Field(description="One or two sentences shown on the new-game screen.")
    briefing: str = Field(description="Markdown briefing for the trainee.")
    sources: list[Source] = Field(min_length=1, description="Sources that citations point to.")


# --------------------------------------------------------------------------- conditions


class Described(Model):
    """A condition's optional text in the author's own words."""

    describe: str | None = Field(
        None, min_length=1, description="This condition in your own words, shown to the "
        "player instead of the generated sentence (e.g. 'Moscow has been offered a summit').")


class Cmp(Model):
    """A numeric comparison: give one or more of gt/gte/lt/lte/eq (all must hold)."""

    gt: float | None = None
    gte: float | None = None
    lt: float | None = None
    lte: float | None = None
    eq: float | None = None


class MeterCond(Cmp, Described):
    """True when the named meter compares as given, e.g. {meter: trust.ukraine, gte: 60}; with
    `minus`, the difference of two meters compares, e.g. {meter: trust.a, minus: trust.b,
    gt: 0} (a trusts the mediator more than b does)."""

    meter: str = Field(description="Meter name: credibility, progress, humanitarian, "
                       "trust.<party>, trust.<party>.<other>, walkaway.<party>, turn.")
    minus: str | None = Field(
        None, description="Another meter (not turn): compare `meter` minus this one, from "
        "-100 to 100, e.g. {meter: trust.a, minus: trust.b, gt: 0} holds while a trusts the "
        "mediator more than b does, {..., gte: 10} while by 10 points at least.")
    for_turns: int | None = Field(
        None, ge=1, le=50,
        description="Sustained: the comparison must also have held at the end of each of the "
        "last N turns played (turn 0 is the start). Ripeness is a state that lasts, not a "
        "moment.")


class TermRef(Model):
    """A term: an issue, optionally one option (or any of several), optionally a phase."""

    issue: Id
    option: Id | list[Id] | None = Field(None, description="Option id, or list of ids (any).")
    phase: Id | None = Field(None, description="Only when placed in this phase.")
    deferred: bool | None = Field(None, description="Only when the issue is (not) deferred.")


class AllCond(Described):
    all: list[Condition] = Field(description="True when every condition holds.")


class AnyCond(Described):
    any: list[Condition] = Field(description="True when at least one condition holds.")


class NotCond(Described):
    not_: Condition = Field(alias="not", description="True when the condition does not hold.")
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, populate_by_name=True,
                              allow_inf_nan=False)


class TurnCond(Described):
    turn: Cmp = Field(description="Compare the current turn number.")


class OnTableCond(Described):
    on_table: TermRef = Field(description="The proposal under consideration holds this term.")


class AgreedCond(Described):
    agreed: TermRef = Field(description="This term has been agreed and still holds.")
    for_turns: int | None = Field(
        None, ge=1, le=100,
        description="...and has held for at least N turns (agreed on turn T, it counts from "
        "turn T + N).")


class FlagCond(Described):
    flag: Id = Field(description="The flag is set (by an action or an event).")


class TakenRef(Model):
    action: Id
    times: Cmp = Field(default_factory=lambda: Cmp(gte=1), description="How many times.")
    within: int | None = Field(None, ge=1, description="Only count the last N turns.")
    target: Id | None = Field(None, description="Only count uses on this target party.")


class TakenCond(Described):
    taken: TakenRef = Field(description="The mediator has taken this action.")


class TurnsSinceRef(Cmp):
    """An event or a flag, and the comparison of the turns since (give one of event, flag)."""

    event: Id | None = Field(None, description="Turns since this event last fired (0: it "
                             "fired this turn). Never fired: the condition does not hold.")
    flag: Id | None = Field(None, description="Turns since this flag was set (0: set this "
                            "turn; setting it again while set does not restart the count). "
                            "Not set: the condition does not hold.")

    @model_validator(mode="after")
    def _one_clock(self) -> TurnsSinceRef:
        if (self.event is None) == (self.flag is None):
            raise PydanticCustomError("turns_since", "turns_since needs exactly one of event "
                                      "and flag")
        return self


class TurnsSinceCond(Described):
    turns_since: TurnsSinceRef = Field(
        description="A timer: the turns since an event fired or a flag was set compare as "
        "given, e.g. {turns_since: {event: truce_signed, gte: 3}}.")


class PhaseCond(Described):
    phase_reached: Id = Field(description="This phase (or a later one) has been reached.")


class MediatorCond(Described):
    mediator: Id | list[Id] = Field(description="The player plays this mediator (or one of).")


class ChanceCond(Described):
    chance: float = Field(ge=0, le=1, description="Seeded chance (events only): game seed, turn "
                          "and event id decide, never a global random generator.")


class EndedCond(Described):
    ended: Literal[
        "walk_out", "credibility", "turn_limit", "settlement", "end_when"] | None = Field(
        description="Why the game ended (outcome conditions only)."
    )


class WalkedOutCond(Described):
    walked_out: Id | None = Field(description="This party walked out (null: any party).")


_COND_KEYS: dict[str, str] = {
    "all": "all",
    "any": "any",
    "not": "not",
    "meter": "meter",
    "turn": "turn",
    "on_table": "on_table",
    "agreed": "agreed",
    "flag": "flag",
    "taken": "taken",
    "phase_reached": "phase_reached",
    "mediator": "mediator",
    "chance": "chance",
    "ended": "ended",
    "walked_out": "walked_out",
    "turns_since": "turns_since",
}


def _condition_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        for key in value:
            if key in _COND_KEYS:
                return _COND_KEYS[key]
        return None
    if isinstance(value, BaseModel):
        return _TAG_OF_CLASS.get(type(value).__name__)
    return None


Condition = Annotated[
    Annotated[AllCond, Tag("all")]
    | Annotated[AnyCond, Tag("any")]
    | Annotated[NotCond, Tag("not")]
    | Annotated[MeterCond, Tag("meter")]
    | Annotated[TurnCond, Tag("turn")]
    | Annotated[OnTableCond, Tag("on_table")]
    | Annotated[AgreedCond, Tag("agreed")]
    | Annotated[FlagCond, Tag("flag")]
    | Annotated[TakenCond, Tag("taken")]
    | Annotated[PhaseCond, Tag("phase_reached")]
    | Annotated[MediatorCond, Tag("mediator")]
    | Annotated[ChanceCond, Tag("chance")]
    | Annotated[EndedCond, Tag("ended")]
    | Annotated[WalkedOutCond, Tag("walked_out")]
    | Annotated[TurnsSinceCond, Tag("turns_since")],
    Discriminator(
        _condition_tag,
        custom_error_type="condition",
        custom_error_message="expected a condition: a mapping with one of the keys "
        + ", ".join(_COND_KEYS),
    ),
]

_TAG_OF_CLASS = {
    "AllCond": "all", "AnyCond": "any", "NotCond": "not", "MeterCond": "meter",
    "TurnCond": "turn", "OnTableCond": "on_table", "AgreedCond": "agreed", "FlagCond": "flag",
    "TakenCond": "taken", "PhaseCond": "phase_reached", "MediatorCond": "mediator",
    "ChanceCond": "chance", "EndedCond": "ended", "WalkedOutCond": "walked_out",
    "TurnsSinceCond": "turns_since",
}

for _m in (AllCond, AnyCond, NotCond):
    _m.model_rebuild()


# --------------------------------------------------------------------------- effects

PartyRef = Annotated[
    str,
    Field(description="A party id, or 'target' (the action's target party) or 'others' "
          "(every principal but the target)."),
]


class MeterEffect(Model):
    """Change a meter by delta (clamped to 0-100). Party meters may use target/others."""

    meter: str = Field(description="credibility, progress, humanitarian, trust.<party>, "
                       "trust.<party>.<other>, walkaway.<party>; <party> may be 'target' "
                       "or 'others'.")
    delta: float = Field(description="Change; scaled down by diminishing returns on actions.")
    lasts: int | None = Field(
        None, ge=1, le=100,
        description="Temporary: the change is undone at the end of the N-th turn after this "
        "one (leverage fades). None: permanent.")


class FlagEffect(Model):
    set_flag: Id = Field(description="Set a flag that conditions can test.")
    lasts: int | None = Field(
        None, ge=1, le=100,
        description="Temporary: the flag is cleared at the end of the N-th turn after this one "
        "(setting it again renews it). None: until cleared.")
    describe: str | None = Field(
        None, min_length=1, description="What the flag means, in words the player reads "
        "wherever a condition tests it (e.g. 'a security guarantee has been drafted').")


class ClearFlagEffect(Model):
    clear_flag: Id = Field(description="Clear a flag.")


class RevealRef(Model):
    party: PartyRef
    what: list[Literal["walkaway", "red_lines", "linkages", "values", "behaviour"]] = Field(
        description="What of the party's hidden data becomes visible to the player."
    )


class RevealEffect(Model):
    reveal: RevealRef


class BreakEffect(Model):
    break_agreement: Id = Field(description="Issue whose agreed term is broken (no longer holds).")


def _effect_tag(value: Any) -> str | None:
    keys = ("meter", "set_flag", "clear_flag", "reveal", "break_agreement")
    if isinstance(value, dict):
        for key in value:
            if isinstance(key, str) and key in keys:
                return key
        return None
    if isinstance(value, BaseModel):
        return {
            "MeterEffect": "meter", "FlagEffect": "set_flag", "ClearFlagEffect": "clear_flag",
            "RevealEffect": "reveal", "BreakEffect": "break_agreement",
        }.get(type(value).__name__)
    return None


Effect = Annotated[
    Annotated[MeterEffect, Tag("meter")]
    | Annotated[FlagEffect, Tag("set_flag")]
    | Annotated[ClearFlagEffect, Tag("clear_flag")]
    | Annotated[RevealEffect, Tag("reveal")]
    | Annotated[BreakEffect, Tag("break_agreement")],
    Discriminator(
        _effect_tag,
        custom_error_type="effect",
        custom_error_message="expected an effect: a mapping with one of the keys "
        "meter, set_flag, clear_flag, reveal, break_agreement",
    ),
]


# --------------------------------------------------------------------------- table


class Option(Model):
    id: Id
    label: str
    description: str = ""
    substantive: bool | None = Field(
        None, description="Overrides the issue's `substantive` for this option.")
    effects_when_agreed: list[Effect] = Field(
        default_factory=list, description="Effects applied once when this option is agreed."
    )
    cite: Cite | None = None


class Issue(Model):
    id: Id
    title: str
    description: str = ""
    options: list[Option] = Field(min_length=2, description="Options, in order.")
    phase: Id = Field(description="The phase this issue naturally belongs to.")
    deferrable: bool = Field(False, description="May be frozen for later resolution.")
    substantive: bool = Field(
        False, description="Its options are substance: a principal accepts them only from a "
        "mediator it trusts at least `behaviour.substantive_trust` (deferring is not "
        "substance). An option may override this.")
    cite: Cite | None = None


class Phase(Model):
    id: Id
    title: str
    description: str = ""
    requires: Condition | None = Field(
        None, description="Reached once this holds (checked after every turn); phases are ordered."
    )


# --------------------------------------------------------------------------- parties


class IssueStake(Model):
    """How much an issue matters to a principal and what each option is worth to it."""

    weight: float = Field(ge=0, description="Relative importance of the issue (>= 0).")
    values: dict[Id, Score] = Field(description="Value of each option id, 0-100.")
    deferred_value: Score | None = Field(
        None, description="Value of deferring the issue (default: mean of option values)."
    )


class RedLine(Model):
    id: Id
    options: list[TermRef] = Field(min_length=1, description="Terms the party refuses.")
    kind: Literal["hard", "soft"]
    moves_when: Condition | None = Field(
        None, description="Soft lines only: the line is lifted while this holds."
    )
    reason: str = Field(description="Why, in the party's words.")
    describe: str | None = Field(
        None, min_length=1, description="The line named for the player (e.g. 'no ceasefire "
        "without territorial gains'); default: the terms it refuses.")
    cite: Cite | None = None


class Linkage(Model):
    id: Id
    if_: TermRef = Field(alias="if", description="If this term is in the framework...")
    requires: TermRef = Field(description="...this term must be too.")
    same_or_earlier_phase: bool = Field(
        False, description="The required term must be placed in the same or an earlier phase."
    )
    reason: str
    cite: Cite | None = None
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, populate_by_name=True,
                              allow_inf_nan=False)


class WalkAway(Model):
    """What the party believes it gets with no deal (same 0-100 scale as package values)."""

    base: Score
    min: Score = 0
    max: Score = 100
    moved_by: str = Field("", description="Prose: what moves it (pressure, aid, events).")
    cite: Cite | None = None


class Behaviour(Model):
    """Thresholds of a principal's behaviour; all on trust in the mediator unless said."""

    silence_below: Score = Field(
        25, description="Below this trust, an unacceptable proposal is met with silence."
    )
    walk_out_below: Score = Field(
        10, description="Below this trust, a proposal crossing a hard red line makes it walk out."
    )
    reservations_margin: float = Field(
        5, ge=0, description="Acceptable with a margin under this: accept with reservations."
    )
    max_counter_changes: int = Field(
        3, ge=0, le=6, description="A counter-proposal alters at most this many terms."
    )
    substantive_trust: Score = Field(
        0, description="Below this trust in the mediator, the party accepts no substantive "
        "term (it answers with silence or a rejection, never a counter-proposal)."
    )
    cite: Cite | None = Field(
        None, description="The documented behaviour behind silence, walk-outs and the trust "
        "gate (shown with those answers).")


class Statement(Model):
    id: Id
    when: Condition | None = Field(None, description="Made (once) when this holds.")
    text: str
    cite: Cite | None = None


class Consent(Model):
    """Options that need this stakeholder's consent, given while `when` holds (no `when`:
    always), or explicitly `always: true` or `never: true`."""

    id: Id
    options: list[TermRef] = Field(min_length=1)
    when: Condition | None = Field(None, description="Consent is given while this holds "
                                   "(none: always).")
    always: bool = Field(False, description="Consent is always given (the same as no `when`, "
                         "said explicitly).")
    never: bool = Field(False, description="Consent is never given: these terms can never be "
                        "agreed (unless the player is this stakeholder as mediator).")
    reason: str
    cite: Cite | None = None

    @model_validator(mode="after")
    def _one_rule(self) -> Consent:
        given = [name for name in ("when", "always", "never")
                 if name in self.model_fields_set and getattr(self, name)]
        if len(given) > 1:
            raise PydanticCustomError("consent", "a consent takes one of when, always and "
                                      "never, not {given}", {"given": " and ".join(given)})
        if self.never:  # the engine and the analysis read `when`: a condition never true
            object.__setattr__(self, "when", AnyCond(any=[], describe=NEVER))
        return self


NEVER = "never"
"""The `describe` of the condition that stands for `never: true` on a consent."""


class Party(Model):
    id: Id
    name: str
    short_name: str | None = Field(
        None, min_length=1, max_length=8, pattern=r"^\S(.*\S)?$",
        description="A short name where space is tight (the table's meters), e.g. 'UA'; "
        "default: the shortest prefix of the name's first word that tells the parties apart.")
    role: Literal["principal", "stakeholder"]
    description: str = ""
    positions: list[Statement] = Field(
        default_factory=list, description="Documented public positions (shown in the briefing)."
    )
    # principals only
    stakes: dict[Id, IssueStake] = Field(
        default_factory=dict, description="Principals: stake per issue id (every issue)."
    )
    red_lines: list[RedLine] = Field(default_factory=list)
    linkages: list[Linkage] = Field(default_factory=list)
    walkaway: WalkAway | None = Field(None, description="Principals: walk-away level.")
    trust: dict[Id, Score] = Field(
        default_factory=dict,
        description="Principals: initial trust in each other principal (by party id).",
    )
    behaviour: Behaviour = Field(default_factory=Behaviour)
    statements: list[Statement] = Field(
        default_factory=list, description="Public statements made during play."
    )
    # stakeholders
    consents: list[Consent] = Field(
        default_factory=list, description="Stakeholders: options that need their consent."
    )
    cite: Cite | None = None


class Mediator(Model):
    """A playable mediator role. If a stakeholder has the same id, playing this role gives
    that stakeholder's consent."""

    id: Id
    name: str
    description: str = ""
    standing: dict[Id, Score] = Field(
        description="Initial trust of each principal in this mediator.")
    credibility: Score = Field(description="Starting credibility.")
    actions: list[Id] = Field(min_length=1, description="Ids of the actions this role may use.")
    strength: dict[Id, float] = Field(
        default_factory=dict,
        description="Multiplier on the effects of an action for this role (action id -> factor).",
    )
    cite: Cite | None = None


class Backlash(Model):
    """What repeating an action provokes (pressure hardens the pressed party)."""

    within: int = Field(ge=1, le=100, description="Earlier uses in the last N turns count.")
    effects: list[Effect] = Field(min_length=1)
    reason: str = Field("", description="Why, shown in the ledger and the debrief.")
    cite: Cite | None = None


class Action(Model):
    id: Id
    title: str
    kind: Literal[
        "dialogue", "consultation", "pressure", "incentive", "guarantee", "humanitarian",
        "summit", "aid", "other",
    ]
    description: str = ""
    targets: list[Id] = Field(
        default_factory=list,
        description="Principals this action may be aimed at; empty: the action takes no target.",
    )
    requires: Condition | None = Field(None, description="Precondition for using it.")
    cost: dict[str, float] = Field(
        default_factory=dict, description="Meter costs paid on use (meter name -> amount)."
    )
    cooldown: int = Field(0, ge=0, description="Turns before it may be used again.")
    diminishing: float = Field(
        1.0, gt=0, le=1, description="Effect factor per earlier use (0.5 halves each repeat)."
    )
    effects: list[Effect] = Field(default_factory=list)
    backlash: Backlash | None = Field(
        None, description="Extra effects when the action is repeated: once per earlier use "
        "(on the same target) in the last `within` turns.")
    cite: Cite | None = None


class Event(Model):
    id: Id
    trigger: Condition = Field(description="Checked at the end of each turn.")
    once: bool = True
    text: str
    effects: list[Effect] = Field(default_factory=list)
    cite: Cite | None = None


class Outcome(Model):
    id: Id = Field(description="E.g. comprehensive_settlement, phased_agreement, ceasefire_only, "
                   "frozen_conflict, breakdown.")
    title: str
    description: str = ""
    when: Condition | None = Field(None, description="Outcomes are tried in order; none: always.")
    bonus: float = Field(0, description="Added to the score for this outcome.")
    cap: Score = Field(
        100, description="The score never exceeds this for this outcome: the outcome, not "
        "meter-pumping, decides the top of the score range.")


class ScoringWeights(Model):
    """Score = sum of weight x meter (trust = mean trust of principals in the mediator)
    + the outcome's bonus, clamped to 0-100."""

    trust: float = Field(0.2, ge=0)
    credibility: float = Field(0.2, ge=0)
    progress: float = Field(0.35, ge=0)
    humanitarian: float = Field(0.25, ge=0)


class Rules(Model):
    """Tuning of the engine's general rules (see game/engine/rules.py)."""

    turn_limit: int = Field(12, ge=1, le=MAX_TURNS)
    initial_progress: Score = 0
    initial_humanitarian: Score = 0
    red_line_trust_cost: float = Field(
        3, ge=0, description="Trust in the mediator lost by a party when a proposal crosses "
        "one of its hard red lines (the balancing act: accusations of bias)."
    )
    accept_trust_gain: float = Field(
        1, ge=0, description="Trust each principal gains in the mediator when a package is "
        "agreed (a package only one side accepts gains nothing).")
    agreement_trust_gain: float = Field(
        4, ge=0, description="Trust between principals gained per agreement reached."
    )
    stall_turns: int = Field(
        3, ge=1, description="Turns without any new agreement before credibility suffers."
    )
    stall_cost: float = Field(3, ge=0, description="Credibility lost each stalled turn.")
    agreement_credibility_gain: float = Field(5, ge=0)
    deferred_progress_share: float = Field(
        0.5, ge=0, le=1, description="A deferred issue counts this much towards progress."
    )
    agreement_fatigue: float = Field(
        1.0, gt=0, le=1, description="Each agreement's credibility and mutual-trust gains are "
        "multiplied by this per earlier agreement (many small deals are not many successes)."
    )
    kind_fatigue: float = Field(
        1.0, gt=0, le=1, description="An action's effects are also multiplied by this for "
        "each earlier use of another action of the same kind (no farming with look-alikes)."
    )
    end_when: Condition | None = Field(
        None, description="The game ends at the end of a turn where this holds (checked after "
        "the phases, e.g. {phase_reached: settlement}); the ending's reason is end_when.")


def _by_id(items: list[Any]) -> dict[str, Any]:
    """Items by id; the first one wins if an id repeats (as a scan in order would find)."""
    out: dict[str, Any] = {}
    for item in items:
        out.setdefault(item.id, item)
    return out


class Scenario(Model):
    meta: Meta
    phases: list[Phase] = Field(min_length=1, description="Ordered phases.")
    issues: list[Issue] = Field(min_length=1)
    parties: list[Party] = Field(min_length=2)
    mediators: list[Mediator] = Field(min_length=1)
    actions: list[Action] = Field(min_length=1)
    events: list[Event] = Field(default_factory=list)
    outcomes: list[Outcome] = Field(min_length=1)
    scoring: ScoringWeights = Field(default_factory=ScoringWeights)
    rules: Rules = Field(default_factory=Rules)

    # ----- look-ups (convenience; the models stay plain data). Built once per scenario, on
    # first use: a scenario is frozen, so these tables never go stale. Treat them as read-only.

    @cached_property
    def issues_by_id(self) -> dict[str, Issue]:
        return _by_id(self.issues)

    @cached_property
    def issue_order(self) -> dict[str, int]:
        """Issue id -> its position in the scenario's issue order."""
        return {issue.id: n for n, issue in enumerate(self.issues)}

    @cached_property
    def phase_order(self) -> dict[str, int]:
        """Phase id -> its position in the scenario's phase order (the first, if repeated)."""
        return {phase.id: n for n, phase in reversed(list(enumerate(self.phases)))}

    @cached_property
    def parties_by_id(self) -> dict[str, Party]:
        return _by_id(self.parties)

    @cached_property
    def longest_memory(self) -> int:
        """The most turns back any sustained (`for_turns`) meter condition looks."""
        def walk(node: Any) -> int:
            if isinstance(node, dict):
                own = node.get("for_turns") if "meter" in node else None
                return max([own or 0, *(walk(v) for v in node.values())])
            if isinstance(node, list):
                return max([0, *(walk(v) for v in node)])
            return 0
        return walk(self.model_dump())

    @cached_property
    def timers(self) -> frozenset[str]:
        """What `turns_since` conditions time: 'event:<id>' and 'flag:<id>' (the engine records
        when these last fired or were set, and nothing else)."""
        found: set[str] = set()

        def walk(node: Any) -> None:
            if isinstance(node, dict):
                ref = node.get("turns_since")
                if isinstance(ref, dict):
                    found.add(f"event:{ref['event']}" if ref.get("event") else
                              f"flag:{ref['flag']}")
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)
        walk(self.model_dump())
        return frozenset(found)

    @cached_property
    def tables(self) -> ScenarioTables:
        """Tables derived from the scenario by the engine and the analysis (see tables.py)."""
        return ScenarioTables()

    def issue(self, issue_id: str) -> Issue:
        return self.issues_by_id[issue_id]

    def party(self, party_id: str) -> Party:
        return self.parties_by_id[party_id]

    @cached_property
    def mediators_by_id(self) -> dict[str, Mediator]:
        return _by_id(self.mediators)

    @cached_property
    def actions_by_id(self) -> dict[str, Action]:
        return _by_id(self.actions)

    def mediator(self, mediator_id: str) -> Mediator:
        return self.mediators_by_id[mediator_id]

    def action(self, action_id: str) -> Action:
        return self.actions_by_id[action_id]

    @cached_property
    def principals(self) -> list[Party]:
        return [p for p in self.parties if p.role == "principal"]

    @cached_property
    def stakeholders(self) -> list[Party]:
        return [p for p in self.parties if p.role == "stakeholder"]

    def source(self, source_id: str) -> Source:
        for source in self.meta.sources:
            if source.id == source_id:
                return source
        raise KeyError(source_id)
