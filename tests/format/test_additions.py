"""The format's later additions: each one loads, shows in the schema and works in play."""

from __future__ import annotations

import pytest

from game.engine.game import apply, new_game
from game.engine.moves import Pass
from game.engine.state import cite_dict
from game.format.errors import ScenarioError
from game.format.loader import load_scenario_text
from game.format.schema import scenario_schema
from tests.format.conftest import MINIMAL

TEXT = MINIMAL.read_text(encoding="utf-8")
FIRST_CITE = "cite: {source: notes, quote: the dam is ours}"


def _load(text: str):
    return load_scenario_text(text, "s.yaml")


def _problems(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as err:
        _load(text)
    return [str(p) for p in err.value.problems]


# --------------------------------------------------------------------------- citations


def test_a_citation_may_give_a_section_and_a_page_instead_of_a_quote() -> None:
    text = TEXT.replace(FIRST_CITE, "cite: {source: notes, section: '2.1', page: 14}")
    cite = _load(text).parties[0].positions[0].cite
    assert cite is not None and cite.quote is None
    assert cite.words == "section 2.1, p. 14"
    assert cite_dict(cite) == {"source": "notes", "quote": None, "section": "2.1", "page": 14}


def test_a_quoted_citation_reads_and_records_as_before() -> None:
    cite = _load(TEXT).parties[0].positions[0].cite
    assert cite is not None and cite.words == "“the dam is ours”"
    assert cite_dict(cite) == {"source": "notes", "quote": "the dam is ours"}


def test_a_citation_with_neither_quote_nor_section_nor_page_is_refused() -> None:
    assert FIRST_CITE in TEXT
    line = TEXT[:TEXT.index(FIRST_CITE)].count("\n") + 1
    problems = _problems(TEXT.replace(FIRST_CITE, "cite: {source: notes}"))
    assert problems == [f"s.yaml:{line}:15: parties.0.positions.0.cite: a citation needs a "
                        "quote, a section or a page"]


def test_the_schema_has_the_citation_by_section_and_page() -> None:
    cite = scenario_schema()["$defs"]["Cite"]
    assert cite["required"] == ["source"]
    assert {"quote", "section", "page"} <= set(cite["properties"])


def test_a_game_runs_with_a_citation_by_section() -> None:
    text = TEXT.replace(FIRST_CITE, "cite: {source: notes, section: Annex A}")
    scenario = _load(text)
    state, _ = apply(new_game(scenario, scenario.mediators[0].id, 1), Pass())
    assert state.turn == 1
