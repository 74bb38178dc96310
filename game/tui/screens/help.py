"""Help: the rules (from game/engine/rules.py), the scoring formula and the key bindings.
Opened with F1 or ? from every screen."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer

from game.tui.base import app_of
from game.tui.commands import bindings
from game.tui.text import RESPONSE_STYLE
from game.tui.widgets.markdown import MarkdownText

if TYPE_CHECKING:
    from game.format.models import Scenario
    from game.records.session import Session


def rules_markdown() -> str:
    """rules.py's docstring (the one place the rules live), as Markdown."""
    from game.engine import rules

    text = (rules.__doc__ or "").strip()
    out: list[str] = []
    code = False
    for line in text.splitlines():
        if line.rstrip().endswith("::"):
            out.append(line.rstrip()[:-1])
            out.append("")
            out.append("```")
            code = True
            continue
        if code and line.strip() and not line.startswith(" "):
            out.append("```")
            code = False
        out.append(line[4:] if code and line.startswith("    ") else line)
    if code:
        out.append("```")
    return re.sub(r"``([^`]+)``", r"`\1`", "\n".join(out))


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
        bonuses = ", ".join(f"{o.title} {o.bonus:+g} (at most {o.cap:g})"
                            for o in scenario.outcomes)
        out += ["", f"Outcome bonuses and score caps: {bonuses}."]
        r = scenario.rules
        n = len(scenario.issues)
        out += ["", f"Progress is computed from what is agreed now, never accumulated: each of "
                f"the {n} issues counts 100 / {n} = {100 / n:.2f} when settled with an option "
                f"and {r.deferred_progress_share:g} of that when deferred (rounded once, at "
                f"most 100). Example with two issues and a share of 0.5: defer A → 25; settle "
                f"A later → 50, not 75; settle B → 100."]
    return "\n".join(out)


def bindings_markdown(screens: list[Any]) -> str:
    rows = []
    seen = set()
    for owner in screens:
        for binding in getattr(owner, "BINDINGS", []):
            if not isinstance(binding, Binding) or not binding.description:
                continue
            key = binding.key_display or binding.key
            key = {"question_mark": "?", "ctrl+q": "ctrl+q"}.get(key, key)
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
        text = "\n".join([
            "# Help", "",
            "You are the mediator. Each turn, **propose** a framework (a package of terms, "
            "possibly phased), **take an action**, or **pass**. The parties answer by "
            "explicit rules; every answer names its rules and the positions behind them "
            "(press **w** on the table).", "",
            "## Keys", "", bindings_markdown(owners), "",
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
