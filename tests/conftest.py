"""Shared fixtures: paths of the scenarios used across the test tiers."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "engine" / "fixtures" / "tiny.yaml"
RUSSIA_UKRAINE = ROOT / "scenarios" / "russia-ukraine.yaml"


@pytest.fixture(scope="session")
def tiny_path() -> Path:
    return TINY


@pytest.fixture(scope="session")
def tiny():
    from game.format.loader import load_scenario

    return load_scenario(TINY)
