"""Markdown renderings of what the player knows (briefing) or of everything (debrief)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.engine.knowledge import hidden_info, known_info

if TYPE_CHECKING:
    from game.format.models import Scenario

__all__ = ["hidden_info", "known_info", "md_escape", "reading"]


def md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def reading(scenario: Scenario, text: str) -> str:
    """'issue=option or issue=option2' -> 'Issue: Option or Option2' (labels, not ids)."""
    parts = []
    for chunk in text.split(" or "):
        issue_id, _, option_id = chunk.partition("=")
        deferred = issue_id.endswith(" deferred")
        issue_id = issue_id.removesuffix(" deferred")
        try:
            issue = scenario.issue(issue_id)
        except KeyError:
            parts.append(chunk)
            continue
        if deferred:
            parts.append(f"{issue.title}: deferred")
        elif option_id:
            label = next((o.label for o in issue.options if o.id == option_id), option_id)
            parts.append(f"{issue.title}: {label}")
        else:
            parts.append(f"{issue.title}: any option")
    return " or ".join(parts)


def cite_md(scenario: Scenario, cite: Any) -> str:
    if cite is None:
        return ""
    try:
        title = scenario.source(cite.source).title
    except KeyError:
        title = cite.source
    return f" — *{md_escape(cite.words)}* ({md_escape(title)})"


def party_markdown(scenario: Scenario, info: Any, everything: bool = False) -> str:
    out = [f"### {info.name}", ""]
    if info.description:
        out += [info.description, ""]
    if info.positions:
        out.append("**Public positions**")
        out.append("")
        for pos in info.positions:
            out.append(f"- {md_escape(pos.text)}{cite_md(scenario, pos.cite)}")
        out.append("")
    if info.red_lines:
        out.append("**Red lines**")
        out.append("")
        for line in info.red_lines:
            kind = "HARD" if line.kind == "hard" else "soft"
            terms = "; ".join(reading(scenario, o) for o in line.options)
            text = f"- [{kind}] {md_escape(terms)}: {md_escape(line.reason)}"
            if line.kind == "soft":
                text += (f" *(moves when: {md_escape(line.condition)})*" if line.condition
                         else " *(can move under conditions: consult to learn them)*")
            out.append(text + cite_md(scenario, line.cite))
        out.append("")
    if info.linkages is not None:
        out.append("**Linkages**")
        out.append("")
        out += [f"- {md_escape(link)}" for link in info.linkages] or ["- none"]
        out.append("")
    if info.walkaway is not None:
        out += [f"**Walk-away level:** {info.walkaway} (a package must be worth at least this)", ""]
    elif not everything:
        out += ["**Walk-away level:** unknown (consult this party to learn it)", ""]
    if info.values is not None:
        out += ["**What each option is worth to it** (issue weight in brackets)", "",
                "| Issue | Option | Value |", "|---|---|---|"]
        for issue in scenario.issues:
            values = info.values.get(issue.id, {})
            weight = (info.weights or {}).get(issue.id)
            for n, option in enumerate(issue.options):
                head = f"{issue.title} [{weight:g}]" if n == 0 and weight is not None else ""
                value = values.get(option.id)
                out.append(f"| {md_escape(head)} | {md_escape(option.label)} | "
                           f"{'' if value is None else f'{value:g}'} |")
        out.append("")
    if info.behaviour is not None:
        b = info.behaviour
        out += [f"**Behaviour:** silent below trust {b.silence_below:g}; walks out below "
                f"{b.walk_out_below:g} on a hard red line; reservations within "
                f"{b.reservations_margin:g} of its walk-away; counters change at most "
                f"{b.max_counter_changes} terms.", ""]
    return "\n".join(out)


def meters_explained(scenario: Scenario) -> str:
    """The meters, explained for this scenario (its phases, its own words)."""
    phases = " › ".join(p.title for p in scenario.phases)
    return f"""\
| Meter | What it means |
|---|---|
| **X→you** (trust) | How much that party trusts you, the mediator. Low trust: silence, \
then walk-outs. |
| **X→Y** | How much one party trusts the other. Agreements raise it. |
| **Credibility** | Your standing as a mediator. Stalled talks cost credibility. |
| **Progress** | Issues settled and phases reached ({md_escape(phases)}). |
| **Humanitarian** | Relief for the people caught in the dispute, from the measures agreed \
and the actions taken. |

Every change is written in the **ledger** with its cause. Arrows show the last change
(▲ up, ▼ down) and the sparkline shows the trend over the game.
"""
