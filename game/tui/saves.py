"""Autosave and continue: one JSON file in the user data directory, written atomically.

The directory is platformdirs' user data dir for "mediator", or ``$MEDIATOR_DATA_DIR`` when
set (the tests use it). A save that cannot be read (corrupt, truncated, from another program
or another scenario version) is reported and moved aside as ``*.bad``; it never crashes the
game.
"""

from __future__ import annotations

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
    session.save(path)
    return path


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
    """The autosaved session, or None and a one-line message saying why not.

    A missing save gives (None, message). A save that cannot be loaded is moved aside as
    *.bad and reported; no exception escapes.
    """
    path = autosave_path(override)
    if not path.is_file():
        return None, "No saved game to continue."
    from game.records.session import Session

    try:
        return Session.load(path), None
    except Exception as exc:  # noqa: BLE001 - a save must never crash the game
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        try:
            bad = set_aside(path)
        except OSError as move_error:
            return None, f"The saved game could not be read ({reason}) nor set aside: {move_error}"
        return None, f"The saved game could not be read ({reason}); it was set aside as {bad.name}."
