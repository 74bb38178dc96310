"""Strict parsing of a transcript (or a saved game) from its bytes.

The JSON is read with every guard: UTF-8 only, no duplicate key, no NaN or infinity, no
number of more than 40 digits, no lone surrogate, nesting at most 32 deep. Its top level then
goes through a strict model: each known key with its type (``seed: 7.0`` is not a whole
number), no unknown key (even under a recomputed digest), at most ``MAX_MOVES`` moves and a
scenario path of at most ``MAX_PATH`` characters. Each problem is one line, raised as
``TranscriptFormatError``; deeper content is checked by replay (verify) or by the exports.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.format import limits
from game.format.reading import printable

MAX_JSON_DEPTH = 32
MAX_DIGITS = 40
SEED_BOUND = 2**63
_SHA256 = r"^[0-9a-f]{64}$"
_ID = r"^[a-z][a-z0-9_]*$"


class TranscriptFormatError(ValueError):
    """The bytes are not a well-formed transcript (one line, without the file name; `at`:
    the line and column when known)."""

    def __init__(self, message: str, at: tuple[int, int] | None = None) -> None:
        super().__init__(message)
        self.at = at


Text = Annotated[str, Field(max_length=limits.MAX_STRING)]
Id = Annotated[str, Field(pattern=_ID, max_length=64)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)


class ScenarioRecord(_Strict):
    id: Id
    title: Text
    version: Text
    sha256: Annotated[str, Field(pattern=_SHA256)]
    file: Annotated[str, Field(max_length=limits.MAX_PATH)]


class TranscriptRecord(_Strict):
    """The top level of a transcript, as `transcript.build` writes it."""

    format: Text
    format_version: int
    engine_version: Text
    scenario: ScenarioRecord
    mediator: Id
    labels: dict[str, Any] | None = None  # older transcripts have none
    seed: Annotated[int, Field(gt=-SEED_BOUND, lt=SEED_BOUND)]
    moves: Annotated[list[Any], Field(max_length=limits.MAX_MOVES)]
    turns: Annotated[list[dict[str, Any]], Field(max_length=limits.MAX_MOVES)]
    ledger: list[dict[str, Any]]
    final: dict[str, Any]
    outcome: Id | None
    score: int | float
    digest: Annotated[str, Field(pattern=_SHA256)]
    turn_limit: Annotated[int, Field(ge=1, le=limits.MAX_TURNS)] | None = None
    class_: dict[str, Any] | None = Field(None, alias="class")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise TranscriptFormatError(f"duplicate key {printable(repr(key))}")
        out[key] = value
    return out


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise TranscriptFormatError(f"a number of {len(text.lstrip('-'))} digits (the limit "
                                    f"is {MAX_DIGITS})")
    return int(text)


def _real(text: str) -> float:
    if len(text) > MAX_DIGITS * 2:
        raise TranscriptFormatError(f"a number of {len(text)} characters")
    return float(text)


def _constant(name: str) -> Any:
    raise TranscriptFormatError(f"{name} is not a number a transcript can hold")


def _check_tree(data: Any) -> None:
    """Nesting at most MAX_JSON_DEPTH deep and no lone surrogate in any text (iteratively)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise TranscriptFormatError(f"nesting deeper than {MAX_JSON_DEPTH} levels")
        if isinstance(value, dict):
            for key, item in value.items():
                _text(key)
                stack.append((item, depth + 1))
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)
        elif isinstance(value, str):
            _text(value)


def _text(value: str) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise TranscriptFormatError(f"text {printable(repr(value[:40]))} is not valid Unicode "
                                    "(a lone surrogate)") from None


def _where(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc) or "(top level)"


def _problem(error: ValidationError) -> str:
    first = error.errors(include_url=False)[0]
    where = _where(tuple(first["loc"]))
    if first["type"] == "extra_forbidden":
        return f"unknown key {printable(repr(first['loc'][-1]))}"
    if first["type"] == "missing":
        return f"transcript has no {printable(repr(first['loc'][-1]))}"
    got = first["input"]
    shown = (type(got).__name__ if isinstance(got, dict | list) else
             printable(repr(got if not isinstance(got, str) or len(got) <= 40
                            else got[:37] + "...")))
    message = first["msg"]
    if first["type"] == "string_pattern_mismatch":
        message = ("expected an id (lower-case letters, digits and underscores, starting with "
                   "a letter)" if first.get("ctx", {}).get("pattern") == _ID else
                   "expected a SHA-256 (64 hexadecimal digits)")
    return f"{where}: {message}, got {shown}"


def parse_json(raw: bytes) -> Any:
    """JSON from bytes with every guard (see module doc); TranscriptFormatError otherwise."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TranscriptFormatError(f"not UTF-8 (byte 0x{raw[exc.start]:02x} at offset "
                                    f"{exc.start})") from None
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates, parse_int=_integer,
                          parse_float=_real, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise TranscriptFormatError(f"not JSON: {exc.msg}", (exc.lineno, exc.colno)) from None
    except RecursionError:
        raise TranscriptFormatError(f"nesting deeper than {MAX_JSON_DEPTH} levels") from None
    _check_tree(data)
    return data


def check_transcript(data: Any, expected_format: str) -> dict[str, Any]:
    """`data` if its top level is a transcript's (see module doc); TranscriptFormatError
    otherwise."""
    if not isinstance(data, dict) or data.get("format") != expected_format:
        raise TranscriptFormatError("not a mediator transcript")
    try:
        TranscriptRecord.model_validate(data)
    except ValidationError as exc:
        raise TranscriptFormatError(_problem(exc)) from None
    return data


def parse_transcript(raw: bytes, expected_format: str) -> dict[str, Any]:
    """The transcript in `raw`, checked (see module doc); TranscriptFormatError otherwise."""
    return check_transcript(parse_json(raw), expected_format)
