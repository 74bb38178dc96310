"""Saves and recorded paths: the same game gives the same bytes from any working directory,
a save resumes from anywhere on the scenario version it was played on, and an older save
whose scenario changed is refused with the change named."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from game.engine.moves import move_from_dict
from game.records import transcript as tr
from game.records.session import Session
from game.resources import scenarios_dir

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "tests" / "engine" / "fixtures" / "tiny.yaml"
MOVES = [{"action": "talk"}, {"propose": {"truce": "signed", "fence": "defer"}}, "pass"]


def played(path: str | Path) -> Session:
    session = Session.new(path, "elder", 3)
    for raw in MOVES:
        session.play(move_from_dict(raw, session.scenario))
    return session


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    path = tmp_path / "games" / "class.yaml"
    path.parent.mkdir()
    shutil.copy(TINY, path)
    return path


def test_the_same_game_gives_the_same_bytes_from_any_working_directory(
        scenario: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = []
    for cwd, path in [(ROOT, scenario), (scenario.parent, Path("class.yaml")),
                      (tmp_path, Path("games/class.yaml"))]:
        monkeypatch.chdir(cwd)
        texts.append(tr.dumps(played(path).transcript()))
    assert texts[0] == texts[1] == texts[2]
    assert json.loads(texts[0])["scenario"]["file"] == "class.yaml"
    builtin = scenarios_dir() / "river-water.yaml"
    assert tr.recorded_path(builtin) == "scenarios/river-water.yaml"


def test_replay_finds_the_scenario_by_name_beside_the_transcript_or_built_in(
        scenario: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = played(scenario).transcript()
    monkeypatch.chdir(tmp_path)
    assert tr.scenario_path_for(data, near=scenario.parent) == scenario.parent / "class.yaml"
    with pytest.raises(tr.TranscriptError, match=r"^scenario file not found: class.yaml \("):
        tr.scenario_path_for(data)
    monkeypatch.chdir(scenario.parent)
    assert tr.scenario_path_for(data) == Path("class.yaml")
    data["scenario"]["file"] = "scenarios/river-water.yaml"
    assert tr.scenario_path_for(data) == scenarios_dir() / "river-water.yaml"


def test_a_save_resumes_from_another_directory(scenario: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(scenario.parent)
    session = played("class.yaml")
    save = tmp_path / "autosave.json"
    session.save_game(save)
    monkeypatch.chdir(ROOT)
    again = Session.load(save)
    assert again.state == session.state and again.scenario_path == str(scenario)
    assert not again.scenario_file_changed()
    again.save_game(tmp_path / "again.json")
    assert (tmp_path / "again.json").read_bytes() == save.read_bytes()


@pytest.mark.parametrize("change", ["edited", "deleted"])
def test_a_save_goes_on_with_the_version_it_was_played_on(scenario: Path, tmp_path: Path,
                                                          change: str) -> None:
    session = played(scenario)
    save = tmp_path / "autosave.json"
    session.save_game(save)
    if change == "edited":
        scenario.write_text(scenario.read_text().replace('version: "1.0"', 'version: "1.1"'))
    else:
        scenario.unlink()
    again = Session.load(save)
    assert again.scenario_file_changed()
    assert again.scenario_sha256 == session.scenario_sha256
    assert again.scenario.meta.version == "1.0" and again.state == session.state
    assert tr.dumps(again.transcript()) == tr.dumps(session.transcript())


def test_an_older_save_whose_scenario_changed_is_refused_naming_the_change(
        scenario: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(scenario.parent)  # where the file named in the transcript is found
    session = played(scenario)
    save = tmp_path / "autosave.json"
    session.save(save)  # the save format of earlier versions: the bare transcript
    assert Session.load(save).state == session.state
    scenario.write_text(scenario.read_text().replace('version: "1.0"', 'version: "1.1"'))
    with pytest.raises(ValueError) as caught:
        Session.load(save)
    message = str(caught.value)
    assert message.startswith(f"{save}: cannot resume this game: the scenario file class.yaml"
                              " changed since the game was saved (version 1.0 then, 1.1 now;")
    assert "\n" not in message


@pytest.mark.parametrize("damage", ["text", "moves", "seed", "format_version"])
def test_a_damaged_save_is_one_line(scenario: Path, tmp_path: Path, damage: str) -> None:
    save = tmp_path / "autosave.json"
    played(scenario).save_game(save)
    data = json.loads(save.read_text())
    if damage == "text":
        data["scenario_text"] += "\n# edited\n"
    elif damage == "moves":
        data["transcript"]["moves"][0] = {"action": "nonsense"}
    elif damage == "seed":
        data["transcript"]["seed"] = "3"
    else:
        data["format_version"] = 99
    save.write_text(json.dumps(data))
    with pytest.raises(ValueError) as caught:
        Session.load(save)
    assert str(caught.value).startswith(f"{save}: cannot resume this game: ")
    assert "\n" not in str(caught.value)
