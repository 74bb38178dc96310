"""The rulebook in plain words, as data: what `rules.py` and `game.py` do, one entry per rule,
each with the research finding it follows where there is one. The help screen renders it
(with this scenario's phases, outcomes and numbers beside it), and the README's "How the
parties decide" states the same rules under the same titles (a test keeps the two in step).

Words, not code: no parameter names, no formulas beyond the two a player needs."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rule:
    title: str  # as in the README's rulebook, in bold
    text: str  # Markdown, one paragraph
    research: str = ""  # the finding the rule follows, if any


RULEBOOK: tuple[Rule, ...] = (
    Rule("Value: a proposal is judged on its own terms.",
         "Each principal values the terms on the table, never those agreed before: the "
         "weighted mean of what each term is worth to it (the weights say how much each issue "
         "matters; a deferred issue counts at its deferred value). Terms in one package can be "
         "traded against each other, but a deal banked earlier does not pay for a later "
         "concession."),
    Rule("Acceptance: four tests.",
         "A principal accepts when (1) no term crosses one of its red lines, except soft lines "
         "whose condition holds now; (2) if a term is substantive, its trust in you is at least "
         "the level at which it takes substance from a mediator; (3) every linkage it holds is "
         "met (if term X is in the package, term Y must be too); (4) the package is worth at "
         "least its walk-away level, what it believes it gets without a deal.",
         "A mediator close to one side can deliver that side, while the other discounts what "
         "it offers (Kydd, 2003)."),
    Rule("Answers.",
         "Acceptable: it accepts, or accepts with reservations when the margin is thin or a "
         "soft line had to move. Not acceptable: it walks out if its trust in you is very low "
         "and a hard line is crossed; stays silent if its trust is low; rejects without a "
         "counter-proposal if it does not trust you enough for substance; otherwise it "
         "counter-proposes the smallest change it would accept (fewest terms altered), or "
         "rejects when there is none. Agreed options are locked."),
    Rule("Consent.",
         "A term that a stakeholder must consent to is agreed only with its consent: given when "
         "you play that stakeholder, or while its stated condition holds. A package is agreed "
         "when every principal accepts and every consent is given."),
    Rule("Ripeness takes time",
         "Some conditions must hold for several turns in a row (a lasting stalemate, trust that "
         "has held), and some need an agreement to have held for a while before anything "
         "builds on it.",
         "Parties move when both perceive a mutually hurting stalemate and a way out offered "
         "by someone they trust (Zartman, 1985)."),
    Rule("Leverage fades and has a price.",
         "Effects may last only a few turns; a walk-away level pushed down comes back unless "
         "the cost is sustained. Repeating an action on the same party within a short window "
         "can provoke a backlash, and pressure costs trust with the side pressed."),
    Rule("Ceasefires can fail",
         "Events may break an agreement: an unmonitored or unguaranteed truce, or one signed "
         "under pressure, is more likely to collapse, and a collapse takes back what rested on "
         "it.",
         "Commitment problems (Fearon, 1995; Walter, 2002); leverage buys signatures, not "
         "durable peace (Beardsley, 2011)."),
    Rule("No farming.",
         "Each repeat of an action does less, and so do actions of the same kind; each outcome "
         "caps the score, so meters pumped by cheap actions cannot lift a poor outcome."),
    Rule("General rules",
         "Crossing a principal's hard red line costs its trust in you; when a package is "
         "agreed, each party trusts you a little more (a package only one side accepts wins "
         "nothing: repeating one side's position is taking sides); an agreement that "
         "settles a term raises your credibility and the parties' trust in each other (less "
         "with each later agreement); talks "
         "without a new agreement for several turns cost credibility each turn. Meters run "
         "from 0 to 100."),
    Rule("Progress",
         "Computed from what is agreed now, never accumulated: each issue settled with an "
         "option counts its share of 100, a deferred issue a part of that share; a broken "
         "agreement takes its share back."),
    Rule("What is hidden.",
         "Public: positions, statements, each red line's options, kind and reason. Hidden until "
         "a consultation reveals them: soft lines' conditions, linkages, option values and "
         "weights, the walk-away level, behaviour thresholds. The debrief and the exports "
         "reveal everything."),
    Rule("The game ends",
         "On a walk-out, when your credibility reaches 0, when every issue is settled with an "
         "option, or at the turn limit. The first outcome whose condition holds then is the "
         "result; the conditions look at what still holds at the end."),
)


def rulebook_markdown() -> str:
    """The rulebook as Markdown: one paragraph per rule, its research finding in italics."""
    out = []
    for rule in RULEBOOK:
        research = f" *{rule.research}*" if rule.research else ""
        title = rule.title if rule.title.endswith(".") else rule.title + ":"
        out += [f"**{title}** {rule.text}{research}", ""]
    return "\n".join(out).rstrip() + "\n"


__all__ = ["RULEBOOK", "Rule", "rulebook_markdown"]
