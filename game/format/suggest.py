"""'Did you mean ...?': the closest known name to a misspelt one, by edit distance."""

from __future__ import annotations

import re
from collections.abc import Iterable


def distance(a: str, b: str) -> int:
    """Edit distance: insertions, deletions, substitutions and swaps of two neighbours."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


def closest(name: str, known: Iterable[str]) -> str | None:
    """The known name nearest to `name` if it is close enough to be a typo (ties: the first
    in sorted order), else None. `name` itself is never suggested."""
    best: tuple[int, str] | None = None
    limit = 1 if len(name) <= 5 else 2
    for candidate in sorted(set(known)):
        if candidate == name:
            continue
        d = distance(name.lower(), candidate.lower())
        if d <= limit and (best is None or d < best[0]):
            best = (d, candidate)
    return best[1] if best else None


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` or the empty string."""
    found = closest(name, known)
    return f" (did you mean '{found}'?)" if found else ""


_UNKNOWN = re.compile(r"unknown [a-z ]+ '(?P<name>[^']*)'.* \(known: (?P<known>[^)]*)\)$")


def suggest_known(message: str) -> str:
    """Add 'did you mean' to a message ending ``unknown KIND 'x' ... (known: a, b)``."""
    found = _UNKNOWN.search(message)
    if found is None:
        return message
    hint = closest(found["name"], found["known"].split(", "))
    if hint is None:
        return message
    return message.replace(" (known: ", f" (did you mean '{hint}'? known: ", 1)


_FLOW_KEY_VALUE = re.compile(
    r"([A-Za-z_][\w-]*): ([^\"'{},\[\]#]*?: [^\"'{},\[\]#]*?)\s*(?:[,}\]]|#|$)")
_BLOCK_KEY_VALUE = re.compile(r"([A-Za-z_][\w-]*): ([^\"'#]*?: [^\"'#]*?)\s*(?:#|$)")


def quote_hint(line: str) -> str:
    """For a YAML error on a line like ``label: Truce: signed``, the hint to quote the text."""
    pattern = _FLOW_KEY_VALUE if "{" in line or "[" in line else _BLOCK_KEY_VALUE
    found = pattern.search(line)
    if found is None:
        return ""
    return (f": a text containing ': ' must be in quotes, e.g. {found[1]}: "
            f"\"{found[2].strip()}\"")
