"""One seat's process: the student's game, drawn for the browser by Textual's web driver.

Started by the fork server (`game.web.forkserver`, pre-imported) or, where fork is not
available, as `python -m game.web.seat 'SPEC-JSON'`. A seat with an autosave resumes it at once:
a refresh or a lost connection brings the student back to the same turn.
"""

from __future__ import annotations

import json
import os
import sys
from functools import cached_property
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

from game.web.seats import SeatSpec

if TYPE_CHECKING:
    from game.format.classfile import ClassSetup
    from game.format.models import Scenario
    from game.tui.catalog import ScenarioEntry

_CLASSES: dict[Path, ClassSetup] = {}
# The shipped scenarios, loaded by the fork server (`preload_scenarios`): the new-game screen
# of every seat lists them all, so each seat would otherwise parse every file itself.
_SCENARIOS: dict[Path, ScenarioEntry] = {}


def seat_environment() -> dict[str, str]:
    """What Textual reads at import time to draw for a browser (set before importing it)."""
    return {
        "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
        "TEXTUAL_FPS": "60",
        "TEXTUAL_COLOR_SYSTEM": "truecolor",
        "TERM_PROGRAM": "textual",
        "TERM_PROGRAM_VERSION": version("textual-serve"),
    }


def warm_up(classroom: bool = False) -> None:
    """Import what every seat needs, so that forked seats start drawing at once. A forked seat
    maps all of the fork server's memory: the class screens only for a class's lab."""
    import textual.drivers.web_driver  # noqa: F401
    import textual.widgets  # noqa: F401

    import game.format.loader  # noqa: F401
    import game.records.session  # noqa: F401
    import game.tui.app  # noqa: F401
    import game.tui.screens.briefing  # noqa: F401
    import game.tui.screens.debrief  # noqa: F401
    import game.tui.screens.new_game  # noqa: F401
    import game.tui.screens.splash  # noqa: F401
    import game.tui.screens.table  # noqa: F401

    if classroom:
        import game.tui.screens.classroom  # noqa: F401


def prewarm() -> None:
    """Run the game headless up to its first frame and leave: Textual's caches (styles,
    colours, widths) are then filled once in the fork server instead of in every seat."""
    import tempfile

    from game.tui.app import make_app

    with tempfile.TemporaryDirectory(prefix="mediator-prewarm-") as tmp:
        os.environ["MEDIATOR_FIRST_FRAME"] = str(Path(tmp) / "first-frame")
        try:
            make_app(save_dir=tmp).run(headless=True)
        finally:
            del os.environ["MEDIATOR_FIRST_FRAME"]


def preload_scenarios() -> None:
    """Load the shipped scenarios once, with what the engine derives from them (in the fork
    server): every seat then shares them instead of parsing and deriving its own copies."""
    from game.tui.catalog import key_of, load_entry, scenario_paths

    for path in scenario_paths():
        entry = load_entry(path)
        if entry.scenario is not None:
            derive(entry.scenario)
        _SCENARIOS[key_of(path)] = entry


def derive(scenario: Scenario) -> None:
    """Compute the scenario's cached values now (indexes, and the walks over its whole dump
    that the engine's first turn makes)."""
    for klass in type(scenario).__mro__:
        for name, attribute in vars(klass).items():
            if isinstance(attribute, cached_property):
                getattr(scenario, name)


def name_keys() -> None:
    """Name the keys of the game and of the widgets loaded as Textual's footer and key filter
    do (memoised lookups in the Unicode name database): done here, the seats share the names
    and never read the database's pages."""
    from textual.binding import Binding, BindingType
    from textual.dom import DOMNode
    from textual.keys import format_key, key_to_character

    from game.tui.commands import COMMANDS

    declared: list[list[BindingType]] = [list(bindings) for bindings in COMMANDS.values()]
    pending: list[type[DOMNode]] = [DOMNode]
    seen: set[type[DOMNode]] = set()
    while pending:
        klass = pending.pop()
        if klass not in seen:
            seen.add(klass)
            pending.extend(klass.__subclasses__())
            declared.append(list(vars(klass).get("BINDINGS", ())))
    for bindings in declared:
        for binding in Binding.make_bindings(bindings):
            format_key(binding.parse_key()[1])
            key_to_character(binding.key)


def class_setup(path: Path) -> ClassSetup:
    """The class file, loaded once per process (the fork server loads it for every seat)."""
    if path not in _CLASSES:
        from game.format.classfile import load_class

        _CLASSES[path] = load_class(path)
    return _CLASSES[path]


def run_seat(spec: SeatSpec) -> int:
    """Run the student's game until the browser leaves; the autosave keeps their place."""
    os.environ.update(seat_environment())
    os.environ["MEDIATOR_DATA_DIR"] = str(spec.data_dir)
    os.environ["COLUMNS"] = str(spec.width)
    os.environ["ROWS"] = str(spec.height)
    spec.data_dir.mkdir(parents=True, exist_ok=True)
    from game.tui import saves
    from game.tui.app import make_app

    classroom = None
    if spec.class_file is not None:
        from game.tui.screens.classroom import ClassPlay

        classroom = ClassPlay(class_setup(spec.class_file), spec.student)
    app = make_app(resume=saves.has_autosave(spec.data_dir), save_dir=spec.data_dir,
                   classroom=classroom)
    if _SCENARIOS:  # forked: the fork server has loaded the shipped scenarios
        from game.tui.catalog import key_of

        app.catalog.update(_SCENARIOS)
        entry = _SCENARIOS.get(key_of(app.scenario_path))
        if classroom is None and entry is not None and entry.scenario is not None:
            app._scenario = entry.scenario  # the app's scenario file, already loaded
    code = app.run()
    return int(code or 0)


def main(argv: list[str]) -> int:
    return run_seat(SeatSpec.from_json(json.loads(argv[0])))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
