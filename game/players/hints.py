"""Hints for the tutorial: small proposals that every principal would accept right now.

This looks at the parties' hidden thresholds, which a player does not see; it serves the
guided first game (and tests), never the bots or the normal table.
"""

from __future__ import annotations

from game.engine.game import check_move
from game.engine.moves import Framework, Propose, Term
from game.engine.rules import consents, is_acceptable
from game.engine.state import GameState


def agreeable_single_terms(state: GameState) -> list[Term]:
    """Every one-term proposal that all principals accept and all stakeholders allow now,
    in scenario order."""
    scenario = state.scenario
    turn = state.turn + 1
    out = []
    for issue in scenario.issues:
        for option in issue.options:
            framework = Framework((Term(issue.id, option.id, issue.phase),))
            if check_move(state, Propose(framework)) is not None:
                continue
            if all(is_acceptable(state, p, framework, turn) for p in scenario.principals) and all(
                    c.given for c in consents(state, framework, turn)):
                out.append(framework.terms[0])
    return out
