"""`mediator serve` without a browser: its pages, its refusals."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from tests.web.lab import SeatClient, free_port, start_lab, stop_lab


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    port = free_port()
    seats = tmp_path / "seats"
    process = start_lab(tmp_path, ["--port", str(port), "--seats", str(seats)], port)
    try:
        yield f"http://127.0.0.1:{port}/", seats
    finally:
        stop_lab(process)


def test_lab_pages_without_a_browser(lab: tuple[str, Path]) -> None:
    url, _ = lab
    with urllib.request.urlopen(url, timeout=30) as r:
        page = r.read().decode()
    assert 'name="student"' in page and "googleapis" not in page
    with urllib.request.urlopen(url + "?student=Ana%20Lopez", timeout=30) as r:
        page = r.read().decode()
    # The keys a browser keeps for itself have their alternatives on the page.
    for alt in ("Alt+N</button> New game (Ctrl+N)", "Alt+T</button> Tutorial (Ctrl+T)"):
        assert alt in page
    assert "http://" not in page and "https://" not in page


def test_serve_refuses_an_open_host_without_a_password(tmp_path: Path) -> None:
    r = subprocess.run([sys.executable, "-m", "game.cli", "serve", "--host", "0.0.0.0",
                        "--port", "0", "--seats", str(tmp_path)],
                       capture_output=True, text=True, timeout=60,
                       env={**os.environ, "MEDIATOR_DATA_DIR": str(tmp_path)})
    assert r.returncode == 2
    assert r.stderr.splitlines() == [
        "mediator serve: warning: --host 0.0.0.0 lets anyone who can reach this machine open "
        "a seat; serve a lab network only.",
        "mediator serve: --host 0.0.0.0 needs --password-file F (a class password), or "
        "--behind-proxy when an authenticating proxy stands in front",
    ]


CLASS = """\
title: Week 3 lab
instructions: Reach a ceasefire that holds.
scenario: russia-ukraine.yaml
mediator: turkey
seed: 7
turn_limit: 4
"""


async def _class_seat(url: str) -> tuple[str, str, str]:
    async with aiohttp.ClientSession() as session:
        async with SeatClient.open(session, url + "ws/ana-lopez/Ana%20Lopez") as seat:
            intro = await seat.until("Student: Ana Lopez")
            await seat.press("\r")  # To the briefing
            await seat.until("To the table")
            await seat.press("\r")
            await seat.until("Turn 1 of 4")
            await seat.press("n")
            played = await seat.until("Turn 2 of 4")
        # A lost connection: the next page for the same name is back at the same turn.
        async with SeatClient.open(session, url + "ws/ana-lopez/ana%20lopez") as seat:
            resumed = await seat.until("Turn 2 of 4")
    return intro, played, resumed


def test_a_class_seat_plays_the_class_game_and_resumes(tmp_path: Path) -> None:
    class_file = tmp_path / "class.yaml"
    class_file.write_text(CLASS, encoding="utf-8")
    port = free_port()
    seats = tmp_path / "seats"
    process = start_lab(tmp_path, ["--port", str(port), "--seats", str(seats),
                                   "--class", str(class_file)], port)
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as r:
            page = r.read().decode()
        assert "<h1>Week 3 lab</h1>" in page and "Reach a ceasefire that holds." in page
        intro, played, resumed = asyncio.run(_class_seat(f"http://127.0.0.1:{port}/"))
    finally:
        log = stop_lab(process)
    assert "Week 3 lab" in intro and "Turkey, seed 7" in intro
    assert "Turn 2 of 4" in resumed
    from game.tui.saves import load_autosave

    session, problem = load_autosave(seats / "ana-lopez")
    assert problem is None and session is not None
    assert (session.seed, session.mediator, session.state.turn) == (7, "turkey", 1)
    assert session.class_record is not None and session.class_record.student == "Ana Lopez"
    assert log.count("seat 'Ana Lopez' taken") == 1 and log.count("seat 'ana lopez' taken") == 1


async def _password_flow(url: str) -> list[object]:
    seen: list[object] = []
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
        async with session.get(url + "?student=Ana") as r:  # no seat without the password
            seen.append((r.status, 'name="password"' in await r.text(), "terminal" in
                         await r.text()))
        try:
            await session.ws_connect(url + "ws/ana/Ana")
        except aiohttp.WSServerHandshakeError as exc:
            seen.append(exc.status)
        async with session.post(url, data={"student": "Ana", "password": "nope"}) as r:
            seen.append((r.status, "That is not the class password." in await r.text()))
        async with session.post(url, data={"student": "Ana", "password": "owl lantern"},
                                allow_redirects=False) as r:
            seen.append((r.status, r.headers["Location"]))
        async with session.get(url + "?student=Ana") as r:
            seen.append((r.status, 'id="terminal"' in await r.text()))
        async with SeatClient.open(session, url + "ws/ana/Ana") as seat:
            await seat.until("Seed")
            seen.append("seated")
    return seen


def test_a_password_guards_the_seats(tmp_path: Path) -> None:
    (tmp_path / "pw").write_text("\nowl lantern\n", encoding="utf-8")
    port = free_port()
    process = start_lab(tmp_path, ["--host", "127.0.0.1", "--port", str(port), "--seats",
                                   str(tmp_path / "seats"), "--password-file",
                                   str(tmp_path / "pw")], port)
    try:
        seen = asyncio.run(_password_flow(f"http://127.0.0.1:{port}/"))
    finally:
        stop_lab(process)
    assert seen == [(200, True, False), 403, (401, True), (303, "./?student=Ana&seat=ana"),
                    (200, True), "seated"]


def test_serve_reports_a_missing_password_file(tmp_path: Path) -> None:
    r = subprocess.run([sys.executable, "-m", "game.cli", "serve", "--password-file",
                        str(tmp_path / "nope"), "--max-sessions", "0"],
                       capture_output=True, text=True, timeout=60,
                       env={**os.environ, "MEDIATOR_DATA_DIR": str(tmp_path)})
    assert r.returncode == 2
    assert r.stderr.splitlines() == [
        "mediator serve: --max-sessions 0: at least 1",
        f"mediator serve: {tmp_path / 'nope'}: cannot read the password file: "
        "No such file or directory",
    ]
