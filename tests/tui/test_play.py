"""Pilot tests: whole games played through key presses and clicks, asserting on what the
screen shows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from textual.widgets import Collapsible, OptionList, Static

from game.engine.explain import explain
from game.format.loader import load_scenario
from game.tui import saves
from game.tui.screens.briefing import BriefingScreen
from game.tui.screens.debrief import DebriefScreen
from game.tui.screens.help import HelpScreen
from game.tui.screens.new_game import NewGameScreen
from game.tui.screens.table import TableScreen
from game.tui.widgets.actions import ActionBar
from game.tui.widgets.composer import Composer
from tests.tui.conftest import MINI, REAL
from tests.tui.helpers import flat, ready, text_in

BIG = (120, 40)


async def to_table(pilot: Any) -> None:
    """From the briefing to the table."""
    await ready(pilot)
    assert isinstance(pilot.app.screen, BriefingScreen)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, TableScreen)


async def set_option(pilot: Any, issue: str, option: str) -> None:
    """Move the composer to `issue` and press right until `option` is chosen."""
    composer = pilot.app.screen.query_one(Composer)
    composer.focus()
    ids = [i.id for i in composer.scenario.issues]
    while composer.highlighted != ids.index(issue):
        await pilot.press("down" if composer.highlighted < ids.index(issue) else "up")
    for _ in range(10):
        term = composer.terms[issue]
        if term is not None and term.option == option:
            return
        await pilot.press("right")
    raise AssertionError(f"option {option} not reached")


def scenario_shown(app: Any) -> str:
    """The title of the scenario highlighted in the new-game screen's list."""
    scenarios = app.screen.query_one("#scenarios", OptionList)
    return str(scenarios.get_option_at_index(scenarios.highlighted).prompt)


async def until(pilot: Any, condition: Any, what: str) -> None:
    """Wait for something a worker thread brings (bounded: 1,000 short pauses, so a busy
    machine does not fail it)."""
    for _ in range(1000):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"never happened: {what}")


async def take_action(pilot: Any, action_id: str) -> None:
    await pilot.press("a")
    bar = pilot.app.screen.query_one(ActionBar)
    for _ in range(30):
        if bar.highlighted is not None and bar.get_option_at_index(bar.highlighted).id == action_id:
            break
        await pilot.press("down")
    else:
        raise AssertionError(f"action {action_id} not reachable")
    await pilot.press("enter")
    await pilot.pause()


async def test_new_game_by_click(new_app: Any) -> None:
    app = new_app(seed=42)
    async with app.run_test(size=BIG) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, NewGameScreen)
        text = flat(app)
        scenario = load_scenario(REAL)
        # The default scenario is chosen: its title highlighted, its summary beside it.
        assert scenario_shown(app) == scenario.meta.title
        assert scenario.meta.summary.split(",")[0] in text
        for mediator in scenario.mediators:
            assert mediator.name in text
        assert "Trust in you" in text and "Tools" in text
        assert app.screen.query_one("#seed").value == "42"
        await pilot.press("tab", "down")  # from the scenarios to the roles: the second role
        await pilot.click("#start")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        assert app.session.mediator == scenario.mediators[1].id
        assert app.session.seed == 42
        briefing = app.screen.query_one("#briefing-text").source
        assert f"Your role: {scenario.mediators[1].name}" in briefing
        assert "Public positions" in briefing and "Red lines" in briefing
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TableScreen)
        assert f"Turn 1 of {scenario.rules.turn_limit}" in flat(app)


async def test_rejected_comprehensive_proposal_shows_reasons(new_app: Any) -> None:
    app = new_app(scenario_path=REAL, mediator="un", seed=7)
    async with app.run_test(size=BIG) as pilot:
        await to_table(pilot)
        await set_option(pilot, "ceasefire", "full_ceasefire")
        await set_option(pilot, "territory", "full_restoration")
        await set_option(pilot, "annexation", "no_recognition")
        await set_option(pilot, "nato", "membership_track")
        assert "4 terms ready" in flat(app)
        await pilot.press("s")
        await pilot.pause()
        result = app.session.results[-1]
        kinds = {r.party: r.kind for r in result.responses}
        assert "accept" not in kinds.values() and not result.agreed
        text = flat(app)
        assert "Russia" in text and "Rejects" in text and "Turn 1" in text
        assert "why?" in text
        # Each answer starts with one line: its verdict and the main cause, in words.
        assert "Russia: ✘ Rejects — crosses its hard red line on" in text
        # The reasons are folded until asked for.
        assert "cited:" not in text
        await pilot.press("w")
        await pilot.pause()
        text = flat(app)
        assert "▼ why?" in text and "•" in text
        # Every answer of the turn is unfolded; its rules and citations are the engine's.
        why = list(app.screen.query(".why.latest").results(Collapsible))
        assert len(why) == len(result.responses) and not any(c.collapsed for c in why)
        shown = " ".join(str(w.content) for c in why for w in c.query(".reasons").results(Static))
        assert "hard red line" in shown and "cited:" in shown
        # In plain words, with the scenario's names: no rule ids, no condition syntax.
        before = app.session.states[-2]
        for response in result.responses:
            answer = explain(before, response, result.move.framework)
            assert all(" ".join(d.split()) in " ".join(shown.split()) for d in answer.details)
            assert not any(reason.rule in shown for reason in response.reasons)
        # After a pass (a turn without answers), w still explains the latest answers.
        await pilot.press("w")
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert not any(c.collapsed for c in why)


async def test_humanitarian_action(new_app: Any) -> None:
    app = new_app(scenario_path=REAL, mediator="un", seed=3)
    async with app.run_test(size=BIG) as pilot:
        await to_table(pilot)
        before = app.session.state.meters["humanitarian"]
        await take_action(pilot, "humanitarian_coordination")
        assert app.session.state.turn == 1
        assert app.session.state.meters["humanitarian"] > before
        text = flat(app)
        assert "You used: Humanitarian coordination" in text
        assert "Turn 2 of" in text
        # The action is now on cooldown: shown, greyed, with the reason in words.
        assert "cooldown" in text
        await pilot.press("2")  # the ledger
        await pilot.pause()
        text = flat(app)
        assert "Humanitarian" in text and "because" in text


async def test_ceasefire_agreed(new_app: Any) -> None:
    app = new_app(scenario_path=MINI, mediator="league", seed=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await to_table(pilot)
        await set_option(pilot, "ceasefire", "monitored")
        await pilot.press("enter", "enter")  # enter twice in the composer proposes too
        await pilot.pause()
        assert "ceasefire" in app.session.state.agreed
        text = flat(app)
        assert "✓ Agreed: Ceasefire: Monitored ceasefire" in text
        assert "◉ Ceasefire" in text
        assert "✔ Accepts" in text
        # The agreed issue left the composer; it is shown as agreed.
        assert app.screen.query_one(Composer).terms["ceasefire"] is None
        assert "✓ agreed: Monitored ceasefire" in text


async def test_debrief_and_exports(new_app: Any, tmp_path: Path) -> None:
    app = new_app(scenario_path=MINI, mediator="league", seed=1)
    async with app.run_test(size=(100, 40)) as pilot:
        await to_table(pilot)
        await set_option(pilot, "ceasefire", "monitored")
        await pilot.press("s")
        limit = app.session.scenario.rules.turn_limit
        for _ in range(limit):
            await pilot.press("n")
        await pilot.pause()
        assert app.session.over
        assert "GAME OVER" in flat(app)
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        text = flat(app)
        assert "Ceasefire only" in text
        assert "Score:" in text and "× credibility" in text and "= score" in text
        assert "Meters over the game" in text
        await pilot.press("j")
        await pilot.pause()
        exported = list(Path.cwd().glob("*.json"))
        assert len(exported) == 1
        data = json.loads(exported[0].read_text())
        assert data["seed"] == 1
        for key in ("m", "h"):
            await pilot.press(key)
            await pilot.pause()
        # The hidden data is revealed further down.
        debrief = app.screen.query_one("#debrief")
        debrief.scroll_end(animate=False)
        await pilot.pause()
        rest = app.screen.query_one("#debrief-rest")
        assert "What the parties were hiding" in rest.source
        assert "Walk-away level" in rest.source
        assert "Turning points" in rest.source


async def test_save_and_continue(new_app: Any, isolated: Path) -> None:
    app = new_app(scenario_path=REAL, mediator="turkey", seed=11)
    async with app.run_test(size=BIG) as pilot:
        await to_table(pilot)
        await pilot.press("n")
        await set_option(pilot, "humanitarian", "prisoner_exchange")
        await pilot.press("s")
        await pilot.pause()
        assert app.session.state.turn == 2
    assert saves.autosave_path().is_file()
    again = new_app(resume=True)
    async with again.run_test(size=BIG) as pilot:
        await ready(pilot)
        assert isinstance(again.screen, TableScreen)
        assert again.session.state.turn == 2
        assert again.session.mediator == "turkey"
        text = flat(again)
        assert "Turn 3 of" in text
        assert "Turn 2 · You proposed: Humanitarian measures" in text


async def test_corrupt_save_is_set_aside(new_app: Any, isolated: Path) -> None:
    path = saves.autosave_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{ this is not a game", encoding="utf-8")
    app = new_app(resume=True, seed=5)
    async with app.run_test(size=BIG, notifications=True) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, NewGameScreen)
        assert not path.exists()
        assert (path.parent / "autosave.json.bad").exists()
        assert "autosave.json.bad" in flat(app)


async def test_resize_to_80x24(new_app: Any) -> None:
    app = new_app(scenario_path=REAL, mediator="eu", seed=2)
    async with app.run_test(size=(160, 50)) as pilot:
        await to_table(pilot)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        text = flat(app)
        for needed in ("Turn 1 of", "Meters", "Credibility", "Ukraine→you", "Russia→you",
                       "Framework", "Actions", "Responses", "Ledger", "Propose"):
            assert needed in text, needed
        await set_option(pilot, "humanitarian", "prisoner_exchange")
        await pilot.press("s")
        await pilot.pause()
        assert "Accepts" in flat(app)


async def test_help_from_every_screen(new_app: Any) -> None:
    app = new_app(scenario_path=MINI, seed=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        for screen_type in (NewGameScreen, BriefingScreen, TableScreen):
            assert isinstance(app.screen, screen_type)
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            text = app.screen.query_one("#help-text").source
            assert "score = " in text and "Acceptance: four tests." in text and "`f1`" in text
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, screen_type)
            # new game -> briefing -> table
            await pilot.press("ctrl+s" if screen_type is NewGameScreen else "enter")
            await pilot.pause()


async def test_tutorial_steps(new_app: Any) -> None:
    app = new_app(scenario_path=MINI, mediator="league", seed=1, tutorial=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await to_table(pilot)
        assert "Tutorial 1/6" in flat(app)
        await pilot.press("t")
        await pilot.press("t")
        assert "Tutorial 3/6" in flat(app)
        assert "Tip:" in flat(app)  # the engine's opening hint, or why there is none
        await set_option(pilot, "ceasefire", "monitored")
        await pilot.press("s")
        await pilot.pause()
        assert "Tutorial 4/6" in flat(app)  # moved on by itself after the proposal
        await pilot.press("escape")
        await pilot.pause()
        assert "Tutorial" not in flat(app)


async def test_tutorial_tip_names_an_acceptable_first_step(new_app: Any) -> None:
    app = new_app(mediator="turkey", seed=1, tutorial=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await to_table(pilot)
        await pilot.press("t", "t")
        await pilot.pause()
        assert "Tip: try Humanitarian measures: All-for-all prisoner exchange" in flat(app)


async def test_every_binding_is_in_the_command_palette(new_app: Any) -> None:
    app = new_app(scenario_path=MINI, mediator="league", seed=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await to_table(pilot)
        await set_option(pilot, "water", "equal")
        titles = {command.title for command in app.get_system_commands(app.screen)}
        for needed in ("Help", "Propose", "Why?", "Pass", "Briefing", "Actions",
                       "Action: Facilitate dialogue", "Action: Consult a party → North Valley",
                       "Phase", "Defer", "Remove"):
            assert needed in titles, needed
        assert "Debrief" not in titles  # not possible before the end
        # a widget's command from the palette acts like its key: Phase moves the term on
        composer = app.screen.query_one(Composer)
        before = composer.terms["water"]
        phase = next(c for c in app.get_system_commands(app.screen) if c.title == "Phase")
        await phase.callback()
        await pilot.pause()
        after = composer.terms["water"]
        assert before is not None and after is not None and after.phase != before.phase


async def test_debrief_shows_the_best_plan(new_app: Any) -> None:
    app = new_app(scenario_path=MINI, mediator="league", seed=1, analysis=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await to_table(pilot)
        for _ in range(app.session.scenario.rules.turn_limit):
            await pilot.press("n")
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        plan = app.screen.query_one("#best-plan", Static)
        for _ in range(200):
            if "best plan found" in str(plan.content):
                break
            await pilot.pause(0.05)
        assert "best plan found" in str(plan.content)
        assert "you scored" in str(plan.content)


async def test_a_broken_scenario_is_reported_not_crashed(new_app: Any, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("meta:\n  id: Not An Id\n", encoding="utf-8")
    app = new_app(scenario_path=broken)
    async with app.run_test(size=BIG) as pilot:
        for _ in range(200):
            if app.return_value is not None:
                break
            await pilot.pause(0.05)
    assert app.return_value == 1
    assert app.problem is not None and "broken.yaml" in app.problem


async def test_distrust_refusal_shows_the_trust_gate_and_its_citation(new_app: Any) -> None:
    """As the United States, substance put to Moscow is refused for distrust, and why? says
    so with the documented behaviour behind it."""
    app = new_app(scenario_path=REAL, mediator="us", seed=1)
    async with app.run_test(size=BIG) as pilot:
        await to_table(pilot)
        await set_option(pilot, "foreign_troops", "training_only")
        await pilot.press("s")
        await pilot.pause()
        result = app.session.results[-1]
        russia = next(r for r in result.responses if r.party == "russia")
        assert russia.kind == "reject" and russia.counter is None
        # One line says why, before any "why?" is opened.
        log = app.screen.query_one("#response-log")
        assert ("Russia: ✘ Rejects — it takes no substance from a mediator it trusts this "
                "little; far short") in text_in(app, log)
        await pilot.press("w")
        await pilot.pause()
        why = list(app.screen.query(".why.latest").results(Collapsible))
        shown = " ".join(str(w.content) for c in why for w in c.query(".reasons").results(Static))
        assert "Russia accepts no substantive term" in shown and "trust_gate" not in shown
        assert "accusations of bias" in shown  # Russia's documented behaviour, cited
