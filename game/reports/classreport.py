"""The class report rendered (data in, text out): one self-contained HTML page with inline SVG
charts (no script, no external asset, every text escaped), Markdown, or CSV (one row per
student). The data comes from `game.analysis.classreport.class_report`."""

from __future__ import annotations

import csv
import html
import io
from typing import Any

COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b",
           "#e377c2", "#7f7f7f", "#bcbd22")
CSV_FIELDS = ("file", "name", "verified", "outcome", "score", "best_share", "turns",
              "problem")


def h(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _num(value: Any, digits: int = 2) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


# --------------------------------------------------------------------------- CSV


def to_csv(report: dict[str, Any]) -> str:
    """One row per student (both cohorts with --compare, `cohort` A or B), meters last."""
    cohorts = [("A", report)] + ([("B", report["compare"])] if report.get("compare") else [])
    meters = sorted({m for _c, data in cohorts for s in data["students"]
                     for m in s.get("meters", {})})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["cohort", *CSV_FIELDS, *meters])
    for tag, data in cohorts:
        for s in data["students"]:
            row = [tag] + [s.get(f) for f in CSV_FIELDS]
            row += [s.get("meters", {}).get(m) for m in meters]
            writer.writerow(["" if v is None else _csv_safe(v) for v in row])
    return out.getvalue()


def _csv_safe(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula gets a leading quote."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


# --------------------------------------------------------------------------- Markdown


def _md(text: Any) -> str:
    return str("" if text is None else text).replace("|", "\\|").replace("\n", " ")


def to_markdown(report: dict[str, Any]) -> str:
    lines = ["# Class report", ""]
    cohorts = [("", report)]
    if report.get("compare"):
        cohorts = [("A: ", report), ("B: ", report["compare"])]
        lines += ["| | A | B |", "| --- | ---: | ---: |"]
        for label, key in (("transcripts", "transcripts"), ("verified", "verified"),
                           ("mean score", "score_mean"), ("median score", "score_median"),
                           ("mean % of best", "best_share_mean")):
            lines.append(f"| {label} | {_num(report['summary'][key])} | "
                         f"{_num(report['compare']['summary'][key])} |")
        lines.append("")
    for tag, data in cohorts:
        lines += _md_cohort(tag, data)
    return "\n".join(lines).rstrip() + "\n"


def _md_cohort(tag: str, data: dict[str, Any]) -> list[str]:
    summary = data["summary"]
    out = [f"## {tag}Students", "",
           f"{summary['verified']} of {summary['transcripts']} transcripts verified by replay; "
           "the others are flagged and left out of the statistics.", "",
           "| Student | File | Verified | Outcome | Score | % of best | Turns |",
           "| --- | --- | --- | --- | ---: | ---: | ---: |"]
    for s in data["students"]:
        verified = "yes" if s["verified"] else f"**NO**: {_md(s.get('problem'))}"
        out.append(f"| {_md(s['name'])} | {_md(s['file'])} | {verified} | "
                   f"{_md(s.get('outcome_title') or s.get('outcome'))} | "
                   f"{_num(s.get('score'))} | {_num(s.get('best_share'), 1)} | "
                   f"{_num(s.get('turns'))} |")
    out += ["", f"Mean score {_num(summary['score_mean'])}, median "
            f"{_num(summary['score_median'])}; outcomes: "
            + (", ".join(f"{k} {v}" for k, v in summary["outcomes"].items()) or "none"), ""]
    out += [f"## {tag}What blocked the class most", ""]
    out += [f"- `{_md(b['rule'])}`: {b['students']} student(s), {b['times']} time(s): "
            f"{_md(b['text'])}" for b in data["blockers"]] or ["- nothing"]
    out += ["", f"## {tag}Turning points most students met", ""]
    out += [f"- {_md(t['what'])} ({t['students']} students, median turn {t['median_turn']})"
            for t in data["turning_points"]] or ["- none"]
    out += ["", f"## {tag}The best plan", ""]
    for plan in data["best_plans"]:
        out.append(f"{plan['scenario']}, {plan['mediator']}, seed {plan['seed']}: "
                   f"**{plan['outcome']}**, score {_num(plan['score'])} ({plan['source']})")
        out += [f"{n}. {_md(step)}" for n, step in enumerate(plan["steps"], 1)]
        out.append("")
    out += [f"## {tag}Moves turn by turn", ""]
    out += _md_moves(data)
    out += ["", f"## {tag}Reflections", ""]
    for s in data["students"]:
        for item in s.get("reflection", []):
            out.append(f"- **{_md(s['name'])}**, *{_md(item['question'])}* "
                       f"{_md(item['answer']) or '(no answer)'}")
    out.append("")
    return out


def _md_moves(data: dict[str, Any]) -> list[str]:
    verified = [s for s in data["students"] if s["verified"]]
    if not verified:
        return ["(no verified game)"]
    turns = max(len(s["moves"]) for s in verified)
    out = ["| Turn | " + " | ".join(_md(s["name"]) for s in verified) + " |",
           "| ---: |" + " --- |" * len(verified)]
    for t in range(turns):
        out.append(f"| {t + 1} | " + " | ".join(
            _md(s["moves"][t]) if t < len(s["moves"]) else "" for s in verified) + " |")
    return out


# --------------------------------------------------------------------------- HTML

CSS = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 72em; color: #222;
       padding: 0 1em; }
h1, h2 { font-weight: 600; } h2 { border-bottom: 1px solid #ccc; padding-bottom: .2em; }
table { border-collapse: collapse; margin: .5em 0 1.5em; font-size: .92em; }
th, td { border: 1px solid #ccc; padding: .25em .5em; vertical-align: top; text-align: left; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.flagged td { background: #fde8e8; color: #a40000; }
.flag { color: #a40000; font-weight: 600; }
.charts { display: flex; flex-wrap: wrap; gap: 1.5em; }
figure { margin: 0; } figcaption { font-size: .85em; color: #555; max-width: 30em; }
.cohorts { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 2em; }
.cohorts section { overflow-x: auto; }
.moves td { font-size: .85em; min-width: 10em; }
.muted { color: #666; }
.wide { overflow-x: auto; }
"""


def to_html(report: dict[str, Any]) -> str:
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             "<title>Class report</title>", f"<style>{CSS}</style></head><body>",
             "<h1>Class report</h1>"]
    if report.get("compare"):
        parts.append(_h_compare(report, report["compare"]))
        parts.append('<div class="cohorts">')
        for tag, data in (("A", report), ("B", report["compare"])):
            parts.append(f"<section><h2>Cohort {tag}</h2>{_h_cohort(data)}</section>")
        parts.append("</div>")
    else:
        parts.append(_h_cohort(report))
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _h_compare(a: dict[str, Any], b: dict[str, Any]) -> str:
    rows = []
    for label, key in (("transcripts", "transcripts"), ("verified", "verified"),
                       ("mean score", "score_mean"), ("median score", "score_median"),
                       ("mean % of the best plan", "best_share_mean")):
        rows.append(f"<tr><th scope=\"row\">{h(label)}</th>"
                    f"<td class=\"num\">{h(_num(a['summary'][key]))}</td>"
                    f"<td class=\"num\">{h(_num(b['summary'][key]))}</td></tr>")
    outcomes = sorted(set(a["summary"]["outcomes"]) | set(b["summary"]["outcomes"]))
    for outcome in outcomes:
        rows.append(f"<tr><th scope=\"row\">{h(outcome)}</th>"
                    f"<td class=\"num\">{a['summary']['outcomes'].get(outcome, 0)}</td>"
                    f"<td class=\"num\">{b['summary']['outcomes'].get(outcome, 0)}</td></tr>")
    return ("<h2>A beside B</h2><table><thead><tr><th></th><th class=\"num\">A</th>"
            "<th class=\"num\">B</th></tr></thead><tbody>" + "".join(rows)
            + "</tbody></table>")


def _h_cohort(data: dict[str, Any]) -> str:
    summary = data["summary"]
    students = data["students"]
    verified = [s for s in students if s["verified"]]
    out = ["<h2>Students</h2>",
           f"<p>{summary['verified']} of {summary['transcripts']} transcripts verified by "
           "replay. A flagged transcript (in red) was edited or cannot be re-played: it is "
           "left out of every statistic below.</p>", _h_students(data)]
    out.append("<h2>Outcomes and scores</h2><div class=\"charts\">")
    out.append(_figure(_bars(list(summary["outcomes"].items()), "students"),
                       "Outcomes of the verified games."))
    labels = [f"{lo}–{lo + 10}" for lo in range(0, 100, 10)]
    out.append(_figure(_bars(list(zip(labels, summary["histogram"], strict=True)), "students"),
                       f"Score histogram. Mean {_num(summary['score_mean'])}, median "
                       f"{_num(summary['score_median'])}."))
    out.append("</div>")
    if data.get("frontier") and verified:
        out.append("<h2>Agreed packages against the Pareto frontier</h2>")
        out.append(_figure(_scatter(data["frontier"], verified),
                           "Each principal's value of what each student's game left agreed "
                           "(issues not agreed count at their frozen, deferred value), against "
                           "the Pareto frontier of every package (grey)."))
    if verified:
        out.append("<h2>Meter trajectories</h2><div class=\"charts\">")
        labels_of = verified[0].get("meter_labels", {})
        for meter in sorted({m for s in verified for m in s["trajectories"]}):
            out.append(_figure(_lines(verified, meter),
                               f"{labels_of.get(meter, meter)}, turn by turn."))
        out.append("</div>")
        out.append(_legend(verified))
    out.append("<h2>What blocked the class most</h2>")
    if data["blockers"]:
        rows = "".join(f"<tr><td><code>{h(b['rule'])}</code></td><td>{h(b['text'])}</td>"
                       f"<td class=\"num\">{b['students']}</td><td class=\"num\">{b['times']}"
                       "</td></tr>" for b in data["blockers"])
        out.append("<table><thead><tr><th>Rule</th><th>What it says</th>"
                   "<th class=\"num\">Students</th><th class=\"num\">Times</th></tr></thead>"
                   f"<tbody>{rows}</tbody></table>")
    else:
        out.append("<p class=\"muted\">No rule refused a proposal.</p>")
    out.append("<h2>Turning points most students met</h2>")
    if data["turning_points"]:
        out.append("<ul>" + "".join(
            f"<li>{h(t['what'])} <span class=\"muted\">({t['students']} students, median "
            f"turn {h(t['median_turn'])})</span></li>" for t in data["turning_points"]) + "</ul>")
    else:
        out.append("<p class=\"muted\">None shared by half the class.</p>")
    out.append("<h2>The best plan</h2>")
    for plan in data["best_plans"]:
        out.append(f"<p>{h(plan['scenario'])}, {h(plan['mediator'])}, seed {h(plan['seed'])}"
                   f"{', ' + h(plan['turn_limit']) + ' turns' if plan['turn_limit'] else ''}: "
                   f"<strong>{h(plan['outcome'])}</strong>, score {h(_num(plan['score']))} "
                   f"<span class=\"muted\">({h(plan['source'])})</span></p>")
        out.append("<ol>" + "".join(f"<li>{h(step)}</li>" for step in plan["steps"]) + "</ol>")
    out.append("<h2>Moves turn by turn</h2>")
    out.append(_h_moves(verified))
    answers = [(s, item) for s in students if s["verified"] for item in s.get("reflection", [])]
    out.append("<h2>Reflections</h2>")
    if answers:
        out.append("<table><thead><tr><th>Student</th><th>Question</th><th>Answer</th></tr>"
                   "</thead><tbody>" + "".join(
                       f"<tr><td>{h(s['name'])}</td><td>{h(item['question'])}</td>"
                       f"<td>{h(item['answer'])}</td></tr>" for s, item in answers)
                   + "</tbody></table>")
    else:
        out.append("<p class=\"muted\">No reflection answers.</p>")
    return "\n".join(out)


def _h_students(data: dict[str, Any]) -> str:
    students = data["students"]
    meters = sorted({m for s in students for m in s.get("meters", {})
                     if not m.startswith("walkaway.")})
    labels: dict[str, str] = next(
        (s["meter_labels"] for s in students if s.get("meter_labels")), {})
    head = ("<tr><th>Student</th><th>File</th><th>Verified</th><th>Outcome</th>"
            "<th class=\"num\">Score</th><th class=\"num\">% of best</th>"
            "<th class=\"num\">Turns</th>" + "".join(
                f"<th class=\"num\">{h(labels.get(m, m))}</th>" for m in meters) + "</tr>")
    rows = []
    for s in students:
        if s["verified"]:
            check = "✓"
            cls = ""
        else:
            check = f"<span class=\"flag\">✗ not verified: {h(s.get('problem'))}</span>"
            cls = ' class="flagged"'
        cells = [h(s["name"]), h(s["file"]), check, h(s.get("outcome_title") or s.get("outcome")),
                 h(_num(s.get("score"))), h(_num(s.get("best_share"), 1)), h(_num(s.get("turns")))]
        cells += [h(_num(s.get("meters", {}).get(m))) for m in meters]
        num = ' class="num"'
        rows.append(f"<tr{cls}>" + "".join(
            f"<td{num if n >= 4 else ''}>{c}</td>" for n, c in enumerate(cells)) + "</tr>")
    return (f"<div class=\"wide\"><table><thead>{head}</thead><tbody>{''.join(rows)}"
            "</tbody></table></div>")


def _h_moves(verified: list[dict[str, Any]]) -> str:
    if not verified:
        return "<p class=\"muted\">No verified game.</p>"
    turns = max(len(s["moves"]) for s in verified)
    head = "<tr><th class=\"num\">Turn</th>" + "".join(
        f"<th>{h(s['name'])}</th>" for s in verified) + "</tr>"
    rows = "".join(
        f"<tr><td class=\"num\">{t + 1}</td>" + "".join(
            f"<td>{h(s['moves'][t]) if t < len(s['moves']) else ''}</td>" for s in verified)
        + "</tr>" for t in range(turns))
    return (f"<div class=\"wide\"><table class=\"moves\"><thead>{head}</thead>"
            f"<tbody>{rows}</tbody></table></div>")


# --------------------------------------------------------------------------- SVG

W, H, PAD = 360, 220, 36


def _figure(svg: str, caption: str) -> str:
    return f"<figure>{svg}<figcaption>{h(caption)}</figcaption></figure>"


def _svg(body: list[str], title: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" '
            f'viewBox="0 0 {W} {H}" role="img"><title>{h(title)}</title>'
            f'<rect width="{W}" height="{H}" fill="#fff"/>' + "".join(body) + "</svg>")


def _axes(x_label: str, y_label: str, ticks: bool = False) -> list[str]:
    marks = []
    if ticks:  # 0, 50, 100 on both axes (the 0-100 value scale)
        for v in (0, 50, 100):
            x, y = _scale(v, 0, 100, PAD, W - 12), _scale(v, 0, 100, H - PAD, 12)
            marks.append(f'<text x="{x:.1f}" y="{H - PAD + 12}" font-size="9" '
                         f'text-anchor="middle">{v}</text>')
            marks.append(f'<text x="{PAD - 3}" y="{y + 3:.1f}" font-size="9" '
                         f'text-anchor="end">{v}</text>')
    return marks + [f'<line x1="{PAD}" y1="{H - PAD}" x2="{W - 8}" y2="{H - PAD}" stroke="#888"/>',
            f'<line x1="{PAD}" y1="8" x2="{PAD}" y2="{H - PAD}" stroke="#888"/>',
            f'<text x="{(W + PAD) // 2}" y="{H - 6}" font-size="11" text-anchor="middle">'
            f"{h(x_label)}</text>",
            f'<text x="10" y="{(H - PAD) // 2}" font-size="11" text-anchor="middle" '
            f'transform="rotate(-90 10 {(H - PAD) // 2})">{h(y_label)}</text>']


def _bars(items: list[tuple[str, int]], unit: str) -> str:
    body = _axes("", unit)
    top = max([v for _k, v in items] + [1])
    n = max(len(items), 1)
    slot = (W - PAD - 12) / n
    for i, (label, value) in enumerate(items):
        height = (H - PAD - 16) * value / top
        x = PAD + 4 + i * slot
        y = H - PAD - height
        body.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.8:.1f}" '
                    f'height="{height:.1f}" fill="{COLOURS[0]}"><title>{h(label)}: {value}'
                    "</title></rect>")
        body.append(f'<text x="{x + slot * 0.4:.1f}" y="{y - 2:.1f}" font-size="10" '
                    f'text-anchor="middle">{value}</text>')
        body.append(f'<text x="{x + slot * 0.4:.1f}" y="{H - PAD + 12}" font-size="9" '
                    f'text-anchor="middle">{h(label[:18])}</text>')
    return _svg(body, unit)


def _scale(value: float, lo: float, hi: float, a: float, b: float) -> float:
    return a + (b - a) * ((value - lo) / (hi - lo) if hi > lo else 0.5)


def _scatter(frontier: dict[str, Any], students: list[dict[str, Any]]) -> str:
    px, py = frontier["principals"][:2]
    names = frontier["names"]
    body = _axes(f"value to {names[px]}", f"value to {names[py]}", ticks=True)

    def point(x: float, y: float) -> tuple[float, float]:
        return (_scale(x, 0, 100, PAD, W - 12), _scale(y, 0, 100, H - PAD, 12))

    pts = [point(x, y) for x, y, *_ in frontier["points"]]
    if pts:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
        body.append(f'<polyline points="{path}" fill="none" stroke="#999" '
                    'stroke-dasharray="4 3"/>')
        body += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2" fill="#999"/>' for x, y in pts]
    for n, s in enumerate(students):
        x, y = point(s["values"].get(px, 0), s["values"].get(py, 0))
        colour = COLOURS[n % len(COLOURS)]
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{colour}">'
                    f"<title>{h(s['name'])}: {h(s['values'].get(px))} / "
                    f"{h(s['values'].get(py))}</title></circle>")
        body.append(f'<text x="{x + 7:.1f}" y="{y + 4:.1f}" font-size="10">'
                    f"{h(s['name'][:16])}</text>")
    return _svg(body, "agreed packages against the Pareto frontier")


def _lines(students: list[dict[str, Any]], meter: str) -> str:
    body = _axes("turn", "0–100")
    turns = max(len(s["trajectories"].get(meter, [])) for s in students)
    for n, s in enumerate(students):
        values = s["trajectories"].get(meter)
        if not values:
            continue
        pts = " ".join(f"{_scale(t, 0, max(turns - 1, 1), PAD, W - 12):.1f},"
                       f"{_scale(v, 0, 100, H - PAD, 12):.1f}" for t, v in enumerate(values))
        body.append(f'<polyline points="{pts}" fill="none" stroke-width="2" '
                    f'stroke="{COLOURS[n % len(COLOURS)]}"><title>{h(s["name"])}</title>'
                    "</polyline>")
    return _svg(body, meter)


def _legend(students: list[dict[str, Any]]) -> str:
    return "<p>" + " ".join(
        f'<span style="color:{COLOURS[n % len(COLOURS)]}">■</span> {h(s["name"])}'
        for n, s in enumerate(students)) + "</p>"


def render(report: dict[str, Any], fmt: str) -> str:
    return {"html": to_html, "md": to_markdown, "csv": to_csv}[fmt](report)
