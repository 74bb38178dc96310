"""Transcripts: determinism, replay verification, tamper detection, property tests."""

from __future__ import annotations

import copy
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.game import legal_moves, new_game
from game.engine.moves import Framework, Propose, Term
from game.players.bots import BOTS, play_bot
from game.records.session import Session
from game.records.transcript import digest_of, dumps
from game.records.verify import verify


def _transcript(tiny, tiny_path, bot="random", seed=3, mediator="elder"):
    return play_bot(tiny, mediator, seed, bot, str(tiny_path)).transcript()


def test_same_inputs_same_bytes(tiny, tiny_path):
    assert dumps(_transcript(tiny, tiny_path)) == dumps(_transcript(tiny, tiny_path))


def test_transcript_fields(tiny, tiny_path):
    data = _transcript(tiny, tiny_path)
    for key in ("format_version", "engine_version", "scenario", "mediator", "seed", "moves",
                "turns", "ledger", "final", "outcome", "score", "labels", "digest"):
        assert key in data
    labels = data["labels"]
    assert labels["mediator"] == {"id": "elder", "name": "The Elder"}
    assert labels["parties"] == {"council": "Council", "north": "North", "south": "South"}
    assert labels["options"]["fence.south_line"] == "South's line"
    assert labels["phases"]["truce"] == "Truce" and labels["actions"]["talk"] == (
        "Facilitate dialogue")
    assert labels["issues"]["well"] == "Well" and labels["outcomes"]["frozen_conflict"] == "Frozen"
    assert list(labels) == sorted(labels) and list(labels["options"]) == sorted(labels["options"])
    assert len(data["scenario"]["sha256"]) == 64
    assert data["digest"] == digest_of(data)
    reasons = [r for t in data["turns"] for resp in t["responses"] for r in resp["reasons"]]
    assert reasons and all("rule" in r and "cite" in r for r in reasons)


def test_every_bot_game_verifies(tiny, tiny_path):
    for bot in BOTS:
        for mediator in ("elder", "council"):
            verdict = verify(_transcript(tiny, tiny_path, bot, 5, mediator), tiny_path)
            assert verdict.ok, (bot, mediator, verdict.message)


def _tamper_cases(data):
    turn = next(n for n, t in enumerate(data["turns"]) if t["responses"])

    def score(d):
        d["score"] = d["score"] + 1

    def meter(d):
        d["final"]["meters"]["credibility"] += 1

    def kind(d):
        response = d["turns"][turn]["responses"][0]
        response["kind"] = "accept" if response["kind"] != "accept" else "reject"

    def ledger(d):
        d["ledger"][-1]["delta"] += 1

    def turn_ledger(d):
        d["turns"][-1]["ledger"].append(
            {"turn": 1, "meter": "progress", "delta": 5, "value": 5, "cause": "x", "rule": "x"})

    return {"score": score, "meter": meter, "kind": kind, "ledger": ledger,
            "turn_ledger": turn_ledger}


def _verdicts(data, tiny_path, edits):
    """(name, verdict) for every edit, applied with and without a recomputed digest."""
    for name, edit in edits.items():
        for refresh_digest in (False, True):
            edited = copy.deepcopy(data)
            edit(edited)
            if refresh_digest:
                edited["digest"] = digest_of(edited)
            yield name, verify(edited, tiny_path)


def test_any_edit_fails_replay_even_with_a_fresh_digest(tiny, tiny_path):
    data = _transcript(tiny, tiny_path, "random", 8)
    for name, verdict in _verdicts(data, tiny_path, _tamper_cases(data)):
        assert not verdict.ok, name
    # the verdict names the turn and field of the first difference
    edited = copy.deepcopy(data)
    _tamper_cases(edited)["kind"](edited)
    assert "turn" in verify(edited, tiny_path).message and "kind" in verify(
        edited, tiny_path).message


def test_editing_a_label_fails_replay_even_with_a_fresh_digest(tiny, tiny_path):
    data = _transcript(tiny, tiny_path, "random", 8)
    edits = {
        "party": lambda d: d["labels"]["parties"].__setitem__("north", "Northland"),
        "option": lambda d: d["labels"]["options"].__setitem__("truce.signed", "Peace"),
        "mediator": lambda d: d["labels"]["mediator"].__setitem__("name", "Someone else"),
        "extra": lambda d: d["labels"]["outcomes"].__setitem__("victory", "Victory"),
        "null": lambda d: d.__setitem__("labels", None),
    }
    for name, verdict in _verdicts(data, tiny_path, edits):
        assert not verdict.ok, name
        assert "labels" in verdict.message, (name, verdict.message)


def test_removing_the_labels_fails_replay(tiny, tiny_path):
    data = _transcript(tiny, tiny_path, "random", 8)
    del data["labels"]
    data["digest"] = digest_of(data)
    verdict = verify(data, tiny_path)
    assert not verdict.ok and "labels" in verdict.message


def test_scenario_change_is_detected(tiny, tiny_path, tmp_path):
    data = _transcript(tiny, tiny_path)
    changed = tmp_path / "tiny.yaml"
    changed.write_text(tiny_path.read_text() + "\n# edited\n")
    verdict = verify(data, changed)
    assert not verdict.ok and "differs" in verdict.message


moves_strategy = st.lists(st.tuples(st.integers(0, 1000), st.integers(0, 1000)), max_size=12)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(choices=moves_strategy, seed=st.integers(0, 10**6))
def test_random_legal_sequences(tiny, tiny_path, choices, seed):
    """Random legal moves never raise, meters stay in range, the ledger sums to the
    meters, and the transcript replays."""
    session = Session.new(tiny_path, "elder", seed, scenario=tiny)
    for a, b in choices:
        if session.over:
            break
        moves = legal_moves(session.state)
        open_issues = [i for i in tiny.issues if i.id not in session.state.agreed]
        if a % 3 == 0 and open_issues:
            issue = open_issues[b % len(open_issues)]
            option = issue.options[a % len(issue.options)]
            move = Propose(Framework((Term(issue.id, option.id, issue.phase),)))
            second = open_issues[(b // 7) % len(open_issues)]
            if second.id != issue.id and b % 2:
                opt = second.options[b % len(second.options)]
                move = Propose(Framework.of([move.framework.terms[0],
                                             Term(second.id, opt.id, second.phase)], tiny))
        else:
            move = moves[b % len(moves)]
        session.play(move)
        for name, value in session.state.meters.items():
            assert 0 <= value <= 100, name
    totals: dict[str, int] = {}
    for entry in session.state.ledger:
        totals[entry.meter] = totals.get(entry.meter, 0) + entry.delta
    assert totals == session.state.meters
    assert verify(json.loads(dumps(session.transcript())), tiny_path).ok


def test_new_game_is_independent_of_previous_games(tiny):
    a = new_game(tiny, "elder", 1)
    b = new_game(tiny, "elder", 1)
    assert a.meters == b.meters and a.meters is not b.meters


def test_seed_only_reaches_the_game_through_seeded_events(tiny_path, tmp_path):
    """Without a seeded event, two seeds give the same game: only `seed` (and the digest)
    differ in the transcripts."""
    from game.engine.moves import move_from_dict

    text = tiny_path.read_text()
    start = text.index("events:")
    end = text.index("outcomes:")
    calm = tmp_path / "calm.yaml"
    calm.write_text(text[:start] + "events: []\n" + text[end:])
    moves = [{"action": "talk"}, {"propose": {"truce": "signed", "fence": "defer"}},
             {"action": "aid"}, {"propose": {"fence": "middle", "well": "shared"}}]
    out = []
    for seed in (1, 99):
        session = Session.new(calm, "elder", seed)
        for raw in moves:
            session.play(move_from_dict(raw, session.scenario))
        data = session.transcript()
        out.append({k: v for k, v in data.items() if k not in ("seed", "digest")})
    assert out[0] == out[1]


def test_builtin_scenario_is_named_without_the_players_paths(tmp_path, monkeypatch):
    from game.resources import default_scenario_path

    monkeypatch.chdir(tmp_path)
    session = play_bot(None, "un", 1, "cycler", default_scenario_path())
    data = session.transcript()
    assert data["scenario"]["file"] == "scenarios/russia-ukraine.yaml"
    assert verify(data).ok
