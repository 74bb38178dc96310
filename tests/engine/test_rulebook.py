"""The rulebook is data: the help renders it and the README states the same rules under the
same titles."""

from __future__ import annotations

from pathlib import Path

from game.engine.rulebook import RULEBOOK, rulebook_markdown

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_rule_has_its_title_in_the_readme() -> None:
    readme = README.read_text(encoding="utf-8")
    section = readme.split("## How the parties decide", 1)[1].split("\n## ", 1)[0]
    missing = [r.title for r in RULEBOOK if f"**{r.title}**" not in section]
    assert missing == []


def test_the_rulebook_reads_as_words_not_code() -> None:
    text = rulebook_markdown()
    assert text.startswith("**Value: a proposal is judged on its own terms.** Each principal")
    assert "**Ripeness takes time:** Some conditions" in text
    assert "*Parties move when both perceive a mutually hurting stalemate" in text
    for code in ("```", "::", "``", "walkaway.", "behaviour.", "moves_when", "V_P"):
        assert code not in text
    assert text.count("\n\n") == len(RULEBOOK) - 1
