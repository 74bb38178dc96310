"""Briefing: the scenario (Markdown), each party's public positions and known red lines,
your role, and the meters explained."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.widgets import Button, Footer, Header

from game.engine.explain import consent_rules
from game.tui.base import GameScreen
from game.tui.commands import bindings
from game.tui.partyinfo import known_info, meters_explained, party_markdown
from game.tui.screens.help import scenario_markdown
from game.tui.text import party_name
from game.tui.widgets.actions import cost_text, effects_text
from game.tui.widgets.markdown import MarkdownText

if TYPE_CHECKING:
    from game.records.session import Session


def briefing_markdown(session: Session) -> str:
    scenario = session.scenario
    state = session.state
    mediator = scenario.mediator(state.mediator)
    out = [scenario.meta.briefing.strip(), "", f"## Your role: {mediator.name}", ""]
    if mediator.description:
        out += [mediator.description, ""]
    out.append("Trust in you at the start: " + ", ".join(
        f"{party_name(scenario, p)} {v:g}" for p, v in mediator.standing.items())
        + f". Credibility {mediator.credibility:g}. "
        f"The talks last at most {scenario.rules.turn_limit} turns.")
    out += ["", "**Your tools:**", ""]
    for action_id in mediator.actions:
        action = scenario.action(action_id)
        desc = f": {action.description or effects_text(scenario, action)}"
        out.append(f"- **{action.title}** ({action.kind}; cost: {cost_text(scenario, action)})"
                   f"{desc}")
    out += ["", "## The parties", ""]
    for party in scenario.principals:
        out.append(party_markdown(scenario, known_info(state, party.id)))
    stakeholders = scenario.stakeholders
    if stakeholders:
        out += ["## Stakeholders", ""]
        for party in stakeholders:
            line = f"- **{party.name}**"
            if party.description:
                line += f": {party.description}"
            out.append(line)
            for rule in consent_rules(scenario, party.id):
                yours = " (You are its mediator: you give it.)" if party.id == mediator.id else ""
                out.append(f"    - {rule.sentence} {rule.reason}{yours}")
        out.append("")
    out += ["## Phases and outcomes", "", scenario_markdown(scenario), ""]
    out += ["## The meters", "", meters_explained(scenario)]
    return "\n".join(out)


class BriefingScreen(GameScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings("briefing")

    def __init__(self, first_time: bool = False) -> None:
        super().__init__()
        self.first_time = first_time

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="briefing"):
            yield MarkdownText(briefing_markdown(self.session), id="briefing-text")
            yield Button("To the table ▶", id="to-table", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"Briefing — {self.session.scenario.meta.title}"
        self.query_one("#briefing", VerticalScroll).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "to-table":
            self.action_to_table()

    def action_to_table(self) -> None:
        app = self.game_app
        if self.first_time:
            app.show_game_screen()
        else:
            self.dismiss()
