"""Hostile transcripts give one line and exit 2 in replay and export: never a traceback,
never "verified"."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from game.records.transcript import TranscriptError, digest_of, read
from tests.conftest import ROOT, TINY


def mediator(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game.cli", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def game(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from game.players.bots import play_bot

    session = play_bot(None, "elder", 2, "random", TINY)
    data = session.transcript()
    data["scenario"]["file"] = str(TINY)
    data["digest"] = digest_of(data)
    return data


def _set(key: str, value: Any) -> Callable[[dict[str, Any]], str]:
    def edit(data: dict[str, Any]) -> str:
        data[key] = value
        data["digest"] = digest_of(data)
        return json.dumps(data)
    return edit


def _deep(data: dict[str, Any]) -> str:
    data["final"]["nested"] = json.loads("[" * 200 + "]" * 200)
    return json.dumps(data)


def _duplicate_before(data: dict[str, Any]) -> str:
    text = json.dumps(data)  # a forged score placed before the real one
    return text.replace('{"format"', '{"score": 100, "format"', 1)


def _path(data: dict[str, Any]) -> str:
    data["scenario"]["file"] = "x" * 5000
    data["digest"] = digest_of(data)
    return json.dumps(data)


CASES: dict[str, tuple[Callable[[dict[str, Any]], str], str]] = {
    "seed 7.0": (_set("seed", 7.0), "seed: Input should be a valid integer, got 7.0"),
    "seed as text": (_set("seed", "7"), "seed: Input should be a valid integer, got '7'"),
    "5,000-digit seed": (lambda d: json.dumps(d).replace(f'"seed": {d["seed"]}',
                                                         '"seed": ' + "9" * 5000),
                         "a number of 5000 digits (the limit is 40)"),
    "moves not a list": (_set("moves", {"pass": True}),
                         "moves: Input should be a valid list, got dict"),
    "mediator a number": (_set("mediator", 5), "mediator: Input should be a valid string, got 5"),
    "extra key, digest recomputed": (_set("bonus", 50), "unknown key 'bonus'"),
    "duplicate key": (_duplicate_before, "duplicate key 'score'"),
    "deep nesting": (_deep, "nesting deeper than 32 levels"),
    "lone surrogate": (lambda d: json.dumps(d).replace('"elder"', '"\\ud800"', 1),
                       "text '\\ud800' is not valid Unicode (a lone surrogate)"),
    "5,000-character path": (_path, "scenario.file: String should have at most 4096 "
                             "characters, got 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...'"),
    "NaN score": (lambda d: json.dumps(d).replace(f'"score": {d["score"]}', '"score": NaN'),
                  "NaN is not a number a transcript can hold"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_transcript_is_refused_in_one_line(game: dict[str, Any], tmp_path: Path,
                                                   case: str) -> None:
    edit, message = CASES[case]
    path = tmp_path / "t.json"
    path.write_text(edit(json.loads(json.dumps(game))), encoding="utf-8")
    with pytest.raises(TranscriptError) as info:
        read(path)
    assert str(info.value) == f"{path}: {message}"
    done = mediator("replay", path)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"mediator: error: {path}: {message}\n"


def test_the_untouched_game_verifies(game: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text(json.dumps(game), encoding="utf-8")
    assert read(path) == game
    done = mediator("replay", path)
    assert done.returncode == 0 and done.stdout.startswith("verified: "), done.stderr


@pytest.mark.parametrize("where", ["fifo", "/dev/zero", "directory", ""])
def test_only_regular_files_are_read(tmp_path: Path, where: str) -> None:
    path = {"fifo": tmp_path / "fifo", "directory": tmp_path}.get(where, where)
    if where == "fifo":
        os.mkfifo(path)
    kind = {"fifo": "a FIFO (named pipe)", "/dev/zero": "a device",
            "directory": "a directory"}.get(where)
    message = f"cannot read file: {kind}, not a regular file" if kind else "empty file name"
    for command in (("replay", path), ("export", path, "--format", "md", "--out",
                                       tmp_path / "out.md")):
        done = mediator(*command)
        assert (done.returncode, done.stdout) == (2, ""), done.stderr
        assert done.stderr == f"mediator: error: {path}: {message}\n"


@pytest.mark.parametrize("where", ["fifo", "/dev/zero"])
def test_a_save_that_is_not_a_regular_file_is_refused(tmp_path: Path, where: str) -> None:
    from game.records.session import Session

    path = tmp_path / "fifo" if where == "fifo" else Path(where)
    if where == "fifo":
        os.mkfifo(path)
    kind = "a FIFO (named pipe)" if where == "fifo" else "a device"
    with pytest.raises(ValueError) as info:
        Session.load(path)
    assert str(info.value) == (f"{path}: cannot resume this game: cannot read file: {kind}, "
                               "not a regular file")


def test_a_save_with_a_forged_transcript_is_refused(game: dict[str, Any], tmp_path: Path
                                                    ) -> None:
    from game.records.session import Session

    session = Session.from_transcript(game)
    path = tmp_path / "save.json"
    session.save_game(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["transcript"]["seed"] = 7.0
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError) as info:
        Session.load(path)
    assert str(info.value) == (f"{path}: cannot resume this game: seed: Input should be a "
                               "valid integer, got 7.0")


def test_replay_refuses_a_fifo_as_the_scenario(game: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text(json.dumps(game), encoding="utf-8")
    fifo = tmp_path / "scenario.yaml"
    os.mkfifo(fifo)
    done = mediator("replay", path, "--scenario", fifo)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"{fifo}:1:1: cannot read file: a FIFO (named pipe), not a regular file\n"


@pytest.mark.parametrize("text, message", [
    ("moves: [pass]\nextra: 1\n", "2:1: unknown key 'extra' (a moves file has only 'moves')"),
    ("- pass\n" * 1001, "1001:3: 1001 moves (the limit is 1000)"),
    ("- {pass: 1}\n", "1:3: move 1: a pass is written 'pass' or {pass: true}, got {'pass': 1}"),
    ("- {action: \"talk\\e[2J\"}\n", "1:3: move 1: action must be an id (lower-case letters, "
     "digits and underscores, starting with a letter), got 'talk\\x1b[2J'"),
])
def test_moves_files_are_read_strictly(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       text: str, message: str) -> None:
    from game.cli import main

    moves = tmp_path / "m.yaml"
    moves.write_text(text, encoding="utf-8")
    code = main(["run", str(TINY), "--mediator", "elder", "--moves", str(moves)])
    out, err = capsys.readouterr()
    assert (code, out) == ((2, "") if "move 1:" not in message else (1, ""))
    assert err == f"{moves}:{message}\n"
