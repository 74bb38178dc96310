"""`mediator run`, `replay` as a user runs them: subprocesses, exit codes, files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MOVES = ROOT / "tests" / "cli" / "moves-example.yaml"


def mediator(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game.cli", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=120)


def test_run_twice_identical_and_replay_verifies(tiny_path, tmp_path):
    outs = []
    for n in range(2):
        out = tmp_path / f"t{n}.json"
        r = mediator("run", str(tiny_path), "--mediator", "elder", "--seed", "7",
                     "--bot", "patient", "--out", str(out))
        assert r.returncode == 0, r.stderr
        assert "outcome:" in r.stdout and "score:" in r.stdout
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    r = mediator("replay", str(tmp_path / "t0.json"), "--scenario", str(tiny_path))
    assert r.returncode == 0 and "verified" in r.stdout


def test_run_with_moves_file(tiny_path, tmp_path):
    out = tmp_path / "t.json"
    r = mediator("run", str(tiny_path), "--mediator", "elder", "--seed", "1", "--moves",
                 str(MOVES), "--out", str(out))
    assert r.returncode == 0, r.stderr
    data = json.loads(out.read_text())
    assert data["moves"][0] == {"action": "talk"}
    assert data["outcome"] == "comprehensive_settlement"


def test_replay_detects_edit(tiny_path, tmp_path):
    out = tmp_path / "t.json"
    mediator("run", str(tiny_path), "--mediator", "elder", "--seed", "2", "--bot", "random",
             "--out", str(out))
    data = json.loads(out.read_text())
    data["score"] = data["score"] + 5
    out.write_text(json.dumps(data))
    r = mediator("replay", str(out), "--scenario", str(tiny_path))
    assert r.returncode == 1 and "score" in r.stdout


def test_replay_unreadable_exits_2(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    r = mediator("replay", str(bad))
    assert r.returncode == 2 and "Traceback" not in r.stderr and "not JSON" in r.stderr
    r = mediator("replay", str(tmp_path / "missing.json"))
    assert r.returncode == 2 and "no such file" in r.stderr


def test_bad_moves_file_is_reported(tiny_path, tmp_path):
    moves = tmp_path / "m.yaml"
    moves.write_text("- action: teleport\n")
    r = mediator("run", str(tiny_path), "--mediator", "elder", "--moves", str(moves))
    assert r.returncode == 1 and "move 1" in r.stderr and "Traceback" not in r.stderr
    r = mediator("run", str(tiny_path), "--mediator", "ghost", "--bot", "random")
    assert r.returncode == 2 and "unknown mediator" in r.stderr


def test_engine_never_imports_textual():
    code = ("import sys, game.engine.game, game.records.session, game.players.bots, "
            "game.records.transcript, game.format.loader, game.commands.run; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]; "
            "print(bad); sys.exit(1 if bad else 0)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stdout + r.stderr


def test_moves_file_errors_name_line_and_column(tiny_path, tmp_path):
    moves = tmp_path / "m.yaml"
    moves.write_text("- pass\n- propose: {fence: middle, fence: defer}\n")
    r = mediator("run", str(tiny_path), "--mediator", "elder", "--moves", str(moves))
    assert r.returncode == 2 and f"{moves}:2:" in r.stderr and "duplicate key" in r.stderr
    moves.write_text("- pass\n- propose: {moat: deep}\n")
    r = mediator("run", str(tiny_path), "--mediator", "elder", "--moves", str(moves))
    assert r.returncode == 1 and f"{moves}:2:3: move 2: unknown issue 'moat'" in r.stderr
    moves.write_text("- !!python/object/apply:os.system [touch pwned]\n")
    r = mediator("run", str(tiny_path), "--mediator", "elder", "--moves", str(moves),
                 cwd=tmp_path)
    assert r.returncode == 2 and "not allowed" in r.stderr and not (tmp_path / "pwned").exists()
    assert "Traceback" not in r.stderr
