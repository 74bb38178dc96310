"""`--out FILE` of any command: what may be written, checked before any work is done.

A command's output never replaces one of its own inputs (not even with --force), an existing
file only with --force, and never anything but a regular file (a directory, a device, a FIFO,
a symlink to one of them or to nothing).
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable

from game.commands.common import CommandError
from game.format.reading import file_kind


def shown(path: str) -> str:
    """A path as it can be printed on one line (control characters escaped)."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in path)


def _same(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def out_problem(out: str, inputs: Iterable[tuple[str, str | None]], force: bool) -> str | None:
    """Why `out` may not be written (None if it may). `inputs`: (what, path) of the
    command's own input files, e.g. ("scenario", "s.yaml")."""
    if not out:
        return "the path is empty"
    try:
        link = os.lstat(out)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"cannot check it: {exc.strerror or exc}"
    is_link = stat.S_ISLNK(link.st_mode)
    try:
        target = os.stat(out)
    except OSError:
        return "is a symlink to nothing; it is left as it is"
    if not stat.S_ISREG(target.st_mode):
        what = ("a symlink to " if is_link else "") + file_kind(target.st_mode)
        return f"is {what}; only a regular file is written"
    for what, path in inputs:
        if not path:
            continue
        try:
            same = _same(os.stat(path), target)
        except OSError:
            same = os.path.realpath(path) == os.path.realpath(out)
        if same:
            return f"is this command's {what}; choose another file (not even --force replaces it)"
    if not force:
        return "exists; use --force to replace it"
    return None


def scenarios_of(transcripts: Iterable[str], override: str | None = None
                 ) -> list[tuple[str, str | None]]:
    """The scenario files the transcripts name (as the replay will find them), as inputs:
    a report or a debrief reads them too. A transcript that cannot be read names none (its
    own error comes later)."""
    from game.records import transcript as tr

    found: list[tuple[str, str | None]] = [("scenario", override)] if override else []
    for path in transcripts:
        try:
            found.append(("scenario (named by a transcript)",
                          str(tr.scenario_path_for(tr.read(path), override))))
        except Exception:  # noqa: BLE001 - unreadable or damaged: reported by the command
            continue
    return found


def check_out(out: str, inputs: Iterable[tuple[str, str | None]], force: bool,
              prog: str) -> None:
    """Print one line and raise CommandError(2) if `out` may not be written."""
    problem = out_problem(out, inputs, force)
    if problem is not None:
        print(f"mediator {prog}: error: --out {shown(out)}: {problem}", file=sys.stderr)
        raise CommandError(2)
