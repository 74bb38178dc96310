"""The command registry: every key is declared once (game/tui/commands.py), and pressing it
where it belongs runs its action."""

from __future__ import annotations

from typing import Any

import pytest
from textual.binding import Binding

from game.tui.app import MediatorApp
from game.tui.commands import COMMANDS
from game.tui.screens.table import TableScreen
from game.tui.widgets.composer import Composer
from tests.tui.conftest import MINI
from tests.tui.test_play import to_table

OWNERS = {"app": MediatorApp, "table": TableScreen, "composer": Composer}


def test_ids_and_tooltips_are_declared_once() -> None:
    ids = [b.id for owner in COMMANDS.values() for b in owner]
    assert all(ids) and len(ids) == len(set(ids))
    assert all(isinstance(b, Binding) and b.tooltip and b.description
               for owner in COMMANDS.values() for b in owner)


@pytest.mark.parametrize("owner", sorted(OWNERS))
def test_each_owner_takes_its_bindings_from_the_registry(owner: str) -> None:
    assert [b.id for b in OWNERS[owner].BINDINGS] == [b.id for b in COMMANDS[owner]]


@pytest.mark.parametrize("binding", [b for owner in ("table", "composer")
                                     for b in COMMANDS[owner] if b.key != "escape"],
                         ids=lambda b: b.id)
async def test_pressing_each_key_runs_its_action(new_app: Any, binding: Binding,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    owner = "composer" if binding in COMMANDS["composer"] else "table"
    cls = OWNERS[owner]
    name = binding.action.split("(", 1)[0]
    ran: list[str] = []
    monkeypatch.setattr(cls, f"action_{name}", lambda self, *args: ran.append(name))
    monkeypatch.setattr(cls, "check_action", lambda self, action, parameters: True,
                        raising=False)
    app = new_app(scenario_path=MINI, mediator="league", seed=1)
    async with app.run_test(size=(120, 40)) as pilot:
        await to_table(pilot)
        if owner == "composer":
            app.screen.query_one(Composer).focus()
        else:
            app.screen.query_one(Composer).blur()
        await pilot.pause()
        await pilot.press(binding.key)
        await pilot.pause()
    assert ran == [name], binding.id
