"""`mediator validate PATH...`: check scenario files, print every problem as FILE:LINE:COL;
with `--strict`, also what validates but cannot work, as `FILE:LINE:COL: warning: ...`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from game.format.errors import Problem, ScenarioError
from game.format.reading import printable


def _expand(paths: list[str]) -> list[Path] | str:
    """Files to check (a directory means every *.yaml inside it), or why one path is not."""
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if not name:
            return "empty file name"
        if path.is_dir():
            found = sorted(p for p in path.glob("*.yaml") if p.is_file())
            if not found:
                return f"no scenario file (*.yaml) in the directory {printable(name)}"
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            return f"no such file: {printable(name)}"
    return files


def check_file(path: Path) -> list[Problem]:
    """Every problem of one file ([] when it is valid); never raises."""
    return check_file_strict(path, strict=False)[0]


def check_file_strict(path: Path, strict: bool = True) -> tuple[list[Problem], list[Problem]]:
    """(problems, warnings) of one file; warnings only for a valid file when `strict`."""
    try:
        if not strict:
            from game.format.loader import load_scenario

            load_scenario(path)
            return [], []
        from game.format.lint import lint_file

        return [], lint_file(path)
    except ScenarioError as exc:
        return list(exc.problems), []
    except RecursionError:
        return [Problem(str(path), 1, 1, "nesting too deep to check")], []
    except Exception as exc:  # noqa: BLE001 - a bug in the checker must not show a traceback
        return [Problem(str(path), 1, 1, f"internal error while checking: "
                        f"{type(exc).__name__}: {exc}")], []


def warning_text(warning: Problem) -> str:
    """``FILE:LINE:COL: warning: message``."""
    return printable(f"{warning.file}:{warning.line}:{warning.column}: warning: "
                     f"{warning.message}")


def main(args: argparse.Namespace) -> int:
    files = _expand(list(args.paths))
    if isinstance(files, str):
        print(f"mediator: error: {files}", file=sys.stderr)
        return 2
    strict = bool(getattr(args, "strict", False) or getattr(args, "warnings_as_errors", False))
    results = [(path, *check_file_strict(path, strict)) for path in files]
    if args.json:
        entries = []
        for path, problems, warnings in results:
            entry: dict[str, object] = {"path": str(path), "ok": not problems,
                                        "problems": [p.to_dict() for p in problems]}
            if strict:
                entry["warnings"] = [w.to_dict() for w in warnings]
            entries.append(entry)
        print(json.dumps({"files": entries}, indent=2, ensure_ascii=False))
    else:
        for path, problems, warnings in results:
            for problem in problems:
                print(problem)
            for warning in warnings:
                print(warning_text(warning))
            if not problems:
                count = len(warnings)
                print(f"{path}: ok" + (f", {count} warning{'s' if count != 1 else ''}"
                                       if count else ""))
    if any(problems for _, problems, _ in results):
        return 1
    if getattr(args, "warnings_as_errors", False) and any(w for _, _, w in results):
        return 1
    return 0
