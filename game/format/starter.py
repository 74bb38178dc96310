"""The starter scenario of `mediator new`: minimal, commented, valid, strict-lint clean and
playable (a deal exists: a truce plus the compromise, once a guarantee moves a soft line)."""

from __future__ import annotations

import re
import string

MIN_PARTIES = 2
MAX_PARTIES = 6


def scenario_id(title: str) -> str:
    """An id from a title: 'Harbour strike 2024' -> 'harbour_strike_2024'."""
    words = re.findall(r"[a-z0-9]+", title.lower())
    slug = "_".join(words)[:60].strip("_")
    if not slug or not slug[0].isalpha():
        slug = "scenario_" + slug if slug else "scenario"
    return slug


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def starter_scenario(title: str, parties: int = 2) -> str:
    """YAML text of a starter scenario with `parties` principals (2-6)."""
    if not MIN_PARTIES <= parties <= MAX_PARTIES:
        raise ValueError(f"--parties must be between {MIN_PARTIES} and {MAX_PARTIES}")
    ids = [f"party_{letter}" for letter in string.ascii_lowercase[:parties]]
    names = [f"Party {letter}" for letter in string.ascii_uppercase[:parties]]
    claimant, others = names[0], ", ".join(names[1:])
    out = [
        "# yaml-language-server: $schema=scenario.schema.json",
        f"# {title}: a starter scenario written by `mediator new`. Rename the parties, the",
        "# issues and the options, put your sources in meta.sources and cite them, then:",
        "#   mediator validate --strict FILE   # errors, and what can never happen",
        "#   mediator analyze FILE             # is it winnable, and how?",
        "#   mediator bots FILE --games 50     # playtest with the bots",
        "# Every field is described in scenarios/README.md (`mediator schema --guide`).",
        "meta:",
        f"  id: {scenario_id(title)}",
        f"  title: {_quote(title)}",
        '  version: "0.1"',
        f"  summary: {_quote(f'{claimant} claims what {others} will not give up; you mediate.')}",
        "  briefing: |",
        f"    **{claimant}** wants its full claim; **{others}** will not hear of it.",
        "    A truce comes first; the core dispute can be settled or frozen for later.",
        "  sources:  # what citations point to: replace with your real sources",
        "    - {id: notes, title: Author's notes, reference: replace with a reference or URL}",
        "",
        "# Phases are reached in order, each once its `requires` holds (checked after every",
        "# turn). The first one needs no condition.",
        "phases:",
        "  - {id: talks, title: Talks}",
        "  - id: truce",
        "    title: Truce",
        "    requires: {agreed: {issue: truce, option: signed}}",
        "  - id: settlement",
        "    title: Settlement",
        "    requires:",
        "      all:",
        "        - agreed: {issue: truce, option: signed}",
        "        - agreed: {issue: core, deferred: false}  # settled with an option, not frozen",
        "",
        "# Issues: what is on the table, with ordered options; `phase` is the earliest phase a",
        "# term on it may be placed in.",
        "issues:",
        "  - id: truce",
        "    title: Truce",
        "    phase: truce",
        "    options:",
        "      - {id: none, label: No truce}",
        "      - id: signed",
        "        label: Truce signed",
        "        effects_when_agreed: [{meter: humanitarian, delta: 20}]",
        "  - id: core",
        "    title: The core dispute",
        "    phase: settlement",
        "    deferrable: true  # may be frozen for later: a phased agreement",
        "    options:",
        "      - {id: status_quo, label: Status quo}",
        "      - {id: compromise, label: A compromise}",
        f"      - {{id: full_claim, label: {_quote(claimant + chr(39) + 's full claim')}}}",
        "",
        "# Principals negotiate: a weight and a 0-100 value per option of every issue, red",
        "# lines (hard, or soft with the condition that moves them), linkages, a walk-away",
        "# level (a package worth less is refused) and trust in each other principal.",
        "parties:",
    ]
    for n, (pid, name) in enumerate(zip(ids, names, strict=True)):
        trust = ", ".join(f"{other}: 30" for other in ids if other != pid)
        out += [
            f"  - id: {pid}",
            f"    name: {name}",
            "    role: principal",
            "    positions:  # public, shown in the briefing",
        ]
        if n == 0:
            out += [
                "      - id: a_claim",
                "        text: The claim is ours by right.",
                "        cite: {source: notes, quote: \"ours by right\"}",
                "    stakes:",
                "      truce: {weight: 1, values: {none: 40, signed: 60}}",
                "      core: {weight: 2, values: {status_quo: 20, compromise: 60, "
                "full_claim: 100}}",
                "    red_lines:",
                "      - id: a_no_status_quo",
                "        kind: hard  # never accepted",
                "        options: [{issue: core, option: status_quo}]",
                "        reason: The status quo is what started this.",
                "        cite: {source: notes, quote: \"not the status quo\"}",
                "    linkages:",
                "      - id: a_truce_needs_core",
                "        if: {issue: truce, option: signed}",
                "        requires: {issue: core}  # settled or deferred, in the same package",
                "        reason: No truce without the core dispute on the table.",
                "    walkaway: {base: 50, min: 30, max: 80}",
                f"    trust: {{{trust}}}",
                "    statements:  # made once, when `when` holds (no `when`: on turn 1)",
                "      - id: a_expects_nothing",
                "        when: {turn: {eq: 1}}",
                "        text: We come to the table, but we expect nothing.",
                "        cite: {source: notes, quote: \"we expect nothing\"}",
            ]
        else:
            out += [
                f"      - id: {pid}_status",
                "        text: Nothing will be taken from us.",
                "        cite: {source: notes, quote: \"nothing will be taken\"}",
                "    stakes:",
                "      truce: {weight: 1, values: {none: 30, signed: 70}}",
                "      core: {weight: 2, values: {status_quo: 80, compromise: 55, full_claim: 0}}",
                "    red_lines:",
                f"      - id: {pid}_no_full_claim",
                "        kind: hard",
                "        options: [{issue: core, option: full_claim}]",
                f"        reason: {_quote(f'{claimant} will not have its full claim.')}",
                "        cite: {source: notes, quote: \"out of the question\"}",
                f"      - id: {pid}_compromise_needs_guarantee",
                "        kind: soft  # lifted while `moves_when` holds",
                "        options: [{issue: core, option: compromise}]",
                "        moves_when: {flag: guarantee_offered}",
                "        reason: A compromise only with a guarantee that it will be kept.",
                "        cite: {source: notes, quote: \"only with a guarantee\"}",
                "    walkaway: {base: 50, min: 30, max: 80}",
                f"    trust: {{{trust}}}",
                "    behaviour: {silence_below: 20, walk_out_below: 5}",
            ]
    standing = ", ".join(f"{pid}: 50" for pid in ids)
    targets = ", ".join(ids)
    out += [
        "",
        "# The player's role(s): standing is each principal's initial trust in the mediator.",
        "mediators:",
        "  - id: facilitator",
        "    name: The facilitator",
        f"    standing: {{{standing}}}",
        "    credibility: 60",
        "    actions: [consult, dialogue, pressure, guarantee]",
        "",
        "actions:",
        "  - id: consult",
        "    title: Private consultation",
        "    kind: consultation",
        f"    targets: [{targets}]",
        "    cooldown: 1  # turns before it may be used again",
        "    effects: [{reveal: {party: target, what: [walkaway, red_lines]}}]",
        "  - id: dialogue",
        "    title: Facilitate dialogue",
        "    kind: dialogue",
        "    diminishing: 0.5  # each repeat has half the effect",
        f"    targets: [{targets}]",
        "    effects: [{meter: trust.target, delta: 4}, {meter: trust.target.others, delta: 3}]",
        "  - id: pressure",
        "    title: Apply pressure",
        "    kind: pressure",
        f"    targets: [{targets}]",
        "    cost: {credibility: 3}",
        "    effects: [{meter: walkaway.target, delta: -5, lasts: 3}, "
        "{meter: trust.target, delta: -3}]",
        "  - id: guarantee",
        "    title: Offer a guarantee",
        "    kind: guarantee",
        "    cost: {credibility: 5}",
        "    requires: {not: {flag: guarantee_offered}}",
        "    effects: [{set_flag: guarantee_offered}]",
        "",
        "# Events are checked at the end of each turn, in file order; `chance` is seeded.",
        "events:",
        "  - id: hard_winter",
        "    trigger: {all: [{turn: {gte: 3}}, {chance: 0.3}]}",
        "    text: A hard winter makes the status quo costlier for everyone.",
        f"    effects: [{{meter: walkaway.{ids[0]}, delta: -5}}, "
        f"{{meter: walkaway.{ids[1]}, delta: -5}}]",
        "",
        "# Outcomes are tried in order; the last one (no `when`) applies otherwise.",
        "outcomes:",
        "  - id: breakdown",
        "    title: Breakdown",
        "    when: {any: [{ended: walk_out}, {ended: credibility}]}",
        "    bonus: -10",
        "  - {id: settlement, title: Settlement, when: {phase_reached: settlement}, bonus: 30}",
        "  - {id: truce_only, title: Truce only, when: {phase_reached: truce}, bonus: 10}",
        "  - {id: frozen_conflict, title: Frozen conflict}",
        "",
        "rules: {turn_limit: 10}",
    ]
    return "\n".join(out) + "\n"
