"""The rules by which principals answer a proposal. This module is the one place they live.

Value. A principal P values a proposal by its own terms, never by the terms already agreed
(banked gains do not pay for new concessions; terms in one package can be traded against
each other)::

    V_P = sum(w_i * v_i) / sum(w_i)      over the proposal's issues
    v_i = stakes[i].values[option]       or stakes[i].deferred_value for a deferred issue
                                         (default: the mean of its option values)

A proposal whose weights sum to 0 is worth 0.

Acceptability. P accepts a proposal when all of these hold:

1. red lines: no term of the proposal matches one of P's red lines, except soft lines whose
   ``moves_when`` condition holds now (the condition sees the proposal as ``on_table``);
2. trust gate: if a term is substantive (``substantive`` on its issue or option; deferring is
   never substance), P's trust in the mediator is at least ``behaviour.substantive_trust``
   (a party does not take substance from a mediator it distrusts: Kydd, 2003);
3. linkages: for each linkage whose ``if`` term is in the package (the proposal plus the terms
   agreed before), the ``requires`` term is too (and, with ``same_or_earlier_phase``, placed in
   the same or an earlier phase);
4. value: ``V_P >= walkaway.P`` (the walk-away meter).

Response kind, in this order:

- acceptable: ``accept`` when ``V_P - walkaway >= behaviour.reservations_margin`` and no soft
  line had to move; otherwise ``accept_with_reservations``;
- not acceptable and trust.P < ``behaviour.walk_out_below`` and a hard red line is crossed:
  ``walk_out``;
- not acceptable and trust.P < ``behaviour.silence_below``: ``silence``;
- not acceptable because of the trust gate: ``reject`` (no counter-proposal);
- not acceptable, and a counter-proposal exists: ``counter_proposal``;
- otherwise ``reject``.

Counter-proposal: the smallest change to the proposal (fewest issues altered, at most
``behaviour.max_counter_changes``; then the least value given up by the other principals;
then scenario order) that P would accept. An alteration sets another option on an issue, defers
a deferrable issue, adds a term for an issue not on the table, or removes a term. Issues
agreed with an option are locked. The search is bounded (``search_counter``): past
``limits.COUNTER_CANDIDATES`` candidates enumerated (or 4000 judged in full) it answers with
the best counter found so far at the current number of changes, or rejects saying that it
found none within its budget.

Conditions that take time (ripeness is a state that lasts, not a moment: Zartman): a meter
condition with ``for_turns: N`` also needs the comparison at the end of each of the N turns
before this one (turn 0 is the start); an ``agreed`` condition with ``for_turns: N`` needs the
term to have held N turns.

Stakeholder consent. A term that matches a stakeholder's ``consents`` entry needs that
stakeholder's consent: given when the player is the mediator with the stakeholder's id, or
when the entry's ``when`` holds. Without every consent the proposal cannot be agreed.

Agreement. When every principal accepts (with or without reservations) and every consent is
given, the proposal's terms are agreed. An issue agreed with an option is settled (an event
may break it: a ceasefire can collapse); an issue agreed as deferred may be proposed again.

The general rules around it (tuned by the scenario's ``rules`` section) are applied in
``engine.py``: trust lost for crossing a hard red line, trust gained by accepting,
credibility and mutual trust gained by an agreement, progress from the agreed terms,
credibility lost while talks stall, diminishing returns on repeated actions and on actions of
the same kind, temporary effects that wear off, backlash when an action is repeated.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import combinations, product
from typing import TYPE_CHECKING

from game.engine.conditions import Context, holds, term_matches
from game.engine.moves import Framework, Term
from game.engine.state import ConsentCheck, Reason, Response, ResponseKind
from game.format import models as m
from game.format.limits import COUNTER_CANDIDATES

if TYPE_CHECKING:
    from game.engine.state import GameState


@dataclass(frozen=True, slots=True)
class Evaluation:
    """How one principal judges one package, before choosing its response kind."""

    party: str
    acceptable: bool
    value: float
    walkaway: float
    reasons: tuple[Reason, ...]
    hard_crossed: bool
    soft_moved: bool
    trust_gated: bool = False


def package_terms(state: GameState, framework: Framework) -> dict[str, Term]:
    """The package a party judges: agreed terms, overridden by the proposal's terms."""
    terms = {issue: agreed.term for issue, agreed in state.agreed.items()}
    for term in framework.terms:
        terms[term.issue] = term
    return terms


def deferred_value(stake: m.IssueStake) -> float:
    if stake.deferred_value is not None:
        return stake.deferred_value
    return sum(stake.values.values()) / max(len(stake.values), 1)


def term_value(party: m.Party, term: Term) -> float:
    stake = party.stakes[term.issue]
    if term.deferred:
        return deferred_value(stake)
    return stake.values.get(term.option or "", 0.0)


def package_value(party: m.Party, terms: dict[str, Term] | list[Term]) -> float:
    items = terms.values() if isinstance(terms, dict) else terms
    total = weight = 0.0
    for term in items:
        w = party.stakes[term.issue].weight
        total += w * term_value(party, term)
        weight += w
    return total / weight if weight > 0 else 0.0


def _red_line_reasons(
    state: GameState, party: m.Party, framework: Framework, turn: int
) -> tuple[list[Reason], bool, bool, bool]:
    """Reasons from red lines: (reasons, blocked, hard_crossed, soft_moved)."""
    reasons: list[Reason] = []
    blocked = hard = moved = False
    ctx = Context(state, on_table=framework, turn=turn)
    hits: dict[int, list[Term]] = {}  # by identity of the red line: the terms crossing it
    for term in framework.terms:
        for line in index_of(state.scenario, party.id).crossed(term):
            hits.setdefault(id(line), []).append(term)
    for line in party.red_lines:
        hit = hits.get(id(line))
        if not hit:
            continue
        what = ", ".join(t.label(state.scenario) for t in hit)
        if line.kind == "hard":
            blocked = hard = True
            reasons.append(Reason(f"red_line:{line.id}", "red_line",
                                  f"Crosses a hard red line ({what}): {line.reason}", line.cite))
        elif holds(line.moves_when, ctx):
            moved = True
            reasons.append(Reason(f"red_line:{line.id}", "soft_line_moved",
                                  f"Soft red line moved, its condition now holds ({what}): "
                                  f"{line.reason}", line.cite))
        else:
            blocked = True
            reasons.append(Reason(f"red_line:{line.id}", "soft_line_holds",
                                  f"Crosses a red line whose condition does not hold ({what}): "
                                  f"{line.reason}", line.cite))
    return reasons, blocked, hard, moved


def _linkage_unmet(state: GameState, link: m.Linkage, terms: dict[str, Term]) -> bool:
    """The package's term on the `if` issue triggers the linkage, and its term on the
    required issue does not meet it (`terms` by issue, as `package_terms` gives them)."""
    trigger = terms.get(link.if_.issue)
    if trigger is None or not term_matches(link.if_, trigger):
        return False
    required = terms.get(link.requires.issue)
    if required is None or not term_matches(link.requires, required):
        return True
    if link.same_or_earlier_phase:
        if required.deferred:
            return True
        phase_order = state.scenario.phase_order
        if not trigger.deferred and (phase_order.get(required.phase or "", -1)
                                     > phase_order.get(trigger.phase or "", -1)):
            return True
    return False


def _linkage_reasons(state: GameState, party: m.Party, terms: dict[str, Term]) -> list[Reason]:
    return [Reason(f"linkage:{link.id}", "linkage", f"Linkage unmet: {link.reason}", link.cite)
            for link in party.linkages if _linkage_unmet(state, link, terms)]


def evaluate(state: GameState, party_id: str, framework: Framework, turn: int | None = None
             ) -> Evaluation:
    """Judge `framework` (plus agreed terms) for one principal, by the rules above."""
    scenario = state.scenario
    party = scenario.party(party_id)
    turn = state.turn + 1 if turn is None else turn
    terms = package_terms(state, framework)
    reasons, blocked, hard, moved = _red_line_reasons(state, party, framework, turn)
    gated = trust_gated(state, party, framework)
    if gated:
        blocked = True
        what = ", ".join(t.label(scenario) for t in gated)
        reasons.append(Reason("trust_gate", "trust_gate",
                              f"{party.name} accepts no substantive term ({what}) from a "
                              f"mediator it trusts this little.", party.behaviour.cite))
    linkage = _linkage_reasons(state, party, terms)
    reasons.extend(linkage)
    value = index_of(scenario, party_id).package_value(framework.terms)
    walkaway = float(state.meters[f"walkaway.{party_id}"])
    # Texts stay qualitative: exact values and walk-away levels are hidden from the player
    # (the Response carries the numbers for the transcript and the debrief).
    gap = value - walkaway
    if gap < 0:
        how = "far below" if gap < -15 else "below" if gap < -5 else "just below"
        reasons.append(Reason("walkaway", "walkaway",
                              f"Worth {how} what {party.name} expects without a deal.",
                              party.walkaway.cite if party.walkaway else None))
    else:
        how = "well above" if gap >= 15 else "above" if gap >= 5 else "just above"
        reasons.append(Reason("value", "value",
                              f"Worth {how} what {party.name} expects without a deal.", None))
    acceptable = not blocked and not linkage and value >= walkaway
    return Evaluation(party_id, acceptable, value, walkaway, tuple(reasons), hard, moved,
                      bool(gated))


def is_substantive(scenario: m.Scenario, term: Term) -> bool:
    """A term is substance when its option (or else its issue) is marked so; deferring an
    issue never is."""
    if term.deferred:
        return False
    issue = scenario.issue(term.issue)
    for option in issue.options:
        if option.id == term.option and option.substantive is not None:
            return option.substantive
    return issue.substantive


def trust_gated(state: GameState, party: m.Party, framework: Framework) -> list[Term]:
    """The substantive terms of the proposal that the party refuses from a mediator it trusts
    below its `behaviour.substantive_trust` (empty when trust suffices)."""
    if state.meters[f"trust.{party.id}"] >= party.behaviour.substantive_trust:
        return []
    return [t for t in framework.terms if is_substantive(state.scenario, t)]


@dataclass(frozen=True, slots=True)
class PartyIndex:
    """A principal's red lines, linkages and stakes indexed by issue, for fast judgement."""

    party: str
    lines: dict[str, list[tuple[m.RedLine, list[m.TermRef]]]]
    linkages: dict[str, list[m.Linkage]]
    weights: dict[str, float]
    values: dict[str, dict[str, float]]  # issue -> option -> value
    deferred: dict[str, float]  # issue -> value of deferring it
    crossed_by: dict[tuple[str, str | None, str | None, bool], tuple[m.RedLine, ...]] = field(
        default_factory=dict)  # memo of `crossed`, by the term's fields (cheaper to hash)

    def crossed(self, term: Term) -> tuple[m.RedLine, ...]:
        """The red lines (hard or soft) that `term` matches."""
        key = (term.issue, term.option, term.phase, term.deferred)
        lines = self.crossed_by.get(key)
        if lines is None:
            lines = self.crossed_by[key] = tuple(
                line for line, refs in self.lines.get(term.issue, ())
                if any(term_matches(r, term) for r in refs))
        return lines

    def term_value(self, term: Term) -> float:
        """`term_value(party, term)`, from the tables."""
        if term.deferred:
            return self.deferred[term.issue]
        return self.values[term.issue].get(term.option or "", 0.0)

    def package_value(self, terms: Iterable[Term]) -> float:
        """`package_value(party, terms)`, from the tables (same sums in the same order)."""
        total = weight = 0.0
        for term in terms:
            w = self.weights[term.issue]
            if term.deferred:
                total += w * self.deferred[term.issue]
            else:
                total += w * self.values[term.issue].get(term.option or "", 0.0)
            weight += w
        return total / weight if weight > 0 else 0.0


def index_of(scenario: m.Scenario, party_id: str) -> PartyIndex:
    """Build (once per scenario) the look-up tables of a principal."""
    cache = scenario.tables.party_index
    if party_id not in cache:
        party = scenario.party(party_id)
        lines: dict[str, list[tuple[m.RedLine, list[m.TermRef]]]] = {}
        for line in party.red_lines:
            for issue in dict.fromkeys(r.issue for r in line.options):
                lines.setdefault(issue, []).append(
                    (line, [r for r in line.options if r.issue == issue]))
        linkages: dict[str, list[m.Linkage]] = {}
        for link in party.linkages:
            linkages.setdefault(link.if_.issue, []).append(link)
        stakes = party.stakes
        cache[party_id] = PartyIndex(
            party_id, lines, linkages, {i: s.weight for i, s in stakes.items()},
            {i: s.values for i, s in stakes.items()},
            {i: deferred_value(s) for i, s in stakes.items()})
    return cache[party_id]


def is_acceptable(state: GameState, party: m.Party, framework: Framework, turn: int) -> bool:
    """Same verdict as `evaluate(...).acceptable`, without building reasons (for searches)."""
    return _acceptable(state, index_of(state.scenario, party.id), framework,
                       package_terms(state, framework), turn)


def _acceptable(state: GameState, index: PartyIndex, framework: Framework,
                terms: dict[str, Term], turn: int) -> bool:
    """`is_acceptable`, given the party's tables and the package (`package_terms`)."""
    if index.package_value(framework.terms) < state.meters[f"walkaway.{index.party}"]:
        return False
    if trust_gated(state, state.scenario.party(index.party), framework):
        return False
    ctx: Context | None = None
    for term in framework.terms:
        for line in index.crossed(term):
            if line.kind == "hard":
                return False
            ctx = ctx or Context(state, on_table=framework, turn=turn)
            if not holds(line.moves_when, ctx):
                return False
    return not any(_linkage_unmet(state, link, terms)
                   for issue in terms for link in index.linkages.get(issue, ()))


def respond(state: GameState, party_id: str, framework: Framework, turn: int | None = None
            ) -> Response:
    """The principal's response to a proposal: a pure function of scenario, state, proposal."""
    party = state.scenario.party(party_id)
    ev = evaluate(state, party_id, framework, turn)
    trust = state.meters[f"trust.{party_id}"]
    b = party.behaviour
    reasons = list(ev.reasons)
    kind: ResponseKind
    counter = None
    if ev.acceptable:
        margin = ev.value - ev.walkaway
        if margin >= b.reservations_margin and not ev.soft_moved:
            kind = "accept"
        else:
            kind = "accept_with_reservations"
            why = ("a soft red line had to move" if ev.soft_moved
                   else "the margin over what it expects without a deal is thin")
            reasons.append(Reason("behaviour:reservations", "behaviour",
                                  f"Accepts with reservations: {why}.", None))
    elif ev.hard_crossed and trust < b.walk_out_below:
        kind = "walk_out"
        reasons.append(Reason("behaviour:walk_out", "trust",
                              "Trust in the mediator is too low and the proposal crosses a "
                              "hard red line: it walks out.", b.cite))
    elif trust < b.silence_below:
        kind = "silence"
        reasons.append(Reason("behaviour:silence", "trust",
                              "Trust in the mediator is too low: it does not answer an "
                              "unacceptable proposal.", b.cite))
    elif ev.trust_gated:
        kind = "reject"
        reasons.append(Reason("behaviour:distrust", "trust",
                              "It will not bargain on substance through this mediator: a "
                              "rejection, no counter-proposal.", b.cite))
    else:
        search = search_counter(state, party_id, framework, turn)
        counter = search.counter
        if counter is not None:
            kind = "counter_proposal"
            reasons.append(Reason("behaviour:counter", "behaviour",
                                  "Counters with the smallest change it would accept.", None))
            if search.crosses:
                reasons.append(Reason(
                    "behaviour:counter_crosses", "behaviour",
                    "No counter it would accept avoids the other side's hard red lines: this "
                    "one crosses them, so the other side will refuse it.", None))
        else:
            kind = "reject"
            if search.stopped:
                reasons.append(Reason("behaviour:counter_budget", "behaviour",
                                      "Found no counter-proposal within its search budget "
                                      f"({search.enumerated:,} candidates): too many ways to "
                                      "change this proposal. Try a smaller one.", None))
    return Response(party_id, kind, tuple(reasons), ev.value, ev.walkaway, counter)


def _alternatives(scenario: m.Scenario, issue: m.Issue, current: Term | None
                  ) -> tuple[Term | None, ...]:
    """Terms an alteration may put on an issue whose term on the table is `current` (None:
    take the issue off the table). Memoised per scenario."""
    memo = scenario.tables.alternatives
    key = (issue.id, None if current is None else (current.option, current.phase,
                                                    current.deferred))
    if key not in memo:
        phase = current.phase if current is not None and current.phase else issue.phase
        out: list[Term | None] = [
            Term(issue.id, o.id, phase) for o in issue.options
            if current is None or current.deferred or o.id != current.option
        ]
        if issue.deferrable and (current is None or not current.deferred):
            out.append(Term(issue.id, deferred=True))
        if current is not None:
            out.append(None)
        memo[key] = tuple(out)
    return memo[key]


def _standing_lines(index: PartyIndex, ctx: Context) -> Callable[[Term], bool]:
    """A test: does a term cross a hard red line, or a soft one whose condition does not hold
    in `ctx`? Each line's condition is evaluated at most once."""
    stands: dict[int, bool] = {}  # by identity of the red line

    def hits(term: Term) -> bool:
        for line in index.crossed(term):
            if id(line) not in stands:
                stands[id(line)] = line.kind == "hard" or not holds(line.moves_when, ctx)
            if stands[id(line)]:
                return True
        return False

    return hits


@dataclass(frozen=True, slots=True)
class CounterSearch:
    """What a counter-proposal search found: the counter (None: none), how many candidates it
    enumerated, and whether a budget stopped it before it had looked at every candidate (the
    counter is then the best found so far, or None: no counter within the budget)."""

    counter: Framework | None
    enumerated: int
    stopped: bool
    crosses: bool = False  # the counter crosses another principal's hard line (none avoids it)


def counter_proposal(state: GameState, party_id: str, framework: Framework,
                     turn: int | None = None, budget: int = 4000) -> Framework | None:
    """Smallest alteration of `framework` that `party_id` would accept (see module doc)."""
    return search_counter(state, party_id, framework, turn, budget).counter


def search_counter(state: GameState, party_id: str, framework: Framework,
                   turn: int | None = None, budget: int = 4000,
                   enumeration: int | None = None) -> CounterSearch:
    """The counter-proposal search, bounded and anytime.

    Red lines are taken as they stand with the proposal on the table (a soft line whose
    condition does not hold now is not crossed). The search goes by number of altered issues.
    Value is checked first with an additive bound (V >= W  <=>  sum(w_i * (v_i - W)) >= 0), so
    only candidates that can reach the walk-away level are judged in full; `budget` caps the
    full judgements and `enumeration` (default: limits.COUNTER_CANDIDATES) the candidates
    generated (sets of issues and choices of terms on them, judged or not). Past either, the
    best counter found at the current number of changes is returned.
    """
    if enumeration is None:
        enumeration = COUNTER_CANDIDATES
    scenario = state.scenario
    party = scenario.party(party_id)
    index = index_of(scenario, party_id)
    limit = party.behaviour.max_counter_changes
    walkaway = float(state.meters[f"walkaway.{party_id}"])
    locked = {i for i, a in state.agreed.items() if not a.term.deferred}
    candidates = [issue for issue in scenario.issues if issue.id not in locked]
    turn = state.turn + 1 if turn is None else turn
    hits_standing_line = _standing_lines(index, Context(state, on_table=framework, turn=turn))
    mandatory = {t.issue for t in framework.terms if hits_standing_line(t)}
    if trust_gated(state, party, framework):
        return CounterSearch(None, 0, False)  # no bargaining on substance through a
        # distrusted mediator
    base_terms = {t.issue: t for t in framework.terms}  # judged on its own terms

    def slack(term: Term | None) -> float:
        """This term's contribution to sum(w * (v - W)); 0 when the issue is off the table."""
        if term is None:
            return 0.0
        return index.weights[term.issue] * (index.term_value(term) - walkaway)

    need = -sum(slack(t) for t in base_terms.values())  # extra slack the changes must bring
    options: dict[str, list[tuple[float, Term | None]]] = {}
    for issue in candidates:
        current = slack(base_terms.get(issue.id))
        alts = []
        for alt in _alternatives(scenario, issue, framework.term(issue.id)):
            if alt is not None and hits_standing_line(alt):
                continue
            alts.append((slack(alt) - current, alt))
        alts.sort(key=lambda pair: -pair[0])
        options[issue.id] = alts
    others = [index_of(scenario, p.id) for p in scenario.principals if p.id != party_id]
    base_other = [o.package_value(base_terms.values()) for o in others]
    proposed = {t.issue: t for t in framework.terms}
    order = scenario.issue_order
    # Terms by position in the scenario's issue order, when that order alone sorts them (no
    # unknown or repeated issue): then a candidate needs no sort.
    slots: list[Term | None] | None = None
    if len(order) == len(scenario.issues) and len(proposed) == len(framework.terms) and all(
            issue in order for issue in proposed):
        slots = [None] * len(order)
        for t in framework.terms:
            slots[order[t.issue]] = t

    def altered(combo: tuple[str, ...], choice: tuple[tuple[float, Term | None], ...]
                ) -> Framework:
        """The proposal with the chosen alterations, terms in the scenario's issue order."""
        if slots is not None:
            placed = slots.copy()
            for issue_id, (_, term) in zip(combo, choice, strict=True):
                placed[order[issue_id]] = term
            return Framework(tuple(t for t in placed if t is not None))
        terms = dict(proposed)
        for issue_id, (_, term) in zip(combo, choice, strict=True):
            if term is None:
                terms.pop(issue_id, None)
            else:
                terms[issue_id] = term
        return Framework(tuple(sorted(terms.values(),
                                      key=lambda t: order.get(t.issue, len(order)))))

    def crossings(terms: Iterable[Term]) -> int:
        """How many of the other principals' hard red lines these terms cross."""
        return sum(1 for o in others for term in terms
                   for line in o.crossed(term) if line.kind == "hard")

    judged = enumerated = 0
    ids = [i.id for i in candidates if options[i.id]]
    # A counter that crosses another principal's hard red line is kept only as a fallback:
    # the search goes on to more changes for one that crosses none.
    fallback: Framework | None = None
    for k in range(max(1, len(mandatory)), limit + 1):
        best: tuple[int, float, Framework] | None = None
        for combo in combinations(ids, k):
            enumerated += 1
            if enumerated > enumeration:
                return _stopped(best, fallback, enumerated - 1)
            if not mandatory.issubset(combo):
                continue
            tops = [options[i][0][0] for i in combo]
            if sum(tops) < need - 1e-9:
                continue
            for choice in product(*(options[i] for i in combo)):
                enumerated += 1
                if enumerated > enumeration:
                    return _stopped(best, fallback, enumerated - 1)
                if sum([g for g, _ in choice]) < need - 1e-9:
                    continue
                candidate = altered(combo, choice)
                if not candidate.terms:
                    continue
                judged += 1
                if judged > budget:
                    return _stopped(best, fallback, enumerated)
                terms = package_terms(state, candidate)
                loss = sum(b - o.package_value(candidate.terms)
                           for o, b in zip(others, base_other, strict=True))
                crossed = crossings(candidate.terms)
                # judged in full only if it would be the best so far (fewest of the others'
                # hard lines crossed, then the least value they give up)
                if (best is None or (crossed, loss) < (best[0], best[1] - 1e-9)) and _acceptable(
                        state, index, candidate, terms, turn):
                    best = (crossed, loss, candidate)
        if best is not None and best[0] == 0:
            return CounterSearch(best[2], enumerated, False)
        if best is not None and fallback is None:
            fallback = best[2]
    return CounterSearch(fallback, enumerated, False, crosses=fallback is not None)


def _stopped(best: tuple[int, float, Framework] | None, fallback: Framework | None,
             enumerated: int) -> CounterSearch:
    """The anytime answer when a budget stops the search: the best found so far."""
    if best is not None and (best[0] == 0 or fallback is None):
        return CounterSearch(best[2], enumerated, True, crosses=best[0] > 0)
    return CounterSearch(fallback, enumerated, True, crosses=fallback is not None)


def consents(state: GameState, framework: Framework, turn: int | None = None
             ) -> tuple[ConsentCheck, ...]:
    """Stakeholder consent needed by the proposal's terms, and whether it is given."""
    checks = []
    ctx = Context(state, on_table=framework, turn=state.turn + 1 if turn is None else turn)
    for stakeholder in state.scenario.stakeholders:
        for entry in stakeholder.consents:
            if not any(term_matches(r, t) for r in entry.options for t in framework.terms):
                continue
            if stakeholder.id == state.mediator:
                checks.append(ConsentCheck(stakeholder.id, f"consent:{entry.id}", True,
                                           f"{stakeholder.name} is the mediator and consents.",
                                           entry.cite))
            else:
                given = holds(entry.when, ctx)
                text = entry.reason if given else f"Consent withheld: {entry.reason}"
                checks.append(ConsentCheck(stakeholder.id, f"consent:{entry.id}", given, text,
                                           entry.cite))
    return tuple(checks)
