"""The strict lint: what validates but cannot work, as warnings at their YAML nodes.

Rule-free: it reads the loaded models and the loader's positions, never plays a game. It is
conservative: "can never" means certainly never under the engine's fixed rules (flags start
unset, phases are reached in order, hard red lines always refuse, `on_table` holds only where
a proposal is judged), so a warning is a real problem or a deliberate oddity worth a comment.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path as FilePath

from game.format.errors import Problem
from game.format.loader import load_scenario, load_scenario_text, parse_yaml, read_yaml_file
from game.format.models import (
    AgreedCond,
    AllCond,
    AnyCond,
    ChanceCond,
    ClearFlagEffect,
    Cmp,
    Condition,
    Effect,
    EndedCond,
    FlagCond,
    FlagEffect,
    MediatorCond,
    MeterCond,
    NotCond,
    OnTableCond,
    PhaseCond,
    Scenario,
    TakenCond,
    TermRef,
    TurnCond,
    TurnsSinceCond,
)
from game.format.suggest import did_you_mean

Path = tuple[str | int, ...]
Locate = Callable[..., tuple[int, int]]

# Where `on_table` holds: wherever a proposal is being judged or was made this turn.
ON_TABLE_SITES = ("red_line", "consent", "event", "statement")
SITE_NAMES = {
    "phase": "a phase's requires", "action": "an action's requires",
    "outcome": "an outcome's when", "position": "a position's when",
    "red_line": "a red line's moves_when", "consent": "a consent's when",
    "event": "an event's trigger", "statement": "a statement's when",
    "end_when": "rules.end_when",
}


@dataclass(frozen=True)
class Site:
    """A condition in the file: where it is and what kind of thing it belongs to."""

    path: Path
    cond: Condition
    kind: str
    index: int = 0  # the phase's, action's or event's position in its list


@dataclass
class _Live:
    """What can still happen, narrowed until nothing changes."""

    actions: set[str] = field(default_factory=set)
    events: set[str] = field(default_factory=set)
    phases: set[int] = field(default_factory=set)
    flags: set[str] = field(default_factory=set)


def _opts(option: str | list[str] | None) -> list[str] | None:
    return None if option is None else [option] if isinstance(option, str) else list(option)


def _leaves(cond: Condition, path: Path) -> Iterator[tuple[Condition, Path]]:
    if isinstance(cond, AllCond):
        for n, c in enumerate(cond.all):
            yield from _leaves(c, (*path, "all", n))
    elif isinstance(cond, AnyCond):
        for n, c in enumerate(cond.any):
            yield from _leaves(c, (*path, "any", n))
    elif isinstance(cond, NotCond):
        yield from _leaves(cond.not_, (*path, "not"))
    else:
        yield cond, path


class _Lint:
    def __init__(self, scenario: Scenario, file: str, locate: Locate) -> None:
        self.s = scenario
        self.file = file
        self.locate = locate
        self.warnings: list[Problem] = []
        self.sites = list(self._sites())
        self.setters: dict[str, list[tuple[Path, str, str]]] = {}  # flag -> (path, kind, id)
        self.cleared: dict[str, list[Path]] = {}
        for path, effect, kind, owner in self._effects():
            if isinstance(effect, FlagEffect):
                self.setters.setdefault(effect.set_flag, []).append(
                    ((*path, "set_flag"), kind, owner))
            elif isinstance(effect, ClearFlagEffect):
                self.cleared.setdefault(effect.clear_flag, []).append((*path, "clear_flag"))
        self.tested: dict[str, list[Path]] = {}
        for site in self.sites:
            for leaf, path in _leaves(site.cond, site.path):
                if isinstance(leaf, FlagCond):
                    self.tested.setdefault(leaf.flag, []).append((*path, "flag"))
                elif isinstance(leaf, TurnsSinceCond) and leaf.turns_since.flag is not None:
                    self.tested.setdefault(leaf.turns_since.flag, []).append(
                        (*path, "turns_since", "flag"))
        self.used_by_mediator = {a for med in scenario.mediators for a in med.actions}
        self.blocked = self._blocked_options()
        self.live = self._narrow()

    # ------------------------------------------------------------------ collecting

    def _sites(self) -> Iterator[Site]:
        s = self.s
        for n, phase in enumerate(s.phases):
            if phase.requires is not None:
                yield Site(("phases", n, "requires"), phase.requires, "phase", n)
        for n, party in enumerate(s.parties):
            base: Path = ("parties", n)
            for k, line in enumerate(party.red_lines):
                if line.moves_when is not None:
                    yield Site((*base, "red_lines", k, "moves_when"), line.moves_when, "red_line")
            for k, consent in enumerate(party.consents):
                if consent.when is not None and not consent.never:
                    yield Site((*base, "consents", k, "when"), consent.when, "consent")
            for k, statement in enumerate(party.statements):
                if statement.when is not None:
                    yield Site((*base, "statements", k, "when"), statement.when, "statement")
            for k, position in enumerate(party.positions):
                if position.when is not None:
                    yield Site((*base, "positions", k, "when"), position.when, "position")
        for n, action in enumerate(s.actions):
            if action.requires is not None:
                yield Site(("actions", n, "requires"), action.requires, "action", n)
        for n, event in enumerate(s.events):
            yield Site(("events", n, "trigger"), event.trigger, "event", n)
        for n, outcome in enumerate(s.outcomes):
            if outcome.when is not None:
                yield Site(("outcomes", n, "when"), outcome.when, "outcome", n)
        if s.rules.end_when is not None:
            yield Site(("rules", "end_when"), s.rules.end_when, "end_when")

    def _effects(self) -> Iterator[tuple[Path, Effect, str, str]]:
        """Every effect: (path, effect, the kind of its owner, the owner's id)."""
        for n, issue in enumerate(self.s.issues):
            for k, option in enumerate(issue.options):
                for j, e in enumerate(option.effects_when_agreed):
                    yield ("issues", n, "options", k, "effects_when_agreed", j), e, "option", \
                        f"{issue.id}.{option.id}"
        for n, action in enumerate(self.s.actions):
            for j, e in enumerate(action.effects):
                yield ("actions", n, "effects", j), e, "action", action.id
            if action.backlash is not None:
                for j, e in enumerate(action.backlash.effects):
                    yield ("actions", n, "backlash", "effects", j), e, "action", action.id
        for n, event in enumerate(self.s.events):
            for j, e in enumerate(event.effects):
                yield ("events", n, "effects", j), e, "event", event.id

    def _blocked_options(self) -> dict[str, dict[str, list[str]]]:
        """Issue -> option -> the principals whose hard red line refuses it in every phase."""
        out: dict[str, dict[str, list[str]]] = {i.id: {} for i in self.s.issues}
        for party in self.s.principals:
            for line in party.red_lines:
                if line.kind != "hard":
                    continue
                for ref in line.options:
                    if ref.phase is not None or ref.deferred is True or ref.issue not in out:
                        continue
                    issue = self.s.issues_by_id[ref.issue]
                    for option in _opts(ref.option) or [o.id for o in issue.options]:
                        who = out[ref.issue].setdefault(option, [])
                        if party.id not in who:
                            who.append(party.id)
        return out

    def refusals(self, issue: str, options: list[str]) -> str:
        """``a (by x), b (by x, y)``: who refuses each option."""
        return ", ".join(f"{o} (by {', '.join(self.blocked[issue][o])})" for o in options)

    def unsettled(self) -> list[str]:
        """Issues that can never be agreed with an option (every option refused)."""
        return [i.id for i in self.s.issues
                if all(o.id in self.blocked[i.id] for o in i.options)]

    # ------------------------------------------------------------------ what can happen

    def _narrow(self) -> _Live:
        """Start from everything and drop what can never happen until nothing changes."""
        live = _Live(actions={a.id for a in self.s.actions},
                     events={e.id for e in self.s.events},
                     phases=set(range(len(self.s.phases))), flags=set(self.setters))
        for _ in range(20):
            self.live = live
            actions = {a.id for n, a in enumerate(self.s.actions) if self.action_dead(n) is None}
            events = {e.id for n, e in enumerate(self.s.events)
                      if self.never(e.trigger, ("events", n, "trigger"), "event", n) is None}
            phases = {0}
            self.live = _Live(actions, events, phases, live.flags)
            for n, phase in enumerate(self.s.phases[1:], 1):
                if phase.requires is not None and self.never(
                        phase.requires, ("phases", n, "requires"), "phase", n) is None:
                    phases.add(n)
            flags = {flag for flag, sources in self.setters.items()
                     if any(self._source_live(kind, owner) for _, kind, owner in sources)}
            new = _Live(actions, events, phases, flags)
            if (new.actions, new.events, new.phases, new.flags) == (
                    live.actions, live.events, live.phases, live.flags):
                break
            live = new
        return live

    def _source_live(self, kind: str, owner: str) -> bool:
        if kind == "action":
            return owner in self.live.actions
        if kind == "event":
            return owner in self.live.events
        issue, option = owner.split(".", 1)
        return option not in self.blocked[issue]

    def action_dead(self, n: int) -> str | None:
        """Why action n can never be used, or None."""
        action = self.s.actions[n]
        if action.id not in self.used_by_mediator:
            return "no mediator has it in its actions"
        for meter, cost in sorted(action.cost.items()):
            high = self.domain(meter)[1]
            if cost > high:
                return f"it costs {cost:g} {meter}, more than the meter can hold ({high:g})"
        if action.requires is not None:
            why = self.never(action.requires, ("actions", n, "requires"), "action", n)
            if why is not None:
                return why[1]
        return None

    def domain(self, meter: str) -> tuple[float, float]:
        if meter == "turn":
            return 0.0, float(self.s.rules.turn_limit)
        if meter.startswith("walkaway."):
            party = self.s.parties_by_id.get(meter.split(".", 1)[1])
            if party is not None and party.walkaway is not None:
                return party.walkaway.min, party.walkaway.max
        return 0.0, 100.0

    # ------------------------------------------------------------------ never / always

    def never(self, cond: Condition, path: Path, kind: str, index: int = 0
              ) -> tuple[Path, str] | None:
        """(the leaf's path, why) when `cond` can certainly never hold at that site."""
        if isinstance(cond, AllCond):
            for n, c in enumerate(cond.all):
                why = self.never(c, (*path, "all", n), kind, index)
                if why is not None:
                    return why
            return None
        if isinstance(cond, AnyCond):
            whys = [self.never(c, (*path, "any", n), kind, index)
                    for n, c in enumerate(cond.any)]
            if whys and all(w is not None for w in whys):
                return whys[0]
            return None
        if isinstance(cond, NotCond):
            return (path, "the condition under 'not' always holds") \
                if self.always(cond.not_, kind) else None
        reason = self._leaf_never(cond, kind, index)
        return (path, reason) if reason is not None else None

    def _leaf_never(self, cond: Condition, kind: str, index: int) -> str | None:
        s = self.s
        if isinstance(cond, FlagCond):
            if cond.flag not in self.setters:
                return f"flag '{cond.flag}' is never set"
            if cond.flag not in self.live.flags:
                return f"flag '{cond.flag}' is only set by things that never happen"
        elif isinstance(cond, OnTableCond):
            if kind not in ON_TABLE_SITES:
                return f"on_table never holds in {SITE_NAMES[kind]}"
            return self._term_never(cond.on_table)
        elif isinstance(cond, AgreedCond):
            return self._term_never(cond.agreed, agreed=True)
        elif isinstance(cond, PhaseCond):
            target = s.phase_order.get(cond.phase_reached, -1)
            if kind == "phase" and target >= index:
                later = "is this phase" if target == index else "comes after it"
                return (f"phase '{cond.phase_reached}' {later}: phases are reached in order, "
                        "so this holds only once the phase is passed")
            top = index if kind == "phase" else len(s.phases)
            if not any(target <= k < top for k in self.live.phases):
                return f"phase '{cond.phase_reached}' (and every later one) is never reached"
        elif isinstance(cond, MeterCond):
            if self._cmp_never(cond, self.domain(cond.meter)):
                return f"{cond.meter} is never {_cmp_text(cond)} (it stays within " \
                    f"{_range(self.domain(cond.meter))})"
        elif isinstance(cond, TurnCond):
            if self._cmp_never(cond.turn, self.domain("turn")):
                return f"the turn is never {_cmp_text(cond.turn)} (turns run 1-" \
                    f"{s.rules.turn_limit})"
        elif isinstance(cond, TakenCond):
            ref = cond.taken
            if not _compare(0, ref.times):
                action = s.actions_by_id.get(ref.action)
                if ref.action not in self.live.actions:
                    return f"action '{ref.action}' can never be used"
                if action is not None and ref.target is not None and action.targets \
                        and ref.target not in action.targets:
                    return f"action '{ref.action}' never targets '{ref.target}'"
        elif isinstance(cond, ChanceCond):
            if cond.chance == 0:
                return "a chance of 0 never comes up"
        elif isinstance(cond, EndedCond) and cond.ended == "settlement" and self.unsettled():
                return f"issue '{self.unsettled()[0]}' can never be settled"
        return None

    def _term_never(self, ref: TermRef, agreed: bool = False) -> str | None:
        issue = self.s.issues_by_id.get(ref.issue)
        if issue is None:
            return None
        options = _opts(ref.option)
        if ref.deferred is True and (options is not None or ref.phase is not None):
            return f"a deferred term of '{ref.issue}' has no option or phase"
        if ref.deferred is True and not issue.deferrable:
            return f"issue '{ref.issue}' cannot be deferred"
        if ref.phase is not None and self.s.phase_order.get(ref.phase, 0) < \
                self.s.phase_order.get(issue.phase, 0):
            return (f"issue '{ref.issue}' cannot be placed in phase '{ref.phase}', before its "
                    f"own phase '{issue.phase}'")
        if agreed and ref.deferred is not True:
            wanted = options if options is not None else [o.id for o in issue.options]
            open_ = [o for o in wanted if o not in self.blocked[ref.issue]]
            deferral_counts = options is None and ref.deferred is None and issue.deferrable
            if not open_ and not deferral_counts:
                return (f"issue '{ref.issue}' can never be agreed with "
                        + ("an option" if options is None else "option " + " or ".join(wanted))
                        + f": hard red lines refuse {self.refusals(ref.issue, wanted)}")
        return None

    @staticmethod
    def _cmp_never(cmp: Cmp, domain: tuple[float, float]) -> bool:
        lo, hi = domain
        for bound, value in (("gt", cmp.gt), ("gte", cmp.gte), ("eq", cmp.eq)):
            if value is not None and (value > hi or (bound == "gt" and value >= hi)):
                return True
        for bound, value in (("lt", cmp.lt), ("lte", cmp.lte), ("eq", cmp.eq)):
            if value is not None and (value < lo or (bound == "lt" and value <= lo)):
                return True
        return False

    def always(self, cond: Condition, kind: str) -> bool:
        """True when `cond` certainly always holds at that kind of site."""
        if isinstance(cond, AllCond):
            return all(self.always(c, kind) for c in cond.all)
        if isinstance(cond, AnyCond):
            return any(self.always(c, kind) for c in cond.any)
        if isinstance(cond, NotCond):
            return self.never(cond.not_, (), kind) is not None
        if isinstance(cond, EndedCond):
            return kind == "outcome" and cond.ended is None
        if isinstance(cond, MeterCond) and not cond.for_turns:
            return _covers(cond, self.domain(cond.meter))
        if isinstance(cond, TurnCond):
            return _covers(cond.turn, self.domain("turn"))
        if isinstance(cond, TakenCond):
            return _covers(cond.taken.times, (0.0, float("inf")))
        if isinstance(cond, MediatorCond):
            ids = _opts(cond.mediator) or []
            return all(m.id in ids for m in self.s.mediators)
        if isinstance(cond, ChanceCond):
            return cond.chance == 1
        return False

    # ------------------------------------------------------------------ warnings

    def warn(self, path: Path, message: str, key: bool = False) -> None:
        line, col = self.locate(path, key=key)
        dotted = ".".join(str(p) for p in path) if path else "(top level)"
        self.warnings.append(Problem(self.file, line, col, f"{dotted}: {message}"))

    def flags(self) -> None:
        known = set(self.setters) | set(self.tested)
        for flag, paths in sorted(self.tested.items()):
            if flag not in self.setters:
                hint = did_you_mean(flag, self.setters)
                for path in paths:
                    self.warn(path, f"flag '{flag}' is tested but nothing sets it{hint}")
        for flag, paths in sorted(self.cleared.items()):
            if flag not in self.setters:
                hint = did_you_mean(flag, known - {flag})
                for path in paths:
                    self.warn(path, f"flag '{flag}' is cleared but nothing sets it{hint}")
        for flag, sources in sorted(self.setters.items()):
            if flag not in self.tested:
                hint = did_you_mean(flag, self.tested)
                for path, _, _ in sources:
                    self.warn(path, f"flag '{flag}' is set but no condition tests it{hint}")

    def on_table(self) -> None:
        for site in self.sites:
            if site.kind in ON_TABLE_SITES:
                continue
            for leaf, path in _leaves(site.cond, site.path):
                if isinstance(leaf, OnTableCond) and (path != site.path or site.kind in (
                        "position", "outcome")):  # else the phase or action warning says it
                    self.warn((*path, "on_table"), f"on_table never holds in "
                              f"{SITE_NAMES[site.kind]}: only red lines' moves_when, consents, "
                              "event triggers and statements see a proposal")

    def phases(self) -> None:
        for site in self.sites:
            if site.kind != "phase":
                continue
            for leaf, path in _leaves(site.cond, site.path):
                if path != site.path and isinstance(leaf, PhaseCond) and \
                        self.s.phase_order.get(leaf.phase_reached, -1) >= site.index:
                    this = self.s.phases[site.index].id
                    self.warn((*path, "phase_reached"), f"phase '{this}' requires phase "
                              f"'{leaf.phase_reached}', which is not before it: phases are "
                              "reached in order, so this never opens it")
        for n, phase in enumerate(self.s.phases):
            if n and n not in self.live.phases and phase.requires is not None:
                why = self.never(phase.requires, ("phases", n, "requires"), "phase", n)
                reason = why[1] if why else "no earlier phase is ever reached"
                self.warn(("phases", n, "requires"),
                          f"phase '{phase.id}' can never be reached: {reason}")

    def outcomes(self) -> None:
        outcomes = self.s.outcomes
        for n, outcome in enumerate(outcomes):
            if outcome.when is None:
                continue
            path: Path = ("outcomes", n, "when")
            if n == len(outcomes) - 1:
                self.warn(("outcomes", n, "when"), f"outcome '{outcome.id}' is the last one: "
                          "its when is ignored (the last outcome applies whenever no earlier "
                          "one does)", key=True)
                continue
            earlier = next((o for o in outcomes[:n] if o.when is not None and (
                o.when == outcome.when or self.always(o.when, "outcome"))), None)
            if earlier is not None:
                same = "has the same condition" if earlier.when == outcome.when \
                    else "always applies"
                self.warn(path, f"outcome '{outcome.id}' can never be chosen: outcome "
                          f"'{earlier.id}' before it {same}")
                continue
            why = self.never(outcome.when, path, "outcome", n)
            if why is not None:
                self.warn(path, f"outcome '{outcome.id}' can never be chosen: {why[1]}")

    def actions(self) -> None:
        for n, action in enumerate(self.s.actions):
            why = self.action_dead(n)
            if why is not None:
                self.warn(("actions", n, "id"), f"action '{action.id}' can never be used: {why}")

    def happenings(self) -> None:
        for n, event in enumerate(self.s.events):
            why = self.never(event.trigger, ("events", n, "trigger"), "event", n)
            if why is not None:
                self.warn(("events", n, "trigger"),
                          f"event '{event.id}' can never fire: {why[1]}")
        for n, party in enumerate(self.s.parties):
            for k, statement in enumerate(party.statements):
                path: Path = ("parties", n, "statements", k, "when")
                if statement.when is None:
                    continue
                why = self.never(statement.when, path, "statement")
                if why is not None:
                    self.warn(path, f"statement '{statement.id}' can never be made: {why[1]}")
            for k, position in enumerate(party.positions):
                if position.when is not None:
                    self.warn(("parties", n, "positions", k, "when"), "a position's when is "
                              "ignored: positions are always shown in the briefing", key=True)
            for k, consent in enumerate(party.consents):
                path = ("parties", n, "consents", k, "when")
                if consent.when is None or consent.never or party.id in self.s.mediators_by_id:
                    continue
                why = self.never(consent.when, path, "consent")
                if why is not None:
                    self.warn(path, f"consent '{consent.id}' is never given: {why[1]}")
            for k, line in enumerate(party.red_lines):
                path = ("parties", n, "red_lines", k, "moves_when")
                if line.moves_when is None:
                    continue
                why = self.never(line.moves_when, path, "red_line")
                if why is not None:
                    self.warn(path, f"soft red line '{line.id}' never moves: {why[1]}")

    def issues(self) -> None:
        principals = self.s.principals
        for n, issue in enumerate(self.s.issues):
            blocked = self.blocked[issue.id]
            if all(o.id in blocked for o in issue.options):
                refusals = self.refusals(issue.id, [o.id for o in issue.options])
                tail = "only a deferral can be agreed" if issue.deferrable else \
                    "it cannot be deferred, so no comprehensive settlement is possible"
                self.warn(("issues", n, "id"), f"every option of issue '{issue.id}' is behind a "
                          f"hard red line ({refusals}): {tail}")
            stakes = [p.stakes.get(issue.id) for p in principals]
            if stakes and all(st is not None and st.weight == 0 for st in stakes):
                self.warn(("issues", n, "id"), f"no principal cares about issue '{issue.id}' "
                          "(its weight is 0 for every principal)")
                continue
            mentioned = self._mentioned_options()
            seen: dict[tuple[float, ...], str] = {}
            for k, option in enumerate(issue.options):
                values = tuple(st.values.get(option.id, -1.0) if st else -1.0 for st in stakes)
                twin = seen.get(values)
                if twin is not None and not option.effects_when_agreed \
                        and (issue.id, option.id) not in mentioned:
                    self.warn(("issues", n, "options", k, "id"), f"no principal cares about "
                              f"option '{option.id}': each values it as '{twin}' and no rule "
                              "names it")
                seen.setdefault(values, option.id)

    def _mentioned_options(self) -> set[tuple[str, str | None]]:
        out: set[tuple[str, str | None]] = set()

        def add(ref: TermRef) -> None:
            named = _opts(ref.option)
            options: list[str | None] = [None] if named is None else list(named)
            for option in options:
                out.add((ref.issue, option))

        for party in self.s.parties:
            for line in party.red_lines:
                for ref in line.options:
                    add(ref)
            for link in party.linkages:
                add(link.if_)
                add(link.requires)
            for consent in party.consents:
                for ref in consent.options:
                    add(ref)
        for site in self.sites:
            for leaf, _ in _leaves(site.cond, site.path):
                if isinstance(leaf, OnTableCond):
                    add(leaf.on_table)
                elif isinstance(leaf, AgreedCond):
                    add(leaf.agreed)
        return out

    def citations(self) -> None:
        for n, party in enumerate(self.s.parties):
            for k, position in enumerate(party.positions):
                if position.cite is None:
                    self.warn(("parties", n, "positions", k, "id"), f"position '{position.id}' "
                              "of '" + party.id + "' has no citation (cite: {source, quote})")
            for k, line in enumerate(party.red_lines):
                if line.cite is None:
                    self.warn(("parties", n, "red_lines", k, "id"), f"red line '{line.id}' of "
                              f"'{party.id}' has no citation (cite: {{source, quote}})")

    def run(self) -> list[Problem]:
        self.flags()
        self.on_table()
        self.phases()
        self.outcomes()
        self.actions()
        self.happenings()
        self.issues()
        self.citations()
        unique = list(dict.fromkeys(self.warnings))
        return sorted(unique, key=lambda p: (p.line, p.column))


def _compare(value: float, cmp: Cmp) -> bool:
    return not ((cmp.gt is not None and not value > cmp.gt)
                or (cmp.gte is not None and not value >= cmp.gte)
                or (cmp.lt is not None and not value < cmp.lt)
                or (cmp.lte is not None and not value <= cmp.lte)
                or (cmp.eq is not None and value != cmp.eq))


def _covers(cmp: Cmp, domain: tuple[float, float]) -> bool:
    """Every value of the domain satisfies cmp."""
    lo, hi = domain
    return cmp.eq is None and (cmp.gt is None or cmp.gt < lo) and \
        (cmp.gte is None or cmp.gte <= lo) and (cmp.lt is None or cmp.lt > hi) and \
        (cmp.lte is None or cmp.lte >= hi)


def _cmp_text(cmp: Cmp) -> str:
    signs = (("gt", ">"), ("gte", ">="), ("lt", "<"), ("lte", "<="), ("eq", "="))
    return " and ".join(f"{sign} {getattr(cmp, name):g}" for name, sign in signs
                        if getattr(cmp, name) is not None)


def _range(domain: tuple[float, float]) -> str:
    return f"{domain[0]:g}-{domain[1]:g}"


def lint_scenario(scenario: Scenario, file: str, locate: Locate) -> list[Problem]:
    """Every warning of a valid scenario, sorted by position (messages without 'warning:')."""
    return _Lint(scenario, file, locate).run()


def lint_file(path: str | FilePath) -> list[Problem]:
    """Warnings of a scenario file; raises ScenarioError when it is not valid."""
    scenario = load_scenario(path)
    _, locator = read_yaml_file(path, "")
    return lint_scenario(scenario, str(path), locator)


def lint_text(text: str, filename: str) -> list[Problem]:
    """Warnings of scenario text; raises ScenarioError when it is not valid."""
    scenario = load_scenario_text(text, filename)
    _, locator = parse_yaml(text, filename)
    return lint_scenario(scenario, filename, locator)
