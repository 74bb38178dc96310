"""Rewrite the generated reference of scenarios/README.md from the models:
`python tests/format/regenerate_guide.py` from the checkout's root, after changing the format."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "scenarios" / "README.md"
sys.path.insert(0, str(ROOT))

from game.format.guide import with_reference  # noqa: E402
from game.records.atomic import write_atomic  # noqa: E402

if __name__ == "__main__":
    write_atomic(GUIDE, with_reference(GUIDE.read_text(encoding="utf-8")))
    print(f"wrote {GUIDE.relative_to(ROOT)}")
