"""Atomic writes: mode kept, links written through, non-regular targets left alone, and no
temporary file outlives a killed writer."""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from game.records.atomic import temp_prefix, write_atomic

ROOT = Path(__file__).resolve().parents[2]


def leftovers(target: Path) -> list[str]:
    return sorted(p.name for p in target.parent.iterdir() if p.name.startswith(temp_prefix(target)))


def test_writes_the_text_and_leaves_nothing_beside_it(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "t.json"
    write_atomic(target, "héllo\n")
    assert target.read_bytes() == "héllo\n".encode()
    assert leftovers(target) == []


def test_a_new_file_gets_the_umask_mode_and_an_existing_one_keeps_its_mode(tmp_path: Path
                                                                           ) -> None:
    old = os.umask(0o027)
    os.umask(old)
    new = tmp_path / "new.json"
    write_atomic(new, "x")
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~old
    kept = tmp_path / "kept.json"
    kept.write_text("old")
    kept.chmod(0o640)
    write_atomic(kept, "new")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    assert kept.read_text() == "new"


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink() and real.read_text() == "new"


@pytest.mark.parametrize("kind", ["fifo", "directory", "link-to-fifo"])
def test_a_non_regular_target_is_refused_and_left_as_it_is(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "out"
    if kind == "directory":
        target.mkdir()
    else:
        fifo = tmp_path / "fifo"
        os.mkfifo(fifo)
        if kind == "fifo":
            target = fifo
        else:
            target.symlink_to(fifo)
    with pytest.raises(OSError) as caught:
        write_atomic(target, "x")
    assert caught.value.errno == errno.EINVAL
    assert not stat.S_ISREG(os.stat(target).st_mode)
    assert leftovers(target) == []


KILLED_WRITE = """
import os, signal, sys
from game.records.atomic import write_atomic
os.replace = lambda *a: os.kill(os.getpid(), signal.SIGKILL)
write_atomic(sys.argv[1], "half")
"""


def test_a_killed_write_leaves_the_old_file_and_the_next_write_sweeps_its_temporary(
        tmp_path: Path) -> None:
    target = tmp_path / "autosave.json"
    target.write_text("old")
    other = tmp_path / "other.json"  # another target's temporary is not ours to remove
    os.close(os.open(tmp_path / f"{temp_prefix(other)}abc.tmp", os.O_CREAT | os.O_WRONLY))
    killed = subprocess.run([sys.executable, "-c", KILLED_WRITE, str(target)], cwd=ROOT,
                            capture_output=True, timeout=60)
    assert killed.returncode == -9
    assert target.read_text() == "old"
    assert len(leftovers(target)) == 1
    write_atomic(target, "new")
    assert target.read_text() == "new"
    assert leftovers(target) == []
    assert leftovers(other) == [f"{temp_prefix(other)}abc.tmp"]


def test_a_temporary_held_by_a_live_writer_is_not_swept(tmp_path: Path) -> None:
    target = tmp_path / "t.json"
    busy = tmp_path / f"{temp_prefix(target)}live.tmp"
    fd = os.open(busy, os.O_CREAT | os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        write_atomic(target, "new")
        assert busy.exists()
    finally:
        os.close(fd)
    write_atomic(target, "newer")
    assert leftovers(target) == []
