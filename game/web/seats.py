"""Seats: a student's name, the directory that holds their saves, and what their game runs.

A seat is found by name: "Ana Lopez", "ana lopez" and "Ana  Lopez" are the same seat
(`seat_key`), kept in `<root>/<key>/` so that no two students ever share an autosave.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

MAX_NAME = 40
_ALLOWED = re.compile(r"[\w .'-]+")


class SeatNameError(ValueError):
    """A student name that cannot name a seat."""


def clean_name(raw: str) -> str:
    """The name as shown: trimmed, inner spaces collapsed; raises SeatNameError if unusable."""
    name = " ".join(unicodedata.normalize("NFC", raw).split())
    if not name:
        raise SeatNameError("Type your name to take a seat.")
    if len(name) > MAX_NAME:
        raise SeatNameError(f"A name has at most {MAX_NAME} characters.")
    if not _ALLOWED.fullmatch(name) or not any(c.isalnum() for c in name):
        raise SeatNameError("A name uses letters, digits, spaces and . ' - _ only.")
    return name


def seat_key(name: str) -> str:
    """The seat's directory name: the cleaned name, lower case, words joined by '-'."""
    key = "-".join(re.split(r"[ .']+", clean_name(name).casefold())).strip("-_")
    return key or "_"


@dataclass(frozen=True)
class SeatSpec:
    """What a seat process runs: the student's game in their own data directory."""

    student: str
    data_dir: Path
    width: int = 80
    height: int = 24
    class_file: Path | None = None

    def to_json(self) -> dict[str, object]:
        return {"student": self.student, "data_dir": str(self.data_dir), "width": self.width,
                "height": self.height,
                "class_file": None if self.class_file is None else str(self.class_file)}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> SeatSpec:
        class_file = data.get("class_file")
        return cls(student=str(data["student"]), data_dir=Path(str(data["data_dir"])),
                   width=int(str(data["width"])), height=int(str(data["height"])),
                   class_file=None if class_file is None else Path(str(class_file)))
