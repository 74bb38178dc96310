"""Where the shipped scenarios and assets are: inside the installed package (a wheel puts
them in game/_data/) or beside the package in a source checkout / editable install."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    packaged = _PACKAGE / "_data" / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent / name


def scenarios_dir() -> Path:
    return _data_dir("scenarios")


def assets_dir() -> Path:
    return _data_dir("assets")


DEFAULT_SCENARIO = "russia-ukraine.yaml"


def default_scenario_path() -> Path:
    return scenarios_dir() / DEFAULT_SCENARIO
