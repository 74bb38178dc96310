"""Coverage sweeps: play the bots and the analysis plan over many seeds and count how often
every element of a scenario fired (red lines, soft-line moves, linkages, consents,
statements, events, actions, phases, outcomes), what never fired (with FILE:LINE) and any
crash with the seed that reproduces it.

The sweep is cut into units (a mediator, a player, a run of seeds); each unit is a pure
function of the scenario text and the unit, and the units' counts are summed, so the result
is the same whether the units run in this process, in local worker processes or on a Dask
cluster, and however they are cut.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import re
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from game.engine.moves import TakeAction
from game.engine.state import GameState, TurnResult
from game.format import models as m
from game.format.loader import load_scenario_text, parse_yaml

KINDS = ("red_line", "soft_line_move", "linkage", "consent", "statement", "event", "action",
         "phase", "outcome")
KIND_TITLES = {
    "red_line": "red lines (crossed by a proposal)", "soft_line_move": "soft lines moved",
    "linkage": "linkages (unmet by a proposal)", "consent": "consents (asked)",
    "statement": "statements", "event": "events", "action": "actions", "phase": "phases reached",
    "outcome": "outcomes",
}
PLAN = "plan"
PROBE = "probe"  # a search aimed at one element no bot and no plan made fire
Key = tuple[str, str, str]  # (kind, party or "", id)


@dataclass(frozen=True, slots=True)
class Element:
    """One thing of the scenario that can fire, and where the file declares it."""

    kind: str
    id: str
    party: str  # the party it belongs to ("" for events, actions, phases, outcomes)
    line: int

    @property
    def key(self) -> Key:
        return (self.kind, self.party, self.id)


@dataclass(frozen=True, slots=True)
class Unit:
    """A piece of a sweep: one player (a bot, or the plan) for one mediator on some seeds.
    The plan is searched at `plan_seed` and its moves replayed at each seed."""

    mediator: str
    player: str
    seeds: tuple[int, ...]
    plan_seed: int = 0
    target: Key | None = None  # a probe's element
    plans: tuple[str, ...] = ()  # a probe's plans (moves as JSON), whose lines it continues
    mediators: tuple[str, ...] = ()  # a probe's mediators, tried in turn


def elements(scenario: m.Scenario, text: str, file: str) -> list[Element]:
    """Every element of the scenario that a sweep counts, in file order per kind."""
    _, locate = parse_yaml(text, file)

    def line(*path: str | int) -> int:
        return locate(path)[0]

    out: list[Element] = []
    for i, party in enumerate(scenario.parties):
        for j, red in enumerate(party.red_lines):
            out.append(Element("red_line", red.id, party.id, line("parties", i, "red_lines", j)))
            if red.kind == "soft":
                out.append(Element("soft_line_move", red.id, party.id,
                                   line("parties", i, "red_lines", j, "moves_when")))
        for j, link in enumerate(party.linkages):
            out.append(Element("linkage", link.id, party.id, line("parties", i, "linkages", j)))
        for j, consent in enumerate(party.consents):
            out.append(Element("consent", consent.id, party.id,
                               line("parties", i, "consents", j)))
        for j, said in enumerate(party.statements):
            out.append(Element("statement", said.id, party.id,
                               line("parties", i, "statements", j)))
    out += [Element("event", e.id, "", line("events", i)) for i, e in enumerate(scenario.events)]
    out += [Element("action", a.id, "", line("actions", i))
            for i, a in enumerate(scenario.actions)]
    out += [Element("phase", p.id, "", line("phases", i)) for i, p in enumerate(scenario.phases)]
    out += [Element("outcome", o.id, "", line("outcomes", i))
            for i, o in enumerate(scenario.outcomes)]
    return sorted(out, key=lambda e: (KINDS.index(e.kind), e.line))


def fired_in(state: GameState, results: Sequence[TurnResult]) -> dict[Key, int]:
    """What fired in one finished game, and how many times."""
    counts: dict[Key, int] = {}

    def hit(key: Key) -> None:
        counts[key] = counts.get(key, 0) + 1

    scenario = state.scenario
    for result in results:
        for response in result.responses:
            for reason in response.reasons:
                name = reason.rule.split(":", 1)[-1]
                if reason.kind in ("red_line", "soft_line_holds", "soft_line_moved"):
                    hit(("red_line", response.party, name))
                if reason.kind == "soft_line_moved":
                    hit(("soft_line_move", response.party, name))
                if reason.kind == "linkage":
                    hit(("linkage", response.party, name))
        for check in result.consents:
            hit(("consent", check.stakeholder, check.rule.split(":", 1)[-1]))
        for happening in result.happenings:
            if happening.kind == "event":
                hit(("event", "", happening.id))
            else:
                hit(("statement", happening.party or "", happening.id))
        if isinstance(result.move, TakeAction):
            hit(("action", "", result.move.action))
    reached = scenario.phase_order.get(state.phase, 0)
    for phase in scenario.phases[:reached + 1]:
        counts[("phase", "", phase.id)] = 1
    if state.outcome:
        hit(("outcome", "", state.outcome))
    return counts


@lru_cache(maxsize=4)
def _scenario(text: str, file: str) -> m.Scenario:
    return load_scenario_text(text, file)


def _plan_moves(scenario: m.Scenario, mediator: str, seed: int) -> list[dict[str, Any]]:
    from game.analysis.plan import search

    return [move.to_dict() for move in search(scenario, mediator, seed).moves]


def _game(scenario: m.Scenario, unit: Unit, seed: int, plan: list[dict[str, Any]] | None
          ) -> tuple[GameState, Sequence[TurnResult]]:
    if plan is not None:
        from game.analysis.plan import replay

        state, _, results = replay(scenario, unit.mediator, seed, plan)
        return state, results
    from game.players.bots import play_bot

    session = play_bot(scenario, unit.mediator, seed, unit.player, None)
    return session.state, session.results


def run_unit(text: str, file: str, unit: Unit) -> dict[str, Any]:
    """Play one unit: {"games", "counts": [[kind, party, id, games, times]], "crashes"}.
    Plain data, so that it travels between processes and machines."""
    scenario = _scenario(text, file)
    games: dict[Key, int] = {}
    times: dict[Key, int] = {}
    crashes: list[dict[str, Any]] = []
    played = 0
    plan: list[dict[str, Any]] | None = None
    if unit.player == PROBE:
        return _run_probe(scenario, file, unit)
    if unit.player == PLAN:
        try:
            plan = _plan_moves(scenario, unit.mediator, unit.plan_seed)
        except Exception as exc:  # noqa: BLE001 - report, with the reproducing seed
            crashes.append(_crash(exc, unit, unit.plan_seed, file, "plan search"))
            return {"games": 0, "counts": [], "crashes": crashes}
    for seed in unit.seeds:
        try:
            state, results = _game(scenario, unit, seed, plan)
        except Exception as exc:  # noqa: BLE001 - report, with the reproducing seed
            crashes.append(_crash(exc, unit, seed, file, "game"))
            continue
        played += 1
        for key, n in fired_in(state, results).items():
            games[key] = games.get(key, 0) + 1
            times[key] = times.get(key, 0) + n
    counts = [[*key, games[key], times[key]] for key in sorted(games)]
    return {"games": played, "counts": counts, "crashes": crashes,
            "plan": plan if unit.player == PLAN else None}


def _run_probe(scenario: m.Scenario, file: str, unit: Unit) -> dict[str, Any]:
    """Probe one element with each mediator in turn; the first witness game counts."""
    from game.analysis.probe import probe

    assert unit.target is not None
    plans: dict[str, list[list[dict[str, Any]]]] = {}
    for raw in unit.plans:
        mediator, moves = json.loads(raw)
        plans.setdefault(mediator, []).append(moves)
    for mediator in unit.mediators:
        try:
            witness = probe(scenario, mediator, unit.seeds, unit.target, fired_in,
                            plans.get(mediator, []))
        except Exception as exc:  # noqa: BLE001 - report, with the element probed
            crashes = [_crash(exc, Unit(mediator, PROBE, unit.seeds), unit.seeds[0], file,
                              f"probe of {' '.join(x for x in unit.target if x)}")]
            return {"games": 0, "counts": [], "crashes": crashes, "plan": None}
        if witness is None:
            continue
        counts = [[*key, 1, n] for key, n in sorted(
            fired_in(witness.state, witness.results).items())]
        return {"games": 1, "counts": counts, "crashes": [], "plan": None,
                "witness": {"mediator": mediator, "seed": witness.seed,
                            "moves": [move.to_dict() for move in witness.moves],
                            "outcome": witness.state.outcome}}
    return {"games": 0, "counts": [], "crashes": [], "plan": None}


def _crash(exc: Exception, unit: Unit, seed: int, file: str, what: str) -> dict[str, Any]:
    frame = traceback.extract_tb(exc.__traceback__)[-1]
    if unit.player == PROBE:
        how = f"mediator coverage {file} --mediator {unit.mediator} --seed {seed}"
    elif unit.player == PLAN:
        how = (f"mediator analyze {file} --mediator {unit.mediator} (plan seed "
               f"{unit.plan_seed}, replayed at seed {seed})")
    else:
        how = f"mediator run {file} --mediator {unit.mediator} --seed {seed} --bot {unit.player}"
    return {"player": unit.player, "mediator": unit.mediator, "seed": seed, "in": what,
            "error": f"{type(exc).__name__}: {exc}",
            "where": f"{frame.filename.rsplit('/game/', 1)[-1]}:{frame.lineno}",
            "reproduce": how}


def units(scenario: m.Scenario, mediators: Sequence[str], games: int, seed: int,
          players: Sequence[str], chunk: int, plan_seeds: int = 2) -> list[Unit]:
    """The sweep cut into units of at most `chunk` seeds; the plan is searched at the first
    `plan_seeds` seeds (as `mediator analyze` does), one unit each, since the search is the
    costly part, and each plan is replayed at every seed."""
    seeds = list(range(seed, seed + games))
    out: list[Unit] = []
    for mediator in mediators:
        for player in players:
            if player == PLAN:
                out += [Unit(mediator, PLAN, tuple(seeds), s)
                        for s in seeds[:max(plan_seeds, 1)]]
                continue
            for start in range(0, len(seeds), max(chunk, 1)):
                out.append(Unit(mediator, player, tuple(seeds[start:start + chunk])))
    return out


Runner = Callable[[str, str, list[Unit]], Iterable[dict[str, Any]]]


def run_here(text: str, file: str, todo: list[Unit]) -> Iterator[dict[str, Any]]:
    return (run_unit(text, file, unit) for unit in todo)


def run_processes(workers: int) -> Runner:
    """Run the units in `workers` local processes."""
    def run(text: str, file: str, todo: list[Unit]) -> Iterable[dict[str, Any]]:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(run_unit, [text] * len(todo), [file] * len(todo), todo))
    return run


def run_dask(address: str | Any) -> Runner:
    """Run the units on a Dask distributed cluster (a scheduler address, or a Client/cluster
    object). Every worker needs this package installed (`pip install 'mediator[scale]'`)."""
    def run(text: str, file: str, todo: list[Unit]) -> Iterable[dict[str, Any]]:
        # Typed as Any: Dask is an optional extra, and its API is untyped.
        distributed: Any = importlib.import_module("dask.distributed")
        client = distributed.Client(address, set_as_default=False)
        try:
            futures = client.map(run_unit, [text] * len(todo), [file] * len(todo), todo,
                                 pure=False)
            return list(client.gather(futures))
        finally:
            client.close()
    return run


def impossible(scenario: m.Scenario, text: str, file: str) -> dict[tuple[str, str], str]:
    """The phases, outcomes, actions and events the strict lint proves can never happen
    (kind, id) -> its reason: a sweep reports them apart from what merely never fired."""
    from game.format.lint import lint_scenario

    _, locate = parse_yaml(text, file)
    out: dict[tuple[str, str], str] = {}
    for problem in lint_scenario(scenario, file, locate):
        found = _PROVEN.search(problem.message)
        if found and found["kind"] in ("phase", "outcome", "action", "event"):
            out.setdefault((found["kind"], found["id"]),
                           f"{problem.message[found.start():]} ({file}:{problem.line})")
    return out


_PROVEN = re.compile(
    r"\b(?P<kind>\w+) '(?P<id>[^']+)' can never (be reached|be chosen|be used|fire)\b")


def sweep(scenario: m.Scenario, text: str, file: str, games: int, seed: int = 0,
          mediators: Sequence[str] | None = None, players: Sequence[str] | None = None,
          runner: Runner = run_here, chunk: int = 25, plan_seeds: int = 2,
          probes: bool = True) -> dict[str, Any]:
    """Play the sweep and report what fired, what never fired and the crashes. With
    `probes`, each element that nothing fired is then searched for (game.analysis.probe)
    from the sweep's seeds and plans: found, it is reported with its witness game."""
    from game.players.bots import BOTS

    mediators = [x.id for x in scenario.mediators] if mediators is None else list(mediators)
    players = [*sorted(BOTS), PLAN] if players is None else list(players)
    todo = units(scenario, mediators, games, seed, players, chunk, plan_seeds)
    played: dict[str, dict[str, int]] = {
        x: {p: 0 for p in [*players, *([PROBE] if probes else [])]} for x in mediators}
    games_of: dict[Key, int] = {}
    times_of: dict[Key, int] = {}
    crashes: list[dict[str, Any]] = []
    plans: list[str] = []

    def add(part: dict[str, Any]) -> None:
        for kind, party, ident, n_games, n_times in part["counts"]:
            key = (kind, party, ident)
            games_of[key] = games_of.get(key, 0) + n_games
            times_of[key] = times_of.get(key, 0) + n_times
        crashes.extend(part["crashes"])

    for unit, part in zip(todo, runner(text, file, todo), strict=True):
        played[unit.mediator][unit.player] += part["games"]
        add(part)
        if part.get("plan") is not None:
            plans.append(json.dumps([unit.mediator, part["plan"]], sort_keys=True))
    proven = impossible(scenario, text, file)
    everything = elements(scenario, text, file)
    witnesses: dict[Key, dict[str, Any]] = {}
    if probes:
        missing = [e.key for e in everything
                   if not games_of.get(e.key) and (e.kind, e.id) not in proven]
        asked = [Unit(mediators[0], PROBE, tuple(range(seed, seed + games)), target=key,
                      plans=tuple(plans), mediators=tuple(mediators)) for key in missing]
        for unit, part in zip(asked, runner(text, file, asked) if asked else [], strict=True):
            add(part)
            if part.get("witness") is not None:
                assert unit.target is not None
                witnesses[unit.target] = part["witness"]
                played[part["witness"]["mediator"]][PROBE] += 1
    items = []
    never = []
    cannot = []
    probed = []
    for element in everything:
        row = {"kind": element.kind, "id": element.id, "party": element.party or None,
               "where": f"{file}:{element.line}",
               "games": games_of.get(element.key, 0), "times": times_of.get(element.key, 0)}
        items.append(row)
        if element.key in witnesses:
            probed.append({**{k: row[k] for k in ("kind", "id", "party", "where")},
                           **witnesses[element.key]})
        if not row["games"]:
            entry = {k: row[k] for k in ("kind", "id", "party", "where")}
            reason = proven.get((element.kind, element.id))
            if reason is None:
                never.append(entry)
            else:
                cannot.append({**entry, "reason": reason})
    total = sum(sum(by.values()) for by in played.values())
    return {
        "scenario": scenario.meta.id, "file": file,
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "seeds": [seed, seed + games - 1], "games_per_player": games,
        "plan_seeds": [seed, seed + min(max(plan_seeds, 1), games) - 1] if PLAN in players
        else None,
        "players": list(players) + ([PROBE] if probes else []),
        "mediators": list(mediators), "played": played,
        "games": total, "elements": items, "never_fired": never, "cannot_fire": cannot,
        "probed": probed,
        "crashes": sorted(crashes, key=lambda c: (c["mediator"], c["player"], c["seed"])),
    }


def format_coverage(data: dict[str, Any]) -> str:
    """The sweep as text: counts per kind, then what never fired, then the crashes."""
    lines = [f"Coverage of {data['scenario']} ({data['file']}): {data['games']} games, "
             f"seeds {data['seeds'][0]}..{data['seeds'][1]}, players "
             f"{', '.join(data['players'])}, mediators {', '.join(data['mediators'])}"]
    total = data["games"] or 1
    for kind in KINDS:
        rows = [r for r in data["elements"] if r["kind"] == kind]
        if not rows:
            continue
        lines += ["", f"{KIND_TITLES[kind]}:"]
        for r in rows:
            name = f"{r['party']}.{r['id']}" if r["party"] else r["id"]
            share = f"{100 * r['games'] / total:5.1f}%"
            lines.append(f"  {name:<44} {r['games']:>7} games {share}  {r['times']:>8} times"
                         f"  {r['where']}")
    lines.append("")
    never = data["never_fired"]
    if never:
        lines.append(f"Never fired ({len(never)}):")
        for r in never:
            name = f"{r['party']}.{r['id']}" if r["party"] else r["id"]
            lines.append(f"  {r['where']}: {r['kind']} {name}")
    else:
        lines.append("Every element fired in some game" + (
            ", except what cannot fire by design." if data.get("cannot_fire") else "."))
    probed = data.get("probed", [])
    if probed:
        lines.append(f"Fired only in a targeted probe ({len(probed)}), its witness game "
                     "(moves in --json):")
        for r in probed:
            name = f"{r['party']}.{r['id']}" if r["party"] else r["id"]
            lines.append(f"  {r['where']}: {r['kind']} {name}: {r['mediator']}, seed "
                         f"{r['seed']}, {len(r['moves'])} moves, outcome {r['outcome']}")
    cannot = data.get("cannot_fire", [])
    if cannot:
        lines.append(f"Cannot fire, by design (proved by validate --strict) ({len(cannot)}):")
        for r in cannot:
            lines.append(f"  {r['where']}: {r['kind']} {r['id']}: {r['reason']}")
    if data["crashes"]:
        lines.append(f"{len(data['crashes'])} crash(es):")
        for c in data["crashes"]:
            lines.append(f"  {c['player']} / {c['mediator']} / seed {c['seed']}: {c['error']} "
                         f"({c['where']})")
            lines.append(f"    reproduce: {c['reproduce']}")
    else:
        lines.append("No crash.")
    return "\n".join(lines)


__all__ = ["Element", "KINDS", "PLAN", "PROBE", "Unit", "elements", "fired_in", "format_coverage",
           "impossible", "run_dask", "run_here", "run_processes", "run_unit", "sweep", "units"]
