"""A class game's record: the student's name and reflection answers (the transcript's `class`
block, covered by its digest), and the hand-in of a finished game to the class's folder."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from game.records.session import Session

MAX_NAME = 80
MAX_ANSWER = 5000


@dataclass(frozen=True)
class ClassRecord:
    """Who played a class game and what they answered to the reflection questions."""

    title: str
    student: str
    answers: tuple[tuple[str, str], ...] = ()  # (question, answer), in the class file's order

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "student": self.student,
                "reflection": [{"question": q, "answer": a} for q, a in self.answers]}

    @classmethod
    def from_dict(cls, data: Any) -> ClassRecord:
        """The record of a transcript's `class` block; ValueError if it is malformed."""
        if not isinstance(data, dict) or set(data) != {"title", "student", "reflection"}:
            raise ValueError("class: expected title, student and reflection")
        title, student, reflection = data["title"], data["student"], data["reflection"]
        if not isinstance(title, str) or not isinstance(student, str) or not isinstance(
                reflection, list):
            raise ValueError("class: title and student must be text, reflection a list")
        answers = []
        for item in reflection:
            if (not isinstance(item, dict) or set(item) != {"question", "answer"}
                    or not all(isinstance(v, str) for v in item.values())):
                raise ValueError("class.reflection: expected question and answer texts")
            answers.append((item["question"], item["answer"]))
        return cls(title, student, tuple(answers))

    def answered(self, questions: list[str], answers: list[str]) -> ClassRecord:
        """This record with the reflection answers (trimmed, at most MAX_ANSWER characters)."""
        return ClassRecord(self.title, self.student, tuple(
            (q, a.strip()[:MAX_ANSWER]) for q, a in zip(questions, answers, strict=True)))


def clean_name(name: str) -> str:
    """A student's name as recorded: control characters out, spaces collapsed, at most
    MAX_NAME characters; ValueError if nothing is left."""
    text = "".join(" " if unicodedata.category(c)[0] in "CZ" else c for c in name)
    text = " ".join(text.split())[:MAX_NAME]
    if not text:
        raise ValueError("the student's name is empty")
    return text


def name_slug(name: str) -> str:
    """The name as a safe file-name part: letters, digits, '-' and '_' only."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", ascii_name).strip("-_")[:40]
    return slug or "student"


def write_new(path: Path, text: str) -> bool:
    """Write a whole file at `path` only if none exists there (never overwriting, never
    half-written: a temporary file hard-linked into place); False if one exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        return True
    finally:
        Path(tmp).unlink(missing_ok=True)


def hand_in(session: Session, folder: str | Path) -> Path:
    """Save a finished class game as FOLDER/NAME-<first 8 digits of its digest>.json, next
    to any other student's file (a taken name gets -2, -3...); returns the path written."""
    from game.records.transcript import dumps

    if session.class_record is None:
        raise ValueError("not a class game: no student name to hand in under")
    data = session.transcript()
    text = dumps(data)
    stem = f"{name_slug(session.class_record.student)}-{data['digest'][:8]}"
    folder = Path(folder)
    for n in range(1, 1000):
        path = folder / (f"{stem}.json" if n == 1 else f"{stem}-{n}.json")
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            return path  # the same game handed in twice: one file
        if write_new(path, text):
            return path
    raise OSError(f"{folder}: too many files named {stem}-*.json")
