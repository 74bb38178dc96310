"""A party's `short_name` is what the table's meters show where space is tight (Pilot)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from game.tui.widgets.meters import MeterPanel
from tests.format.conftest import MINIMAL
from tests.tui.helpers import text_in
from tests.tui.test_play import to_table


def _scenario(tmp_path: Path, short: bool) -> Path:
    text = MINIMAL.read_text(encoding="utf-8")
    if short:
        text = text.replace("    name: Upstream\n", "    name: Upstream\n    short_name: UPR\n")
        text = text.replace("    name: Downstream\n", "    name: Downstream\n    short_name: DWN\n")
    path = tmp_path / "short.yaml"
    path.write_text(text, encoding="utf-8")
    return path


async def test_the_meters_use_the_short_names(new_app: Any, tmp_path: Path) -> None:
    app = new_app(scenario_path=_scenario(tmp_path, True), mediator="envoy", seed=1)
    async with app.run_test(size=(120, 40)) as pilot:
        await to_table(pilot)
        shown = text_in(app, app.screen.query_one(MeterPanel))
        assert "UPR→you" in shown and "UPR→DWN" in shown and "DWN→UPR" in shown
        assert "Upstrea" not in shown
        await pilot.resize_terminal(80, 24)  # compact: the trust grid
        await pilot.pause()
        panel = app.screen.query_one(MeterPanel)
        assert panel.compact
        assert "UPR→DWN" in text_in(app, panel)


async def test_without_short_names_the_meters_abbreviate(new_app: Any, tmp_path: Path) -> None:
    app = new_app(scenario_path=_scenario(tmp_path, False), mediator="envoy", seed=1)
    async with app.run_test(size=(120, 40)) as pilot:
        await to_table(pilot)
        shown = text_in(app, app.screen.query_one(MeterPanel))
        assert "Upstrea→you" in shown and "Downstr→Upstrea" in shown
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert "Ups→Dow" in text_in(app, app.screen.query_one(MeterPanel))
