"""`mediator class new` and `mediator play --class` as a teacher and a student run them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def mediator(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game.cli", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=120)


def test_class_new_writes_a_class_file_once(tiny_path: Path, tmp_path: Path) -> None:
    (tmp_path / "tiny.yaml").write_bytes(tiny_path.read_bytes())
    r = mediator("class", "new", "--scenario", "tiny.yaml", "--mediator", "elder", "--seed",
                 "7", "--turns", "5", "--out", "week3/class.yaml", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [
        "class file: week3/class.yaml", "scenario tiny, mediator elder, seed 7, 5 turns",
        "students: mediator play --class week3/class.yaml --student NAME",
        "hand-ins: week3/handin"]
    text = (tmp_path / "week3" / "class.yaml").read_text(encoding="utf-8")
    assert 'scenario: "../tiny.yaml"' in text and "turn_limit: 5" in text
    assert text.startswith("# A Mediator class")
    (tmp_path / "week3" / "class.yaml").write_text("mine", encoding="utf-8")
    r = mediator("class", "new", "--out", "week3/class.yaml", cwd=tmp_path)
    assert r.returncode == 1
    assert r.stderr == "mediator class new: week3/class.yaml exists; not overwritten\n"
    assert (tmp_path / "week3" / "class.yaml").read_text(encoding="utf-8") == "mine"


def test_class_new_refuses_an_unknown_mediator(tmp_path: Path) -> None:
    r = mediator("class", "new", "--mediator", "nato", "--out", "c.yaml", cwd=tmp_path)
    assert r.returncode == 2
    assert r.stderr == ("mediator class new: unknown mediator 'nato' "
                        "(one of: us, eu, turkey, un)\n")
    assert not (tmp_path / "c.yaml").exists()


def test_play_class_problems_exit_before_the_tui(tmp_path: Path) -> None:
    bad = tmp_path / "class.yaml"
    bad.write_text("title: T\nscenario: russia-ukraine.yaml\nmediator: turkey\nseed: x\n",
                   encoding="utf-8")
    r = mediator("play", "--class", str(bad), "--student", "Ann")
    assert (r.returncode, r.stderr) == (1, f"{bad}:4:7: seed: expected a whole number, "
                                           "got 'x'\n")
    r = mediator("play", "--class", str(bad))
    assert r.returncode == 2 and "--class needs --student NAME" in r.stderr
    r = mediator("play", "--class", str(bad), "--student", " \t ")
    assert (r.returncode, r.stderr) == (2, "mediator play: --student: the student's name "
                                           "is empty\n")
    r = mediator("play", "--student", "Ann")
    assert (r.returncode, r.stderr) == (2, "mediator play: --student goes with --class "
                                           "CLASS.yaml\n")
    assert "Traceback" not in r.stderr
