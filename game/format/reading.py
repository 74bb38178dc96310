"""Reading an input file safely: a regular file only, its size checked before reading.

Every reader of the game (scenario files, moves files, transcripts and saves) goes through
``read_input``: an empty path, a directory, a FIFO, a device (``/dev/zero``) or a file over the
limit is refused with a one-line message, and nothing past the limit is ever read.
"""

from __future__ import annotations

import os
import stat
import unicodedata

_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\e"}
_UNSAFE = {"Cc", "Cf", "Cs", "Co", "Zl", "Zp"}


class InputError(ValueError):
    """An input file that cannot be read (the message names no file: the caller adds it)."""


def printable(text: str) -> str:
    """`text` with control, format and surrogate characters escaped (``\\n``, ``\\e``,
    ``\\x07``, ``\\u202e``...), so a message can never forge a line or drive the terminal."""
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif unicodedata.category(char) in _UNSAFE:
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else
                       f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(char)
    return "".join(out)


def file_kind(mode: int) -> str:
    """What a file that is not a regular one is, in words (from its stat mode)."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _size(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size} bytes"


def read_input(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; InputError otherwise."""
    name = os.fspath(path)
    if not name:
        raise InputError("empty file name")
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(
            os, "O_BINARY", 0))
    except FileNotFoundError:
        raise InputError("no such file") from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL character in the name
        raise InputError(f"cannot read file: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"cannot read file: {file_kind(info.st_mode)}, not a regular file")
        if info.st_size > limit:
            raise InputError(f"file is too large ({info.st_size} bytes; the limit is "
                             f"{_size(limit)})")
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(limit + 1 - total, 1024 * 1024))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:  # it grew while being read
        raise InputError(f"file is too large (the limit is {_size(limit)})")
    return data
