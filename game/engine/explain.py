"""Answers explained for the player: a one-line summary, the numbers the player may know, and
every rule in plain words; stakeholders' consents; and what agreeing a term would rule out.

Rule-free: it reads a `Response` (what `rules.respond` decided), the scenario and the state
the answer was given in, and decides nothing. What the player may know follows `knowledge`:
a party's value and walk-away level in numbers only once its walk-away is revealed (a
consultation), otherwise a verbal band; a soft line's condition and a linkage's terms only
once revealed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from game.engine.moves import Framework, Term
from game.engine.rules import index_of, is_substantive
from game.engine.state import ConsentCheck, GameState, Reason, Response, TurnResult
from game.engine.wording import (
    issue_title,
    join_words,
    number,
    red_line_words,
    ref_words,
    say,
    short_text,
    term_words,
)
from game.format import models as m

VERDICT: dict[str, str] = {
    "accept": "yes", "accept_with_reservations": "yes, with reservations",
    "counter_proposal": "no, but it counters", "reject": "no", "silence": "no answer (silence)",
    "walk_out": "walks out",
}

REOPEN_RULE = ("An agreed term cannot be reopened: the parties bank what they have signed, "
               "and reopening one would unravel the whole package. Only an issue agreed as "
               "deferred (frozen) can be put on the table again.")


def band(gap: float) -> str:
    """A package's value against the walk-away level, in words (no number)."""
    if gap < -15:
        return "far short"
    if gap < -5:
        return "short"
    if gap < 0:
        return "close, but short"
    if gap < 5:
        return "just enough"
    return "comfortably enough" if gap < 15 else "well above what it needs"


_WORTH = {"far short": "far less than", "short": "less than",
          "close, but short": "a little less than", "just enough": "a little more than",
          "comfortably enough": "more than", "well above what it needs": "well above"}


@dataclass(frozen=True, slots=True)
class Contribution:
    """One term's share of (value - walk-away): weight x (its value - walk-away) / weights."""

    term: Term
    words: str
    points: float


@dataclass(frozen=True, slots=True)
class Answer:
    """A response explained: `summary` first, then `details` (numbers, if known, and every
    rule in plain words)."""

    party: str
    verdict: str  # "no, but it counters"
    because: str  # "2 points short; the Territory term costs it most" (may be empty)
    numbers: str | None  # value against walk-away: in numbers once the walk-away is known
    contributions: tuple[Contribution, ...]  # when the walk-away is known
    rules: tuple[Said, ...]  # every other rule of the response, in plain words

    @property
    def summary(self) -> str:
        """'Russia: no — 2 points short; the Territory term costs it most'."""
        return f"{self.verdict} — {self.because}" if self.because else self.verdict

    @property
    def term_by_term(self) -> str | None:
        if not self.contributions:
            return None
        return "Term by term (points for or against a deal): " + "; ".join(
            f"{c.words} {_signed(c.points)}" for c in self.contributions)

    @property
    def details(self) -> tuple[str, ...]:
        """The "why?" in order: the value, term by term, then the other rules."""
        head = [x for x in (self.numbers, self.term_by_term) if x]
        return (*head, *(r.text for r in self.rules))


@dataclass(frozen=True, slots=True)
class Said:
    """One rule of a response in plain words, with the documented position behind it."""

    kind: str
    text: str
    cite: m.Cite | None


def _signed(points: float) -> str:
    text = number(points)
    return text if text.startswith("-") or text == "0" else f"+{text}"


def contributions(state: GameState, party_id: str, framework: Framework, walkaway: float
                  ) -> tuple[Contribution, ...]:
    """Each proposed term's contribution to the party's (value - walk-away), drag first."""
    index = index_of(state.scenario, party_id)
    weights = sum(index.weights[t.issue] for t in framework.terms)
    if weights <= 0:
        return ()
    out = [Contribution(t, term_words(state.scenario, t),
                        index.weights[t.issue] * (index.term_value(t) - walkaway) / weights)
           for t in framework.terms]
    return tuple(sorted(out, key=lambda c: c.points))


def _revealed(state: GameState, party_id: str, what: str) -> bool:
    return (party_id, what) in state.revealed


def _rule_id(reason: Reason) -> str:
    return reason.rule.split(":", 1)[1] if ":" in reason.rule else reason.rule


def _line(party: m.Party, reason: Reason) -> m.RedLine | None:
    return next((x for x in party.red_lines if x.id == _rule_id(reason)), None)


def _link(party: m.Party, reason: Reason) -> m.Linkage | None:
    return next((x for x in party.linkages if x.id == _rule_id(reason)), None)


def _crossing(scenario: m.Scenario, party: m.Party, line: m.RedLine | None,
              framework: Framework) -> str:
    """The proposed terms that cross `line`, in words."""
    if line is None:
        return ""
    hit = index_of(scenario, party.id)
    terms = [t for t in framework.terms if line in hit.crossed(t)]
    return join_words([term_words(scenario, t) for t in terms]) if terms else ""


def rule_words(state: GameState, party_id: str, reason: Reason, framework: Framework,
               value: float, walkaway: float) -> str:
    """One rule of a response as a sentence, with only what the player may know."""
    scenario = state.scenario
    party = scenario.party(party_id)
    name = party.name
    kind = reason.kind
    if kind in ("red_line", "soft_line_moved", "soft_line_holds"):
        line = _line(party, reason)
        what = _crossing(scenario, party, line, framework)
        said = f"“{line.reason}”" if line is not None else reason.text
        if kind == "red_line":
            return f"{what} crosses {name}'s hard red line: {said}"
        known = line is not None and line.moves_when is not None and _revealed(
            state, party_id, "red_lines")
        if kind == "soft_line_moved":
            why = f" ({say(line.moves_when, scenario)})" if known and line else ""
            return f"{what} crosses a soft red line of {name}, but it moves now{why}: {said}"
        if known and line is not None:
            return (f"{what} crosses a soft red line of {name}: {said} It moves only when "
                    f"{say(line.moves_when, scenario, state)}.")
        return (f"{what} crosses a soft red line of {name}: {said} Consult {name} to learn "
                "what would move it.")
    if kind == "linkage":
        link = _link(party, reason)
        if link is None:
            return reason.text
        text = f"{name} links terms: “{link.reason}”"
        if _revealed(state, party_id, "linkages"):
            phase = " in the same or an earlier phase" if link.same_or_earlier_phase else ""
            text += (f" With {ref_words(scenario, link.if_)} it needs "
                     f"{ref_words(scenario, link.requires)}{phase}.")
        return text
    if kind == "trust_gate":
        gated = [t for t in framework.terms if is_substantive(scenario, t)]
        need = ""
        if _revealed(state, party_id, "behaviour"):
            need = (f" (it needs trust {number(party.behaviour.substantive_trust)}; now "
                    f"{state.meters.get(f'trust.{party_id}', 0)})")
        return (f"{name} accepts no substantive term ("
                f"{join_words([term_words(scenario, t) for t in gated])}) from a mediator it "
                f"trusts this little{need}.")
    if kind in ("walkaway", "value"):
        gap = value - walkaway
        if _revealed(state, party_id, "walkaway"):
            how = (f"{number(-gap)} points short" if gap < 0
                   else f"{number(gap)} points to spare")
            return (f"Worth {number(value)} to {name}, against the {number(walkaway)} it "
                    f"expects without a deal: {how}.")
        return (f"Worth {_WORTH[band(gap)]} what {name} expects without a deal (consult "
                f"{name} to learn the numbers).")
    return reason.text


def explain(state: GameState, response: Response, framework: Framework) -> Answer:
    """Explain `response` to `framework`, given in `state` (the state before that turn: what
    the player knew when the answer came)."""
    scenario = state.scenario
    party = scenario.party(response.party)
    gap = response.value - response.walkaway
    known = _revealed(state, party.id, "walkaway")
    shares = contributions(state, party.id, framework, response.walkaway)
    causes: list[str] = []
    kinds = {r.kind for r in response.reasons}
    hard = [r for r in response.reasons if r.kind == "red_line"]
    if hard:
        issues = _issues_of(scenario, party, hard, framework)
        causes.append(f"crosses its hard red line on {issues}")
    if "trust_gate" in kinds:
        causes.append("it takes no substance from a mediator it trusts this little")
    held = [r for r in response.reasons if r.kind == "soft_line_holds"]
    if held:
        where = _issues_of(scenario, party, held, framework)
        causes.append(f"red lines on {where} hold" if len(held) > 1
                      else f"a red line on {where} holds")
    if "linkage" in kinds:
        causes.append("a term it links to this package is missing")
    if gap < 0:
        causes.append(f"{number(-gap)} points short" if known else band(gap))
    if response.kind in ("accept", "accept_with_reservations"):
        causes = [f"{number(gap)} points to spare" if known else band(gap)]
        if "soft_line_moved" in kinds:
            causes.append("a soft red line had to move")
    if response.kind == "silence":
        causes.insert(0, "it trusts you too little to answer")
    elif response.kind == "walk_out":
        causes.insert(0, "it trusts you too little to stay")
    drag = next((c for c in shares if c.points < 0), None)
    because = "; ".join(causes[:2])
    if drag is not None and gap < 0:
        because += f"; the {issue_title(scenario, drag.term.issue)} term costs it most"
    said = [Said(r.kind, rule_words(state, party.id, r, framework, response.value,
                                    response.walkaway), r.cite) for r in response.reasons]
    numbers = next((x.text for x in said if x.kind in ("walkaway", "value")), None)
    rules = tuple(x for x in said if x.kind not in ("walkaway", "value"))
    verdict = f"{party.name}: {VERDICT.get(response.kind, response.kind)}"
    return Answer(party.id, verdict, because, numbers, shares if known else (), rules)


def _issues_of(scenario: m.Scenario, party: m.Party, reasons: Sequence[Reason],
               framework: Framework) -> str:
    hit = index_of(scenario, party.id)
    titles: list[str] = []
    for reason in reasons:
        line = _line(party, reason)
        for term in framework.terms:
            if line is not None and line in hit.crossed(term):
                titles.append(issue_title(scenario, term.issue))
    return join_words(list(dict.fromkeys(titles))) or "a term"


# --------------------------------------------------------------------------- consents


def _consent(scenario: m.Scenario, check: ConsentCheck) -> tuple[m.Party, m.Consent] | None:
    stakeholder = scenario.parties_by_id.get(check.stakeholder)
    if stakeholder is None:
        return None
    entry = next((c for c in stakeholder.consents if f"consent:{c.id}" == check.rule), None)
    return None if entry is None else (stakeholder, entry)


def consent_words(state: GameState, check: ConsentCheck) -> str:
    """'United Nations withholds consent until Russia's trust in you is at least 30 (now
    22): “A monitoring mission needs ...”' (or why it consents)."""
    scenario = state.scenario
    found = _consent(scenario, check)
    if found is None:
        return check.text
    stakeholder, entry = found
    if stakeholder.id == state.mediator:
        return f"{stakeholder.name} consents: you are its mediator."
    if check.given:
        return f"{stakeholder.name} consents: “{entry.reason}”"
    if entry.never:
        return f"{stakeholder.name} never consents to this: “{entry.reason}”"
    return (f"{stakeholder.name} withholds consent until {say(entry.when, scenario, state)}: "
            f"“{entry.reason}”")


def not_agreed_notice(state: GameState, responses: Iterable[Response],
                      checks: Iterable[ConsentCheck]) -> str | None:
    """When every principal accepted but a stakeholder withheld consent: 'Not agreed: United
    Nations withholds consent until ...' (None otherwise). `state` is the state the proposal
    was judged in."""
    if not all(r.kind in ("accept", "accept_with_reservations") for r in responses):
        return None
    scenario = state.scenario
    refused = []
    for check in checks:
        found = _consent(scenario, check)
        if check.given or found is None:
            continue
        stakeholder, entry = found
        refused.append(f"{stakeholder.name} never consents to this" if entry.never else
                       f"{stakeholder.name} withholds consent until "
                       f"{say(entry.when, scenario, state)}")
    return "Not agreed: " + "; ".join(refused) if refused else None


@dataclass(frozen=True, slots=True)
class ConsentRule:
    """A stakeholder's consent rule, in words: whose, what it covers, when it is given."""

    stakeholder: str
    covers: str
    when: str
    reason: str
    withheld: tuple[int, ...] = ()  # turns it was withheld from a package both sides took

    @property
    def sentence(self) -> str:
        """'United Nations must consent to Ceasefire: Monitored ceasefire; it does when ...'"""
        when = ("it always does" if self.when == "always"
                else "it never does" if self.when == m.NEVER
                else f"it does when {self.when}")
        return f"{self.stakeholder} must consent to {self.covers}; {when}."


def consent_rules(scenario: m.Scenario, stakeholder: str | None = None
                  ) -> tuple[ConsentRule, ...]:
    """Every stakeholder's consent rules (or one stakeholder's) in words. They are public:
    stakeholders state them, and the briefing and the debrief show them."""
    return tuple(
        ConsentRule(party.name, join_words([ref_words(scenario, r) for r in entry.options],
                                           "or"),
                    say(entry.when, scenario), entry.reason)
        for party in scenario.stakeholders if stakeholder in (None, party.id)
        for entry in party.consents)


def consent_record(scenario: m.Scenario, results: Iterable[TurnResult]
                   ) -> tuple[ConsentRule, ...]:
    """Every consent rule, with the turns on which it alone stopped an agreement (the
    principals accepted, the stakeholder withheld it): for the debrief."""
    withheld: dict[str, list[int]] = {}
    for result in results:
        if result.responses and all(r.kind in ("accept", "accept_with_reservations")
                                    for r in result.responses):
            for check in result.consents:
                if not check.given:
                    withheld.setdefault(check.rule, []).append(result.turn)
    rules = consent_rules(scenario)
    entries = [f"consent:{e.id}" for p in scenario.stakeholders for e in p.consents]
    return tuple(replace(rule, withheld=tuple(withheld.get(key, ())))
                 for rule, key in zip(rules, entries, strict=True))


# --------------------------------------------------------------------------- look-ahead


@dataclass(frozen=True, slots=True)
class RuledOut:
    """An option that agreeing a term would make impossible, and why (in words)."""

    issue: str
    option: str | None  # None: deferring it (or, with words "every later agreement", all)
    words: str
    why: str
    conflict: bool = False  # the package being composed holds this very option


def _matches(ref: m.TermRef, issue: str, option: str | None) -> bool:
    """A term reference matches (issue, option), phases aside; option None is deferral."""
    if ref.issue != issue:
        return False
    if option is None:
        return ref.deferred is not False and ref.option is None
    if ref.deferred:
        return False
    return ref.option is None or option in (
        ref.option if isinstance(ref.option, list) else [ref.option])


def _open_options(state: GameState, locked: dict[str, str | None],
                  links: list[tuple[m.Party, m.Linkage]]) -> tuple[dict[str, set[str | None]],
                                                                  list[str]]:
    """Options each issue can still be agreed with (None: deferral) when `locked` issues are
    settled, after hard red lines and the linkages in `links`; and the deadlocks found
    (a settled term whose linkage can never be met)."""
    scenario = state.scenario
    possible: dict[str, set[str | None]] = {}
    for issue in scenario.issues:
        if issue.id in locked:
            possible[issue.id] = {locked[issue.id]}
            continue
        options: set[str | None] = {
            o.id for o in issue.options
            if not any(line.kind == "hard" for p in scenario.principals
                       for line in index_of(scenario, p.id).crossed(
                           Term(issue.id, o.id, issue.phase)))}
        if issue.deferrable:
            options.add(None)
        possible[issue.id] = options
    deadlocks: list[str] = []
    changed = True
    while changed:
        changed = False
        for party, link in links:
            trig, req = link.if_.issue, link.requires.issue
            if trig not in possible or req not in possible:
                continue
            meets = {o for o in possible[req] if _matches(link.requires, req, o)}
            if trig in locked and _matches(link.if_, trig, locked[trig]):
                if not meets:
                    deadlocks.append(f"{party.name} links {ref_words(scenario, link.if_)} to "
                                     f"{ref_words(scenario, link.requires)}")
                elif meets != possible[req]:
                    possible[req] = meets
                    changed = True
                continue
            if not meets:
                drop = {o for o in possible[trig] if _matches(link.if_, trig, o)}
                if drop and trig not in locked:
                    possible[trig] -= drop
                    changed = True
    return possible, list(dict.fromkeys(deadlocks))


def _agreed_locks(state: GameState) -> dict[str, str | None]:
    return {i: a.term.option for i, a in state.agreed.items() if not a.term.deferred}


def lookahead(state: GameState, term: Term, alongside: Framework | None = None
              ) -> tuple[RuledOut, ...]:
    """What agreeing `term` would rule out later, from every principal's hard red lines and
    the linkages the player knows (revealed by a consultation): options of other issues that
    no package could then carry past a principal, in the scenario's order (phases aside).
    The other options of the term's own issue go too (an agreed term cannot be reopened);
    they are not listed. With `alongside` (the package being composed), an issue it also
    sets is listed only when its term there is ruled out (`conflict`). A deferred term rules
    nothing out."""
    if term.deferred or term.option is None or state.agreed.get(term.issue) is not None:
        return ()
    scenario = state.scenario
    links = [(p, link) for p in scenario.principals for link in p.linkages
             if (p.id, "linkages") in state.revealed]
    locks = _agreed_locks(state)
    before, stuck = _open_options(state, locks, links)
    after, deadlocks = _open_options(state, {**locks, term.issue: term.option}, links)
    out = [RuledOut(term.issue, None, "every later agreement", d)
           for d in deadlocks if d not in stuck]
    for issue in scenario.issues:
        if issue.id == term.issue:
            continue
        beside = alongside.term(issue.id) if alongside is not None else None
        for option in [o.id for o in issue.options] + [None]:
            if option not in before[issue.id] or option in after[issue.id]:
                continue
            conflict = beside is not None and (beside.deferred if option is None
                                               else beside.option == option)
            if beside is not None and not conflict:
                continue
            words = term_words(scenario, Term(issue.id, option, deferred=option is None))
            out.append(RuledOut(issue.id, option, words, _why(scenario, links, term, issue.id),
                                conflict))
    return tuple(out)


def _why(scenario: m.Scenario, links: list[tuple[m.Party, m.Linkage]], term: Term,
         issue: str) -> str:
    """The linkage that ties `issue` to the agreed term's issue, in words."""
    for direct in (True, False):
        for party, link in links:
            if (link.if_.issue == issue or link.requires.issue == issue) and (
                    not direct or term.issue in (link.if_.issue, link.requires.issue)):
                return (f"{party.name} links {ref_words(scenario, link.if_)} to "
                        f"{ref_words(scenario, link.requires)}")
    return "a chain of linkages"


def lookahead_words(state: GameState, term: Term, alongside: Framework | None = None) -> str:
    """'agreeing it rules out NATO membership: Moratorium on accession; Sanctions relief: No
    relief or deferred' and '✘ conflicts with ... in this package' (empty: nothing)."""
    ruled = lookahead(state, term, alongside)
    parts = []
    conflicts = [r.words for r in ruled if r.conflict]
    if conflicts:
        parts.append("✘ conflicts with " + join_words(conflicts) + " in this package")
    if any(r.option is None and r.words == "every later agreement" for r in ruled):
        parts.append("agreeing it rules out every later agreement")
    later = [r for r in ruled if not r.conflict and r.words != "every later agreement"]
    if later:
        by_issue: dict[str, list[str]] = {}
        for r in later:
            by_issue.setdefault(issue_title(state.scenario, r.issue), []).append(
                "deferred" if r.option is None
                else next(o.label for o in state.scenario.issue(r.issue).options
                          if o.id == r.option))
        parts.append("agreeing it rules out " + "; ".join(
            f"{title}: {join_words(options, 'or')}" for title, options in by_issue.items()))
    return " · ".join(parts)


def reopen_words(state: GameState, issue_id: str) -> str:
    """Why the agreed term on `issue_id` cannot be changed: names it and the rule."""
    agreed = state.agreed.get(issue_id)
    if agreed is None:
        return ""
    return (f"{term_words(state.scenario, agreed.term)} was agreed on turn {agreed.turn}. "
            + REOPEN_RULE)


def cause_words(scenario: m.Scenario, cause: str) -> str:
    """A ledger cause or a turn note with scenario ids replaced by words: 'event:
    hardline_opening' -> the event's opening words; 'proposal crossed Russia's red line (ru_x)'
    -> the line named; 'its effect (summit_held) has worn off' -> without the flag id."""
    events = {e.id: e for e in scenario.events}

    def event(match: re.Match[str]) -> str:
        found = events.get(match.group(1))
        return f"event “{short_text(found.text)}”" if found is not None else match.group(0)

    text = re.sub(r"event: ([a-z][a-z0-9_]*)", event, cause)
    if text.endswith(")") and "red line (" in text:
        head, _, ident = text[:-1].rpartition(" (")
        for party in scenario.principals:
            line = next((x for x in party.red_lines if x.id == ident), None)
            if line is not None:
                return f"{head}: {red_line_words(scenario, line)}"
    return re.sub(r" \(([a-z][a-z0-9_]*)\)(?= has worn off)", "", text)
