"""Help: the game's keys, this scenario's phases and outcomes in words, the scoring formula,
the answers and the rulebook (`game/engine/rulebook.py`, data, not a docstring).
Opened with F1 or ? from every screen."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer

from game.tui.base import app_of
from game.tui.commands import COMMANDS, bindings
from game.tui.text import RESPONSE_STYLE
from game.tui.widgets.markdown import MarkdownText

if TYPE_CHECKING:
    from game.format.models import Scenario
    from game.records.session import Session

OUR_KEYS = {b.id for owned in COMMANDS.values() for b in owned if b.id}
"""The game's own commands: Textual's built-in bindings are left out of the help."""


def rules_markdown() -> str:
    """The rulebook, from its data."""
    from game.engine.rulebook import rulebook_markdown

    return rulebook_markdown()


def scenario_markdown(scenario: Scenario) -> str:
    """This scenario's phases (what each requires, in words) and outcomes (when, bonus, cap),
    from its data."""
    from game.engine.wording import say

    out = ["**Phases**, in order (each is reached once its condition holds, checked after "
           "every turn):", ""]
    for n, phase in enumerate(scenario.phases, 1):
        need = "where the talks start" if phase.requires is None else \
            f"reached when {say(phase.requires, scenario)}"
        desc = f" {phase.description.strip()}" if phase.description.strip() else ""
        out.append(f"{n}. **{phase.title}**: {need}.{desc}")
    out += ["", "**Outcomes**, tried in this order when the game ends (the first that holds):",
            ""]
    for outcome in scenario.outcomes:
        when = "otherwise" if outcome.when is None else f"when {say(outcome.when, scenario)}"
        out.append(f"- **{outcome.title}** ({when}): bonus {outcome.bonus:+g}, "
                   f"score at most {outcome.cap:g}.")
    r = scenario.rules
    out += ["", f"The talks last at most {r.turn_limit} turns. A proposal crossing a hard red "
            f"line costs {r.red_line_trust_cost:g} trust; when a package is agreed, each party "
            f"gains {r.accept_trust_gain:g}; an agreement gives {r.agreement_credibility_gain:g} "
            f"credibility and {r.agreement_trust_gain:g} trust between the parties; after "
            f"{r.stall_turns} turns without one, each turn costs {r.stall_cost:g} credibility."]
    return "\n".join(out)


def formula_markdown(session: Session | None, scenario: Scenario | None) -> str:
    from game.engine import game as engine

    out = []
    if session is not None:
        breakdown = engine.score_breakdown(session.state)
        out.append(f"`{breakdown.formula}`")
    else:
        out.append(f"`{engine.FORMULA}`" if hasattr(engine, "FORMULA") else "")
    if scenario is not None:
        w = scenario.scoring
        out += ["", f"Weights in this scenario: trust {w.trust:g}, credibility {w.credibility:g}, "
                f"progress {w.progress:g}, humanitarian {w.humanitarian:g}."]
        r = scenario.rules
        n = len(scenario.issues)
        out += ["", f"Progress is computed from what is agreed now, never accumulated: each of "
                f"the {n} issues counts 100 / {n} = {100 / n:.2f} when settled with an option "
                f"and {r.deferred_progress_share:g} of that when deferred (rounded once, at "
                f"most 100). Example with two issues and a share of 0.5: defer A → 25; settle "
                f"A later → 50, not 75; settle B → 100."]
    return "\n".join(out)


def bindings_markdown(screens: list[Any]) -> str:
    """The game's own keys on these screens and widgets, each with what it does."""
    rows = []
    seen = set()
    for owner in screens:
        for binding in getattr(owner, "BINDINGS", []):
            if not isinstance(binding, Binding) or binding.id not in OUR_KEYS:
                continue
            key = binding.key_display or binding.key
            key = {"question_mark": "?"}.get(key, key)
            if (key, binding.description) in seen:
                continue
            seen.add((key, binding.description))
            rows.append(f"- `{key}` **{binding.description}**: {binding.tooltip}")
    rows.append("- `ctrl+p` **Command palette**: every command above, searchable")
    return "\n".join(rows)


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings("help")

    def __init__(self, below: Any = None) -> None:
        super().__init__()
        self.below = below

    def compose(self) -> ComposeResult:
        app = app_of(self)
        below = self.below
        session = app.session
        try:
            scenario = app.scenario
        except Exception:  # noqa: BLE001 - help must open even without a scenario
            scenario = None
        owners: list[Any] = []
        if below is not None:
            owners.append(below)
            focused = below.focused
            if focused is not None:
                owners.append(focused)
        from game.tui.screens.table import TableScreen
        from game.tui.widgets.composer import Composer

        if isinstance(below, TableScreen):
            owners.append(Composer)
        owners.append(app)
        kinds = "\n".join(f"- **{sym} {label}** (`{kind}`)"
                          for kind, (sym, label, _c) in RESPONSE_STYLE.items())
        this = ["## This scenario", "", scenario_markdown(scenario), ""] \
            if scenario is not None else []
        text = "\n".join([
            "# Help", "",
            "You are the mediator. Each turn, **propose** a framework (a package of terms, "
            "possibly phased), **take an action**, or **pass**. The parties answer by "
            "explicit rules; every answer names its rules and the positions behind them "
            "(press **w** on the table).", "",
            "## Keys", "", bindings_markdown(owners), "",
            *this,
            "## Answers", "", kinds, "",
            "## Scoring", "", formula_markdown(session, scenario), "",
            "## The rules", "", rules_markdown(),
        ])
        with Vertical(id="help-box"):
            with VerticalScroll(id="help-scroll"):
                yield MarkdownText(text, id="help-text")
            yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help-scroll", VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss()
