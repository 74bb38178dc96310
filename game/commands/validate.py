"""`mediator validate PATH...`: check scenario files, print every problem as FILE:LINE:COL."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from game.format.errors import Problem, ScenarioError


def _expand(paths: list[str]) -> list[Path] | str:
    """Files to check (a directory means every *.yaml inside it), or the missing path."""
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files.extend(sorted(p for p in path.glob("*.yaml") if p.is_file()))
        elif path.exists():
            files.append(path)
        else:
            return name
    return files


def check_file(path: Path) -> list[Problem]:
    """Every problem of one file ([] when it is valid); never raises."""
    try:
        from game.format.loader import load_scenario

        load_scenario(path)
    except ScenarioError as exc:
        return list(exc.problems)
    except RecursionError:
        return [Problem(str(path), 1, 1, "nesting too deep to check")]
    except Exception as exc:  # noqa: BLE001 - a bug in the checker must not show a traceback
        return [Problem(str(path), 1, 1, f"internal error while checking: "
                        f"{type(exc).__name__}: {exc}")]
    return []


def main(args: argparse.Namespace) -> int:
    files = _expand(list(args.paths))
    if isinstance(files, str):
        print(f"mediator: error: no such file: {files}", file=sys.stderr)
        return 2
    results = [(path, check_file(path)) for path in files]
    if args.json:
        report = {"files": [{"path": str(path), "ok": not problems,
                             "problems": [p.to_dict() for p in problems]}
                            for path, problems in results]}
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        for path, problems in results:
            if problems:
                for problem in problems:
                    print(problem)
            else:
                print(f"{path}: ok")
    return 1 if any(problems for _, problems in results) else 0
