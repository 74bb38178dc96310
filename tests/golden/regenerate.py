"""Regenerate the golden transcripts: `python tests/golden/regenerate.py` from the checkout's
root. Do it deliberately, when a rules change alters games (and bump ENGINE_VERSION)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from game.engine.game import check_move  # noqa: E402
from game.engine.moves import Pass, move_from_dict  # noqa: E402
from game.players.bots import BOTS  # noqa: E402
from game.records import transcript as tr  # noqa: E402
from game.records.atomic import write_atomic  # noqa: E402
from game.records.session import Session  # noqa: E402

HERE = Path(__file__).resolve().parent

# name: (scenario path relative to the root, mediator, seed, a bot or a moves file here)
GAMES: dict[str, tuple[str, str, int, str]] = {
    "tiny-elder-seed2-random": ("tests/engine/fixtures/tiny.yaml", "elder", 2, "bot:random"),
    "russia-ukraine-turkey-seed7": ("scenarios/russia-ukraine.yaml", "turkey", 7,
                                    "moves:russia-ukraine-turkey-seed7.moves.yaml"),
    "river-water-development_bank-seed3-patient": ("scenarios/river-water.yaml",
                                                   "development_bank", 3, "bot:patient"),
}


def play(name: str) -> str:
    """The transcript text of one golden game (run with the root as working directory)."""
    path, mediator, seed, source = GAMES[name]
    session = Session.new(path, mediator, seed)
    kind, what = source.split(":", 1)
    if kind == "bot":
        choose = BOTS[what]
        rng = random.Random(f"{what}:{seed}")
        while not session.over:
            move = choose(session, rng)
            session.play(move if check_move(session.state, move) is None else Pass())
    else:
        for raw in yaml.safe_load((HERE / what).read_text(encoding="utf-8")):
            if session.over:
                break
            session.play(move_from_dict(raw, session.scenario))
        while not session.over:
            session.play(Pass())
    return tr.dumps(session.transcript())


if __name__ == "__main__":
    import os

    os.chdir(ROOT)
    for game in GAMES:
        write_atomic(HERE / f"{game}.json", play(game))
        print(f"wrote tests/golden/{game}.json")
