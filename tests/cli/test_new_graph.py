"""`mediator new` and `mediator graph` as a user runs them."""

from __future__ import annotations

import json

import pytest

from game.format.loader import load_scenario
from game.reports.graph import edges
from tests.cli.test_run_replay import ROOT, mediator


@pytest.mark.parametrize("parties", [2, 4])
def test_new_writes_a_strict_clean_playable_scenario(tmp_path, parties: int) -> None:
    out = tmp_path / "harbour.yaml"
    r = mediator("new", "Harbour strike", "--parties", str(parties), "--out", str(out))
    assert (r.returncode, r.stderr) == (0, "")
    assert r.stdout == f"wrote {out}: check it with `mediator validate --strict {out}`\n"
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=scenario.schema.json\n# Harbour")
    assert text == mediator("new", "Harbour strike", "--parties", str(parties)).stdout
    check = mediator("validate", "--strict", "--warnings-as-errors", str(out))
    assert (check.returncode, check.stdout) == (0, f"{out}: ok\n")
    scenario = load_scenario(out)
    assert scenario.meta.id == "harbour_strike" and len(scenario.principals) == parties
    game = tmp_path / "t.json"
    r = mediator("run", str(out), "--mediator", "facilitator", "--bot", "patient", "--seed",
                 "3", "--out", str(game))
    assert r.returncode == 0, r.stderr
    assert json.loads(game.read_text())["outcome"] in {o.id for o in scenario.outcomes}


def test_new_is_winnable_by_a_guarantee_then_the_compromise(tmp_path) -> None:
    out = tmp_path / "s.yaml"
    mediator("new", "S", "--out", str(out))
    moves = tmp_path / "moves.yaml"
    moves.write_text("- action: guarantee\n- propose: {truce: signed, core: compromise}\n")
    r = mediator("run", str(out), "--mediator", "facilitator", "--moves", str(moves))
    assert r.returncode == 0 and "outcome: settlement" in r.stdout


def test_new_refuses_bad_counts_and_never_overwrites(tmp_path) -> None:
    r = mediator("new", "X", "--parties", "7")
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr == "mediator new: error: --parties must be between 2 and 6, got 7\n"
    out = tmp_path / "mine.yaml"
    out.write_text("precious")
    r = mediator("new", "X", "--out", str(out))
    assert r.returncode == 2 and "already exists" in r.stderr and "Traceback" not in r.stderr
    assert out.read_text() == "precious"


@pytest.mark.parametrize("fmt", ["mermaid", "dot"])
def test_graph_of_a_shipped_scenario(fmt: str) -> None:
    path = "scenarios/river-water.yaml"
    first = mediator("graph", path, "--format", fmt)
    assert first.returncode == 0 and first.stderr == ""
    assert mediator("graph", path, "--format", fmt).stdout == first.stdout
    scenario = load_scenario(ROOT / path)
    drawn = edges(scenario)
    lines = first.stdout.splitlines()
    arrow = {"mermaid": " ==>|", "dot": "penwidth=2"}[fmt]
    assert sum(arrow in line for line in lines) == len(scenario.phases) - 1
    red = {"mermaid": ("--x|", "-.-x|"), "dot": ("arrowhead=tee",)}[fmt]
    assert sum(any(r in line for r in red) for line in lines) == sum(
        e.style.startswith("red_") for e in drawn) == sum(
        len([o for ref in line.options
             for o in ([ref.option] if isinstance(ref.option, str) else ref.option or [None])])
        for party in scenario.parties for line in party.red_lines)
    assert {e.style for e in drawn} == {"order", "red_hard", "red_soft", "linkage", "consent"}
    if fmt == "mermaid":
        assert lines[0] == "flowchart LR"
        assert '  party0 --x|"hard red line al_no_moratorium"| issue2_2' in lines
    else:
        assert lines[0] == "digraph scenario {" and lines[-1] == "}"
        assert '  party0 -> issue2_2 [label="hard red line al_no_moratorium", color=red, ' \
            'arrowhead=tee];' in lines


def test_graph_of_a_bad_file_prints_its_problems(tmp_path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("meta: {id: x}\n")
    r = mediator("graph", str(bad))
    assert r.returncode == 1 and r.stdout == "" and f"{bad}:1:" in r.stderr
