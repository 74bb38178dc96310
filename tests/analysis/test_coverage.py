"""Coverage sweeps: counts checked against the games' transcripts, what never fired at its
line, crashes with their seed, and the same figures in one process, in local processes and
on a Dask LocalCluster."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from game.analysis import coverage
from game.format.loader import load_scenario_text
from game.players import bots
from game.players.bots import play_bot

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "tests" / "engine" / "fixtures" / "tiny.yaml"
TEXT = TINY.read_text(encoding="utf-8")
FILE = "tests/engine/fixtures/tiny.yaml"
NEVER = """  - id: flood
    trigger: {all: [{turn: {gte: 8}}, {chance: 0.001}]}
    text: A flood of the century, on the last turn only.
"""
IMPOSSIBLE = """  - id: tsunami
    trigger: {turn: {gte: 99}}
    text: A tsunami that the turn limit never lets come.
"""


def _sweep(text: str = TEXT, runner: coverage.Runner = coverage.run_here, **kw):
    scenario = load_scenario_text(text, FILE)
    options = {"games": 4, "seed": 3, "players": ["patient", "random", "greedy"],
               "probes": False} | kw
    return coverage.sweep(scenario, text, FILE, runner=runner, chunk=3, **options)


def _line_of(text: str, needle: str) -> int:
    return text[:text.index(needle)].count("\n") + 1


def test_counts_match_the_transcripts_of_the_same_games() -> None:
    data = _sweep()
    scenario = load_scenario_text(TEXT, FILE)
    games: Counter[tuple[str, str]] = Counter()
    for mediator in ("elder", "council"):
        for bot in ("patient", "random", "greedy"):
            for seed in range(3, 7):
                t = play_bot(scenario, mediator, seed, bot, None).transcript()
                seen = {("outcome", t["outcome"])}
                seen |= {("action", x["move"]["action"]) for x in t["turns"]
                         if "action" in x["move"]}
                seen |= {(h["kind"], h["id"]) for x in t["turns"] for h in x["happenings"]}
                seen |= {("consent", c["rule"].split(":")[1]) for x in t["turns"]
                         for c in x["consents"]}
                games.update(seen)
    counted = {(r["kind"], r["id"]): r["games"] for r in data["elements"]
               if r["kind"] in ("outcome", "action", "event", "statement", "consent")}
    assert counted == {key: games.get(key, 0) for key in counted}
    assert data["games"] == 24 and data["crashes"] == []
    assert data["played"] == {m: {"patient": 4, "random": 4, "greedy": 4}
                              for m in ("elder", "council")}
    phases = {r["id"]: r["games"] for r in data["elements"] if r["kind"] == "phase"}
    assert phases["talks"] == 24


def test_what_never_fired_is_listed_with_its_line() -> None:
    text = TEXT.replace("outcomes:\n", NEVER + "outcomes:\n", 1)
    data = _sweep(text)
    where = f"{FILE}:{_line_of(text, '- id: flood')}"
    assert {"kind": "event", "id": "flood", "party": None, "where": where} \
        in data["never_fired"]
    flood = next(r for r in data["elements"] if r["id"] == "flood")
    assert (flood["games"], flood["times"]) == (0, 0)
    storm = next(r for r in data["elements"] if r["id"] == "storm")
    assert storm["games"] > 0 and storm not in data["never_fired"]
    assert data["cannot_fire"] == []


def test_what_the_strict_lint_proves_impossible_is_listed_apart_with_its_reason() -> None:
    text = TEXT.replace("outcomes:\n", NEVER + IMPOSSIBLE + "outcomes:\n", 1)
    data = _sweep(text)
    where = f"{FILE}:{_line_of(text, '- id: tsunami')}"
    assert data["cannot_fire"] == [{
        "kind": "event", "id": "tsunami", "party": None, "where": where,
        "reason": "event 'tsunami' can never fire: the turn is never >= 99 (turns run 1-8) "
                  f"({FILE}:{_line_of(text, '- id: tsunami') + 1})"}]
    never = [r["id"] for r in data["never_fired"]]
    assert "flood" in never and "tsunami" not in never
    shown = coverage.format_coverage(data)
    assert f"Cannot fire, by design (proved by validate --strict) (1):\n  {where}: event " \
        "tsunami: event 'tsunami' can never fire" in shown
    assert f"Never fired ({len(never)}):" in shown


def test_a_crash_is_reported_with_the_seed_that_reproduces_it(monkeypatch) -> None:
    def boom(session, rng):
        if session.seed == 5:
            raise ValueError("planted")
        return bots.BOTS["patient"](session, rng)

    monkeypatch.setitem(bots.BOTS, "boom", boom)
    data = _sweep(players=["boom"], mediators=["elder"])
    assert data["played"] == {"elder": {"boom": 3}}
    [crash] = data["crashes"]
    assert crash["seed"] == 5 and crash["error"] == "ValueError: planted"
    assert crash["reproduce"] == f"mediator run {FILE} --mediator elder --seed 5 --bot boom"
    assert crash["where"] == f"{__file__}:{boom.__code__.co_firstlineno + 2}"


def test_local_processes_give_the_same_figures() -> None:
    assert _sweep(runner=coverage.run_processes(2)) == _sweep()


def test_a_dask_local_cluster_gives_the_same_figures() -> None:
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        on_dask = _sweep(runner=coverage.run_dask(cluster.scheduler_address),
                         players=["patient", "random", "greedy", coverage.PLAN],
                         plan_seeds=1, probes=True, mediators=["elder"], games=2)
    here = _sweep(players=["patient", "random", "greedy", coverage.PLAN], plan_seeds=1,
                  probes=True, mediators=["elder"], games=2)
    assert on_dask == here
    assert here["played"]["elder"]["plan"] == 2 and here["probed"]


def test_the_command_prints_json_and_text() -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "game.cli", "coverage", FILE, *args],
                              capture_output=True, text=True, cwd=ROOT, timeout=120)

    done = run("--games", "2", "--no-plan", "--no-probe", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["games"] == 2 * 5 * 2 and data["crashes"] == []
    assert {"kind", "id", "party", "where"} == set(data["never_fired"][0])
    assert data["never_fired"] == [r for r in (
        {k: e[k] for k in ("kind", "id", "party", "where")} for e in data["elements"]
        if not e["games"])]
    text = run("--games", "2", "--no-plan", "--no-probe", "--mediator", "elder")
    assert text.returncode == 0
    assert text.stdout.startswith("Coverage of tiny (tests/engine/fixtures/tiny.yaml): 10 games")
    assert "Never fired (" in text.stdout and text.stdout.endswith("No crash.\n")
    bad = run("--games", "0")
    assert bad.returncode == 2 and bad.stderr == "mediator coverage: --games must be at " \
        "least 1\n"


def test_a_probe_reaches_what_no_bot_did_and_its_witness_game_replays() -> None:
    """In tiny, no bot reaches the phased agreement at seeds 3-6 (it is listed as never
    fired without probes); a probe aimed at it finds a game that does, and that game,
    replayed move by move, ends in it."""
    from game.analysis.plan import replay

    data = _sweep(probes=True, mediators=["elder"])
    [found] = [r for r in data["probed"] if r["id"] == "phased_agreement"]
    assert "phased_agreement" not in [r["id"] for r in data["never_fired"]]
    assert found["mediator"] == "elder" and found["seed"] in range(3, 7)
    state, _, _ = replay(load_scenario_text(TEXT, FILE), "elder", found["seed"],
                         found["moves"])
    assert state.outcome == found["outcome"] == "phased_agreement"
    row = next(r for r in data["elements"] if r["id"] == "phased_agreement")
    assert row["games"] == 1  # the witness: no bot game reached it
    assert data["played"]["elder"]["probe"] == len(data["probed"])
    shown = coverage.format_coverage(data)
    assert f"Fired only in a targeted probe ({len(data['probed'])})" in shown
    assert f"outcome phased_agreement: elder, seed {found['seed']}" in shown
    alone = _sweep(probes=False, mediators=["elder"])
    assert "phased_agreement" in [r["id"] for r in alone["never_fired"]]
    assert alone["probed"] == [] and "probe" not in alone["played"]["elder"]
