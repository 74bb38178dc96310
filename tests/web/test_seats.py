"""Seat names: one seat per student, whatever the spacing or case they type."""

from __future__ import annotations

import pytest

from game.web.seats import SeatNameError, clean_name, seat_key
from game.web.server import browser_key_map, is_loopback


def test_the_same_student_finds_the_same_seat() -> None:
    assert clean_name("  Ana   Lopez ") == "Ana Lopez"
    assert {seat_key(n) for n in ("Ana Lopez", "ana lopez", " ANA  LOPEZ")} == {"ana-lopez"}
    assert seat_key("O'Neil Jr.") == "o-neil-jr"
    assert seat_key("Zoë") == "zoë"
    assert seat_key("Ana Lopez") != seat_key("Ana Lopes")


@pytest.mark.parametrize(("raw", "why"), [
    ("", "Type your name to take a seat."),
    ("   ", "Type your name to take a seat."),
    ("x" * 41, "A name has at most 40 characters."),
    ("../etc", "A name uses letters, digits, spaces and . ' - _ only."),
    ("a/b", "A name uses letters, digits, spaces and . ' - _ only."),
    ("...", "A name uses letters, digits, spaces and . ' - _ only."),
])
def test_names_that_cannot_take_a_seat(raw: str, why: str) -> None:
    with pytest.raises(SeatNameError) as exc:
        clean_name(raw)
    assert str(exc.value) == why


def test_loopback_hosts() -> None:
    assert [is_loopback(h) for h in ("127.0.0.1", "localhost", "::1", "0.0.0.0",
                                     "10.0.0.5", "lab.example.org")] == [
        True, True, True, False, False, False]


def test_the_keys_browsers_keep_have_alternatives() -> None:
    assert browser_key_map() == [("n", "ctrl+n", "New game"), ("t", "ctrl+t", "Tutorial"),
                                 ("q", "ctrl+q", "Quit")]
