"""Golden transcripts: the same scenario, seed and moves give the same game, byte for byte.
A rules change that alters games makes these fail until they are regenerated on purpose
(`python tests/golden/regenerate.py`, with ENGINE_VERSION bumped)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.engine.game import ENGINE_VERSION
from game.records.verify import verify
from tests.golden.regenerate import GAMES, ROOT, play

HERE = Path(__file__).resolve().parent


@pytest.mark.parametrize("name", sorted(GAMES))
def test_golden_transcript_regenerates_byte_for_byte(name: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    golden = (HERE / f"{name}.json").read_text(encoding="utf-8")
    assert json.loads(golden)["engine_version"] == ENGINE_VERSION, \
        "engine version changed: regenerate the golden transcripts"
    assert play(name) == golden, f"{name} changed: regenerate only if the rules changed on purpose"


@pytest.mark.parametrize("name", sorted(GAMES))
def test_golden_transcript_verifies(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    data = json.loads((HERE / f"{name}.json").read_text(encoding="utf-8"))
    # A scenario outside scenarios/ is recorded by its file name alone: say where it is.
    verdict = verify(data, ROOT / GAMES[name][0])
    assert verdict.ok, verdict


def test_the_first_scenario_golden_game_plays_the_readme_moves() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    moves = (HERE / "russia-ukraine-turkey-seed7.moves.yaml").read_text(encoding="utf-8")
    assert f"```yaml\n{moves}```" in readme
