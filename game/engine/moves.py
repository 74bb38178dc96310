"""What the mediator can do in one turn: propose a framework, take an action, or pass."""

from __future__ import annotations

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

    Raises InvalidMoveError (a ValueError) with a one-line message on anything else.
    """
    if data == "pass" or data == {"pass": True}:
        return Pass()
    if not isinstance(data, dict):
        raise InvalidMoveError(f"a move must be 'pass' or a mapping, not {type(data).__name__}")
    if "action" in data:
        extra = set(data) - {"action", "target"}
        if extra:
            raise InvalidMoveError(f"unknown key(s) in action move: {', '.join(sorted(extra))}")
        target = data.get("target")
        if not isinstance(data["action"], str) or not (target is None or isinstance(target, str)):
            raise InvalidMoveError("action and target must be ids")
        return TakeAction(action=data["action"], target=target)
    if "consult" in data:
        if set(data) != {"consult"} or not isinstance(data["consult"], str):
            raise InvalidMoveError("consult takes a party id: {consult: PARTY}")
        return TakeAction(action=consultation_action_id(scenario), target=data["consult"])
    if "propose" in data:
        if set(data) != {"propose"}:
            raise InvalidMoveError("a propose move has only the key 'propose'")
        return Propose(framework=framework_from_data(data["propose"], scenario))
    raise InvalidMoveError(
        f"unknown move: {sorted(data)!r} (expected pass, action, consult or propose)")


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
                items.append({"issue": issue_id, **value})
            else:
                raise InvalidMoveError(
                    f"term for issue {issue_id!r} must be an option id or mapping")
    elif isinstance(data, list):
        items = data
    else:
        raise InvalidMoveError("propose takes a mapping of issue -> option, or a list of terms")
    seen: set[str] = set()
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("issue"), str):
            raise InvalidMoveError("each term needs an issue id")
        extra = set(item) - {"issue", "option", "phase", "deferred"}
        if extra:
            raise InvalidMoveError(f"unknown key(s) in term: {', '.join(sorted(extra))}")
        issue_id = item["issue"]
        if issue_id in seen:
            raise InvalidMoveError(f"issue {issue_id!r} appears twice in the framework")
        seen.add(issue_id)
        if item.get("deferred"):
            terms.append(Term(issue=issue_id, deferred=True))
            continue
        option = item.get("option")
        if not isinstance(option, str):
            raise InvalidMoveError(f"term for issue {issue_id!r} needs an option id")
        phase = item.get("phase")
        if phase is None:
            try:
                phase = scenario.issue(issue_id).phase
            except KeyError:
                raise InvalidMoveError(f"unknown issue {issue_id!r}") from None
        if not isinstance(phase, str):
            raise InvalidMoveError(f"phase of issue {issue_id!r} must be a phase id")
        terms.append(Term(issue=issue_id, option=option, phase=phase))
    return Framework.of(terms, scenario)
