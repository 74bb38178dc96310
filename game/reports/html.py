"""A transcript as one self-contained HTML page: everything escaped, the stylesheet inlined,
no links and no scripts."""

from __future__ import annotations

import html
from typing import Any

from game.reports.debrief import debrief_blocks
from game.reports.labels import REASON_KIND_LABEL
from game.reports.view import (
    CSS_ASSET,
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
from game.resources import assets_dir


def h(text: Any) -> str:
    return html.escape(plain(text), quote=True)


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
            f"</span>: {h(quote)}</span>")


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
    text = h(delta_text(value))
    return f'<span class="{css}">{text}</span>' if css else text


def _h_named(name: str, ident: str) -> str:
    """'Name (<code>id</code>)', or just <code>id</code> when there is no other name."""
    code = f"<code>{h(ident)}</code>"
    return f"{h(name)} ({code})" if name and name != ident else code


def _h_ledger(entries: list[dict[str, Any]], with_turn: bool,
              names: Names = NO_NAMES) -> list[str]:
    rows = []
    for e in entries:
        meter = plain(e.get("meter"))
        label = meter_label(meter, names)
        row = [f"<code>{h(meter)}</code><br><span class=\"muted\">{h(label)}</span>",
               _h_delta(e.get("delta")), h(num_text(e.get("value"))), h(e.get("cause")),
               f"<code>{h(e.get('rule'))}</code>"]
        rows.append(([h(num_text(e.get("turn")))] if with_turn else []) + row)
    header = (["Turn"] if with_turn else []) + ["Meter", "Change", "Now", "Cause", "Rule"]
    right = {0, 2, 3} if with_turn else {1, 2}
    return _h_table(header, rows, right)


def _h_bar(value: Any) -> str:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return ""
    pct = num_text(round(max(0.0, min(100.0, float(value))), 2))
    return (f'<span class="meterbar" aria-hidden="true"><span style="width:{pct}%">'
            f"</span></span>")


def _h_list(items: list[str]) -> list[str]:
    """A list; items are already HTML."""
    return ["<ul>", *(f"<li>{x}</li>" for x in items), "</ul>"]


def to_html(transcript: dict[str, Any], debrief: dict[str, Any] | None = None) -> str:
    """The transcript as one self-contained HTML page (inline CSS, no scripts, no links);
    `debrief` (see reports/debrief.py) adds the lessons and the turn-by-turn search."""
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

    blocks = debrief_blocks(debrief)
    if blocks:
        out += ['<section aria-labelledby="debrief">', '<h2 id="debrief">Debrief</h2>']
        for heading, lead, items in blocks:
            out.append(f"<h3>{h(heading)}</h3>")
            if lead:
                out.append(f"<p>{h(lead)}</p>")
            out += _h_list([h(x) for x in items])
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
                        f"{h(a.walkaway)}{': ' + h(a.gap) if a.gap else ''}</span></p>"]
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
                          h(num_text(value)), _h_bar(value)] for k, label, value in v.meters],
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
