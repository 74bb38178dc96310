"""`mediator report` as a teacher runs it: three students' games, three edited by hand (a
score, a response, a name) → exactly the edited ones flagged, the rest compared with the
plan search's best; --out never overwrites an input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TINY = str(ROOT / "tests" / "engine" / "fixtures" / "tiny.yaml")  # recorded as "tiny.yaml"


def mediator(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game.cli", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=240)


@pytest.fixture(scope="module")
def games(tmp_path_factory: pytest.TempPathFactory, tiny_path: Path) -> Path:
    """Three class games of the tiny scenario (bots as students) handed in, plus three
    copies of one of them, each edited by hand in one place."""
    from game.players.bots import play_bot
    from game.records.classroom import ClassRecord, hand_in
    from game.records.transcript import dumps

    folder = tmp_path_factory.mktemp("handin")
    for name, bot in (("Ann", "patient"), ("Bo <b>", "greedy"), ("Cy", "random")):
        session = play_bot(None, "elder", 3, bot, tiny_path)
        session.class_record = ClassRecord("Week 3", name).answered(["Why?"], [f"{bot}!"])
        hand_in(session, folder)
    ann = json.loads(next(folder.glob("Ann-*.json")).read_text(encoding="utf-8"))
    for what in ("score", "response", "name"):
        data = json.loads(json.dumps(ann))
        if what == "score":
            data["score"] = 99.0
        elif what == "response":
            turn = next(t for t in data["turns"] if t["responses"]
                        and t["responses"][0]["kind"] != "accept")
            turn["responses"][0]["kind"] = "accept"
        else:
            data["class"]["student"] = "Zed"
        (folder / f"edited-{what}.json").write_text(dumps(data), encoding="utf-8")
    return folder


def test_report_flags_exactly_the_edited_transcripts(games: Path, tmp_path: Path) -> None:
    files = sorted(str(p) for p in games.glob("*.json"))
    assert len(files) == 6
    r = mediator("report", *files, "--json", "--workers", "2", "--scenario", TINY)
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    flagged = {Path(s["file"]).name: s["problem"] for s in report["students"]
               if not s["verified"]}
    assert flagged.keys() == {"edited-score.json", "edited-response.json",
                              "edited-name.json"}
    assert flagged["edited-score.json"] == "score: transcript has 99.0, replay gives 97.95"
    assert flagged["edited-response.json"].startswith("turn ")
    assert ".responses[0].kind: transcript has 'accept', replay gives " in flagged[
        "edited-response.json"]
    assert flagged["edited-name.json"] == ("digest: the transcript was edited after it was "
                                           "written")
    students = {s["name"]: s for s in report["students"] if s["verified"]}
    assert sorted(students) == ["Ann", "Bo <b>", "Cy"]
    for s in report["students"]:
        assert {"file", "name", "verified", "outcome", "score", "best_share"} <= s.keys()
    best = report["best_plans"][0]["score"]
    assert students["Ann"]["best_share"] == round(100 * students["Ann"]["score"] / best, 1)
    assert report["summary"]["verified"] == 3 and report["summary"]["transcripts"] == 6
    assert sum(report["summary"]["outcomes"].values()) == 3  # the flagged are left out
    assert students["Cy"]["reflection"] == [{"question": "Why?", "answer": "random!"}]
    lines = r.stderr.splitlines()
    assert len(lines) == 3 and all(": not verified: " in line for line in lines)


def test_html_report_escapes_and_flags_in_red(games: Path, tmp_path: Path) -> None:
    files = sorted(str(p) for p in games.glob("*.json"))
    out = tmp_path / "report.html"
    r = mediator("report", *files, "--out", str(out), "--scenario", TINY)
    assert r.returncode == 0, r.stderr
    assert r.stdout == f"report: {out} (3 of 6 verified)\n"
    page = out.read_text(encoding="utf-8")
    assert "Bo &lt;b&gt;" in page and "Bo <b>" not in page
    assert page.count('<tr class="flagged">') == 3
    assert "<script" not in page and "http://" not in page.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")
    assert page.count("<svg") >= 4  # outcomes, histogram, frontier, meters


def test_out_never_overwrites_an_input(games: Path) -> None:
    target = next(games.glob("Ann-*.json"))
    before = target.read_bytes()
    r = mediator("report", str(target), "--out", str(target), "--format", "csv", "--force")
    assert r.returncode == 2
    assert r.stderr == (f"mediator report: error: --out {target}: is this command's "
                        "transcript; choose another file (not even --force replaces it)\n")
    assert target.read_bytes() == before


def test_csv_and_compare(games: Path, tmp_path: Path) -> None:
    ann = str(next(games.glob("Ann-*.json")))
    cy = str(next(games.glob("Cy-*.json")))
    r = mediator("report", ann, "--compare", cy, str(games / "edited-name.json"),
                 "--format", "csv", "--scenario", TINY)
    assert r.returncode == 0, r.stderr
    rows = r.stdout.splitlines()
    assert rows[0].startswith("cohort,file,name,verified,outcome,score,best_share,turns,")
    assert [row.split(",")[0] for row in rows[1:]] == ["A", "B", "B"]
    assert rows[3].split(",")[3] == "False"


def test_a_file_that_is_no_transcript_is_listed_and_the_exit_says_so(games: Path,
                                                                     tmp_path: Path) -> None:
    """An edited transcript is a finding (exit 0); a missing file or a FIFO is bad input: the
    report still lists it, not verified, and exits 1."""
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    good = sorted(str(p) for p in games.glob("*.json"))[0]
    out = tmp_path / "r.md"
    r = mediator("report", good, str(fifo), str(tmp_path / "missing.json"), "--out", str(out),
                 "--scenario", TINY)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.splitlines() == [
        f"{fifo}: not verified: {fifo}: cannot read file: a FIFO (named pipe), not a regular "
        "file", f"{tmp_path / 'missing.json'}: not verified: {tmp_path / 'missing.json'}: no "
        "such file"]
    assert "pipe.json" in out.read_text(encoding="utf-8")
