"""Render a transcript for people: Markdown or one self-contained HTML file.

The reader is a teacher going through a student's game: what was played, what each party
answered and which rules (with the documented positions behind them) decided it, how every
meter moved and why, and how the score was computed.

Both renderers work from the transcript dict alone (see transcript.py for its format), never
from the scenario, and are deterministic: the same transcript gives the same bytes. Names
(parties, issues, options, phases, outcomes, actions, the mediator) come from the transcript's
``labels``; a transcript written before it had them is shown with its ids. Every
response kind is shown with a symbol AND a word, never colour alone. In HTML, everything that
comes from the transcript goes through ``html.escape``; the stylesheet is read from
``assets/export.css`` and inlined, so the file needs nothing else (no links, no scripts).
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..resources import assets_dir
from .labels import END_LABEL, REASON_KIND_LABEL, RESPONSE_STYLE, party_meter_label

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


def _num(value: Any) -> str:
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


def _delta(value: Any) -> str:
    """A meter change with an arrow (not colour alone): ▲ +4, ▼ -3, · 0."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if value > 0:
            return f"▲ +{_num(value)}"
        if value < 0:
            return f"▼ {_num(value)}"
        return "· 0"
    return str(value)


def _str(value: Any) -> str:
    return "" if value is None else str(value)


def humanize(ident: Any) -> str:
    """accept_with_reservations -> 'accept with reservations'."""
    return _str(ident).replace("_", " ")


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
        key = _str(ident)
        return (table or {}).get(key) or key

    def party(self, ident: Any) -> str:
        return self._look(self.parties, ident)

    def issue(self, ident: Any) -> str:
        return self._look(self.issues, ident)

    def option(self, issue: Any, option: Any) -> str:
        key = f"{_str(issue)}.{_str(option)}"
        return (self.options or {}).get(key) or _str(option)

    def phase(self, ident: Any) -> str:
        return self._look(self.phases, ident)

    def outcome(self, ident: Any) -> str:
        return self._look(self.outcomes, ident)

    def action(self, ident: Any) -> str:
        return self._look(self.actions, ident)

    def mediator_name(self, ident: Any) -> str:
        if self.mediator is not None and self.mediator[0] == _str(ident):
            return self.mediator[1] or self.mediator[0]
        return _str(ident)


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
    issue = _str(term.get("issue"))
    if not names.present:
        if term.get("deferred"):
            return f"{issue}: deferred"
        text = f"{issue} = {_str(term.get('option'))}"
        if term.get("phase"):
            text += f" (phase {_str(term.get('phase'))})"
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
        action = _str(move["action"])
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
    return _str(cite.get("source")), _str(cite.get("quote"))


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
        name = _str(part.get("name"))
        weight, value = part.get("weight"), part.get("value")
        contribution = part.get("contribution")
        pieces.append(f"{_num(weight)} × {_num(value)} ({name})")
        rows.append((name, _num(weight), _num(value), _num(contribution)))
        if isinstance(contribution, int | float) and not isinstance(contribution, bool):
            total += contribution
        else:
            numeric = False
    pieces.append(f"{_num(bonus)} (outcome bonus)")
    line = " + ".join(pieces)
    if numeric:
        raw = round(total + float(bonus), 2)
        if isinstance(score, int | float) and abs(raw - float(score)) > 0.005:
            cap = breakdown.get("cap", 100)
            line += f" = {_num(raw)}, clamped to 0–{_num(cap)} (outcome cap) = {_num(score)}"
        else:
            line += f" = {_num(score)}"
    else:
        line += f" = {_num(score)}"
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
            Reason(_str(r.get("rule")), _str(r.get("kind")), _str(r.get("text")),
                   cite_of(r, f"{rw}.reasons[{j}]"))
            for j, r in enumerate(_dicts(resp, "reasons", rw))
        ]
        counter = resp.get("counter")
        answers.append(Answer(
            names.party(resp.get("party")), _str(resp.get("kind")), reasons,
            _num(resp.get("value")), _num(resp.get("walkaway")),
            None if counter is None else framework_words(counter, f"{rw}.counter", names),
        ))
    consents = [
        (names.party(c.get("stakeholder")), c.get("given") is True, _str(c.get("rule")),
         _str(c.get("text")), cite_of(c, f"{where}.consents[{i}]"))
        for i, c in enumerate(_dicts(raw, "consents", where))
    ]
    happenings = [
        (_str(h.get("kind")), _str(h.get("id")),
         names.party(h.get("party")) if h.get("party") else "", _str(h.get("text")),
         cite_of(h, f"{where}.happenings[{i}]"))
        for i, h in enumerate(_dicts(raw, "happenings", where))
    ]
    revealed = []
    for item in _get(raw, "revealed", list, [], where):
        if isinstance(item, list) and len(item) == 2:
            revealed.append(f"{names.party(item[0])}'s {humanize(item[1])}")
        else:
            revealed.append(_str(item))
    ended = _str(raw.get("ended"))
    phase, outcome = _str(raw.get("phase")), _str(raw.get("outcome"))
    return Turn(
        number=_num(raw.get("turn", n + 1)),
        move=move_words(raw.get("move"), f"{where}.move", names),
        answers=answers,
        consents=consents,
        agreed=[term_words(t, names) for t in _dicts(raw, "agreed", where)],
        broken=[(_str(b), names.issue(b)) for b in _get(raw, "broken", list, [], where)],
        happenings=happenings,
        revealed=revealed,
        ledger=_dicts(raw, "ledger", where),
        notes=[_str(x) for x in _get(raw, "notes", list, [], where)],
        phase=phase,
        phase_title=names.phase(phase) if phase else "",
        ended=END_LABEL.get(ended, humanize(ended)) if ended else "",
        outcome=outcome,
        outcome_title=names.outcome(outcome) if outcome else "",
    )


def view_of(data: dict[str, Any]) -> View:
    """Everything the renderers show, as plain (unescaped) strings, in a fixed order."""
    from .transcript import digest_of

    if not isinstance(data, dict):
        raise ExportError("a transcript is a JSON object")
    scenario = _get(data, "scenario", dict, {}, "transcript")
    final = _get(data, "final", dict, {}, "transcript")
    names = names_of(data)
    turns = [_turn(t, n, names) for n, t in enumerate(_dicts(data, "turns", "transcript"))]
    outcome = _str(data.get("outcome")) or "(game not finished)"
    outcome_title = names.outcome(outcome) if data.get("outcome") else outcome
    if not names.present and data.get("outcome"):
        outcome_title = humanize(outcome)
    score = data.get("score")
    filled_in, score_rows = score_line(final, score)
    breakdown = _get(final, "score_breakdown", dict, {}, "final")
    title = _str(scenario.get("title")) or _str(scenario.get("id")) or "Mediator game"
    facts: list[tuple[str, str, bool]] = [
        ("Scenario", f"{title} (id {_str(scenario.get('id'))}, "
                     f"version {_str(scenario.get('version'))})", False),
        ("Scenario file", _str(scenario.get("file")), True),
        ("Scenario sha256", _str(scenario.get("sha256")), True),
        ("Mediator", named(names.mediator_name(data.get("mediator")),
                           _str(data.get("mediator"))), False),
        ("Seed", _num(data.get("seed")), False),
        ("Turns played", str(len(turns)), False),
        ("Outcome", f"{outcome_title} ({outcome})" if data.get("outcome") else outcome,
         False),
        ("Score", _num(score), False),
        ("Engine / format", f"engine {_str(data.get('engine_version'))}, "
                            f"transcript format {_str(data.get('format_version'))}", False),
        ("Digest", _str(data.get("digest")), True),
    ]
    meters = _get(final, "meters", dict, {}, "final")
    ended = _str(final.get("ended"))
    phase = _str(final.get("phase"))
    final_facts = [
        ("Turns", _num(final.get("turn", len(turns)))),
        ("Phase reached", named(names.phase(phase), phase) if phase else ""),
        ("Game ended", END_LABEL.get(ended, humanize(ended)) if ended else "not ended"),
    ]
    if final.get("walked_out"):
        final_facts.append(("Walked out", names.party(final.get("walked_out"))))
    flags = _get(final, "flags", list, [], "final")
    if flags:
        final_facts.append(("Flags", ", ".join(_str(f) for f in flags)))
    agreed = [f"{term_words(t, names)}, agreed on turn {_num(t.get('turn'))}"
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
        score=_num(score),
        formula=_str(breakdown.get("formula")),
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

_MD_SPECIAL = set("\\`*_[]<>|#~")


def md(text: Any) -> str:
    """Free text made inert in Markdown (one line, punctuation backslash-escaped)."""
    out = []
    for ch in " ".join(_str(text).split()):
        out.append("\\" + ch if ch in _MD_SPECIAL else ch)
    return "".join(out)


def md_code(text: Any) -> str:
    """An id in a code span (a fence longer than any run of backticks inside)."""
    value = " ".join(_str(text).split())
    if not value:
        return "—"
    longest, run = 0, 0
    for ch in value:
        run = run + 1 if ch == "`" else 0
        longest = max(longest, run)
    fence = "`" * (longest + 1)
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    return f"{fence}{pad}{value}{pad}{fence}"


def _md_cite(cite: tuple[str, str] | None) -> str:
    if cite is None:
        return ""
    source, quote = cite
    return f" — source {md_code(source)}: “{md(quote)}”"


def _md_table(header: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |",
             "| " + " | ".join("---:" if n in right else "---" for n in range(len(header))) + " |"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return lines


def _md_named(name: str, ident: str) -> str:
    """'Name (`id`)', or just `id` when there is no other name."""
    return f"{md(name)} ({md_code(ident)})" if name and name != ident else md_code(ident)


def _md_ledger(entries: list[dict[str, Any]], with_turn: bool,
               names: Names = NO_NAMES) -> list[str]:
    rows = []
    for e in entries:
        meter = _str(e.get("meter"))
        row = [md_code(meter) + " " + md(meter_label(meter, names)), md(_delta(e.get("delta"))),
               md(_num(e.get("value"))), md(e.get("cause")), md_code(e.get("rule"))]
        rows.append(([md(_num(e.get("turn")))] if with_turn else []) + row)
    header = (["Turn"] if with_turn else []) + ["Meter", "Change", "Now", "Cause", "Rule"]
    right = {0, 2, 3} if with_turn else {1, 2}
    return _md_table(header, rows, right)


def to_markdown(transcript: dict[str, Any]) -> str:
    """The transcript as a Markdown document."""
    v = view_of(transcript)
    out: list[str] = [f"# Mediator transcript: {md(v.title)}", ""]
    for label, value, mono in v.facts:
        out.append(f"- **{label}:** {md_code(value) if mono else md(value)}")
    out += ["", f"> {md(v.digest_note)}", ""]

    shown = (_md_named(v.outcome_title, v.outcome) if transcript.get("outcome")
             else md(v.outcome))
    out += ["## Score", "", f"**{md(v.score)}** — outcome {shown}", ""]
    if v.formula:
        out += [f"Formula: {md(v.formula)}", ""]
    out += [f"Filled in: {md(v.filled_in)}", ""]
    if v.score_rows:
        out += _md_table(["Part", "Weight", "Value", "Contribution"],
                         [[md(a), md(b), md(c), md(d)] for a, b, c, d in v.score_rows],
                         {1, 2, 3})
        out.append("")

    out += ["## Turns", ""]
    if not v.turns:
        out += ["No turn was played.", ""]
    for t in v.turns:
        out += [f"### Turn {md(t.number)}", "", f"**Move:** {md(t.move)}", ""]
        if t.answers:
            out += ["#### Responses", ""]
            for a in t.answers:
                symbol, label, _css = response_style(a.kind)
                out.append(f"- **{md(a.party)}: {md(symbol)} {md(label)}** ({md_code(a.kind)})"
                           f" — value {md(a.value)} against walk-away {md(a.walkaway)}")
                if a.counter is not None:
                    out.append(f"  - Counter-proposal: {md(a.counter)}")
                for r in a.reasons:
                    kind = REASON_KIND_LABEL.get(r.kind, humanize(r.kind))
                    out.append(f"  - {md_code(r.rule)} ({md(kind)}): {md(r.text)}"
                               f"{_md_cite(r.cite)}")
            out.append("")
        if t.consents:
            out += ["#### Consents", ""]
            for who, given, rule, text, cite in t.consents:
                mark = "✔ given" if given else "✘ withheld"
                out.append(f"- **{md(who)}: {mark}** ({md_code(rule)}): {md(text)}"
                           f"{_md_cite(cite)}")
            out.append("")
        if t.agreed or t.broken:
            out += ["#### Terms", ""]
            out += [f"- ✔ Agreed: {md(x)}" for x in t.agreed]
            out += [f"- ✘ Agreement broken on issue {_md_named(title, x)}"
                    for x, title in t.broken]
            out.append("")
        if t.happenings:
            out += ["#### Events and statements", ""]
            for kind, ident, party, text, cite in t.happenings:
                who = f"{md(party)} — " if party else ""
                out.append(f"- {md(kind.capitalize())} {md_code(ident)}: {who}“{md(text)}”"
                           f"{_md_cite(cite)}")
            out.append("")
        if t.revealed:
            out += ["#### Learned in consultation", ""]
            out += [f"- {md(x)}" for x in t.revealed]
            out.append("")
        if t.notes:
            out += ["#### Notes", ""]
            out += [f"- {md(x)}" for x in t.notes]
            out.append("")
        if t.ledger:
            out += ["#### Meter changes", ""]
            out += _md_ledger(t.ledger, with_turn=False, names=v.names)
            out.append("")
        state = f"Phase after the turn: {_md_named(t.phase_title, t.phase)}"
        if t.ended:
            state += f". The game ended: {md(t.ended)}"
        if t.outcome:
            state += f". Outcome: {_md_named(t.outcome_title, t.outcome)}"
        out += [state + ".", ""]

    out += ["## Final state", ""]
    out += [f"- **{md(k)}:** {md(x)}" for k, x in v.final_facts]
    out.append("")
    if v.agreed:
        out += ["Agreed terms that hold:", ""] + [f"- {md(x)}" for x in v.agreed] + [""]
    if v.meters:
        out += _md_table(["Meter", "Value", ""],
                         [[md_code(k) + " " + md(label), md(_num(value)), _md_bar(value)]
                          for k, label, value in v.meters], {1})
        out.append("")

    out += ["## Ledger", "", "Every change of every meter, in order."
            " The changes of each meter add up to its final value.", ""]
    out += _md_ledger(v.ledger, with_turn=True, names=v.names) if v.ledger else ["(empty)"]
    out.append("")
    return "\n".join(out)


def _md_bar(value: Any, width: int = 10) -> str:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return ""
    filled = int(round(max(0.0, min(100.0, float(value))) / 100 * width))
    return "█" * filled + "░" * (width - filled)


# --------------------------------------------------------------------------- HTML


def h(text: Any) -> str:
    return html.escape(_str(text), quote=True)


def _css() -> str:
    path = assets_dir() / CSS_ASSET
    try:
        css = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise OSError(f"cannot read the export stylesheet {path}: {exc.strerror or exc}") from None
    # The stylesheet is ours, but make sure it cannot close its <style> element.
    return css.replace("</", "<\\/")


def _h_cite(cite: tuple[str, str] | None) -> str:
    if cite is None:
        return ""
    source, quote = cite
    return (f' <span class="cite">— <span class="source">source <code>{h(source)}</code>'
            f"</span>: “{h(quote)}”</span>")


def _h_table(header: list[str], rows: list[list[str]], right: set[int],
             caption: str = "") -> list[str]:
    """A table; header and cells are already HTML."""
    def cls(n: int) -> str:
        return ' class="num"' if n in right else ""

    out = ["<table>"]
    if caption:
        out.append(f"<caption class=\"muted\">{caption}</caption>")
    out.append("<thead><tr>" + "".join(f"<th{cls(n)} scope=\"col\">{c}</th>"
                                       for n, c in enumerate(header)) + "</tr></thead>")
    out.append("<tbody>")
    for row in rows:
        out.append("<tr>" + "".join(f"<td{cls(n)}>{c}</td>" for n, c in enumerate(row))
                   + "</tr>")
    out += ["</tbody>", "</table>"]
    return out


def _h_delta(value: Any) -> str:
    css = ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        css = "up" if value > 0 else "down" if value < 0 else ""
    text = h(_delta(value))
    return f'<span class="{css}">{text}</span>' if css else text


def _h_named(name: str, ident: str) -> str:
    """'Name (<code>id</code>)', or just <code>id</code> when there is no other name."""
    code = f"<code>{h(ident)}</code>"
    return f"{h(name)} ({code})" if name and name != ident else code


def _h_ledger(entries: list[dict[str, Any]], with_turn: bool,
              names: Names = NO_NAMES) -> list[str]:
    rows = []
    for e in entries:
        meter = _str(e.get("meter"))
        label = meter_label(meter, names)
        row = [f"<code>{h(meter)}</code><br><span class=\"muted\">{h(label)}</span>",
               _h_delta(e.get("delta")), h(_num(e.get("value"))), h(e.get("cause")),
               f"<code>{h(e.get('rule'))}</code>"]
        rows.append(([h(_num(e.get("turn")))] if with_turn else []) + row)
    header = (["Turn"] if with_turn else []) + ["Meter", "Change", "Now", "Cause", "Rule"]
    right = {0, 2, 3} if with_turn else {1, 2}
    return _h_table(header, rows, right)


def _h_bar(value: Any) -> str:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return ""
    pct = _num(round(max(0.0, min(100.0, float(value))), 2))
    return (f'<span class="meterbar" aria-hidden="true"><span style="width:{pct}%">'
            f"</span></span>")


def _h_list(items: list[str]) -> list[str]:
    """A list; items are already HTML."""
    return ["<ul>", *(f"<li>{x}</li>" for x in items), "</ul>"]


def to_html(transcript: dict[str, Any]) -> str:
    """The transcript as one self-contained HTML page (inline CSS, no scripts, no links)."""
    v = view_of(transcript)
    css = _css()
    out: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light dark">',
        f"<title>Mediator transcript: {h(v.title)}</title>",
        "<style>",
        css.rstrip("\n"),
        "</style>",
        "</head>",
        "<body>",
        "<main>",
        "<header>",
        f"<h1>{h(v.title)}</h1>",
        '<p class="subtitle">Mediator transcript</p>',
        '<dl class="facts">',
    ]
    for label, value, mono in v.facts:
        shown = f"<code>{h(value)}</code>" if mono else h(value)
        out.append(f"<dt>{h(label)}</dt><dd>{shown}</dd>")
    out += ["</dl>", f'<p class="muted">{h(v.digest_note)}</p>', "</header>"]

    out += ['<section class="score" aria-labelledby="score">',
            '<h2 id="score">Score</h2>',
            f'<p><span class="total">{h(v.score)}</span> — outcome '
            + (_h_named(v.outcome_title, v.outcome) if transcript.get("outcome")
               else h(v.outcome))
            + "</p>"]
    if v.formula:
        out.append(f"<p><strong>Formula:</strong> {h(v.formula)}</p>")
    out.append(f"<p><strong>Filled in:</strong> {h(v.filled_in)}</p>")
    if v.score_rows:
        out += _h_table(["Part", "Weight", "Value", "Contribution"],
                        [[h(a), h(b), h(c), h(d)] for a, b, c, d in v.score_rows], {1, 2, 3})
    out.append("</section>")

    out += ['<section aria-labelledby="turns">', '<h2 id="turns">Turns</h2>']
    if not v.turns:
        out.append("<p>No turn was played.</p>")
    for t in v.turns:
        out += [f'<article class="turn" id="turn-{h(t.number)}">',
                f"<h3>Turn {h(t.number)}</h3>",
                f'<p class="move">{h(t.move)}</p>']
        if t.answers:
            out.append("<h4>Responses</h4>")
            for a in t.answers:
                symbol, label, css_class = response_style(a.kind)
                out += [f'<div class="response {css_class}">',
                        f"<p><strong>{h(a.party)}</strong>: "
                        f'<span class="kind {css_class}">{h(symbol)} {h(label)}</span> '
                        f"<code>{h(a.kind)}</code> "
                        f'<span class="muted">value {h(a.value)} against walk-away '
                        f"{h(a.walkaway)}</span></p>"]
                if a.counter is not None:
                    out.append(f"<p><strong>Counter-proposal:</strong> {h(a.counter)}</p>")
                if a.reasons:
                    out += _h_list([
                        f"<code>{h(r.rule)}</code> "
                        f"({h(REASON_KIND_LABEL.get(r.kind, humanize(r.kind)))}): "
                        f"{h(r.text)}{_h_cite(r.cite)}" for r in a.reasons])
                out.append("</div>")
        if t.consents:
            out.append("<h4>Consents</h4>")
            out += _h_list([
                f"<strong>{h(who)}</strong>: "
                + (f'<span class="kind ok">{h("✔ given")}</span>' if given
                   else f'<span class="kind bad">{h("✘ withheld")}</span>')
                + f" <code>{h(rule)}</code>: {h(text)}{_h_cite(cite)}"
                for who, given, rule, text, cite in t.consents])
        if t.agreed or t.broken:
            out.append("<h4>Terms</h4>")
            out += _h_list([f"✔ Agreed: {h(x)}" for x in t.agreed]
                           + [f"✘ Agreement broken on issue {_h_named(title, x)}"
                              for x, title in t.broken])
        if t.happenings:
            out.append("<h4>Events and statements</h4>")
            out += _h_list([
                f"{h(kind.capitalize())} <code>{h(ident)}</code>: "
                + (f"<strong>{h(party)}</strong> — " if party else "")
                + f"“{h(text)}”{_h_cite(cite)}"
                for kind, ident, party, text, cite in t.happenings])
        if t.revealed:
            out.append("<h4>Learned in consultation</h4>")
            out += _h_list([h(x) for x in t.revealed])
        if t.notes:
            out.append("<h4>Notes</h4>")
            out += _h_list([h(x) for x in t.notes])
        if t.ledger:
            out.append("<h4>Meter changes</h4>")
            out += _h_ledger(t.ledger, with_turn=False, names=v.names)
        state = f"Phase after the turn: {_h_named(t.phase_title, t.phase)}"
        if t.ended:
            state += f". The game ended: {h(t.ended)}"
        if t.outcome:
            state += f". Outcome: {_h_named(t.outcome_title, t.outcome)}"
        out += [f'<p class="muted">{state}.</p>', "</article>"]
    out.append("</section>")

    out += ['<section aria-labelledby="final">', '<h2 id="final">Final state</h2>',
            '<dl class="facts">']
    out += [f"<dt>{h(k)}</dt><dd>{h(x)}</dd>" for k, x in v.final_facts]
    out.append("</dl>")
    if v.agreed:
        out.append("<h4>Agreed terms that hold</h4>")
        out += _h_list([h(x) for x in v.agreed])
    if v.meters:
        out.append("<h4>Meters</h4>")
        out += _h_table(["Meter", "Value", "0–100"],
                        [[f"<code>{h(k)}</code> <span class=\"muted\">{h(label)}</span>",
                          h(_num(value)), _h_bar(value)] for k, label, value in v.meters],
                        {1})
    out.append("</section>")

    out += ['<section aria-labelledby="ledger">', '<h2 id="ledger">Ledger</h2>',
            "<p>Every change of every meter, in order. The changes of each meter add up to "
            "its final value.</p>"]
    out += (_h_ledger(v.ledger, with_turn=True, names=v.names) if v.ledger
            else ["<p>(empty)</p>"])
    out += ["</section>",
            "<footer>Exported by <code>mediator export</code>. This page is self-contained: "
            "it needs no network and no scripts.</footer>",
            "</main>", "</body>", "</html>", ""]
    return "\n".join(out)


Renderer = Callable[[dict[str, Any]], str]
RENDERERS: dict[str, Renderer] = {"md": to_markdown, "html": to_html}
