"""The scenario's rules in plain words: conditions, terms, flags, meters and red lines as
sentences with the scenario's names, never ids or condition syntax.

An author's own `describe:` text (on a condition, a flag's `set_flag` or a red line) wins over
the generated sentence. Nothing here decides anything: it only reads the scenario (and, for
"now" figures, a state through `knowledge.meter_visible`, so hidden numbers stay hidden).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine.moves import Term
from game.format import models as m

if TYPE_CHECKING:
    from game.engine.state import GameState

END_WORDS: dict[str, str] = {
    "walk_out": "a party walked out", "credibility": "your credibility ran out",
    "turn_limit": "the turn limit was reached", "settlement": "every issue was settled",
    "end_when": "the scenario's end condition was met",
}


def number(value: float) -> str:
    """52, 52.5, 2.3: a figure as people write it (one decimal at most)."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def join_words(items: list[str], last: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


def party_name(scenario: m.Scenario, party_id: str) -> str:
    party = scenario.parties_by_id.get(party_id)
    if party is not None:
        return party.name
    mediator = scenario.mediators_by_id.get(party_id)
    return mediator.name if mediator is not None else party_id.replace("_", " ")


def meter_words(scenario: m.Scenario, meter: str) -> str:
    """"Russia's trust in you", "your credibility", "humanitarian gains"..."""
    parts = meter.split(".")
    if parts[0] == "trust" and len(parts) == 2:
        return f"{party_name(scenario, parts[1])}'s trust in you"
    if parts[0] == "trust" and len(parts) == 3:
        return (f"{party_name(scenario, parts[1])}'s trust in "
                f"{party_name(scenario, parts[2])}")
    if parts[0] == "walkaway" and len(parts) == 2:
        return f"{party_name(scenario, parts[1])}'s walk-away level"
    return {"credibility": "your credibility", "progress": "progress",
            "humanitarian": "the humanitarian meter", "turn": "the turn"}.get(meter, meter)


def cmp_words(cmp: m.Cmp) -> str:
    """'at least 50', 'below 30', 'between 20 and 40'."""
    low = (f"at least {number(cmp.gte)}" if cmp.gte is not None
           else f"above {number(cmp.gt)}" if cmp.gt is not None else None)
    high = (f"at most {number(cmp.lte)}" if cmp.lte is not None
            else f"below {number(cmp.lt)}" if cmp.lt is not None else None)
    parts = [p for p in (low, high) if p is not None]
    if cmp.gte is not None and cmp.lte is not None:
        parts = [f"between {number(cmp.gte)} and {number(cmp.lte)}"]
    if cmp.eq is not None:
        parts.append(f"exactly {number(cmp.eq)}")
    return " and ".join(parts) or "anything"


def _turn_words(cmp: m.Cmp) -> str:
    if cmp.eq is not None:
        return f"on turn {number(cmp.eq)}"
    parts = []
    if cmp.gte is not None:
        parts.append(f"from turn {number(cmp.gte)} on")
    if cmp.gt is not None:
        parts.append(f"after turn {number(cmp.gt)}")
    if cmp.lte is not None:
        parts.append(f"until turn {number(cmp.lte)}")
    if cmp.lt is not None:
        parts.append(f"before turn {number(cmp.lt)}")
    return " and ".join(parts) or "on any turn"


def gap_words(scenario: m.Scenario, cond: m.MeterCond) -> str:
    """Two meters compared: 'Ukraine's trust in you is higher than Russia's trust in you',
    '... at least 10 points above ...'."""
    a, b = meter_words(scenario, cond.meter), meter_words(scenario, cond.minus or "")
    bounds = {k: getattr(cond, k) for k in ("gt", "gte", "lt", "lte", "eq")
              if getattr(cond, k) is not None}
    if len(bounds) == 1:
        (kind, value), = bounds.items()
        size = number(abs(value))
        if value == 0:
            how = {"gt": "higher than", "gte": "at least as high as", "lt": "lower than",
                   "lte": "at most as high as", "eq": "as high as"}[kind]
            return f"{a} is {how} {b}"
        side = "above" if value > 0 else "below"
        if (kind in ("gt", "gte")) == (value > 0) and kind != "eq":
            how = "more than" if kind in ("gt", "lt") else "at least"
            return f"{a} is {how} {size} points {side} {b}"
    return f"{a} minus {b} is {cmp_words(cond)}"


def _times_words(cmp: m.Cmp) -> str:
    if cmp.gte is not None and cmp.gte <= 1 and cmp.lte is None and cmp.lt is None:
        return ""
    return f" {cmp_words(cmp)} times"


def option_label(scenario: m.Scenario, issue_id: str, option_id: str) -> str:
    issue = scenario.issues_by_id.get(issue_id)
    if issue is None:
        return option_id
    return next((o.label for o in issue.options if o.id == option_id), option_id)


def issue_title(scenario: m.Scenario, issue_id: str) -> str:
    issue = scenario.issues_by_id.get(issue_id)
    return issue.title if issue is not None else issue_id


def phase_title(scenario: m.Scenario, phase_id: str) -> str:
    return next((p.title for p in scenario.phases if p.id == phase_id), phase_id)


def term_words(scenario: m.Scenario, term: Term, phase: bool = False) -> str:
    """'Territory: Freeze on current lines' (with ', in the Ceasefire phase' if `phase`)."""
    title = issue_title(scenario, term.issue)
    if term.deferred:
        return f"{title}: deferred"
    text = f"{title}: {option_label(scenario, term.issue, term.option or '')}"
    if phase and term.phase:
        text += f", in the {phase_title(scenario, term.phase)} phase"
    return text


def ref_words(scenario: m.Scenario, ref: m.TermRef) -> str:
    """A term reference: 'Ceasefire: Monitored ceasefire', 'Ceasefire (Full ceasefire or
    Monitored ceasefire)', 'Territory: deferred', 'Territory (any option)'."""
    title = issue_title(scenario, ref.issue)
    if ref.deferred:
        text = f"{title}: deferred"
    elif ref.option is None:
        text = f"{title} (any option)" if ref.deferred is None else f"{title} (settled)"
    else:
        options = ref.option if isinstance(ref.option, list) else [ref.option]
        labels = [option_label(scenario, ref.issue, o) for o in options]
        text = (f"{title}: {labels[0]}" if len(labels) == 1
                else f"{title} ({join_words(labels, 'or')})")
    if ref.phase:
        text += f", in the {phase_title(scenario, ref.phase)} phase"
    return text


def short_text(text: str, limit: int = 70) -> str:
    """The first sentence of `text`, at most `limit` characters (an ellipsis if cut)."""
    first = " ".join(text.split()).split(". ")[0].rstrip(".")
    return first if len(first) <= limit else first[:limit - 1].rstrip() + "…"


def _flag_setters(scenario: m.Scenario) -> dict[str, list[tuple[str, str, m.FlagEffect]]]:
    """Flag id -> where it is set: (kind, name, effect); kind is action, event or option.
    Memoised per scenario."""
    tables = scenario.tables
    if tables.flag_setters is not None:
        return tables.flag_setters
    out: dict[str, list[tuple[str, str, m.FlagEffect]]] = {}

    def scan(effects: list[m.Effect], kind: str, name: str) -> None:
        for effect in effects:
            if isinstance(effect, m.FlagEffect):
                out.setdefault(effect.set_flag, []).append((kind, name, effect))

    for action in scenario.actions:
        scan(action.effects, "action", action.title)
        if action.backlash is not None:
            scan(action.backlash.effects, "action", action.title)
    for event in scenario.events:
        scan(event.effects, "event", short_text(event.text))
    for issue in scenario.issues:
        for option in issue.options:
            scan(option.effects_when_agreed, "option", f"{issue.title}: {option.label}")
    tables.flag_setters = out
    return out


def flag_words(scenario: m.Scenario, flag: str, negated: bool = False) -> str:
    """What a flag means, from the author's `describe:` on a `set_flag`, else from what sets
    it: 'you have used “Draft a security guarantee”'."""
    setters = _flag_setters(scenario).get(flag, [])
    own = next((e.describe for _k, _n, e in setters if e.describe), None)
    if own:
        return f"not so: {own}" if negated else own
    parts = []
    for kind, name, effect in setters:
        if kind == "action":
            recent = f" in the last {effect.lasts} turns" if effect.lasts else ""
            parts.append(f"you have {'not ' if negated else ''}used “{name}”{recent}")
        elif kind == "event":
            parts.append(f"“{name}” {'does not apply' if negated else 'applies'}")
        else:
            parts.append(f"{name} {'has not been' if negated else 'has been'} agreed")
    if not parts:
        words = flag.replace("_", " ")
        return f"not “{words}”" if negated else f"“{words}”"
    return join_words(list(dict.fromkeys(parts)), "and" if negated else "or")


def say(cond: m.Condition | None, scenario: m.Scenario, state: GameState | None = None) -> str:
    """A condition as a sentence ('Russia's trust in you is at least 50 for 2 turns in a row,
    or you have used “US-Russia summit” in the last 2 turns'). With a `state`, visible meters
    add their current value ('(now 35)')."""
    if cond is None:
        return "always"
    return _say(cond, scenario, state, 0)


def _every_issue_settled(cond: m.AllCond, scenario: m.Scenario) -> bool:
    settled = {c.agreed.issue for c in cond.all
               if isinstance(c, m.AgreedCond) and c.describe is None and not c.for_turns
               and c.agreed.option is None and c.agreed.deferred is False
               and c.agreed.phase is None}
    return len(settled) == len(cond.all) and settled == set(scenario.issues_by_id)


def _on_table_or_agreed(cond: m.Condition) -> m.TermRef | None:
    """The term of `any: [on_table: T, agreed: T]` (either order), a common pattern."""
    if not isinstance(cond, m.AnyCond) or len(cond.any) != 2:
        return None
    table = next((c for c in cond.any if isinstance(c, m.OnTableCond) and not c.describe), None)
    agreed = next((c for c in cond.any if isinstance(c, m.AgreedCond) and not c.describe
                   and not c.for_turns), None)
    if table is None or agreed is None or table.on_table != agreed.agreed:
        return None
    return table.on_table


def _say(cond: m.Condition, scenario: m.Scenario, state: GameState | None, depth: int = 1
         ) -> str:
    """Depth 0 is the whole condition: its parts are joined plainly; a compound part reads
    'either ... or ...' (or 'both ... and ...'); deeper ones are bracketed."""
    if cond.describe:
        return cond.describe
    if isinstance(cond, m.AllCond) and _every_issue_settled(cond, scenario):
        return "every issue has been settled"
    ref = _on_table_or_agreed(cond)
    if ref is not None:
        return f"{ref_words(scenario, ref)} is on the table or already agreed"
    if isinstance(cond, m.AllCond | m.AnyCond):
        items = cond.all if isinstance(cond, m.AllCond) else cond.any
        parts = [_say(c, scenario, state, depth + 1) for c in items]
        text = join_words(parts, "and" if isinstance(cond, m.AllCond) else "or")
        if depth == 0 or len(parts) < 2:
            return text
        if depth == 1:
            return ("both " if isinstance(cond, m.AllCond) else "either ") + text
        return f"({text})"
    if isinstance(cond, m.NotCond):
        return _negate(cond.not_, scenario, state)
    return _leaf(cond, scenario, state)


def _now(cond: m.MeterCond, state: GameState | None) -> str:
    if state is None or cond.meter == "turn":
        return ""
    from game.engine.knowledge import meter_visible

    value = state.meters.get(cond.meter)
    if value is None or not meter_visible(state, cond.meter):
        return ""
    return f" (now {value})"


def _leaf(cond: m.Condition, scenario: m.Scenario, state: GameState | None) -> str:
    match cond:
        case m.MeterCond():
            if cond.meter == "turn":
                return _turn_words(cond)
            held = f" for {cond.for_turns} turns in a row" if cond.for_turns else ""
            if cond.minus is not None:
                return gap_words(scenario, cond) + held
            return (f"{meter_words(scenario, cond.meter)} is {cmp_words(cond)}{held}"
                    f"{_now(cond, state)}")
        case m.TurnCond(turn=cmp):
            return _turn_words(cmp)
        case m.OnTableCond(on_table=ref):
            return f"{ref_words(scenario, ref)} is on the table"
        case m.AgreedCond(agreed=ref, for_turns=n):
            held = f" for at least {n} turns" if n else ""
            if ref.option is None and not ref.phase:
                title = issue_title(scenario, ref.issue)
                done = {None: "agreed (settled or deferred)", False: "settled",
                        True: "deferred"}[ref.deferred]
                return f"{title} has been {done}{held}"
            return f"{ref_words(scenario, ref)} has been agreed{held}"
        case m.FlagCond(flag=flag):
            return flag_words(scenario, flag)
        case m.TakenCond(taken=ref):
            return f"you have used {_taken(scenario, ref)}"
        case m.PhaseCond(phase_reached=phase):
            return f"the {phase_title(scenario, phase)} phase has been reached"
        case m.TurnsSinceCond(turns_since=ref):
            turns = cmp_words(ref)
            if ref.event is not None:
                return f"“{ref.event.replace('_', ' ')}” happened {turns} turns ago"
            return f"{flag_words(scenario, ref.flag or '')}, for {turns} turns"
        case m.MediatorCond(mediator=ids):
            names = [party_name(scenario, i) for i in ([ids] if isinstance(ids, str) else ids)]
            return f"the mediator is {join_words(names, 'or')}"
        case m.ChanceCond(chance=p):
            return f"a {p:.0%} chance comes up"
        case m.EndedCond(ended=reason):
            return "the talks have ended" + (f" because {END_WORDS[reason]}" if reason else "")
        case m.WalkedOutCond(walked_out=party):
            return f"{party_name(scenario, party) if party else 'a party'} walked out"
    return "a condition of the scenario holds"  # pragma: no cover


def _taken(scenario: m.Scenario, ref: m.TakenRef) -> str:
    action = scenario.actions_by_id.get(ref.action)
    title = action.title if action is not None else ref.action
    target = f" on {party_name(scenario, ref.target)}" if ref.target else ""
    within = f" in the last {ref.within} turns" if ref.within else ""
    return f"“{title}”{target}{_times_words(ref.times)}{within}"


def _negate(cond: m.Condition, scenario: m.Scenario, state: GameState | None) -> str:
    if cond.describe:
        return f"not so: {cond.describe}"
    match cond:
        case m.FlagCond(flag=flag):
            return flag_words(scenario, flag, negated=True)
        case m.TakenCond(taken=ref):
            return f"you have not used {_taken(scenario, ref)}"
        case m.AgreedCond(agreed=ref, for_turns=n):
            held = f" for {n} turns" if n else ""
            return f"{ref_words(scenario, ref)} has not been agreed{held}"
        case m.OnTableCond(on_table=ref):
            return f"{ref_words(scenario, ref)} is not on the table"
        case m.PhaseCond(phase_reached=phase):
            return f"the {phase_title(scenario, phase)} phase has not been reached"
        case m.MediatorCond():
            return _leaf(cond, scenario, state).replace("the mediator is", "the mediator is not")
        case m.WalkedOutCond(walked_out=party):
            return f"{party_name(scenario, party) if party else 'no party'} " + (
                "has not walked out" if party else "walked out")
    return f"not so: {_say(cond, scenario, state)}"


def red_line_words(scenario: m.Scenario, line: m.RedLine) -> str:
    """A red line named for the player: the author's `describe:`, else the terms it refuses
    ('no Territory: Cession of the four regions')."""
    if line.describe:
        return line.describe
    return "no " + join_words([f"deferring {issue_title(scenario, r.issue)}" if r.deferred
                               else ref_words(scenario, r) for r in line.options], "or")
