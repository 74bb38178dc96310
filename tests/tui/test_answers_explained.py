"""Answers that teach, on the table (Pilot): a one-line answer in numbers after a
consultation and in words before it, a notice when a stakeholder withholds consent, the
composer's look-ahead, and why an agreed term cannot be reopened."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Collapsible, Static

from game.tui.widgets.composer import Composer
from game.tui.widgets.responses import ResponseLog
from tests.tui.conftest import MINI, REAL
from tests.tui.helpers import text_in
from tests.tui.test_play import set_option, to_table

SIZES = [(120, 40), (80, 24)]  # issue 11: each of these must work at 80x24 too


def _squash(text: str) -> str:
    """Screen text with borders and line wrapping taken out (80 columns wrap long lines)."""
    return " ".join(text.replace("│", " ").replace("▌", " ").split())


def _toasts(app: Any) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_an_answer_starts_with_one_line_in_numbers_once_consulted(
        new_app: Any, size: tuple[int, int]) -> None:
    app = new_app(scenario_path=MINI, mediator="elder", seed=1)
    async with app.run_test(size=size) as pilot:
        await to_table(pilot)
        await set_option(pilot, "ceasefire", "none")
        await pilot.press("s")
        await pilot.pause()
        log = app.screen.query_one(ResponseLog)
        # Not consulted: how far off in words, never a hidden number.
        assert ("North Valley: ↺ Counter-proposes — far short; the Ceasefire term costs it "
                "most") in text_in(app, log)
        await app.screen.take("consult", "north")
        await pilot.pause()  # the parties answer in a thread
        await set_option(pilot, "ceasefire", "none")
        await pilot.press("s")
        await pilot.pause()
        shown = text_in(app, log)
        assert ("North Valley: ↺ Counter-proposes — 20 points short; the Ceasefire term costs "
                "it most") in shown
        assert "South Valley: ↺ Counter-proposes — far short" in shown
        # The "why?" of the consulted party has the numbers and each term's share.
        await pilot.press("w")
        await pilot.pause()
        why = list(log.query(".why.latest").results(Collapsible))
        north = " ".join(str(s.content) for s in why[0].query(".reasons").results(Static))
        assert "• Worth 30 to North Valley, against the 50 it expects without a deal: 20 " \
               "points short." in north
        assert "• Term by term (points for or against a deal): Ceasefire: No ceasefire -20" \
               in north
        assert "red_line:" not in north and "walkaway" not in north


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_a_withheld_consent_is_a_notice_and_a_line(
        new_app: Any, size: tuple[int, int]) -> None:
    app = new_app(scenario_path=MINI, mediator="elder", seed=1)
    async with app.run_test(size=size, notifications=True) as pilot:
        await to_table(pilot)
        composer = app.screen.query_one(Composer)
        composer.focus()
        while composer.highlighted != 2:
            await pilot.press("down")
        await pilot.press("d")  # defer the border: both valleys accept, the League does not
        await pilot.press("s")
        await pilot.pause()
        result = app.session.results[-1]
        assert all(r.kind.startswith("accept") for r in result.responses) and not result.agreed
        notice = "Valley League withholds consent until the Framework phase has been reached"
        assert f"Not agreed: {notice}" in _toasts(app)
        shown = _squash(text_in(app, app.screen.query_one(ResponseLog)))
        assert f"⚠ Not agreed: {notice}" in shown
        if size[0] < 120:
            return  # at 80 columns the toast covers the log's last lines while it shows
        assert ("✘ Valley League withholds consent until the Framework phase has been reached: "
                "“The League signs off on borders only after a framework.”") in shown


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_composer_warns_what_agreeing_rules_out(
        new_app: Any, size: tuple[int, int]) -> None:
    """As Turkey, once Ukraine's linkages are known: bilateral pacts rule out the NATO
    moratorium (Ukraine wants a multilateral guarantee for it); a term agreed earlier
    cannot be reopened, and the composer says why."""
    app = new_app(scenario_path=REAL, mediator="turkey", seed=7)
    async with app.run_test(size=size, notifications=True) as pilot:
        await to_table(pilot)
        composer = app.screen.query_one(Composer)
        await set_option(pilot, "guarantees", "bilateral_pacts")
        assert "rules out" not in text_in(app, composer)  # Ukraine's linkages: unknown yet
        composer.clear()
        await app.screen.take("private_consultation", "ukraine")
        await pilot.pause()  # the parties answer in a thread: one move at a time
        await app.screen.take("broker_prisoner_exchange", None)
        await pilot.pause()
        await set_option(pilot, "humanitarian", "prisoner_exchange")
        await pilot.press("s")
        await pilot.pause()
        assert [t.issue for t in app.session.results[-1].agreed] == ["humanitarian"]
        await set_option(pilot, "guarantees", "bilateral_pacts")
        assert ("⚠ agreeing it rules out NATO membership: Moratorium on accession"
                in _squash(text_in(app, composer)))
        # The agreed term stays as it is, and the reason is given.
        ids = [i.id for i in composer.scenario.issues]
        while composer.highlighted != ids.index("humanitarian"):
            await pilot.press("up")
        await pilot.press("right")
        await pilot.pause()
        assert composer.terms["humanitarian"] is None
        assert any(t.startswith("Cannot reopen: Humanitarian measures: All-for-all prisoner "
                                "exchange was agreed on turn 3. An agreed term cannot be "
                                "reopened") for t in _toasts(app))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_debrief_lists_what_the_stakeholders_needed(
        new_app: Any, size: tuple[int, int]) -> None:
    app = new_app(scenario_path=MINI, mediator="elder", seed=1)
    async with app.run_test(size=size) as pilot:
        await to_table(pilot)
        composer = app.screen.query_one(Composer)
        composer.focus()
        while composer.highlighted != 2:
            await pilot.press("down")
        await pilot.press("d", "s")  # the League withholds consent to a deferred border
        while not app.session.over:
            await pilot.press("n")
        await pilot.press("D")
        await pilot.pause()
        rest = str(app.screen.query_one("#debrief-rest").source)
        assert ("- Valley League must consent to Border (any option); it does when the "
                "Framework phase has been reached. The League signs off on borders only after "
                "a framework. **Withheld on turn 1**: it alone stopped a deal.") in rest
