"""`mediator validate` and `mediator schema` as a user runs them."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from game.format.loader import load_scenario
from game.format.models import AllCond, Scenario
from tests.format.conftest import HERE, MINIMAL, ROOT, run_mediator


def test_minimal_scenario_is_valid() -> None:
    scenario = load_scenario(MINIMAL)
    assert isinstance(scenario, Scenario)
    assert [p.id for p in scenario.principals] == ["upstream", "downstream"]
    assert len(scenario.stakeholders) == 1 and len(scenario.mediators) == 2
    assert len(scenario.issues) == 3 and scenario.events and scenario.outcomes


def test_validate_ok() -> None:
    result = run_mediator("validate", "tests/format/minimal.yaml")
    assert (result.returncode, result.stdout, result.stderr) == (
        0, "tests/format/minimal.yaml: ok\n", "")


def test_validate_several_files_and_json() -> None:
    bad = "tests/format/bad/duplicate_keys.yaml"
    result = run_mediator("validate", "--json", "tests/format/minimal.yaml", bad)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["files"][0] == {"path": "tests/format/minimal.yaml", "ok": True,
                                  "problems": []}
    second = report["files"][1]
    assert second["path"] == bad and second["ok"] is False
    assert second["problems"][0] == {"file": bad, "line": 7, "column": 3,
                                     "message": "meta: duplicate key 'title' (first at line 6)"}


def test_missing_file_is_a_usage_error() -> None:
    result = run_mediator("validate", "tests/format/minimal.yaml", "no/such.yaml")
    assert result.returncode == 2
    assert result.stderr == "mediator: error: no such file: no/such.yaml\n"
    assert "Traceback" not in result.stderr


def test_directory_validates_every_yaml_inside(tmp_path: Path) -> None:
    shutil.copy(MINIMAL, tmp_path / "a.yaml")
    shutil.copy(HERE / "bad" / "empty.yaml", tmp_path / "b.yaml")
    (tmp_path / "notes.txt").write_text("not a scenario")
    result = run_mediator("validate", str(tmp_path))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'a.yaml'}: ok",
        f"{tmp_path / 'b.yaml'}:1:1: file is empty: expected a mapping with meta, phases, "
        "issues, parties, mediators, actions, events and outcomes",
    ]


def test_unreadable_path_never_tracebacks(tmp_path: Path) -> None:
    target = tmp_path / "dir.yaml"
    target.mkdir()  # a directory named like a file, with no scenario in it: refused
    (tmp_path / "fifo.yaml").write_bytes(b"\xff\xfe")
    result = run_mediator("validate", str(tmp_path / "fifo.yaml"), str(target))
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (f"mediator: error: no scenario file (*.yaml) in the directory "
                             f"{target}\n")
    result = run_mediator("validate", str(tmp_path / "fifo.yaml"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout.startswith(f"{tmp_path / 'fifo.yaml'}:1:1: invalid UTF-8")


def test_loader_does_not_import_textual() -> None:
    code = ("import sys, game.format.loader, game.format.checks, game.commands.validate;"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    assert out.strip() == "[]"


def test_anchors_aliases_and_merge_keys_are_plain_yaml() -> None:
    from game.format.loader import load_scenario_text

    text = MINIMAL.read_text(encoding="utf-8")
    text = text.replace("    requires: {meter: credibility, gte: 30}\n",
                        "    requires: &credible {meter: credibility, gte: 30}\n")
    text = text.replace("    requires: {not: {taken: {action: aid_pledge}}}\n",
                        "    requires: {all: [*credible, {not: {taken: {action: aid_pledge}}}]}\n")
    text = text.replace("    standing: {upstream: 35, downstream: 55}\n",
                        "    standing: {<<: {upstream: 35, downstream: 10}, downstream: 55}\n")
    scenario = load_scenario_text(text, "anchors.yaml")
    assert scenario.mediator("council").standing == {"upstream": 35, "downstream": 55}
    requires = scenario.action("aid_pledge").requires
    assert isinstance(requires, AllCond)
    assert requires.all[0] == scenario.action("pressure").requires
