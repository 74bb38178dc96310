"""F1 help is built from the rules' data: the rulebook in words, this scenario's phases (what
each requires) and outcomes (when, bonus, cap), and only the game's own keys."""

from __future__ import annotations

import re
from typing import Any

from game.engine.wording import say
from game.tui.commands import COMMANDS
from game.tui.screens.help import HelpScreen
from tests.tui.conftest import MINI
from tests.tui.test_play import to_table


async def test_help_shows_rules_phases_outcomes_and_our_keys(new_app: Any) -> None:
    app = new_app(scenario_path=MINI, mediator="league", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_table(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.query_one("#help-text").source
        # No code comments, no docstring syntax, no garbled formula fences.
        for code in ("This module", "one place they live", "```", "::", "``", "V_P"):
            assert code not in text
        assert "**Acceptance: four tests.** A principal accepts when" in text
        # The phases of this scenario, each with what it requires, in words (no syntax).
        scenario = app.session.scenario
        assert "1. **Talks**: where the talks start." in text
        for n, phase in enumerate(scenario.phases[1:], 2):
            assert f"{n}. **{phase.title}**: reached when {say(phase.requires, scenario)}." \
                in text
        assert "reached when Ceasefire has been agreed" in text
        # The outcomes: when, bonus, cap.
        assert ("- **Comprehensive settlement** (when Border has been agreed (settled or "
                "deferred)): bonus +20, score at most 100.") in text
        assert "- **Frozen conflict** (otherwise): bonus +0, score at most 100." in text
        for syntax in ("{", "agreed:", "phase_reached", "=", "walkaway."):
            assert syntax not in text.split("## This scenario")[1].split("## Answers")[0]
        # Keys: only the game's own, each with what it does.
        ours = {b.description for owned in COMMANDS.values() for b in owned}
        keys = re.findall(r"^- `[^`]+` \*\*([^*]+)\*\*: (.*)$", text, re.M)
        assert keys and all(name in ours | {"Command palette"} and what for name, what in keys)
        assert "Propose" in dict(keys) and "Phase" in dict(keys)
        for textual_default in ("Scroll", "Page", "Focus Next", "Toggle"):
            assert f"**{textual_default}" not in text
