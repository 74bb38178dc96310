"""'Did you mean ...?': the closest known name to a misspelt one, by edit distance."""

from __future__ import annotations

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
    limit = max(1, min(3, len(name) // 3))
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
