"""`mediator serve` in headless Chromium with no network but loopback: take a seat, see the
game draw, play a turn with real key presses, reload the page, find the same turn."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from tests.web.cdp import Browser, Page, find_chromium
from tests.web.lab import free_port, start_lab, stop_lab

CHROMIUM = find_chromium()
CTRL = 2

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (apt-get install chromium); "
                       ".ci/run installs it"),
]


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    port = free_port()
    seats = tmp_path / "seats"
    process = start_lab(tmp_path, ["--port", str(port), "--seats", str(seats)], port)
    try:
        yield f"http://127.0.0.1:{port}/", seats
    finally:
        stop_lab(process)


async def _play_and_reload(url: str, profile: Path) -> tuple[str, str, list[str]]:
    assert CHROMIUM is not None
    browser = Browser(CHROMIUM, profile)
    try:
        port = await asyncio.to_thread(browser.devtools_port)
        async with aiohttp.ClientSession() as session:
            page = await Page.open(session, port)
            await page.send("Network.enable")
            await page.send("Page.enable")
            await page.navigate(url)
            await page.wait_for("document.querySelector('#student') !== null")
            await page.evaluate("document.querySelector('#student').value = 'Ana Lopez'")
            await page.evaluate("document.querySelector('#take-seat').click()")
            await page.wait_for("location.search.includes('student=Ana')")
            await page.find_terminal()
            await page.wait_for("document.body.classList.contains('-first-byte')")
            await page.wait_screen("Seed")  # the new-game screen: role and seed
            await page.letter("s", modifiers=CTRL)  # Ctrl+S: start
            await page.wait_screen("To the table")  # the briefing
            await page.key("Enter", "Enter", 13, "\r")
            await page.wait_screen("Turn 1 of")
            await page.letter("n")  # pass a turn
            played = await page.wait_screen("Turn 2 of")
            fonts = await page.wait_for(
                "document.fonts.ready.then(() => document.fonts.check('16px \"Roboto Mono\"'))")
            assert fonts is True

            await page.send("Page.reload")
            await page.wait_for("document.readyState === 'complete'")
            await page.find_terminal()
            resumed = await page.wait_screen("Turn 2 of")
            urls = [e["params"]["request"]["url"] for e in page.events
                    if e["method"] == "Network.requestWillBeSent"]
            await page.close()
            return played, resumed, urls
    finally:
        browser.close()


def test_a_seat_plays_a_turn_and_a_reload_resumes_it(lab: tuple[str, Path],
                                                     tmp_path: Path) -> None:
    url, seats = lab
    played, resumed, urls = asyncio.run(_play_and_reload(url, tmp_path / "chrome"))
    assert "Turn 2 of" in played and "Turn 2 of" in resumed
    # The student's own seat holds the autosave; nothing else was created.
    assert sorted(p.name for p in seats.iterdir()) == ["ana-lopez"]
    assert (seats / "ana-lopez" / "autosave.json").is_file()
    # Everything the page loaded came from the lab itself: nothing from the internet.
    assert urls and all(u.startswith(url) for u in urls), urls
