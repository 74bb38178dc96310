"""Fuzzing the inputs: mutated transcripts, moves files and scenario files only ever end in a
clean exit code with one-line errors, never an exception (a traceback). The work per example
is bounded by the game's own limits (file sizes, counts, the counter-proposal budget)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.cli import main
from tests.conftest import TINY

HOSTILE = st.one_of(
    st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(allow_nan=False),
    st.sampled_from(["", "pass", "defer", "no", "elder", "north", "fence", "middle", "deal",
                     "talk", "consult", "x" * 300, "a\nb", "\x1b[2J", "[/]", "\u202e", "../..",
                     "7.0", "1e308"]),
    st.lists(st.integers(0, 3), max_size=3), st.dictionaries(st.sampled_from(
        ["issue", "option", "phase", "deferred", "pass", "action", "target", "x"]),
        st.sampled_from([True, 1, "no", "fence", None]), max_size=3),
)
KINDS = st.sampled_from(["delete", "retype", "add", "wrap", "duplicate"])


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


def mutate(data: Any, path: tuple[Any, ...], kind: str, value: Any) -> Any:
    """`data` with one change at `path` (a copy)."""
    data = copy.deepcopy(data)
    if not path:
        return value if kind == "retype" else [data] if kind == "wrap" else data
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if kind == "delete":
        del parent[last]
    elif kind == "retype":
        parent[last] = value
    elif kind == "add":
        if isinstance(parent[last], dict):
            parent[last]["surprise"] = value
        elif isinstance(parent[last], list):
            parent[last].append(value)
        else:
            parent[last] = value
    elif kind == "wrap":
        parent[last] = [parent[last]] if last != "seed" else {"v": parent[last]}
    elif isinstance(parent, list):
        parent.insert(last, copy.deepcopy(parent[last]))
    return data


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


MOVES: list[Any] = ["pass", {"action": "talk"}, {"consult": "north"},
                    {"propose": {"truce": "signed", "fence": "defer"}},
                    {"propose": [{"issue": "well", "option": "shared", "phase": "deal"}]}]


@pytest.fixture(scope="module")
def transcript() -> dict[str, Any]:
    from game.players.bots import play_bot

    data: dict[str, Any] = json.loads(json.dumps(
        play_bot(None, "elder", 2, "random", TINY).transcript()))
    return data


def _check(code: int, err: str, codes: tuple[int, ...]) -> None:
    assert code in codes
    assert "Traceback" not in err
    for line in err.splitlines():
        assert "\x1b" not in line


def moves_case(tmp_path: Path, capsys: pytest.CaptureFixture[str], data: st.DataObject,
               kind: str, value: Any) -> None:
    path = data.draw(st.sampled_from(_paths(MOVES)))
    moves = tmp_path / "moves.yaml"
    moves.write_text(yaml.safe_dump(mutate(MOVES, path, kind, value), allow_unicode=True),
                     encoding="utf-8", errors="surrogatepass")
    code, _, err = run(capsys, "run", TINY, "--mediator", "elder", "--seed", "1", "--moves",
                       moves)
    _check(code, err, (0, 1, 2))
    if code:
        assert len(err.strip().splitlines()) == 1


def transcript_case(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                    transcript: dict[str, Any], data: st.DataObject, kind: str,
                    value: Any) -> None:
    path = data.draw(st.sampled_from(_paths(transcript)))
    file = tmp_path / "t.json"
    mutated = mutate(transcript, path, kind, value)
    file.write_text(json.dumps(mutated), encoding="utf-8")
    code, out, err = run(capsys, "replay", file, "--scenario", TINY)
    _check(code, err, (0,) if mutated == transcript else (1, 2))
    assert out.startswith("verified") == (mutated == transcript)
    code, _, err = run(capsys, "export", file, "--format", "md", "--out", tmp_path / "t.md",
                       "--force")
    _check(code, err, (0, 1, 2))


def bytes_case(tmp_path: Path, capsys: pytest.CaptureFixture[str],
               transcript: dict[str, Any], cut: int, junk: bytes, where: str) -> None:
    source = (TINY.read_bytes() if where == "scenario"
              else json.dumps(transcript).encode("utf-8"))
    cut %= len(source)
    file = tmp_path / ("s.yaml" if where == "scenario" else "t.json")
    file.write_bytes(source[:cut] + junk + source[cut + len(junk):])
    if where == "scenario":
        code, _, err = run(capsys, "validate", file)
        _check(code, err, (0, 1))
    else:
        code, _, err = run(capsys, "replay", file, "--scenario", TINY)
        _check(code, err, (0, 1, 2))


QUICK = settings(max_examples=12, deadline=None, derandomize=True,
                 suppress_health_check=[HealthCheck.function_scoped_fixture,
                                        HealthCheck.too_slow])
MANY = settings(QUICK, max_examples=150, derandomize=False)
MUTATION = {"data": st.data(), "kind": KINDS, "value": HOSTILE}
DAMAGE = {"cut": st.integers(0, 40_000), "junk": st.binary(max_size=8),
          "where": st.sampled_from(["scenario", "transcript"])}
Capsys = pytest.CaptureFixture[str]


@QUICK
@given(**MUTATION)
def test_mutated_moves_files(tmp_path: Path, capsys: Capsys, data: st.DataObject, kind: str,
                             value: Any) -> None:
    moves_case(tmp_path, capsys, data, kind, value)


@QUICK
@given(**MUTATION)
def test_mutated_transcripts(tmp_path: Path, capsys: Capsys, transcript: dict[str, Any],
                             data: st.DataObject, kind: str, value: Any) -> None:
    transcript_case(tmp_path, capsys, transcript, data, kind, value)


@QUICK
@given(**DAMAGE)
def test_damaged_bytes(tmp_path: Path, capsys: Capsys, transcript: dict[str, Any], cut: int,
                       junk: bytes, where: str) -> None:
    bytes_case(tmp_path, capsys, transcript, cut, junk, where)


@pytest.mark.slow
@MANY
@given(**MUTATION)
def test_many_mutated_moves_files(tmp_path: Path, capsys: Capsys, data: st.DataObject,
                                  kind: str, value: Any) -> None:
    moves_case(tmp_path, capsys, data, kind, value)


@pytest.mark.slow
@MANY
@given(**MUTATION)
def test_many_mutated_transcripts(tmp_path: Path, capsys: Capsys, transcript: dict[str, Any],
                                  data: st.DataObject, kind: str, value: Any) -> None:
    transcript_case(tmp_path, capsys, transcript, data, kind, value)


@pytest.mark.slow
@MANY
@given(**DAMAGE)
def test_many_damaged_bytes(tmp_path: Path, capsys: Capsys, transcript: dict[str, Any],
                            cut: int, junk: bytes, where: str) -> None:
    bytes_case(tmp_path, capsys, transcript, cut, junk, where)
