"""Write the README screenshots (SVG, exported by Textual) of the table and the debrief,
played on the shipped scenario: `python -m tests.tui.make_screenshots`."""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

from game.resources import default_scenario_path
from game.tui.app import make_app
from tests.tui.helpers import ready
from tests.tui.test_play import set_option, take_action

OUT = Path(__file__).resolve().parents[2] / "assets" / "screenshots"
SIZES = [(120, 40), (80, 24)]


async def shots(size: tuple[int, int]) -> None:
    """table-WxH.svg and debrief-WxH.svg at one terminal size."""
    os.environ["MEDIATOR_DATA_DIR"] = tempfile.mkdtemp(prefix="mediator-shots-")
    app = make_app(default_scenario_path(), mediator="un", seed=2025)
    app.theme = "textual-dark"
    name = f"{size[0]}x{size[1]}"
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await take_action(pilot, "humanitarian_coordination")
        await set_option(pilot, "humanitarian", "prisoner_exchange")
        await pilot.press("s")
        await set_option(pilot, "ceasefire", "full_ceasefire")
        await set_option(pilot, "territory", "full_restoration")
        await set_option(pilot, "nato", "membership_track")
        await pilot.press("s", "w")
        await pilot.pause()
        app.save_screenshot(filename=f"table-{name}.svg", path=str(OUT))
        while not app.session.over:
            await pilot.press("n")
        await pilot.press("D")
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.save_screenshot(filename=f"debrief-{name}.svg", path=str(OUT))
    print(f"wrote {OUT / f'table-{name}.svg'} and {OUT / f'debrief-{name}.svg'}")


async def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        await shots(size)


if __name__ == "__main__":
    asyncio.run(main())
