"""Class games: the `class` block and a turn limit override in the transcript, covered by the
digest and by replay; hand-in never overwrites another student's file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.engine.moves import Pass
from game.records.classroom import ClassRecord, clean_name, hand_in, name_slug
from game.records.session import Session
from game.records.transcript import digest_of, dumps
from game.records.verify import verify


def _class_game(tiny_path: Path, student: str, limit: int | None = 3) -> Session:
    session = Session.new(tiny_path, "elder", 5, turn_limit=limit,
                          class_record=ClassRecord("Week 3", student))
    while not session.over:
        session.play(Pass())
    assert session.class_record is not None
    session.class_record = session.class_record.answered(["Why?"], ["  Because.  "])
    return session


def test_class_block_and_turn_limit_are_recorded_and_verified(tiny_path: Path) -> None:
    data = _class_game(tiny_path, "Ann Lee").transcript()
    assert data["turn_limit"] == 3 and data["final"]["turn"] == 3
    assert data["class"] == {"title": "Week 3", "student": "Ann Lee",
                             "reflection": [{"question": "Why?", "answer": "Because."}]}
    assert verify(data, tiny_path).ok
    again = Session.from_transcript(json.loads(dumps(data)), tiny_path)
    assert again.turn_limit == 3 and again.class_record == _class_game(
        tiny_path, "Ann Lee").class_record


@pytest.mark.parametrize(("path", "value", "expected"), [
    (("class", "student"), "Bob", "digest: the transcript was edited after it was written"),
    (("class", "reflection"), [], "digest: the transcript was edited after it was written"),
    (("turn_limit",), 4, "turn 3.ended: transcript has 'turn_limit', replay gives None"),
])
def test_an_edit_is_caught(tiny_path: Path, path: tuple[str, ...], value: object,
                           expected: str) -> None:
    data = _class_game(tiny_path, "Ann Lee").transcript()
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    if path == ("turn_limit",):  # a consistent forgery: the digest recomputed too
        data["digest"] = digest_of(data)
    verdict = verify(data, tiny_path)
    assert not verdict.ok and verdict.message == expected


def test_without_a_class_nothing_is_added(tiny_path: Path) -> None:
    session = Session.new(tiny_path, "elder", 5)
    session.play(Pass())
    assert "class" not in session.transcript() and "turn_limit" not in session.transcript()


def test_hand_in_never_overwrites(tiny_path: Path, tmp_path: Path) -> None:
    ann = _class_game(tiny_path, "Ann Lee")
    first = hand_in(ann, tmp_path)
    assert first.name == f"Ann-Lee-{ann.transcript()['digest'][:8]}.json"
    assert hand_in(ann, tmp_path) == first  # the same game twice: one file
    other = _class_game(tiny_path, "Ann Lee", limit=2)  # another game, same name
    second = hand_in(other, tmp_path)
    assert second != first and json.loads(first.read_text())["turn_limit"] == 3
    # a different file already under the next name is kept as it is
    third_game = _class_game(tiny_path, "Ann Lee", limit=4)
    taken = tmp_path / f"Ann-Lee-{third_game.transcript()['digest'][:8]}.json"
    taken.write_text("someone else's", encoding="utf-8")
    third = hand_in(third_game, tmp_path)
    assert third.name == taken.stem + "-2.json"
    assert taken.read_text(encoding="utf-8") == "someone else's"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [first.name, second.name, taken.name, third.name])


def test_names() -> None:
    assert clean_name("  Zoë \t O'Neil\n") == "Zoë O'Neil"
    assert name_slug("Zoë O'Neil/../x") == "Zoe-O-Neil-x"
    assert name_slug("李") == "student"
    with pytest.raises(ValueError):
        clean_name(" \x00 ")
