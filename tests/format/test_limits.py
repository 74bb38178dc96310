"""Limits are declared once, listed in the README, and enforced by the loader and readers."""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from game.format import limits
from game.format.errors import ScenarioError
from game.format.loader import load_scenario, load_scenario_text, read_yaml_file
from game.format.reading import InputError, printable, read_input
from tests.format.conftest import MINIMAL, ROOT, run_mediator

BASE = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))


def test_the_readme_lists_every_limit() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("<!-- limits: generated from game/format/limits.py -->\n")
    end = readme.index("<!-- /limits -->")
    table = readme[start:end].split("\n", 1)[1]
    assert table == limits.markdown_table(), (
        "README.md's limits table is stale: paste the output of\n"
        "python -c 'from game.format.limits import markdown_table; print(markdown_table())'")


def test_the_shipped_scenarios_are_well_inside_the_limits() -> None:
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        scenario = load_scenario(path)
        assert len(scenario.issues) * 3 <= limits.MAX_ISSUES
        assert max(len(i.options) for i in scenario.issues) * 3 <= limits.MAX_OPTIONS
        assert len(scenario.events) * 3 <= limits.MAX_EVENTS
        assert len(scenario.actions) * 3 <= limits.MAX_ACTIONS
        assert len(scenario.parties) * 2 <= limits.MAX_PARTIES
        assert path.stat().st_size * 10 <= limits.MAX_FILE_BYTES


def problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(yaml.safe_dump(data, sort_keys=False), "big.yaml")
    return [str(p) for p in info.value.problems]


def test_too_many_issues_is_refused_at_the_first_one_over() -> None:
    data = copy.deepcopy(BASE)
    template = data["issues"][2]
    data["issues"] += [dict(template, id=f"extra{n}") for n in range(limits.MAX_ISSUES)]
    text = yaml.safe_dump(data, sort_keys=False)
    line = text.splitlines().index(f"- id: extra{limits.MAX_ISSUES - 3}") + 1
    assert problems(data) == [f"big.yaml:{line}:3: issues: {limits.MAX_ISSUES + 3} issues "
                              f"(the limit is {limits.MAX_ISSUES})"]


def test_too_many_options_events_and_principals() -> None:
    data = copy.deepcopy(BASE)
    data["issues"][1]["options"] += [{"id": f"o{n}", "label": "x"}
                                     for n in range(limits.MAX_OPTIONS)]
    data["events"] = data["events"] * (limits.MAX_EVENTS + 1)
    data["parties"] += [dict(data["parties"][1], id=f"p{n}")
                        for n in range(limits.MAX_PRINCIPALS)]
    found = [p.split(": ", 1)[1] for p in problems(data)]
    assert found == [
        f"issues.1.options: {limits.MAX_OPTIONS + 3} options of one issue (the limit is "
        f"{limits.MAX_OPTIONS})",
        f"events: {limits.MAX_EVENTS + 1} events (the limit is {limits.MAX_EVENTS})",
        f"parties: {limits.MAX_PRINCIPALS + 2} principal parties (the limit is "
        f"{limits.MAX_PRINCIPALS})",
    ]


def test_a_huge_text_is_refused_where_it_is() -> None:
    data = copy.deepcopy(BASE)
    data["meta"]["summary"] = "x" * (limits.MAX_STRING + 1)
    (problem,) = problems(data)
    assert problem.endswith(f": meta.summary: text of {limits.MAX_STRING + 1} characters (the "
                            f"limit is {limits.MAX_STRING})")


def test_a_number_too_large_for_the_engine_is_refused_where_it_is(tmp_path: Path) -> None:
    """1e308 passed as a finite number, then overflowed in the engine (a traceback) or wrote
    Infinity into a transcript that could never verify."""
    text = (ROOT / "tests" / "engine" / "fixtures" / "tiny.yaml").read_text(encoding="utf-8")
    big = text.replace("fence: {weight: 3,", "fence: {weight: 1.0e+308,", 1)
    big = big.replace("strength: {aid: 1.5}", "strength: {aid: -2.5e+6}", 1)
    assert big.count("e+308") == 1 and big.count("-2.5e+6") == 1
    path = tmp_path / "big.yaml"
    path.write_text(big, encoding="utf-8")
    done = run_mediator("run", str(path), "--mediator", "council", "--bot", "patient")
    lines = big.splitlines()
    weight = next(n for n, x in enumerate(lines, 1) if "e+308" in x)
    aid = next(n for n, x in enumerate(lines, 1) if "-2.5e+6" in x)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        f"{path}:{weight}:{lines[weight - 1].index('1.0e') + 1}: parties.0.stakes.fence.weight: "
        "the number 1e+308 is too large (the limit is 1,000,000 either way)",
        f"{path}:{aid}:{lines[aid - 1].index('-2.5') + 1}: mediators.1.strength.aid: the "
        "number -2.5e+06 is too large (the limit is 1,000,000 either way)"]


@pytest.mark.parametrize("make, message", [
    (lambda tmp: "", "empty file name"),
    (lambda tmp: str(tmp), "cannot read file: a directory, not a regular file"),
    (lambda tmp: "/dev/zero", "cannot read file: a device, not a regular file"),
    (lambda tmp: (os.mkfifo(tmp / "fifo"), str(tmp / "fifo"))[1],
     "cannot read file: a FIFO (named pipe), not a regular file"),
    (lambda tmp: str(tmp / "missing.yaml"), "no such file"),
])
def test_only_regular_files_are_read(tmp_path: Path, make: Any, message: str) -> None:
    path = make(tmp_path)
    with pytest.raises(InputError) as info:
        read_input(path, 100)
    assert str(info.value) == message
    with pytest.raises(ScenarioError) as scenario_info:
        load_scenario(path)
    assert [str(p) for p in scenario_info.value.problems] == [f"{path}:1:1: {message}"]
    with pytest.raises(ScenarioError):
        read_yaml_file(path, "empty")


def test_the_size_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big"
    path.write_bytes(b"x" * 101)
    with pytest.raises(InputError, match=r"^file is too large \(101 bytes; the limit is "
                       r"100 bytes\)$"):
        read_input(path, 100)
    assert read_input(path, 101) == b"x" * 101


def test_control_characters_are_escaped_in_messages() -> None:
    assert printable("a\nb\x1b[2Jc\x07\u202ed\ud800") == "a\\nb\\e[2Jc\\x07\\u202ed\\ud800"
    assert printable("Kyiv — Київ") == "Kyiv — Київ"


@pytest.mark.parametrize("where, message", [
    ("", "empty file name"),
    ("empty-dir", "no scenario file (*.yaml) in the directory {tmp}/empty-dir"),
    ("fifo.yaml", None),
    ("/dev/zero", None),
])
def test_validate_refuses_what_is_not_a_scenario_file(tmp_path: Path, where: str,
                                                      message: str | None) -> None:
    path = where if where in ("", "/dev/zero") else str(tmp_path / where)
    if where == "empty-dir":
        os.mkdir(path)
    if where == "fifo.yaml":
        os.mkfifo(path)
    done = run_mediator("validate", path)
    if message is not None:
        assert (done.returncode, done.stdout) == (2, "")
        assert done.stderr == f"mediator: error: {message.format(tmp=tmp_path)}\n"
    else:
        kind = "a device" if where == "/dev/zero" else "a FIFO (named pipe)"
        assert (done.returncode, done.stderr) == (1, "")
        assert done.stdout == f"{path}:1:1: cannot read file: {kind}, not a regular file\n"


def test_analyze_refuses_a_fifo_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "scenario.yaml"
    os.mkfifo(fifo)
    done = run_mediator("analyze", str(fifo))
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"{fifo}:1:1: cannot read file: a FIFO (named pipe), not a regular file\n"
