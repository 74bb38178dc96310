"""Cross-reference checks of a loaded scenario: every problem at once, each at its YAML node.

The models check shapes; this module checks that ids point at things that exist, that every
principal has a stake in every issue, that conditions use meters that exist, that linkages do
not loop and that every outcome can be reached.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from game.format import meters
from game.format.errors import Problem
from game.format.models import (
    AgreedCond,
    AllCond,
    AnyCond,
    BreakEffect,
    ChanceCond,
    Cite,
    Cmp,
    Condition,
    EndedCond,
    MediatorCond,
    MeterCond,
    MeterEffect,
    NotCond,
    OnTableCond,
    PhaseCond,
    RevealEffect,
    Scenario,
    TakenCond,
    TermRef,
    TurnCond,
    TurnsSinceCond,
    WalkedOutCond,
)
from game.format.suggest import suggest_known

Path = tuple[str | int, ...]
Locate = Callable[..., tuple[int, int]]
"""``locate(path, key=False) -> (line, column)``: position of the node at a data path."""



@dataclass(frozen=True)
class _Where:
    """Where a condition or effect sits, which decides what it may use."""

    outcome: bool = False
    event_trigger: bool = False
    targeted: bool = False  # inside an action that has targets (effects only)
    # what the condition belongs to, when it sees no proposal (`on_table` never holds there)
    no_table: str | None = None


ON_TABLE_HOLDS = ("only red lines' moves_when, consents' when, event triggers and statements' "
                  "when see a proposal")


def _dotted(path: Path) -> str:
    return ".".join(str(p) for p in path) if path else "(top level)"


class _Checker:
    def __init__(self, scenario: Scenario, file: str, locate: Locate) -> None:
        self.s = scenario
        self.file = file
        self.locate = locate
        self.problems: list[Problem] = []
        self.issues = {i.id: i for i in scenario.issues}
        self.options = {i.id: {o.id for o in i.options} for i in scenario.issues}
        self.phases = {p.id for p in scenario.phases}
        self.parties = {p.id for p in scenario.parties}
        self.principals = [p.id for p in scenario.parties if p.role == "principal"]
        self.mediators = {m.id for m in scenario.mediators}
        self.actions = {a.id for a in scenario.actions}
        self.events = {e.id for e in scenario.events}
        self.sources = {s.id for s in scenario.meta.sources}

    def add(self, path: Path, message: str, key: bool = False) -> None:
        line, col = self.locate(path, key=key)
        self.problems.append(Problem(self.file, line, col,
                                     f"{_dotted(path)}: {suggest_known(message)}"))

    # ------------------------------------------------------------------ ids

    def unique(self, items: Sequence[Any], path: Path, kind: str) -> None:
        first: dict[str, int] = {}
        for n, item in enumerate(items):
            if item.id in first:
                line, _ = self.locate((*path, first[item.id], "id"))
                self.add((*path, n, "id"), f"duplicate {kind} id '{item.id}' "
                         f"(first at line {line})")
            else:
                first[item.id] = n

    def ids(self) -> None:
        s = self.s
        self.unique(s.meta.sources, ("meta", "sources"), "source")
        self.unique(s.phases, ("phases",), "phase")
        self.unique(s.issues, ("issues",), "issue")
        for n, issue in enumerate(s.issues):
            self.unique(issue.options, ("issues", n, "options"), "option")
        self.unique(s.parties, ("parties",), "party")
        for n, party in enumerate(s.parties):
            base: Path = ("parties", n)
            self.unique(party.red_lines, (*base, "red_lines"), "red line")
            self.unique(party.linkages, (*base, "linkages"), "linkage")
            self.unique(party.positions, (*base, "positions"), "position")
            self.unique(party.statements, (*base, "statements"), "statement")
            self.unique(party.consents, (*base, "consents"), "consent")
        self.unique(s.mediators, ("mediators",), "mediator")
        self.unique(s.actions, ("actions",), "action")
        self.unique(s.events, ("events",), "event")
        self.unique(s.outcomes, ("outcomes",), "outcome")

    # ------------------------------------------------------------------ references

    def term(self, ref: TermRef, path: Path) -> None:
        if ref.issue not in self.issues:
            self.add((*path, "issue"), f"unknown issue '{ref.issue}'"
                     + self.known(self.issues))
        else:
            options = [ref.option] if isinstance(ref.option, str) else ref.option or []
            for k, option in enumerate(options):
                if option not in self.options[ref.issue]:
                    where = (*path, "option") if isinstance(ref.option, str) else \
                        (*path, "option", k)
                    self.add(where, f"unknown option '{option}' of issue '{ref.issue}'"
                             + self.known(self.options[ref.issue]))
        if ref.phase is not None and ref.phase not in self.phases:
            self.add((*path, "phase"), f"unknown phase '{ref.phase}'" + self.known(self.phases))

    @staticmethod
    def known(ids: Iterable[str]) -> str:
        names = sorted(ids)
        if not names:
            return " (none defined)"
        return " (known: " + ", ".join(names) + ")"

    def cites(self, value: Any, path: Path) -> None:
        """Every `cite:` anywhere in the tree must name a source."""
        if isinstance(value, Cite):
            if value.source not in self.sources:
                self.add((*path, "source"), f"unknown source '{value.source}'"
                         + self.known(self.sources))
            return
        if isinstance(value, list | tuple):
            for n, item in enumerate(value):
                self.cites(item, (*path, n))
        elif isinstance(value, dict):
            for key, item in value.items():
                self.cites(item, (*path, key))
        elif isinstance(value, BaseModel):
            for name, field in type(value).model_fields.items():
                self.cites(getattr(value, name), (*path, field.alias or name))

    def principal(self, party: str, path: Path, what: str, key: bool = False) -> bool:
        if party not in self.parties:
            self.add(path, f"unknown party '{party}' in {what}" + self.known(self.principals),
                     key=key)
            return False
        if party not in self.principals:
            self.add(path, f"'{party}' in {what} is a stakeholder, not a principal party",
                     key=key)
            return False
        return True

    # ------------------------------------------------------------------ meters

    def meter(self, name: str, path: Path, *, condition: bool, targeted: bool = False) -> None:
        """Check a meter name against the grammar in meters.py and the scenario's parties."""
        parsed = meters.parse(name)
        valid = (*meters.GLOBAL_METERS, "turn") if condition else meters.GLOBAL_METERS
        hint = ("expected " + ", ".join(valid) + ", trust.<party>, trust.<party>.<other> "
                "or walkaway.<party>")
        if parsed is None or (parsed.kind == "turn" and not condition):
            extra = " (turn can only be read)" if name == "turn" else ""
            self.add(path, f"unknown meter '{name}'{extra}: {hint}")
            return
        if name in meters.READ_ONLY and not condition:
            self.add(path, f"meter '{name}' can only be read: it is computed from the "
                     "agreed terms")
            return
        special = set(meters.TARGETED) if targeted else set()
        for party in parsed.parties:
            if party in special:
                continue
            if party in meters.TARGETED:
                self.add(path, f"meter '{name}': '{party}' is only allowed in the effects "
                         "of an action that has targets")
            elif party not in self.principals:
                self.add(path, f"meter '{name}': '{party}' is not a principal party"
                         + self.known(self.principals))
        if parsed.kind == "mutual_trust" and parsed.party == parsed.other \
                and parsed.party not in special:
            self.add(path, f"meter '{name}': a party's trust in itself is not a meter")

    # ------------------------------------------------------------------ conditions

    def condition(self, cond: Any, path: Path, where: _Where) -> None:
        match cond:
            case AllCond():
                for n, sub in enumerate(cond.all):
                    self.condition(sub, (*path, "all", n), where)
            case AnyCond():
                for n, sub in enumerate(cond.any):
                    self.condition(sub, (*path, "any", n), where)
            case NotCond():
                self.condition(cond.not_, (*path, "not"), where)
            case MeterCond():
                self.meter(cond.meter, (*path, "meter"), condition=True)
                if cond.minus is not None:
                    self.minus(cond, path)
                self.compare(cond, path, cond.meter if cond.minus is None else DIFFERENCE)
            case TurnCond():
                self.compare(cond.turn, (*path, "turn"), "turn")
            case TurnsSinceCond():
                ref = cond.turns_since
                if ref.event is not None and ref.event not in self.events:
                    self.add((*path, "turns_since", "event"), f"unknown event '{ref.event}'"
                             + self.known(self.events))
                self.compare(ref, (*path, "turns_since"), "turns since")
            case OnTableCond():
                if where.no_table is not None:
                    self.add((*path, "on_table"), f"on_table never holds in {where.no_table}: "
                             + ON_TABLE_HOLDS)
                self.term(cond.on_table, (*path, "on_table"))
            case AgreedCond():
                self.term(cond.agreed, (*path, "agreed"))
            case TakenCond():
                taken = cond.taken
                if taken.action not in self.actions:
                    self.add((*path, "taken", "action"), f"unknown action '{taken.action}'"
                             + self.known(self.actions))
                if taken.target is not None:
                    self.principal(taken.target, (*path, "taken", "target"), "taken.target")
                self.compare(taken.times, (*path, "taken", "times"), "times")
            case PhaseCond():
                if cond.phase_reached not in self.phases:
                    self.add((*path, "phase_reached"), f"unknown phase '{cond.phase_reached}'"
                             + self.known(self.phases))
            case MediatorCond():
                ids = [cond.mediator] if isinstance(cond.mediator, str) else cond.mediator
                for n, mediator in enumerate(ids):
                    if mediator not in self.mediators:
                        where_ = (*path, "mediator") if isinstance(cond.mediator, str) else \
                            (*path, "mediator", n)
                        self.add(where_, f"unknown mediator '{mediator}'"
                                 + self.known(self.mediators))
            case ChanceCond():
                if not where.event_trigger:
                    self.add((*path, "chance"), "a chance condition is only allowed in an "
                             "event's trigger (seeded chance is for events)")
            case EndedCond():
                if not where.outcome:
                    self.add((*path, "ended"), "'ended' is only allowed in outcome conditions")
            case WalkedOutCond():
                if not where.outcome:
                    self.add((*path, "walked_out"),
                             "'walked_out' is only allowed in outcome conditions")
                if cond.walked_out is not None:
                    self.principal(cond.walked_out, (*path, "walked_out"), "walked_out")

    def minus(self, cond: MeterCond, path: Path) -> None:
        """The second meter of a comparison of two meters."""
        if cond.meter == "turn" or cond.minus == "turn":
            self.add((*path, "minus"), "minus compares two meters: the turn is not one "
                     "(use turn: {...})")
            return
        self.meter(cond.minus or "", (*path, "minus"), condition=True)
        if cond.minus == cond.meter:
            self.add((*path, "minus"), f"minus compares meter '{cond.meter}' with itself: "
                     "the difference is always 0")

    def compare(self, cmp: Cmp, path: Path, name: str) -> None:
        given = {k: getattr(cmp, k) for k in ("gt", "gte", "lt", "lte", "eq")
                 if getattr(cmp, k) is not None}
        if not given:
            self.add(path, f"comparison of {name} needs at least one of gt, gte, lt, lte, eq")
            return
        if _impossible(cmp, name):
            self.add(path, f"condition can never hold: {name} "
                     + " and ".join(f"{k} {_num(v)}" for k, v in given.items())
                     + f" {_range_text(name)}")

    # ------------------------------------------------------------------ effects

    def effects(self, effects: Sequence[Any], path: Path, targeted: bool) -> None:
        for n, effect in enumerate(effects):
            p = (*path, n)
            match effect:
                case MeterEffect():
                    self.meter(effect.meter, (*p, "meter"), condition=False, targeted=targeted)
                case RevealEffect():
                    party = effect.reveal.party
                    if party in ("target", "others"):
                        if not targeted:
                            self.add((*p, "reveal", "party"), f"'{party}' is only allowed in "
                                     "the effects of an action that has targets")
                    else:
                        self.principal(party, (*p, "reveal", "party"), "reveal.party")
                case BreakEffect():
                    if effect.break_agreement not in self.issues:
                        self.add((*p, "break_agreement"), f"unknown issue "
                                 f"'{effect.break_agreement}'" + self.known(self.issues))

    # ------------------------------------------------------------------ sections

    def table(self) -> None:
        for n, issue in enumerate(self.s.issues):
            if issue.phase not in self.phases:
                self.add(("issues", n, "phase"), f"unknown phase '{issue.phase}'"
                         + self.known(self.phases))
            for k, option in enumerate(issue.options):
                self.effects(option.effects_when_agreed,
                             ("issues", n, "options", k, "effects_when_agreed"), False)
        for n, phase in enumerate(self.s.phases):
            if phase.requires is not None:
                self.condition(phase.requires, ("phases", n, "requires"),
                               _Where(no_table="a phase's requires"))
            elif n > 0:
                self.add(("phases", n), f"phase '{phase.id}' has no 'requires': only the first "
                         "phase is reached without a condition, so this one never would be")

    def party_checks(self) -> None:
        if len(self.principals) < 2:
            self.add(("parties",), f"at least 2 principal parties are needed, found "
                     f"{len(self.principals)}")
        for n, party in enumerate(self.s.parties):
            base: Path = ("parties", n)
            for k, statement in enumerate(party.positions):
                if statement.when is not None:
                    self.condition(statement.when, (*base, "positions", k, "when"),
                                   _Where(no_table="a position's when"))
            for k, statement in enumerate(party.statements):
                if statement.when is not None:
                    self.condition(statement.when, (*base, "statements", k, "when"), _Where())
            for k, consent in enumerate(party.consents):
                for j, ref in enumerate(consent.options):
                    self.term(ref, (*base, "consents", k, "options", j))
                if consent.when is not None:
                    self.condition(consent.when, (*base, "consents", k, "when"), _Where())
            if party.role == "stakeholder":
                for name in ("stakes", "red_lines", "linkages", "walkaway", "trust"):
                    if name in party.model_fields_set:
                        self.add((*base, name), f"a stakeholder has no {name} "
                                 "(only principal parties do)", key=True)
                continue
            self.principal_checks(party, base)

    def principal_checks(self, party: Any, base: Path) -> None:
        if party.walkaway is None:
            self.add(base, f"principal '{party.id}' needs a walkaway level")
        else:
            w = party.walkaway
            if not w.min <= w.base <= w.max:
                self.add((*base, "walkaway"), f"walkaway needs min <= base <= max, got "
                         f"min {_num(w.min)}, base {_num(w.base)}, max {_num(w.max)}")
        stakes_path = (*base, "stakes")
        for issue_id in self.issues:
            if issue_id not in party.stakes:
                self.add(stakes_path, f"missing stake for issue '{issue_id}'")
        for issue_id, stake in party.stakes.items():
            path = (*stakes_path, issue_id)
            if issue_id not in self.issues:
                self.add(path, f"unknown issue '{issue_id}'" + self.known(self.issues),
                         key=True)
                continue
            options = self.options[issue_id]
            for option in sorted(options - set(stake.values)):
                self.add((*path, "values"), f"missing value for option '{option}'")
            for option in stake.values:
                if option not in options:
                    self.add((*path, "values", option), f"unknown option '{option}' of issue "
                             f"'{issue_id}'" + self.known(options), key=True)
        if party.stakes and all(stake.weight == 0 for stake in party.stakes.values()):
            self.add(stakes_path, f"every issue weight of '{party.id}' is 0: at least one "
                     "must be positive")
        others = [p for p in self.principals if p != party.id]
        for other in others:
            if other not in party.trust:
                self.add((*base, "trust"), f"missing trust in principal '{other}'")
        for other in party.trust:
            if other == party.id:
                self.add((*base, "trust", other), "a party's trust in itself is not a meter",
                         key=True)
            elif other not in others:
                self.principal(other, (*base, "trust", other), "trust", key=True)
        for k, line in enumerate(party.red_lines):
            p = (*base, "red_lines", k)
            for j, ref in enumerate(line.options):
                self.term(ref, (*p, "options", j))
            if line.kind == "soft" and line.moves_when is None:
                self.add(p, f"soft red line '{line.id}' needs moves_when (the condition under "
                         "which it moves)")
            if line.kind == "hard" and line.moves_when is not None:
                self.add((*p, "moves_when"), f"hard red line '{line.id}' cannot have "
                         "moves_when: make it soft, or remove the condition")
            if line.moves_when is not None:
                self.condition(line.moves_when, (*p, "moves_when"), _Where())
        for k, link in enumerate(party.linkages):
            p = (*base, "linkages", k)
            self.term(link.if_, (*p, "if"))
            self.term(link.requires, (*p, "requires"))
            if (link.if_.issue == link.requires.issue and link.if_.option is not None
                    and link.requires.option is not None
                    and not set(_opts(link.if_.option)) & set(_opts(link.requires.option))):
                self.add(p, f"linkage '{link.id}' requires a different option of the same "
                         f"issue '{link.if_.issue}': it can never be met")
        self.cycles(party, base)

    def cycles(self, party: Any, base: Path) -> None:
        """Linkage cycles at option level (X requires Y ... requires X) that can never be met,
        one per strongly connected component of the requirement graph. A cycle whose terms
        can all be on the table together (mutual linkages) is fine, as across parties."""
        edges: _Edges = {}
        forced: dict[_Node, list[_Node]] = {}  # X requires exactly this one option
        for k, link in enumerate(party.linkages):
            if link.if_.issue not in self.issues or link.requires.issue not in self.issues:
                continue
            required = self.expand(link.requires)
            for a in self.expand(link.if_):
                for b in required:
                    if a != b:
                        edges.setdefault(a, []).append((b, k))
                if len(required) == 1 and link.requires.deferred is not True:
                    forced.setdefault(a, []).append(required[0])
        for component in _components(edges):
            if len(component) < 2:
                continue
            clash = _clash(component, forced)
            if clash is None:
                continue
            start = min(component)
            trail, links = _shortest_cycle(edges, start, component)
            names = " -> ".join(f"{i}.{o}" for i, o in [*trail, start])
            ids = ", ".join(party.linkages[j].id for j in sorted(set(links)))
            self.add((*base, "linkages", min(links)), f"linkage cycle: {names} (linkages {ids}) "
                     f"can never be met: {clash}")

    def expand(self, ref: TermRef) -> list[tuple[str, str]]:
        options = _opts(ref.option) if ref.option is not None else sorted(self.options[ref.issue])
        return [(ref.issue, o) for o in options if o in self.options[ref.issue]]

    def mediator_checks(self) -> None:
        for n, mediator in enumerate(self.s.mediators):
            base: Path = ("mediators", n)
            for principal in self.principals:
                if principal not in mediator.standing:
                    self.add((*base, "standing"), f"missing standing with principal "
                             f"'{principal}'")
            for party in mediator.standing:
                if party not in self.principals:
                    self.principal(party, (*base, "standing", party), "standing", key=True)
            for k, action in enumerate(mediator.actions):
                if action not in self.actions:
                    self.add((*base, "actions", k), f"unknown action '{action}'"
                             + self.known(self.actions))
            for action in mediator.strength:
                if action not in self.actions:
                    self.add((*base, "strength", action), f"unknown action '{action}'"
                             + self.known(self.actions), key=True)

    def action_checks(self) -> None:
        for n, action in enumerate(self.s.actions):
            base: Path = ("actions", n)
            for k, target in enumerate(action.targets):
                self.principal(target, (*base, "targets", k), "targets")
            if action.requires is not None:
                self.condition(action.requires, (*base, "requires"),
                               _Where(no_table="an action's requires"))
            for meter in action.cost:
                self.meter(meter, (*base, "cost", meter), condition=False)
            self.effects(action.effects, (*base, "effects"), bool(action.targets))
            if action.backlash is not None:
                self.effects(action.backlash.effects, (*base, "backlash", "effects"),
                             bool(action.targets))

    def event_checks(self) -> None:
        for n, event in enumerate(self.s.events):
            base: Path = ("events", n)
            self.condition(event.trigger, (*base, "trigger"), _Where(event_trigger=True))
            self.effects(event.effects, (*base, "effects"), False)

    def outcome_checks(self) -> None:
        catch_all: str | None = None
        for n, outcome in enumerate(self.s.outcomes):
            base: Path = ("outcomes", n)
            if outcome.when is not None:
                self.condition(outcome.when, (*base, "when"),
                               _Where(outcome=True, no_table="an outcome's when"))
            if catch_all is not None:
                self.add(base, f"outcome '{outcome.id}' is unreachable: outcome "
                         f"'{catch_all}' before it has no condition and always applies")
            elif outcome.when is not None and _never(outcome.when):
                self.add((*base, "when"), f"outcome '{outcome.id}' is unreachable: its "
                         "condition can never hold")
            if outcome.when is None and catch_all is None:
                catch_all = outcome.id

    def rules(self) -> None:
        end_when = self.s.rules.end_when
        if end_when is not None:
            self.condition(end_when, ("rules", "end_when"), _Where(no_table="rules.end_when"))

    def short_names(self) -> None:
        first: dict[str, str] = {}
        for n, party in enumerate(self.s.parties):
            if party.short_name is None:
                continue
            if party.short_name in first:
                self.add(("parties", n, "short_name"), f"short name '{party.short_name}' is "
                         f"also '{first[party.short_name]}''s: short names tell parties apart")
            first.setdefault(party.short_name, party.id)

    def run(self) -> list[Problem]:
        self.ids()
        if self.problems:  # a duplicate id first and alone: what refers to it would cascade
            return sorted(dict.fromkeys(self.problems), key=lambda p: (p.line, p.column))
        self.table()
        self.party_checks()
        self.mediator_checks()
        self.action_checks()
        self.event_checks()
        self.outcome_checks()
        self.rules()
        self.short_names()
        self.cites(self.s, ())
        unique = list(dict.fromkeys(self.problems))  # first of each, in order
        return sorted(unique, key=lambda p: (p.line, p.column))


_Node = tuple[str, str]
_Edges = dict[_Node, list[tuple[_Node, int]]]


def _components(edges: _Edges) -> list[set[_Node]]:
    """Strongly connected components (iterative Tarjan), in a deterministic order."""
    index: dict[_Node, int] = {}
    low: dict[_Node, int] = {}
    on_stack: set[_Node] = set()
    stack: list[_Node] = []
    found: list[set[_Node]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work: list[tuple[_Node, int]] = [(root, 0)]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, i = work[-1]
            out = edges.get(node, [])
            if i < len(out):
                work[-1] = (node, i + 1)
                nxt = out[i][0]
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component: set[_Node] = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                found.append(component)
    return sorted(found, key=min)


def _clash(component: set[_Node], forced: dict[_Node, list[_Node]]) -> str | None:
    """Why a term of the cycle can never be proposed: what it requires, one option at a time,
    holds two options of one issue (a framework has one term per issue); None when every
    term of the cycle can be on the table with what it requires."""
    for node in sorted(component):
        chosen: dict[str, str] = {node[0]: node[1]}
        frontier = [node]
        while frontier:
            following = []
            for current in frontier:
                for issue, option in forced.get(current, []):
                    held = chosen.get(issue)
                    if held is None:
                        chosen[issue] = option
                        following.append((issue, option))
                        continue
                    if held == option:
                        continue
                    one, two = sorted((held, option))
                    return (f"{node[0]}.{node[1]} requires both {issue}.{one} and "
                            f"{issue}.{two}" if issue != node[0] else
                            f"{node[0]}.{node[1]} requires {issue}.{option}, another option "
                            "of its own issue")
            frontier = following
    return None


def _shortest_cycle(edges: _Edges, start: _Node, component: set[_Node]
                    ) -> tuple[list[_Node], list[int]]:
    """A shortest cycle through `start` inside its component (breadth first): its nodes from
    `start` and the linkages along it."""
    came: dict[_Node, tuple[_Node, int]] = {}
    frontier = [start]
    while frontier:
        following: list[_Node] = []
        for node in frontier:
            for nxt, k in edges.get(node, []):
                if nxt == start:
                    trail, links = [node], [k]
                    while trail[-1] != start:
                        before, link = came[trail[-1]]
                        trail.append(before)
                        links.append(link)
                    return trail[::-1], links[::-1]
                if nxt in component and nxt not in came:
                    came[nxt] = (node, k)
                    following.append(nxt)
        frontier = following
    raise AssertionError("a component of two or more nodes has a cycle through each node")


def _opts(option: str | list[str]) -> list[str]:
    return [option] if isinstance(option, str) else list(option)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


DIFFERENCE = "the difference"
"""The name `compare` gets for a meter minus another."""


def _domain(name: str) -> tuple[float, float] | None:
    if name in ("turn", "times", "turns since"):
        return (0.0, float("inf"))
    if name == DIFFERENCE:
        return (-100.0, 100.0)
    return (0.0, 100.0)


def _range_text(name: str) -> str:
    if name == DIFFERENCE:
        return "(a meter minus another is -100 to 100)"
    return "(it is never negative)" if name in ("turn", "times", "turns since") \
        else "(meters are 0-100)"


def _impossible(cmp: Cmp, name: str) -> bool:
    """True when no value in the meter's range satisfies every bound of cmp."""
    domain = _domain(name)
    if domain is None:
        return False
    lo, lo_strict = domain[0], False
    hi, hi_strict = domain[1], False
    bounds = [(cmp.gt, True, "lo"), (cmp.gte, False, "lo"), (cmp.lt, True, "hi"),
              (cmp.lte, False, "hi"), (cmp.eq, False, "lo"), (cmp.eq, False, "hi")]
    for value, strict, side in bounds:
        if value is None:
            continue
        if side == "lo" and (value > lo or (value == lo and strict)):
            lo, lo_strict = value, strict
        if side == "hi" and (value < hi or (value == hi and strict)):
            hi, hi_strict = value, strict
    return lo > hi or (lo == hi and (lo_strict or hi_strict))


def _never(cond: Condition) -> bool:
    """Conservatively: True only when the condition can certainly never hold."""
    match cond:
        case AllCond():
            return any(_never(c) for c in cond.all)
        case AnyCond():
            return bool(cond.any) and all(_never(c) for c in cond.any)
        case MeterCond():
            return _impossible(cond, cond.meter if cond.minus is None else DIFFERENCE)
        case TurnCond():
            return _impossible(cond.turn, "turn")
        case TakenCond():
            return _impossible(cond.taken.times, "times")
    return False


def check_scenario(scenario: Scenario, file: str, locate: Locate) -> list[Problem]:
    """Every cross-reference problem of a scenario, sorted by position."""
    return _Checker(scenario, file, locate).run()
