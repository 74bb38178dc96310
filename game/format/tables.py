"""Tables derived from a scenario: built on first use by the module that owns each, kept with
the scenario (which is frozen, so they never go stale). Typed, one field per owner, so no
module writes another's table by accident."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from game.engine.moves import Term
    from game.engine.rules import PartyIndex

AlternativeKey = tuple[str, tuple[str | None, str | None, bool] | None]


@dataclass
class ScenarioTables:
    party_index: dict[str, PartyIndex] = field(default_factory=dict)  # rules.index_of
    alternatives: dict[AlternativeKey, tuple[Term | None, ...]] = field(
        default_factory=dict)  # rules._alternatives
    meter_names: dict[tuple[str, str | None], list[str]] = field(
        default_factory=dict)  # engine._resolve_meter
    bot_priors: dict[tuple[str, str, str], float] = field(default_factory=dict)  # bots
    flag_setters: dict[str, list[tuple[str, str, Any]]] | None = None  # wording._flag_setters
    analysis: dict[str, Any] = field(default_factory=dict)  # the analysis layer's, by name
