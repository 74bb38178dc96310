"""What the fork server prepares once for every seat it forks (a forked seat maps all of the
fork server's memory, so it loads what every seat uses, and does the work each would repeat)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from game.tui.catalog import key_of, scenario_paths
from game.web import seat


def test_the_shipped_scenarios_are_loaded_once_with_what_the_engine_derives(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(seat, "_SCENARIOS", {})
    seat.preload_scenarios()
    assert list(seat._SCENARIOS) == [key_of(path) for path in scenario_paths()]
    for entry in seat._SCENARIOS.values():
        assert entry.scenario is not None, entry.error
        # The walks over the whole scenario, made at the engine's first turn, are done.
        assert {"timers", "longest_memory", "parties_by_id"} <= set(vars(entry.scenario))


def test_the_game_keys_are_named_before_any_seat_draws_a_footer() -> None:
    from textual.binding import Binding
    from textual.keys import format_key, key_to_character

    from game.tui.commands import COMMANDS

    seat.name_keys()
    keys = [binding.key for bindings in COMMANDS.values()
            for binding in Binding.make_bindings(bindings)]
    before = format_key.cache_info().misses, key_to_character.cache_info().misses
    for key in keys:
        format_key(key.split("+")[-1])
        key_to_character(key)
    assert (format_key.cache_info().misses, key_to_character.cache_info().misses) == before


def test_the_class_screens_are_preloaded_only_for_a_class() -> None:
    code = ("import sys; from game.web.seat import warm_up; warm_up({}); "
            "print('game.tui.screens.classroom' in sys.modules)")
    seen = [subprocess.run([sys.executable, "-c", code.format(flag)], capture_output=True,
                           text=True, check=True).stdout.strip()
            for flag in ("classroom=False", "classroom=True")]
    assert seen == ["False", "True"]
