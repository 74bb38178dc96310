"""Scenarios nobody wrote by hand, for the property tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import assume

from game.analysis.synthetic import synthetic_data
from game.format.errors import ScenarioError
from game.format.loader import load_scenario
from game.format.models import Scenario


def generated_scenario(tmp_path: Path, seed: int, rules: dict[str, Any] | None = None,
                       **shape: Any) -> tuple[Path, Scenario]:
    """Write a synthetic scenario of this shape to YAML and load it (a drawn linkage cycle,
    which the loader rightly refuses, makes hypothesis draw again)."""
    data = synthetic_data(seed=seed, **shape)
    if rules:
        data.setdefault("rules", {}).update(rules)
    path = tmp_path / f"gen-{seed}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    try:
        return path, load_scenario(path)
    except ScenarioError:
        assume(False)
        raise
