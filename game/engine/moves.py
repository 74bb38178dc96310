"""What the mediator can do in one turn: propose a framework, take an action, or pass."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from game.engine.errors import InvalidMoveError
from game.format.models import Scenario


@dataclass(frozen=True, slots=True)
class Term:
    """One issue of a framework: an option placed in a phase, or the issue deferred."""

    issue: str
    option: str | None = None
    phase: str | None = None
    deferred: bool = False

    def to_dict(self) -> dict[str, Any]:
        if self.deferred:
            return {"issue": self.issue, "deferred": True}
        return {"issue": self.issue, "option": self.option, "phase": self.phase}

    def label(self, scenario: Scenario) -> str:
        issue = scenario.issue(self.issue)
        if self.deferred:
            return f"{issue.title}: deferred"
        option = next(o for o in issue.options if o.id == self.option)
        return f"{issue.title}: {option.label} ({self.phase})"


@dataclass(frozen=True, slots=True)
class Framework:
    """A package of terms, at most one per issue, kept in the scenario's issue order."""

    terms: tuple[Term, ...] = ()

    def term(self, issue_id: str) -> Term | None:
        for term in self.terms:
            if term.issue == issue_id:
                return term
        return None

    @property
    def issues(self) -> tuple[str, ...]:
        return tuple(t.issue for t in self.terms)

    @staticmethod
    def of(terms: Any, scenario: Scenario) -> Framework:
        order = {issue.id: n for n, issue in enumerate(scenario.issues)}
        return Framework(tuple(sorted(terms, key=lambda t: order.get(t.issue, len(order)))))

    def to_dict(self) -> list[dict[str, Any]]:
        return [t.to_dict() for t in self.terms]


@dataclass(frozen=True, slots=True)
class Move:
    """Base of all moves."""

    def to_dict(self) -> dict[str, Any]:  # pragma: no cover - overridden
        raise NotImplementedError


@dataclass(frozen=True, slots=True)
class Propose(Move):
    framework: Framework = field(default_factory=Framework)

    def to_dict(self) -> dict[str, Any]:
        return {"propose": self.framework.to_dict()}


@dataclass(frozen=True, slots=True)
class TakeAction(Move):
    """Use one of the mediator's actions (consultations included), possibly on a target."""

    action: str = ""
    target: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"action": self.action}
        if self.target is not None:
            out["target"] = self.target
        return out


@dataclass(frozen=True, slots=True)
class Pass(Move):
    def to_dict(self) -> dict[str, Any]:
        return {"pass": True}


def move_from_dict(data: Any, scenario: Scenario) -> Move:
    """Parse one move as written in a moves file or a transcript.

    Accepted forms::

        pass                                  # or {pass: true}
        {action: ID, target: PARTY}           # target optional
        {consult: PARTY}                      # the mediator's consultation action
        {propose: {ISSUE: OPTION, ISSUE: defer, ISSUE: {option: O, phase: P}}}
        {propose: [{issue: I, option: O, phase: P}, {issue: I, deferred: true}]}

    Strict: ids are ids (lower-case letters, digits, underscores), ``pass`` and ``deferred``
    take only true or false, and no key is ignored. Raises InvalidMoveError (a ValueError)
    with a one-line message (control characters escaped) on anything else.
    """
    if data == "pass" or (isinstance(data, dict) and list(data) == ["pass"]
                          and data["pass"] is True):
        return Pass()
    if not isinstance(data, dict):
        raise InvalidMoveError(f"a move must be 'pass' or a mapping, not {type(data).__name__}")
    if "pass" in data:
        raise InvalidMoveError("a pass is written 'pass' or {pass: true}, got "
                               f"{_shown(data)}")
    if "action" in data:
        extra = set(data) - {"action", "target"}
        if extra:
            raise InvalidMoveError(f"unknown key(s) in action move: {_keys(extra)}")
        target = data.get("target")
        _id(data["action"], "action")
        if target is not None:
            _id(target, "target")
        return TakeAction(action=data["action"], target=target)
    if "consult" in data:
        if set(data) != {"consult"}:
            raise InvalidMoveError("consult takes a party id: {consult: PARTY}")
        _id(data["consult"], "consult")
        return TakeAction(action=consultation_action_id(scenario), target=data["consult"])
    if "propose" in data:
        if set(data) != {"propose"}:
            raise InvalidMoveError("a propose move has only the key 'propose'")
        return Propose(framework=framework_from_data(data["propose"], scenario))
    raise InvalidMoveError(
        f"unknown move: {_keys(data)} (expected pass, action, consult or propose)")


_ID = re.compile(r"[a-z][a-z0-9_]{0,63}")


def _shown(value: Any) -> str:
    text = repr(value)  # repr escapes control characters
    return text if len(text) <= 60 else text[:57] + "..."


def _keys(keys: Any) -> str:
    return ", ".join(_shown(str(k)) for k in sorted(keys, key=str))


def _id(value: Any, what: str) -> str:
    """`value` if it is an id (the scenario's alphabet); InvalidMoveError otherwise."""
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise InvalidMoveError(f"{what} must be an id (lower-case letters, digits and "
                               f"underscores, starting with a letter), got {_shown(value)}")
    return value


def consultation_action_id(scenario: Scenario) -> str:
    for action in scenario.actions:
        if action.kind == "consultation":
            return action.id
    raise InvalidMoveError("this scenario has no consultation action")


def framework_from_data(data: Any, scenario: Scenario) -> Framework:
    terms: list[Term] = []
    if isinstance(data, dict):
        items: list[dict[str, Any]] = []
        for issue_id, value in data.items():
            if value in ("defer", "deferred"):
                items.append({"issue": issue_id, "deferred": True})
            elif isinstance(value, str):
                items.append({"issue": issue_id, "option": value})
            elif isinstance(value, dict):
                if "issue" in value and value["issue"] != issue_id:
                    raise InvalidMoveError(f"term under issue {_shown(issue_id)} names "
                                           f"another issue: {_shown(value['issue'])}")
                items.append({**value, "issue": issue_id})
            else:
                raise InvalidMoveError(
                    f"term for issue {_shown(issue_id)} must be an option id or mapping")
    elif isinstance(data, list):
        items = data
    else:
        raise InvalidMoveError("propose takes a mapping of issue -> option, or a list of terms")
    seen: set[str] = set()
    for item in items:
        if not isinstance(item, dict) or "issue" not in item:
            raise InvalidMoveError("each term needs an issue id")
        extra = set(item) - {"issue", "option", "phase", "deferred"}
        if extra:
            raise InvalidMoveError(f"unknown key(s) in term: {_keys(extra)}")
        issue_id = _id(item["issue"], "issue")
        if issue_id in seen:
            raise InvalidMoveError(f"issue {issue_id!r} appears twice in the framework")
        seen.add(issue_id)
        deferred = item.get("deferred", False)
        if not isinstance(deferred, bool):
            raise InvalidMoveError(f"deferred (issue {issue_id!r}) must be true or false, got "
                                   f"{_shown(deferred)}")
        if deferred:
            if item.get("option") is not None or item.get("phase") is not None:
                raise InvalidMoveError(f"a deferred term (issue {issue_id!r}) has no option "
                                       "or phase")
            terms.append(Term(issue=issue_id, deferred=True))
            continue
        option = item.get("option")
        if option is None:
            raise InvalidMoveError(f"term for issue {issue_id!r} needs an option id")
        _id(option, f"option (issue {issue_id!r})")
        phase = item.get("phase")
        if phase is None:
            try:
                phase = scenario.issue(issue_id).phase
            except KeyError:
                raise InvalidMoveError(f"unknown issue {issue_id!r}") from None
        _id(phase, f"phase (issue {issue_id!r})")
        terms.append(Term(issue=issue_id, option=option, phase=phase))
    return Framework.of(terms, scenario)
