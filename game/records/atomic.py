"""Atomic file writes: a temporary file beside the target, then a rename.

The target keeps its permission bits (a new file gets the usual 0666 minus the umask), a
symlink is written through (the file it points to is replaced, the link stays), and the
directory is synced after the rename. A writer holds a lock on its temporary file; one left
behind by a killed writer is unlocked and removed by the next write to the same target.
"""

from __future__ import annotations

import errno
import functools
import os
import stat
import tempfile
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no stale-file sweep
    fcntl = None  # type: ignore[assignment]

TMP_SUFFIX = ".tmp"


def temp_prefix(target: Path) -> str:
    """The name prefix of the temporary files of `target` (in its directory)."""
    return f".{target.name}."


@functools.cache
def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _lock(fd: int, wait: bool) -> bool:
    """An exclusive lock on an open file; False if another process holds one."""
    if fcntl is None:  # pragma: no cover
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except OSError:
        return False
    return True


def sweep_stale(target: Path) -> list[Path]:
    """Remove the temporary files of `target` that no live writer holds; return them."""
    if fcntl is None:  # pragma: no cover
        return []
    removed = []
    prefix = temp_prefix(target)
    try:
        names = os.listdir(target.parent)
    except OSError:
        return []
    for name in names:
        if not (name.startswith(prefix) and name.endswith(TMP_SUFFIX)):
            continue
        stale = target.parent / name
        try:
            fd = os.open(stale, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            continue
        try:
            if stat.S_ISREG(os.fstat(fd).st_mode) and _lock(fd, wait=False):
                stale.unlink(missing_ok=True)
                removed.append(stale)
        finally:
            os.close(fd)
    return removed


def _sync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # pragma: no cover - a platform without directory handles
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse; the rename is done
        pass
    finally:
        os.close(fd)


def write_atomic(path: str | Path, text: str) -> None:
    """Write a UTF-8 file by temp file + rename, so it is never half-written.

    Raises OSError when the target exists and is not a regular file (a directory, a device,
    a FIFO, a symlink to one of them): it is never replaced by a regular file."""
    path = Path(path)
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        raise OSError(errno.EINVAL, "not a regular file; it is left as it is", str(path))
    perms = stat.S_IMODE(mode) if mode is not None else 0o666 & ~_umask()
    target.parent.mkdir(parents=True, exist_ok=True)
    sweep_stale(target)
    data = text.encode("utf-8")
    for attempt in (1, 2):
        fd, tmp = tempfile.mkstemp(prefix=temp_prefix(target), suffix=TMP_SUFFIX,
                                   dir=target.parent)
        try:
            _lock(fd, wait=True)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fchmod(fd, perms)
            os.fsync(fd)
            try:
                os.replace(tmp, target)  # still locked: a sweep cannot take it meanwhile
            except FileNotFoundError:
                if attempt == 2 or not target.parent.is_dir():
                    raise
                continue  # a sweep took it between mkstemp and the lock: once more
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        finally:
            os.close(fd)
        break
    _sync_dir(target.parent)
