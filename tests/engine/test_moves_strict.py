"""Moves are parsed strictly: no truthy stand-ins, no silent overrides, no ignored keys."""

from __future__ import annotations

from typing import Any

import pytest

from game.engine.errors import InvalidMoveError
from game.engine.moves import Framework, Pass, Propose, TakeAction, Term, move_from_dict


@pytest.mark.parametrize("raw, message", [
    ({"pass": 1}, "a pass is written 'pass' or {pass: true}, got {'pass': 1}"),
    ({"pass": "yes"}, "a pass is written 'pass' or {pass: true}, got {'pass': 'yes'}"),
    ({"pass": True, "action": "talk"},
     "a pass is written 'pass' or {pass: true}, got {'pass': True, 'action': 'talk'}"),
    ({"propose": {"fence": {"deferred": "no"}}},
     "deferred (issue 'fence') must be true or false, got 'no'"),
    ({"propose": [{"issue": "fence", "deferred": 1}]},
     "deferred (issue 'fence') must be true or false, got 1"),
    ({"propose": [{"issue": "fence", "deferred": True, "option": "middle"}]},
     "a deferred term (issue 'fence') has no option or phase"),
    ({"propose": {"fence": {"issue": "well", "option": "shared"}}},
     "term under issue 'fence' names another issue: 'well'"),
    ({"propose": {"fence": {"option": "middle", "colour": "red"}}},
     "unknown key(s) in term: 'colour'"),
    ({"action": "talk", "target": "north", "times": 3}, "unknown key(s) in action move: 'times'"),
    ({"action": "talk\x1b[2J"}, "action must be an id (lower-case letters, digits and "
     "underscores, starting with a letter), got 'talk\\x1b[2J'"),
    ({"consult": "north\nfake: line"}, "consult must be an id (lower-case letters, digits and "
     "underscores, starting with a letter), got 'north\\nfake: line'"),
    ({"propose": {"fence": {"option": ["middle"]}}}, "option (issue 'fence') must be an id "
     "(lower-case letters, digits and underscores, starting with a letter), got ['middle']"),
    ({"propose": {"fence": {"option": "middle", "phase": 3}}}, "phase (issue 'fence') must be "
     "an id (lower-case letters, digits and underscores, starting with a letter), got 3"),
    ({"dance": True, "\x07": 1}, "unknown move: '\\x07', 'dance' (expected pass, action, "
     "consult or propose)"),
])
def test_refused_with_one_line(tiny: Any, raw: Any, message: str) -> None:
    with pytest.raises(InvalidMoveError) as info:
        move_from_dict(raw, tiny)
    assert str(info.value) == message
    assert "\n" not in str(info.value) and "\x1b" not in str(info.value)


@pytest.mark.parametrize("raw, move", [
    ("pass", Pass()),
    ({"pass": True}, Pass()),
    ({"action": "talk"}, TakeAction("talk")),
    ({"consult": "north"}, TakeAction("consult", "north")),
    ({"propose": {"fence": "defer", "well": "shared"}},
     Propose(Framework((Term("fence", deferred=True), Term("well", "shared", "deal"))))),
    ({"propose": {"fence": {"issue": "fence", "option": "middle", "deferred": False}}},
     Propose(Framework((Term("fence", "middle", "deal"),)))),
    ({"propose": [{"issue": "fence", "deferred": True}]},
     Propose(Framework((Term("fence", deferred=True),)))),
])
def test_accepted_forms(tiny: Any, raw: Any, move: Any) -> None:
    assert move_from_dict(raw, tiny) == move
    assert move_from_dict(move.to_dict(), tiny) == move
