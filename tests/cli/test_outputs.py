"""Nothing lost on the output side, as a user meets it: `--out` never replaces an input, an
existing file (without --force) or anything but a regular file; a closed pipe or a full disk
ends with exit 1 and no traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "tests" / "engine" / "fixtures" / "tiny.yaml"
MOVES = ROOT / "tests" / "cli" / "moves-example.yaml"


def mediator(*args: str | Path, stdout: int | None = subprocess.PIPE, cwd: Path = ROOT
             ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game.cli", *map(str, args)], stdout=stdout,
                          stderr=subprocess.PIPE, text=True, cwd=cwd, timeout=120)


def run_to(out: Path, *extra: str | Path, scenario: Path = TINY
           ) -> subprocess.CompletedProcess[str]:
    return mediator("run", scenario, "--mediator", "elder", "--seed", "2", "--bot", "patient",
                    "--out", out, *extra)


def one_line_refusal(done: subprocess.CompletedProcess[str], words: str) -> None:
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert words in done.stderr, done.stderr


@pytest.fixture(scope="module")
def played(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("played") / "t.json"
    assert run_to(path).returncode == 0
    return path.read_bytes()


@pytest.fixture
def transcript(tmp_path: Path, played: bytes) -> Path:
    path = tmp_path / "t.json"
    path.write_bytes(played)
    return path


def test_an_existing_file_is_replaced_only_with_force(transcript: Path) -> None:
    report = transcript.with_name("report.md")
    report.write_text("last week's")
    done = mediator("report", transcript, "--out", report, "--scenario", TINY)
    one_line_refusal(done, f"mediator report: error: --out {report}: exists; use --force")
    assert report.read_text() == "last week's"
    transcript.write_text("keep me")
    one_line_refusal(run_to(transcript), "exists; use --force to replace it")
    assert transcript.read_text() == "keep me"
    assert run_to(transcript, "--force").returncode == 0
    assert transcript.read_text().startswith("{")


def test_run_never_writes_over_its_scenario_or_moves_file(tmp_path: Path) -> None:
    scenario = tmp_path / "S.yaml"
    shutil.copy(TINY, scenario)
    one_line_refusal(run_to(scenario, "--force", scenario=scenario),
                     f"--out {scenario}: is this command's scenario")
    hard = tmp_path / "hard.json"  # another name of the same file
    os.link(scenario, hard)
    one_line_refusal(run_to(hard, "--force", scenario=scenario), "is this command's scenario")
    moves = tmp_path / "m.yaml"
    shutil.copy(MOVES, moves)
    done = mediator("run", TINY, "--mediator", "elder", "--moves", moves, "--out", moves,
                    "--force")
    one_line_refusal(done, "is this command's moves file")
    assert scenario.read_bytes() == TINY.read_bytes() and moves.read_bytes() == MOVES.read_bytes()


def test_export_never_writes_over_its_transcript(transcript: Path) -> None:
    before = transcript.read_bytes()
    link = transcript.with_name("link.json")
    link.symlink_to(transcript)
    for out in (transcript, link):
        done = mediator("export", transcript, "--format", "md", "--out", out, "--force")
        one_line_refusal(done, "is this command's transcript")
    assert transcript.read_bytes() == before


def test_a_debrief_or_a_report_never_writes_over_the_scenario_it_replays(tmp_path: Path
                                                                         ) -> None:
    """The scenario a transcript names is an input of `export --debrief` and of `report`,
    given with --scenario or found from the transcript."""
    scenario = tmp_path / "tiny.yaml"
    shutil.copy(TINY, scenario)
    assert mediator("run", "tiny.yaml", "--mediator", "elder", "--seed", "2", "--bot",
                    "patient", "--out", "t.json", cwd=tmp_path).returncode == 0
    for command in (("export", "t.json", "--format", "md", "--debrief"),
                    ("report", "t.json"), ("report", "t.json", "--scenario", "tiny.yaml")):
        done = mediator(*command, "--out", "tiny.yaml", "--force", cwd=tmp_path)
        one_line_refusal(done, "--out tiny.yaml: is this command's scenario")
    assert scenario.read_bytes() == TINY.read_bytes()
    assert mediator("report", "t.json", "--out", "r.md", cwd=tmp_path).returncode == 0


@pytest.mark.parametrize("kind", ["directory", "fifo", "device", "link-to-directory",
                                  "dangling-link"])
def test_a_non_regular_out_is_refused_even_with_force(transcript: Path, kind: str) -> None:
    out = transcript.with_name("out")
    if kind == "directory":
        out.mkdir()
        words = "is a directory"
    elif kind == "fifo":
        os.mkfifo(out)
        words = "is a FIFO"
    elif kind == "device":
        out = Path(os.devnull)
        words = "is a device"
    elif kind == "link-to-directory":
        out.symlink_to(transcript.parent)
        words = "is a symlink to a directory"
    else:
        out.symlink_to(transcript.with_name("nowhere"))
        words = "is a symlink to nothing"
    for command in (("export", transcript, "--format", "html"),
                    ("run", TINY, "--mediator", "elder", "--bot", "random"),
                    ("report", transcript)):
        one_line_refusal(mediator(*command, "--out", out, "--force"), words)
    assert not out.is_file()
    left = {"t.json", "out"} if kind != "device" else {"t.json"}
    assert {p.name for p in transcript.parent.iterdir()} == left


def test_a_symlink_to_a_regular_file_is_written_through(transcript: Path) -> None:
    real = transcript.with_name("real.md")
    real.write_text("old")
    link = transcript.with_name("link.md")
    link.symlink_to(real)
    done = mediator("export", transcript, "--format", "md", "--out", link, "--force")
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and real.read_text().startswith("# ")


@pytest.mark.parametrize("command", [
    ("run", TINY, "--mediator", "elder", "--bot", "patient"),
    ("analyze", TINY, "--seeds", "1"),
])
def test_a_closed_pipe_ends_quietly_with_exit_1(command: tuple[str | Path, ...]) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # `| head` that has already left
    try:
        done = mediator(*command, stdout=write_end)
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (1, "")


def test_a_full_disk_on_stdout_is_one_line_and_exit_1() -> None:
    with open("/dev/full", "w") as full:
        done = mediator("run", TINY, "--mediator", "elder", "--bot", "patient",
                        stdout=full.fileno())
    assert (done.returncode, done.stderr) == (1, "mediator run: error: No space left on device\n")


def test_an_unwritable_out_is_one_line_and_exit_1() -> None:
    done = run_to(Path("/proc/mediator-run.json"))  # no files can go there
    assert done.returncode == 1
    assert done.stderr.startswith("mediator run: error: /proc/.mediator-run.json.")
    assert done.stderr.count("\n") == 1


def test_the_same_game_from_two_directories_is_the_same_file_and_replays_from_a_third(
        tmp_path: Path) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    shutil.copy(TINY, folder / "class.yaml")
    assert run_to(folder / "a.json", scenario=folder / "class.yaml").returncode == 0
    done = mediator("run", "class.yaml", "--mediator", "elder", "--seed", "2", "--bot",
                    "patient", "--out", "b.json", cwd=folder)
    assert done.returncode == 0, done.stderr
    assert (folder / "a.json").read_bytes() == (folder / "b.json").read_bytes()
    done = mediator("replay", folder / "a.json", cwd=tmp_path)  # found beside the transcript
    assert done.returncode == 0 and done.stdout.startswith("verified"), done.stdout
