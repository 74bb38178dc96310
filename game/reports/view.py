"""The view model of a transcript: what both renderers show, read from the transcript dict
alone (never the scenario), with every field checked (ExportError names the bad one)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from game.format.models import cite_words
from game.reports.labels import END_LABEL, RESPONSE_STYLE, party_meter_label

CSS_ASSET = "export.css"


class ExportError(ValueError):
    """The transcript cannot be rendered (a field has the wrong shape)."""


# --------------------------------------------------------------------------- reading


def _get(data: Any, key: str, kind: type | tuple[type, ...], default: Any, where: str) -> Any:
    """data[key] if present and of the expected type; default if absent or null."""
    if not isinstance(data, dict):
        raise ExportError(f"{where}: expected an object")
    value = data.get(key)
    if value is None:
        return default
    if not isinstance(value, kind) or (isinstance(value, bool) and bool not in _types(kind)):
        raise ExportError(f"{where}.{key}: unexpected value {value!r:.60}")
    return value


def _types(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _dicts(data: Any, key: str, where: str) -> list[dict[str, Any]]:
    items = _get(data, key, list, [], where)
    for n, item in enumerate(items):
        if not isinstance(item, dict):
            raise ExportError(f"{where}.{key}[{n}]: expected an object")
    return list(items)


def num_text(value: Any) -> str:
    """A number as people write it: 52, 52.5, 0.35 (never 52.0 or 1e-05)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        if value.is_integer():
            return str(int(value))
        text = f"{value:.4f}".rstrip("0").rstrip(".")
        return "0" if text == "-0" else text
    return str(value)


def delta_text(value: Any) -> str:
    """A meter change with an arrow (not colour alone): ▲ +4, ▼ -3, · 0."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if value > 0:
            return f"▲ +{num_text(value)}"
        if value < 0:
            return f"▼ {num_text(value)}"
        return "· 0"
    return str(value)


def plain(value: Any) -> str:
    return "" if value is None else str(value)


def humanize(ident: Any) -> str:
    """accept_with_reservations -> 'accept with reservations'."""
    return plain(ident).replace("_", " ")


@dataclass(frozen=True)
class Names:
    """The scenario's names for ids, from a transcript's ``labels`` (empty: ids are shown)."""

    mediator: tuple[str, str] | None = None  # id, name
    parties: dict[str, str] | None = None
    issues: dict[str, str] | None = None
    options: dict[str, str] | None = None
    phases: dict[str, str] | None = None
    outcomes: dict[str, str] | None = None
    actions: dict[str, str] | None = None

    @property
    def present(self) -> bool:
        return self.issues is not None

    @staticmethod
    def _look(table: dict[str, str] | None, ident: Any) -> str:
        key = plain(ident)
        return (table or {}).get(key) or key

    def party(self, ident: Any) -> str:
        return self._look(self.parties, ident)

    def issue(self, ident: Any) -> str:
        return self._look(self.issues, ident)

    def option(self, issue: Any, option: Any) -> str:
        key = f"{plain(issue)}.{plain(option)}"
        return (self.options or {}).get(key) or plain(option)

    def phase(self, ident: Any) -> str:
        return self._look(self.phases, ident)

    def outcome(self, ident: Any) -> str:
        return self._look(self.outcomes, ident)

    def action(self, ident: Any) -> str:
        return self._look(self.actions, ident)

    def mediator_name(self, ident: Any) -> str:
        if self.mediator is not None and self.mediator[0] == plain(ident):
            return self.mediator[1] or self.mediator[0]
        return plain(ident)


NO_NAMES = Names()


def names_of(data: dict[str, Any]) -> Names:
    """The transcript's ``labels`` read into a Names (NO_NAMES when it has none)."""
    labels = _get(data, "labels", dict, None, "transcript")
    if labels is None:
        return NO_NAMES

    def table(key: str) -> dict[str, str]:
        value = _get(labels, key, dict, {}, "labels")
        for k, v in value.items():
            if not isinstance(v, str):
                raise ExportError(f"labels.{key}.{k}: expected a string")
        return dict(value)

    mediator = _get(labels, "mediator", dict, None, "labels")
    who = None
    if mediator is not None:
        ident = _get(mediator, "id", str, "", "labels.mediator")
        who = (ident, _get(mediator, "name", str, ident, "labels.mediator"))
    return Names(mediator=who, parties=table("parties"), issues=table("issues"),
                 options=table("options"), phases=table("phases"),
                 outcomes=table("outcomes"), actions=table("actions"))


def named(name: str, ident: str) -> str:
    """'Name (id)', or just the id when there is no other name."""
    return f"{name} ({ident})" if name and name != ident else ident


def response_style(kind: str) -> tuple[str, str, str]:
    return RESPONSE_STYLE.get(kind, ("?", humanize(kind).capitalize() or "?", "warn"))


def meter_label(meter: str, names: Names = NO_NAMES) -> str:
    """A human label for a meter id (credibility, trust.ua, trust.ua.ru, walkaway.ua)."""
    return party_meter_label(meter, names.party) or {
        "credibility": "mediator's credibility", "progress": "progress",
        "humanitarian": "humanitarian gains"}.get(meter, humanize(meter))


def term_words(term: dict[str, Any], names: Names = NO_NAMES) -> str:
    """'Truce: Truce signed (Truce phase)' with labels; 'truce = signed (phase truce)'
    without."""
    issue = plain(term.get("issue"))
    if not names.present:
        if term.get("deferred"):
            return f"{issue}: deferred"
        text = f"{issue} = {plain(term.get('option'))}"
        if term.get("phase"):
            text += f" (phase {plain(term.get('phase'))})"
        return text
    if term.get("deferred"):
        return f"{names.issue(issue)}: deferred"
    text = f"{names.issue(issue)}: {names.option(issue, term.get('option'))}"
    if term.get("phase"):
        text += f" ({names.phase(term.get('phase'))} phase)"
    return text


def framework_words(terms: Any, where: str, names: Names = NO_NAMES) -> str:
    if not isinstance(terms, list) or not all(isinstance(t, dict) for t in terms):
        raise ExportError(f"{where}: expected a list of terms")
    return ("; ".join(term_words(t, names) for t in terms) if terms
            else "(an empty framework)")


def move_words(move: Any, where: str, names: Names = NO_NAMES) -> str:
    """What the mediator did, in words."""
    if move == "pass" or (isinstance(move, dict) and move.get("pass") is True):
        return "Passed the turn."
    if isinstance(move, dict) and "propose" in move:
        return "Proposed a framework: " + framework_words(move["propose"], f"{where}.propose",
                                                          names)
    if isinstance(move, dict) and "action" in move:
        action = plain(move["action"])
        title = names.action(action)
        text = (f"Took the action {title} ({action})" if title != action
                else f"Took the action {action}")
        if move.get("target") is not None:
            text += f", directed at {names.party(move['target'])}"
        return text + "."
    if isinstance(move, dict) and "consult" in move:
        return f"Consulted {names.party(move['consult'])} in private."
    return f"Unrecognised move: {move!r:.80}"


def cite_of(item: dict[str, Any], where: str) -> tuple[str, str] | None:
    cite = _get(item, "cite", dict, None, where)
    if cite is None:
        return None
    page = cite.get("page")
    return plain(cite.get("source")), plain(cite_words(
        cite.get("quote") if isinstance(cite.get("quote"), str) else None,
        cite.get("section") if isinstance(cite.get("section"), str) else None,
        page if isinstance(page, int | str) and not isinstance(page, bool) else None))


def score_line(final: dict[str, Any], score: Any) -> tuple[str, list[tuple[str, str, str, str]]]:
    """The formula filled in, and rows (part, weight, value, contribution)."""
    breakdown = _get(final, "score_breakdown", dict, {}, "final")
    parts = _dicts(breakdown, "parts", "final.score_breakdown")
    bonus = breakdown.get("bonus", 0)
    pieces: list[str] = []
    rows: list[tuple[str, str, str, str]] = []
    total = 0.0
    numeric = isinstance(bonus, int | float)
    for part in parts:
        name = plain(part.get("name"))
        weight, value = part.get("weight"), part.get("value")
        contribution = part.get("contribution")
        pieces.append(f"{num_text(weight)} × {num_text(value)} ({name})")
        rows.append((name, num_text(weight), num_text(value), num_text(contribution)))
        if isinstance(contribution, int | float) and not isinstance(contribution, bool):
            total += contribution
        else:
            numeric = False
    pieces.append(f"{num_text(bonus)} (outcome bonus)")
    line = " + ".join(pieces)
    if numeric:
        raw = round(total + float(bonus), 2)
        if isinstance(score, int | float) and abs(raw - float(score)) > 0.005:
            cap = breakdown.get("cap", 100)
            line += (f" = {num_text(raw)}, clamped to 0–{num_text(cap)} (outcome cap)"
                     f" = {num_text(score)}")
        else:
            line += f" = {num_text(score)}"
    else:
        line += f" = {num_text(score)}"
    return line, rows


# --------------------------------------------------------------------------- a neutral view


@dataclass(frozen=True)
class Reason:
    rule: str
    kind: str
    text: str
    cite: tuple[str, str] | None


@dataclass(frozen=True)
class Answer:
    party: str
    kind: str
    reasons: list[Reason]
    value: str
    walkaway: str
    counter: str | None
    gap: str = ""  # "2 points short", "6 points to spare" (empty if a number is missing)


def gap_words(value: Any, walkaway: Any) -> str:
    """How far a package's value is from the walk-away level, in words with the number."""
    if not all(isinstance(x, int | float) and not isinstance(x, bool) for x in (value, walkaway)):
        return ""
    try:
        gap = round(float(value) - float(walkaway), 2)
    except OverflowError:  # an integer too large for a float (an edited transcript)
        return ""
    if not math.isfinite(gap):
        return ""
    return (f"{num_text(round(-gap, 1))} points short" if gap < 0
            else f"{num_text(round(gap, 1))} points to spare")


@dataclass(frozen=True)
class Turn:
    number: str
    move: str
    answers: list[Answer]
    consents: list[tuple[str, bool, str, str, tuple[str, str] | None]]  # who, given, rule, text
    agreed: list[str]
    broken: list[tuple[str, str]]  # issue id, issue title
    happenings: list[tuple[str, str, str, str, tuple[str, str] | None]]  # kind, id, party, text
    revealed: list[str]
    ledger: list[dict[str, Any]]
    notes: list[str]
    phase: str
    phase_title: str
    ended: str
    outcome: str
    outcome_title: str


@dataclass(frozen=True)
class View:
    title: str
    facts: list[tuple[str, str, bool]]  # label, value, monospace
    outcome: str
    outcome_title: str
    score: str
    formula: str
    filled_in: str
    score_rows: list[tuple[str, str, str, str]]
    turns: list[Turn]
    meters: list[tuple[str, str, Any]]  # id, label, value
    final_facts: list[tuple[str, str]]
    agreed: list[str]
    ledger: list[dict[str, Any]]
    digest_note: str
    names: Names = NO_NAMES


def _turn(raw: dict[str, Any], n: int, names: Names) -> Turn:
    where = f"turns[{n}]"
    answers = []
    for i, resp in enumerate(_dicts(raw, "responses", where)):
        rw = f"{where}.responses[{i}]"
        reasons = [
            Reason(plain(r.get("rule")), plain(r.get("kind")), plain(r.get("text")),
                   cite_of(r, f"{rw}.reasons[{j}]"))
            for j, r in enumerate(_dicts(resp, "reasons", rw))
        ]
        counter = resp.get("counter")
        answers.append(Answer(
            names.party(resp.get("party")), plain(resp.get("kind")), reasons,
            num_text(resp.get("value")), num_text(resp.get("walkaway")),
            None if counter is None else framework_words(counter, f"{rw}.counter", names),
            gap_words(resp.get("value"), resp.get("walkaway")),
        ))
    consents = [
        (names.party(c.get("stakeholder")), c.get("given") is True, plain(c.get("rule")),
         plain(c.get("text")), cite_of(c, f"{where}.consents[{i}]"))
        for i, c in enumerate(_dicts(raw, "consents", where))
    ]
    happenings = [
        (plain(h.get("kind")), plain(h.get("id")),
         names.party(h.get("party")) if h.get("party") else "", plain(h.get("text")),
         cite_of(h, f"{where}.happenings[{i}]"))
        for i, h in enumerate(_dicts(raw, "happenings", where))
    ]
    revealed = []
    for item in _get(raw, "revealed", list, [], where):
        if isinstance(item, list) and len(item) == 2:
            revealed.append(f"{names.party(item[0])}'s {humanize(item[1])}")
        else:
            revealed.append(plain(item))
    ended = plain(raw.get("ended"))
    phase, outcome = plain(raw.get("phase")), plain(raw.get("outcome"))
    return Turn(
        number=num_text(raw.get("turn", n + 1)),
        move=move_words(raw.get("move"), f"{where}.move", names),
        answers=answers,
        consents=consents,
        agreed=[term_words(t, names) for t in _dicts(raw, "agreed", where)],
        broken=[(plain(b), names.issue(b)) for b in _get(raw, "broken", list, [], where)],
        happenings=happenings,
        revealed=revealed,
        ledger=_dicts(raw, "ledger", where),
        notes=[plain(x) for x in _get(raw, "notes", list, [], where)],
        phase=phase,
        phase_title=names.phase(phase) if phase else "",
        ended=END_LABEL.get(ended, humanize(ended)) if ended else "",
        outcome=outcome,
        outcome_title=names.outcome(outcome) if outcome else "",
    )


def view_of(data: dict[str, Any]) -> View:
    """Everything the renderers show, as plain (unescaped) strings, in a fixed order."""
    from game.records.transcript import digest_of

    if not isinstance(data, dict):
        raise ExportError("a transcript is a JSON object")
    scenario = _get(data, "scenario", dict, {}, "transcript")
    final = _get(data, "final", dict, {}, "transcript")
    names = names_of(data)
    turns = [_turn(t, n, names) for n, t in enumerate(_dicts(data, "turns", "transcript"))]
    outcome = plain(data.get("outcome")) or "(game not finished)"
    outcome_title = names.outcome(outcome) if data.get("outcome") else outcome
    if not names.present and data.get("outcome"):
        outcome_title = humanize(outcome)
    score = data.get("score")
    filled_in, score_rows = score_line(final, score)
    breakdown = _get(final, "score_breakdown", dict, {}, "final")
    title = plain(scenario.get("title")) or plain(scenario.get("id")) or "Mediator game"
    facts: list[tuple[str, str, bool]] = [
        ("Scenario", f"{title} (id {plain(scenario.get('id'))}, "
                     f"version {plain(scenario.get('version'))})", False),
        ("Scenario file", plain(scenario.get("file")), True),
        ("Scenario sha256", plain(scenario.get("sha256")), True),
        ("Mediator", named(names.mediator_name(data.get("mediator")),
                           plain(data.get("mediator"))), False),
        ("Seed", num_text(data.get("seed")), False),
        ("Turns played", str(len(turns)), False),
        ("Outcome", f"{outcome_title} ({outcome})" if data.get("outcome") else outcome,
         False),
        ("Score", num_text(score), False),
        ("Engine / format", f"engine {plain(data.get('engine_version'))}, "
                            f"transcript format {plain(data.get('format_version'))}", False),
        ("Digest", plain(data.get("digest")), True),
    ]
    meters = _get(final, "meters", dict, {}, "final")
    ended = plain(final.get("ended"))
    phase = plain(final.get("phase"))
    final_facts = [
        ("Turns", num_text(final.get("turn", len(turns)))),
        ("Phase reached", named(names.phase(phase), phase) if phase else ""),
        ("Game ended", END_LABEL.get(ended, humanize(ended)) if ended else "not ended"),
    ]
    if final.get("walked_out"):
        final_facts.append(("Walked out", names.party(final.get("walked_out"))))
    flags = _get(final, "flags", list, [], "final")
    if flags:
        final_facts.append(("Flags", ", ".join(plain(f) for f in flags)))
    agreed = [f"{term_words(t, names)}, agreed on turn {num_text(t.get('turn'))}"
              for t in _dicts(final, "agreed", "final")]
    if data.get("digest") == digest_of(data):
        digest_note = ("The digest matches the content: the file was not edited after it was "
                       "written. “mediator replay” re-plays the moves to verify the game "
                       "itself.")
    else:
        digest_note = ("WARNING: the digest does not match the content: this file was edited "
                       "after the game wrote it. Run “mediator replay” to see what differs.")
    return View(
        title=title,
        facts=facts,
        outcome=outcome,
        outcome_title=outcome_title,
        score=num_text(score),
        formula=plain(breakdown.get("formula")),
        filled_in=filled_in,
        score_rows=score_rows,
        turns=turns,
        meters=[(str(k), meter_label(str(k), names), meters[k])
                for k in sorted(meters, key=str)],
        final_facts=final_facts,
        agreed=agreed,
        ledger=_dicts(data, "ledger", "transcript"),
        digest_note=digest_note,
        names=names,
    )


# --------------------------------------------------------------------------- Markdown
