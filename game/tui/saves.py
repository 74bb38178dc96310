"""Autosave and continue: one JSON file in the user data directory, written atomically.

The directory is platformdirs' user data dir for "mediator", or ``$MEDIATOR_DATA_DIR`` when
set (the tests use it). The save carries the scenario text the game is played on, so it
resumes from any directory on that version even if the file changed since (the player is
told). A save that cannot be read (corrupt, truncated, from another program) is reported and
moved aside as ``*.bad``; it never crashes the game. A new game asks before it replaces a
game in progress (`game_in_progress` says which).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.records.session import Session

AUTOSAVE_NAME = "autosave.json"
ENV_VAR = "MEDIATOR_DATA_DIR"


def data_dir(override: Path | str | None = None) -> Path:
    """Where saves live: `override`, else $MEDIATOR_DATA_DIR, else the user data dir."""
    if override is not None:
        return Path(override)
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("mediator", appauthor=False))


def autosave_path(override: Path | str | None = None) -> Path:
    return data_dir(override) / AUTOSAVE_NAME


def has_autosave(override: Path | str | None = None) -> bool:
    return autosave_path(override).is_file()


def autosave(session: Session, override: Path | str | None = None) -> Path:
    """Save the session as the autosave, atomically (never a half-written file)."""
    path = autosave_path(override)
    session.save_game(path)
    return path


def game_in_progress(override: Path | str | None = None) -> str | None:
    """The unfinished game the autosave holds, in a few words (None: no save, a finished
    game, or a save that cannot be read, which a new game may replace)."""
    path = autosave_path(override)
    try:
        with open(path, "rb") as handle:
            data = json.loads(handle.read(64 * 1024 * 1024))
        transcript = data.get("transcript", data)
        final, scenario = transcript["final"], transcript["scenario"]
        if final["ended"]:
            return None
        mediator = transcript["labels"]["mediator"]["name"]
        return (f"{scenario['title']}, as {mediator}, seed {transcript['seed']}, "
                f"after turn {final['turn']}")
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def set_aside(path: Path) -> Path:
    """Move an unreadable save out of the way as *.bad (numbered if one exists already)."""
    bad = path.with_name(path.name + ".bad")
    n = 1
    while bad.exists():
        n += 1
        bad = path.with_name(f"{path.name}.{n}.bad")
    os.replace(path, bad)
    return bad


def load_autosave(override: Path | str | None = None) -> tuple[Session | None, str | None]:
    """The autosaved session and a note (the scenario file changed since), or None and a
    one-line message saying why not.

    A missing save gives (None, message). A save that cannot be loaded is moved aside as
    *.bad and reported; no exception escapes.
    """
    path = autosave_path(override)
    if not path.is_file():
        return None, "No saved game to continue."
    from game.records.session import Session

    try:
        session = Session.load(path)
        if session.scenario_file_changed():
            return session, (f"The scenario file {Path(session.scenario_path).name} changed "
                             "since this game was saved: it goes on with the version it was "
                             "played on.")
        return session, None
    except Exception as exc:  # noqa: BLE001 - a save must never crash the game
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        try:
            bad = set_aside(path)
        except OSError as move_error:
            return None, f"The saved game could not be read ({reason}) nor set aside: {move_error}"
        return None, f"The saved game could not be read ({reason}); it was set aside as {bad.name}."
