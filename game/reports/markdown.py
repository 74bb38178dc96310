"""A transcript as Markdown (GitHub-flavoured, every special character escaped)."""

from __future__ import annotations

from typing import Any

from game.reports.debrief import debrief_blocks
from game.reports.labels import REASON_KIND_LABEL
from game.reports.view import (
    NO_NAMES,
    Names,
    delta_text,
    humanize,
    meter_label,
    num_text,
    plain,
    response_style,
    view_of,
)

_MD_SPECIAL = set("\\`*_[]<>|#~")


def md(text: Any) -> str:
    """Free text made inert in Markdown (one line, punctuation backslash-escaped)."""
    out = []
    for ch in " ".join(plain(text).split()):
        out.append("\\" + ch if ch in _MD_SPECIAL else ch)
    return "".join(out)


def md_code(text: Any) -> str:
    """An id in a code span (a fence longer than any run of backticks inside)."""
    value = " ".join(plain(text).split())
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
    return f" — source {md_code(source)}: {md(quote)}"


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
        meter = plain(e.get("meter"))
        row = [md_code(meter) + " " + md(meter_label(meter, names)), md(delta_text(e.get("delta"))),
               md(num_text(e.get("value"))), md(e.get("cause")), md_code(e.get("rule"))]
        rows.append(([md(num_text(e.get("turn")))] if with_turn else []) + row)
    header = (["Turn"] if with_turn else []) + ["Meter", "Change", "Now", "Cause", "Rule"]
    right = {0, 2, 3} if with_turn else {1, 2}
    return _md_table(header, rows, right)


def to_markdown(transcript: dict[str, Any], debrief: dict[str, Any] | None = None) -> str:
    """The transcript as a Markdown document; `debrief` (see reports/debrief.py) adds the
    lessons and the turn-by-turn search after the score."""
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

    blocks = debrief_blocks(debrief)
    if blocks:
        out += ["## Debrief", ""]
        for heading, lead, items in blocks:
            out += [f"### {md(heading)}", ""] + ([md(lead), ""] if lead else [])
            out += [f"- {md(x)}" for x in items] + [""]

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
                           f" — value {md(a.value)} against walk-away {md(a.walkaway)}"
                           + (f": {md(a.gap)}" if a.gap else ""))
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
                         [[md_code(k) + " " + md(label), md(num_text(value)), _md_bar(value)]
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
