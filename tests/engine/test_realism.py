"""Realism of the first scenario: the seed's barriers hold, coercion and farming do not pay,
and only patient, trusted mediation opens a narrow path (the calibration the README states)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from game.engine.conditions import Context, holds, term_matches
from game.engine.game import apply, new_game, score_breakdown
from game.engine.moves import Framework, Propose, Term, move_from_dict
from game.engine.rules import respond
from game.engine.state import AgreedTerm, LedgerEntry
from game.format.loader import load_scenario
from game.players.bots import play_bot
from game.records.session import Session

ROOT = Path(__file__).resolve().parents[2]
PATH = ROOT / "scenarios" / "russia-ukraine.yaml"
COERCED = ROOT / "tests" / "engine" / "fixtures" / "ru-us-seed0-coerced-truce.yaml"
# Scripted games that make the rare events happen: a coerced truce that collapses (Turkey buys
# the signature with incentives), a monitored ceasefire that collapses (the UN's mission).
SCRIPTED = [
    ("us", 0, COERCED),
    ("turkey", 0, COERCED.parent / "ru-turkey-seed0-coerced-truce.moves.yaml"),
    ("un", 2, COERCED.parent / "ru-un-seed2-monitored-collapse.moves.yaml"),
]
SEED_TEXT = ROOT.parent / "shared" / "seed" / "russia-ukraine-negotiations.txt"
MEDIATORS = ("us", "eu", "turkey", "un")
BOTS = ("random", "greedy", "cycler", "coercer", "patient")
GAMES = 50  # seeds 1..GAMES for the statistical figures
BETTER_THAN_FROZEN = {"ceasefire_only", "phased_agreement", "comprehensive_settlement"}
CEASEFIRE = {"issue": "ceasefire", "option": "full_ceasefire", "phase": "ceasefire"}


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(PATH)


def _hard(scenario, party_id, term):
    return any(line.kind == "hard" and any(term_matches(r, term) for r in line.options)
               for line in scenario.party(party_id).red_lines)


def _line(scenario, party, line_id):
    return next(x for x in scenario.party(party).red_lines if x.id == line_id)


# --------------------------------------------------------------------------- structure


def test_no_comprehensive_settlement_is_possible(scenario):
    """The seed's indivisible issue: every option of Kyiv's political order is on a hard red
    line of one side, and the settlement phase (and outcome) needs it settled."""
    issue = scenario.issue("political_order")
    for option in issue.options:
        term = Term(issue.id, option.id, issue.phase)
        assert any(_hard(scenario, p.id, term) for p in scenario.principals), option.id
    settlement = next(p for p in scenario.phases if p.id == "settlement")
    assert any(isinstance(c, type(settlement.requires.all[0])) and c.agreed.issue == issue.id
               for c in settlement.requires.all)
    russia = _line(scenario, "russia", "ru_regime_change")
    assert russia.cite is not None and "eliminate Ukraine" in russia.cite.quote


def test_core_demands_are_red_lines(scenario):
    """Demilitarisation, political and language demands (Russia), compensation and
    sovereignty (Ukraine) are red lines, never mere weights."""
    expect = {
        "russia": [("armed_forces", "no_limits"), ("political_order", "no_external_conditions"),
                   ("political_order", "elections_after_martial_law"),
                   ("language", "state_language_only"), ("reconstruction", "russian_reparations")],
        "ukraine": [("reconstruction", "mutual_waiver"), ("territory", "cede_occupied"),
                    ("annexation", "full_recognition"), ("armed_forces", "strict_limits")],
    }
    for party, pairs in expect.items():
        for issue, option in pairs:
            assert _hard(scenario, party, Term(issue, option, "settlement")), (party, option)


def _favourable(state, turn, agreed=None):
    """A state at the start of `turn` whose every turn since turn 1 ended with the meters most
    favourable to a deal; only the start (turn 0) is as the scenario sets it."""
    best = {"walkaway.russia": 35, "walkaway.ukraine": 40, "trust.russia": 100,
            "trust.ukraine": 100, "trust.russia.ukraine": 100, "trust.ukraine.russia": 100,
            "humanitarian": 100, "credibility": 100}
    ledger = list(state.ledger)
    for k in range(1, turn):
        ledger += [LedgerEntry(k, name, 0, value, "test", "test") for name, value in best.items()]
    return replace(state, turn=turn - 1, meters={**state.meters, **best}, ledger=tuple(ledger),
                   agreed=agreed or {}, flags=frozenset({"summit_held", "monitoring_ready",
                                                         "guarantee_drafted"}))


@pytest.mark.parametrize("mediator", MEDIATORS)
def test_no_ceasefire_can_be_accepted_before_turn_6(scenario, mediator):
    """Ripeness lasts: each way Russia's ceasefire line can move needs a condition sustained
    over the last five turns, which the start (walk-away 56, trust <= 50) never meets."""
    line = _line(scenario, "russia", "ru_no_ceasefire_without_gains")
    table = Framework((Term(**CEASEFIRE),))
    start = new_game(scenario, mediator, 0)
    for turn in range(1, 6):
        state = _favourable(start, turn)
        assert not holds(line.moves_when, Context(state, on_table=table, turn=turn)), turn
    state = _favourable(start, 6)
    assert holds(line.moves_when, Context(state, on_table=table, turn=6))


def test_no_framework_before_turn_10(scenario):
    """Russia leaves the territorial question open (or freezes the line) only once a
    ceasefire has held four turns; a ceasefire cannot come before turn 6."""
    start = new_game(scenario, "turkey", 0)
    agreed = {"ceasefire": AgreedTerm(Term(**CEASEFIRE), 6)}
    for line_id, term in (("ru_no_open_territorial_question", Term("territory", deferred=True)),
                          ("ru_no_freeze_of_claims", Term("territory", "freeze_line",
                                                          "settlement"))):
        line = _line(scenario, "russia", line_id)
        table = Framework((term,))
        state = _favourable(start, 9, agreed)
        assert not holds(line.moves_when, Context(state, on_table=table, turn=9)), line_id
        state = _favourable(start, 10, agreed)
        assert holds(line.moves_when, Context(state, on_table=table, turn=10)), line_id


# --------------------------------------------------------------------------- single rules


def test_trust_gates_substance(scenario):
    """Moscow trusts Washington too little (25 < 35) to take substance from it: a rejection
    with no counter-proposal, although the package is worth more than its walk-away."""
    state = new_game(scenario, "us", 0)
    package = Framework((Term("foreign_troops", "training_only", "framework"),
                         Term("sanctions", "full_immediate", "ceasefire")))
    response = respond(state, "russia", package)
    assert response.value > response.walkaway
    assert response.kind == "reject" and response.counter is None
    assert any(r.kind == "trust_gate" for r in response.reasons)
    # the same package through Turkey (trust 50) is judged on substance
    turkey = respond(new_game(scenario, "turkey", 0), "russia", package)
    assert not any(r.kind == "trust_gate" for r in turkey.reasons)
    # humanitarian steps are not substance: the EU can agree an exchange at once
    state, result = apply(new_game(scenario, "eu", 0),
                          move_from_dict({"propose": {"humanitarian": "prisoner_exchange"}},
                                         scenario))
    assert [t.issue for t in result.agreed] == ["humanitarian"]


def test_silence_is_an_answer(scenario):
    """Below its silence threshold a party does not answer; the EU starts there with Moscow."""
    state = new_game(scenario, "eu", 0)
    move = move_from_dict({"propose": {"sanctions": "gradual_phased"}}, scenario)
    state, result = apply(state, move)
    kinds = {r.party: r.kind for r in result.responses}
    assert kinds["russia"] == "silence"


def test_pressure_fades_and_repeated_pressure_hardens(scenario):
    state = new_game(scenario, "us", 0)
    sanctions = move_from_dict({"action": "sanctions_pressure", "target": "russia"}, scenario)
    passing = move_from_dict("pass", scenario)
    state, _ = apply(state, sanctions)
    assert state.meters["walkaway.russia"] == 50  # 56 - 4 x 1.5
    history = []
    for _ in range(3):
        state, result = apply(state, passing)
        history.append(state.meters["walkaway.russia"])
    # worn off at the end of turn 4: back to where events left it, with a ledger entry
    assert history[-1] >= 56 - 3 - 1  # at most the seeded events of those turns
    assert any(e.rule == "expired:action:sanctions_pressure" for e in result.ledger)
    # pressing again within six turns provokes a lasting backlash
    state, result = apply(state, sanctions)
    assert any(e.rule == "backlash:sanctions_pressure" and e.meter == "walkaway.russia"
               and e.delta > 0 for e in result.ledger)


def test_a_summit_is_a_temporary_switch(scenario):
    state = new_game(scenario, "us", 0)
    state, _ = apply(state, move_from_dict("pass", scenario))
    state, _ = apply(state, move_from_dict({"action": "summit_linkage"}, scenario))
    assert "summit_held" in state.flags
    for _ in range(2):
        state, _ = apply(state, move_from_dict("pass", scenario))
    assert "summit_held" not in state.flags


def test_banked_gains_do_not_buy_concessions(scenario):
    """A package is judged on its own terms: an agreed exchange adds nothing to the value of
    a later proposal (it did, when agreed terms were counted in)."""
    state = new_game(scenario, "turkey", 0)
    waiver = Framework((Term("reconstruction", "international_fund", "settlement"),))
    before = respond(state, "ukraine", waiver).value
    state, result = apply(state, move_from_dict(
        {"propose": {"humanitarian": "prisoner_exchange"}}, scenario))
    assert result.agreed
    assert respond(state, "ukraine", waiver).value == before == 45.0


def test_same_kind_actions_share_fatigue(scenario):
    state = new_game(scenario, "turkey", 0)
    state, _ = apply(state, move_from_dict({"action": "broker_prisoner_exchange"}, scenario))
    from game.engine.game import action_status

    status = action_status(state, "humanitarian_coordination")
    assert status.next_factor == pytest.approx(0.7)  # strength 1 x kind fatigue 0.7


def test_farming_humanitarian_actions_stays_frozen_and_capped(scenario):
    """PeaceMaker's flaw: cycling soft actions. Here it ends frozen, under the outcome cap."""
    for mediator in ("turkey", "un"):
        state = new_game(scenario, mediator, 3)
        while not state.over:
            from game.engine.game import available_actions

            usable = [s for s in available_actions(state) if s.available
                      and s.action.kind in ("humanitarian", "dialogue", "other")
                      and not s.targets]
            move = (move_from_dict({"action": usable[0].action.id}, scenario) if usable
                    else move_from_dict("pass", scenario))
            state, _ = apply(state, move)
        assert state.outcome == "frozen_conflict"
        assert score_breakdown(state).total <= 45


def test_everything_at_once_is_refused_with_cited_red_lines(scenario):
    state = new_game(scenario, "us", 0)
    for pick in (0, -1):
        terms = [Term(i.id, i.options[pick].id, i.phase) for i in scenario.issues]
        _, result = apply(state, Propose(Framework(tuple(terms))))
        assert not all(r.kind in ("accept", "accept_with_reservations")
                       for r in result.responses)
        red = [x for r in result.responses for x in r.reasons if x.kind == "red_line"]
        assert red and all(x.cite is not None and x.cite.source == "seed" for x in red)
        if SEED_TEXT.is_file():
            seed = SEED_TEXT.read_text(encoding="utf-8")
            assert all(x.cite.quote in seed for x in red)
        assert not result.agreed


# --------------------------------------------------------------------------- citations


def _cites(node, path=()):
    if isinstance(node, dict):
        if {"source", "quote"} <= set(node) and isinstance(node.get("quote"), str):
            yield path, node
        for key, value in node.items():
            yield from _cites(value, (*path, key))
    elif isinstance(node, list):
        for n, value in enumerate(node):
            yield from _cites(value, (*path, n))


def test_every_seed_citation_quotes_the_seed(scenario):
    if not SEED_TEXT.is_file():
        pytest.skip("the seed text is not beside this checkout")
    seed = SEED_TEXT.read_text(encoding="utf-8")
    found = list(_cites(scenario.model_dump(by_alias=True)))
    assert len(found) > 50
    wrong = [(p, c["quote"]) for p, c in found if c["source"] == "seed" and c["quote"] not in seed]
    assert not wrong


def test_outside_facts_cite_the_background_source(scenario):
    """Facts not in the seed (the Black Sea deal, the aid fights in Congress, the research)
    carry the separate background source, never the seed's."""
    found = list(_cites(scenario.model_dump(by_alias=True)))
    background = [c["quote"] for _, c in found if c["source"] == "background"]
    assert any("Black Sea" in q for q in background)
    assert any("Congress" in q for q in background)
    for _, c in found:
        if c["source"] == "seed":
            assert "Congress" not in c["quote"] and "Black Sea" not in c["quote"]
    text = PATH.read_text(encoding="utf-8")
    assert "written into Russia's constitution" not in text


def test_fixed_citations(scenario):
    """Citations that once did not support their rule."""
    ua = scenario.party("ukraine")
    link = next(x for x in ua.linkages if x.id == "ua_relief_only_with_ceasefire")
    assert "Russia hopes" not in link.cite.quote
    turkey = next(c for c in scenario.party("turkey").consents if c.id == "turkey_guarantor")
    assert "bias" not in turkey.cite.quote
    pledge = scenario.action("reconstruction_incentives")
    assert "compensation" not in pledge.cite.quote
    un = next(c for c in scenario.party("un").consents if c.id == "un_monitoring_mission")
    assert "veto" in un.cite.quote and "trust.russia" in repr(un.when)


# --------------------------------------------------------------------------- calibration


def _tournament(scenario):
    """Every bot, every mediator, seeds 1..GAMES."""
    return {(mediator, bot): [play_bot(scenario, mediator, seed, bot, PATH)
                              for seed in range(1, GAMES + 1)]
            for mediator in MEDIATORS for bot in BOTS}


@pytest.mark.slow
def test_calibration_figures(scenario):
    """The figures the README states, over seeds 1..GAMES (computed once: one test)."""
    games = _tournament(scenario)
    # no comprehensive settlement; no ceasefire phase before turn 6, no framework before 10
    for sessions in games.values():
        for session in sessions:
            assert session.state.outcome != "comprehensive_settlement"
            for result in session.results:
                assert result.phase != "ceasefire" or result.turn >= 6
                assert result.phase != "framework" or result.turn >= 10
    # shortcuts fail: random, greedy, cycler, coercer frozen or broken in >= 95% of games,
    # and the coercer never beats the patient bot on average
    for mediator in MEDIATORS:
        for bot in ("random", "greedy", "cycler", "coercer"):
            outcomes = Counter(s.state.outcome for s in games[mediator, bot])
            stuck = outcomes["frozen_conflict"] + outcomes["breakdown"]
            assert stuck >= 0.95 * GAMES, (mediator, bot, outcomes)
        mean = {bot: sum(s.score() for s in games[mediator, bot]) / GAMES
                for bot in ("coercer", "patient")}
        assert mean["coercer"] < mean["patient"], (mediator, mean)
    # patience can do better than frozen, but rarely: for at least one mediator in >= 10% of
    # games, for none in more than half (engine 2.1: the red team's cheap paths closed)
    share = {m: sum(s.state.outcome in BETTER_THAN_FROZEN for s in games[m, "patient"])
             / GAMES for m in MEDIATORS}
    assert 0.10 <= max(share.values()) <= 0.5, share
    # parties say no: rejections and silences >= 15% of answers in patient games
    answers = Counter(r.kind for m in MEDIATORS for s in games[m, "patient"]
                      for t in s.results for r in t.responses)
    assert (answers["reject"] + answers["silence"]) >= 0.15 * sum(answers.values()), answers
    assert answers["silence"] > 0 and answers["reject"] > 0
    # an unmonitored ceasefire without an enforced guarantee collapses in >= 20% of games
    agreed = collapsed = 0
    for sessions in games.values():
        for session in sessions:
            terms = [t for r in session.results for t in r.agreed if t.issue == "ceasefire"]
            if any(t.option in ("full_ceasefire", "partial_truce") for t in terms):
                agreed += 1
                collapsed += any("ceasefire" in r.broken for r in session.results)
    assert agreed >= 5 and collapsed >= 0.20 * agreed, (collapsed, agreed)
    # every event and statement fires in some game: the bots', or the scripted coercion (a
    # truce bought with a summit, inducements and sanctions, signed, then collapsing)
    fired = set()
    for mediator, seed, path in SCRIPTED:
        scripted = Session.new(PATH, mediator, seed, scenario=scenario)
        for raw in yaml.safe_load(path.read_text(encoding="utf-8")):
            scripted.play(move_from_dict(raw, scenario))
        games.setdefault((mediator, "scripted"), []).append(scripted)
    for sessions in games.values():
        for session in sessions:
            fired |= set(session.state.fired)
            for result in session.results:
                fired |= {h.id if h.kind == "event" else f"statement:{h.party}:{h.id}"
                          for h in result.happenings}
    ids = {e.id for e in scenario.events} | {
        f"statement:{p.id}:{s.id}" for p in scenario.parties for s in p.statements}
    assert not ids - fired, sorted(ids - fired)


# --------------------------------------------------------------------------- red team (2.1)

FIXTURES = ROOT / "tests" / "engine" / "fixtures"


def _play_script(scenario, mediator, seed, path):
    """A student's fixed script: a move that has become illegal is a pass; then pass out."""
    from game.engine.game import check_move
    from game.engine.moves import Pass

    state = new_game(scenario, mediator, seed)
    for raw in yaml.safe_load(path.read_text(encoding="utf-8")):
        if state.over:
            break
        move = move_from_dict(raw, scenario)
        state, _ = apply(state, Pass() if check_move(state, move) else move)
    while not state.over:
        state, _ = apply(state, Pass())
    return state


def test_one_sided_proposals_farm_no_trust(scenario):
    # Proposing Moscow's preferred terms every turn: Moscow accepts, Kyiv refuses. Repeating
    # one side's position wins no standing with it (engine 2.1); passing gives the same.
    spam = new_game(scenario, "turkey", 1)
    idle = new_game(scenario, "turkey", 1)
    proposal = move_from_dict({"propose": {"ceasefire": "no_ceasefire"}}, scenario)
    for _ in range(6):
        spam, result = apply(spam, proposal)
        assert {r.party: r.kind for r in result.responses}["russia"] in (
            "accept", "accept_with_reservations")
        idle, _ = apply(idle, move_from_dict("pass", scenario))
    assert spam.meters["trust.russia"] <= idle.meters["trust.russia"]
    assert not [e for e in spam.ledger if e.rule == "balance:accepted"]


def test_a_guarantee_cannot_be_banked_before_the_ceasefire(scenario):
    # Moscow discusses Western guarantees only inside a ceasefire: agreeing the pacts first,
    # then a ceasefire that Kyiv's guarantee linkage would accept alone, does not work.
    state = new_game(scenario, "un", 0)
    fw = Framework.of([Term("guarantees", "bilateral_pacts"),
                       Term("humanitarian", "prisoner_exchange")], scenario)
    response = respond(state, "russia", fw, 1)
    assert response.kind not in ("accept", "accept_with_reservations")
    assert any(r.rule == "linkage:ru_no_guarantees_while_fighting" for r in response.reasons)
    outcomes = Counter(_play_script(scenario, "un", seed,
                                    FIXTURES / "ru-un-banked-guarantee.moves.yaml").outcome
                       for seed in range(20))
    assert outcomes == Counter({"frozen_conflict": 20})


@pytest.mark.slow
def test_turkeys_soft_action_scripts_need_the_wars_luck(scenario):
    # The red team's fixed scripts for Turkey (exchanges, Istanbul talks, the Black Sea deal,
    # then a ceasefire with pacts and sanctions relief, early or late): a ceasefire that lasts
    # only when the war itself has hurt Moscow for months, so at well under half the seeds.
    for name in ("ru-turkey-soft-actions.moves.yaml", "ru-turkey-late-signing.moves.yaml"):
        outcomes = Counter(_play_script(scenario, "turkey", seed, FIXTURES / name).outcome
                           for seed in range(50))
        assert outcomes["frozen_conflict"] + outcomes["breakdown"] >= 28, (name, outcomes)
        assert outcomes["phased_agreement"] == 0, (name, outcomes)
