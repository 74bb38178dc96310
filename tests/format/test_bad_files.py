"""Every bad file gives exactly its expected `FILE:LINE:COL: message` lines, quickly, safely."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.format.errors import ScenarioError
from game.format.loader import MAX_BYTES, load_scenario
from tests.format.conftest import HERE, ROOT, run_mediator

BAD = HERE / "bad"
BAD_FILES = sorted(BAD.glob("*.yaml"))
MARKER = Path("/tmp/mediator-format-pwned")  # what python_apply.yaml's payload would create
FAST = ("alias_bomb", "recursive_alias", "deep_nesting")


def test_the_corpus_covers_every_kind() -> None:
    names = {p.stem for p in BAD_FILES}
    assert {"malformed", "tabs", "wrong_types", "unknown_keys", "dangling_ids",
            "duplicate_keys", "duplicate_ids", "python_apply", "python_name", "custom_tag",
            "alias_bomb", "empty", "top_level_list", "invalid_utf8", "deep_nesting",
            "linkage_cycle", "unreachable_outcome", "missing_keys", "cross_refs",
            "non_finite"} <= names
    for path in BAD_FILES:
        assert path.with_suffix(".expected").is_file(), f"{path.name} has no .expected file"


@pytest.mark.parametrize("path", BAD_FILES, ids=[p.stem for p in BAD_FILES])
def test_bad_file(path: Path) -> None:
    MARKER.unlink(missing_ok=True)
    relative = path.relative_to(ROOT).as_posix()
    result = run_mediator("validate", relative)
    expected = path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.splitlines() == expected
    assert "Traceback" not in result.stderr
    assert result.stderr == ""
    assert not MARKER.exists(), "a YAML tag ran code"


@pytest.mark.parametrize("name", FAST)
def test_guards_refuse_with_one_problem(name: str) -> None:
    """The guards stop before building anything (their speed is `mediator bench`'s business,
    not a test's): one problem, the guard's."""
    with pytest.raises(ScenarioError) as info:
        load_scenario(BAD / f"{name}.yaml")
    assert len(info.value.problems) == 1


def test_oversize_file_is_refused_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    line = b"# " + b"x" * 97 + b"\n"
    big.write_bytes(line * (MAX_BYTES // len(line) + 1))
    size = big.stat().st_size
    with pytest.raises(ScenarioError) as info:
        load_scenario(big)
    assert [str(p) for p in info.value.problems] == [
        f"{big}:1:1: file is too large ({size} bytes; the limit is 2 MB)"
    ]
    result = run_mediator("validate", str(big))
    assert result.returncode == 1
    assert result.stdout == f"{big}:1:1: file is too large ({size} bytes; the limit is 2 MB)\n"


def test_python_payload_would_really_run_code() -> None:
    """The corpus is meaningful: the payload is a real one (checked without running it)."""
    text = (BAD / "python_apply.yaml").read_text(encoding="utf-8")
    assert f'!!python/object/apply:os.system ["touch {MARKER}"]' in text


def test_every_problem_at_once() -> None:
    with pytest.raises(ScenarioError) as info:
        load_scenario(BAD / "wrong_types.yaml")
    assert len(info.value.problems) == 7
    assert all(p.line >= 1 and p.column >= 1 for p in info.value.problems)
