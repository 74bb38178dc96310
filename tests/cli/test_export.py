"""`mediator export T.json --format md|html --out FILE`, run as a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "tests" / "engine" / "fixtures" / "tiny.yaml"

MOVES: list[Any] = [
    {"propose": {"truce": "signed", "fence": "defer"}},
    {"action": "talk"},
    {"consult": "north"},
    {"action": "aid"},
    {"propose": {"fence": "south_line", "well": "north_owns"}},
    {"propose": {"truce": "signed", "fence": "middle", "well": "shared"}},
]


def mediator(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game.cli", *map(str, args)],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )


@pytest.fixture(scope="module")
def transcript(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from game.engine.moves import move_from_dict
    from game.records.session import Session

    session = Session.new(TINY, "elder", 1)
    for raw in MOVES:
        if session.over:
            break
        session.play(move_from_dict(raw, session.scenario))
    while not session.over:  # a finished game: the export shows its outcome
        session.play(move_from_dict("pass", session.scenario))
    path = tmp_path_factory.mktemp("export") / "t.json"
    session.save(path)
    return path


@pytest.fixture(scope="module")
def data(transcript: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(transcript.read_text(encoding="utf-8"))
    return loaded


def export(transcript: Path, fmt: str, out: Path) -> subprocess.CompletedProcess[str]:
    return mediator("export", transcript, "--format", fmt, "--out", out)


def test_the_transcript_has_what_the_export_must_show(data: dict[str, Any]) -> None:
    kinds = {r["kind"] for t in data["turns"] for r in t["responses"]}
    assert len(kinds) >= 2
    assert any(r["reasons"] for t in data["turns"] for r in t["responses"])
    assert any(t["happenings"] for t in data["turns"])
    assert any(t["consents"] for t in data["turns"])


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_export_writes_the_file_and_prints_its_path(transcript: Path, data: dict[str, Any],
                                                    tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"game.{fmt}"
    done = export(transcript, fmt, out)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(out)
    assert done.stderr == ""
    text = out.read_text(encoding="utf-8")
    scenario = data["scenario"]
    for expected in (scenario["title"], scenario["id"], scenario["sha256"], data["mediator"],
                     data["outcome"], data["digest"], str(data["score"])):
        assert str(expected) in text
    assert "Turn 1" in text and f"Turn {len(data['turns'])}" in text
    assert "Ledger" in text and "Final state" in text


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_every_turn_shows_its_responses_reasons_and_events(transcript: Path,
                                                           data: dict[str, Any],
                                                           tmp_path: Path, fmt: str) -> None:
    import html as html_lib

    out = tmp_path / f"game.{fmt}"
    assert export(transcript, fmt, out).returncode == 0
    text = out.read_text(encoding="utf-8")
    # undo HTML escaping, or Markdown's backslash escapes
    text = html_lib.unescape(text) if fmt == "html" else text.replace("\\", "")
    symbols = {"accept": "✔ Accepts",
               "accept_with_reservations": "✔? Accepts with reservations",
               "counter_proposal": "↺ Counter-proposes", "reject": "✘ Rejects",
               "silence": "… Silence", "walk_out": "⇥ Walks out"}
    for turn in data["turns"]:
        for response in turn["responses"]:
            assert response["kind"] in text
            assert symbols[response["kind"]] in text  # a symbol and a word, not colour alone
            for reason in response["reasons"]:
                assert reason["text"] in text
                assert reason["rule"] in text
                if reason["cite"]:
                    assert reason["cite"]["quote"] in text
        for happening in turn["happenings"]:
            assert happening["text"] in text
        for consent in turn["consents"]:
            assert consent["text"] in text
        for entry in turn["ledger"]:
            assert entry["cause"] in text


def _readable(text: str, fmt: str) -> str:
    """Undo HTML escaping, or Markdown's backslash escapes."""
    import html as html_lib

    return html_lib.unescape(text) if fmt == "html" else text.replace("\\", "")


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_export_uses_the_scenario_names_from_the_labels(transcript: Path, data: dict[str, Any],
                                                        tmp_path: Path, fmt: str) -> None:
    labels = data["labels"]
    assert labels["mediator"] == {"id": "elder", "name": "The Elder"}
    assert labels["parties"]["north"] == "North"
    assert labels["options"]["truce.signed"] == "Truce"
    out = tmp_path / f"game.{fmt}"
    assert export(transcript, fmt, out).returncode == 0
    text = _readable(out.read_text(encoding="utf-8"), fmt)
    for expected in (
        "The Elder (elder)",                                 # mediator name in the header
        "Proposed a framework: Truce: Truce (Truce phase); Fence: deferred",
        "Fence: Middle (Deal phase)",                        # issue: option (phase)
        "Took the action Facilitate dialogue (talk).",       # action titles in moves
        "Took the action Private consultation (consult), directed at North.",
        "North's trust in the mediator",                     # readable meters...
        "North's trust in South",
        "trust.north.south",                                 # ...with the raw id kept
        labels["outcomes"][data["outcome"]],                 # outcome title
        "Talks",                                             # phase title
        "Council",                                           # stakeholder in consents
    ):
        assert expected in text, expected
    answers = [line for line in text.splitlines() if "Accepts" in line or "Counter" in line]
    assert answers and not any("north:" in line or "south:" in line for line in answers)
    assert "truce = signed" not in text and "phase truce" not in text


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_transcript_without_labels_still_exports_with_ids(data: dict[str, Any],
                                                            tmp_path: Path, fmt: str) -> None:
    from game.records.transcript import digest_of

    old = json.loads(json.dumps(data))
    del old["labels"]
    old["digest"] = digest_of(old)
    source = tmp_path / "old.json"
    source.write_text(json.dumps(old), encoding="utf-8")
    out = tmp_path / f"old.{fmt}"
    done = export(source, fmt, out)
    assert done.returncode == 0, done.stderr
    text = _readable(out.read_text(encoding="utf-8"), fmt)
    assert "truce = signed (phase truce)" in text
    assert "north's trust in the mediator" in text
    assert "Took the action talk." in text
    assert "The Elder" not in text and "does not match" not in text
    for turn in old["turns"]:
        for response in turn["responses"]:
            assert response["party"] in text


def test_html_is_self_contained(transcript: Path, tmp_path: Path) -> None:
    out = tmp_path / "game.html"
    assert export(transcript, "html", out).returncode == 0
    page = out.read_text(encoding="utf-8")
    lowered = page.lower()
    assert lowered.startswith("<!doctype html>")
    assert "http://" not in lowered and "https://" not in lowered
    assert "<script" not in lowered
    assert "<link" not in lowered
    assert "src=" not in lowered and "@import" not in lowered and "url(" not in lowered
    assert "<style>" in lowered and "prefers-color-scheme: dark" in lowered
    assert "@media print" in lowered
    _check_well_formed(page)


def test_export_is_deterministic(transcript: Path, tmp_path: Path) -> None:
    for fmt in ("md", "html"):
        a, b = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
        assert export(transcript, fmt, a).returncode == 0
        assert export(transcript, fmt, b).returncode == 0
        assert a.read_bytes() == b.read_bytes()


def test_html_escapes_everything_from_the_transcript(data: dict[str, Any],
                                                    tmp_path: Path) -> None:
    hostile = "<script>alert('x')</script> & <img src=x onerror=1>"
    edited = json.loads(json.dumps(data))
    edited["scenario"]["title"] = hostile  # ids are refused unless safe: see below
    for turn in edited["turns"]:
        for response in turn["responses"]:
            for reason in response["reasons"]:
                reason["text"] = hostile
    edited["ledger"][0]["cause"] = hostile
    edited["labels"]["mediator"]["name"] = hostile
    for table in ("parties", "issues", "options", "phases", "outcomes", "actions"):
        edited["labels"][table] = {k: hostile for k in edited["labels"][table]}
    source = tmp_path / "edited.json"
    source.write_text(json.dumps(edited), encoding="utf-8")
    out = tmp_path / "edited.html"
    done = export(source, "html", out)
    assert done.returncode == 0, done.stderr
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page.lower() and "<img" not in page.lower()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;img" in page
    # the digest no longer matches: the reader is told the file was edited
    assert "does not match" in page
    _check_well_formed(page)

    md_out = tmp_path / "edited.md"
    assert export(source, "md", md_out).returncode == 0
    assert "<script>" not in md_out.read_text(encoding="utf-8")

    edited["mediator"] = hostile
    source.write_text(json.dumps(edited), encoding="utf-8")
    refused = export(source, "md", tmp_path / "refused.md")
    assert refused.returncode == 2 and not (tmp_path / "refused.md").exists()
    assert refused.stderr == (f"mediator: error: {source}: mediator: expected an id (lower-case "
                              "letters, digits and underscores, starting with a letter), got "
                              "\"<script>alert('x')</script> & <img sr...\"\n")


@pytest.mark.parametrize("content", [
    None,  # no such file
    "this is not json {",
    "[1, 2, 3]",
    json.dumps({"format": "something-else"}),
    json.dumps({"format": "mediator-transcript", "seed": 1}),
    b"\xff\xfe\x00garbage",
])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_bad_input_exits_2_and_writes_nothing(tmp_path: Path, content: str | bytes | None,
                                              fmt: str) -> None:
    source = tmp_path / "bad.json"
    if isinstance(content, bytes):
        source.write_bytes(content)
    elif content is not None:
        source.write_text(content, encoding="utf-8")
    out = tmp_path / f"out.{fmt}"
    done = export(source, fmt, out)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mediator: error: ")
    assert done.stdout == ""
    assert not out.exists()
    assert list(tmp_path.iterdir()) == ([source] if content is not None else [])


@pytest.mark.parametrize("damage", ["turns", "responses", "final", "reasons", "labels",
                                    "label"])
def test_a_malformed_transcript_exits_2_and_keeps_the_old_output(
        data: dict[str, Any], tmp_path: Path, damage: str) -> None:
    edited = json.loads(json.dumps(data))
    if damage == "turns":
        edited["turns"] = "five"
    elif damage == "responses":
        edited["turns"][0]["responses"] = [42]
    elif damage == "final":
        edited["final"] = ["not", "an", "object"]
    elif damage == "labels":
        edited["labels"] = ["not", "an", "object"]
    elif damage == "label":
        edited["labels"]["parties"]["north"] = {"name": "North"}
    else:
        edited["turns"][0]["responses"][0]["reasons"] = {"rule": "x"}
    source = tmp_path / "damaged.json"
    source.write_text(json.dumps(edited), encoding="utf-8")
    out = tmp_path / "out.html"
    out.write_text("previous export", encoding="utf-8")
    done = mediator("export", source, "--format", "html", "--out", out, "--force")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("mediator: error: ") and done.stderr.count("\n") == 1
    assert out.read_text(encoding="utf-8") == "previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["damaged.json", "out.html"]


def test_a_directory_as_output_is_refused(transcript: Path, tmp_path: Path) -> None:
    out = tmp_path / "a-directory"
    out.mkdir()
    done = export(transcript, "md", out)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("mediator export: error: ")
    assert out.is_dir() and list(out.iterdir()) == []


def test_unwritable_output_fails_cleanly(transcript: Path) -> None:
    done = export(transcript, "md", Path("/proc/mediator-export.md"))  # no files can go there
    assert done.returncode == 1
    assert done.stderr.startswith("mediator: error: cannot write /proc/mediator-export.md")
    assert done.stderr.count("\n") == 1


def test_unknown_format_is_a_usage_error(transcript: Path, tmp_path: Path) -> None:
    done = export(transcript, "pdf", tmp_path / "x.pdf")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_export_never_imports_textual() -> None:
    code = ("import sys, game.reports.export, game.commands.export; "
            "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


VOID = {"meta", "br", "hr", "img", "input", "link", "wbr", "col", "area", "base", "source"}


class _Balance(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()


def _check_well_formed(page: str) -> None:
    parser = _Balance()
    parser.feed(page)
    parser.close()
    assert parser.errors == [] and parser.stack == []


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_export_adds_the_debrief_when_asked(transcript: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"game.{fmt}"
    done = mediator("export", transcript, "--format", fmt, "--out", out, "--debrief")
    assert done.returncode == 1 and not out.exists()  # the scenario is not beside it
    assert done.stderr.startswith("mediator: error: cannot add the debrief: scenario file not "
                                  "found: tiny.yaml")
    done = mediator("export", transcript, "--format", fmt, "--out", out, "--debrief",
                    "--scenario", TINY)
    assert done.returncode == 0, done.stderr
    text = _readable(out.read_text(encoding="utf-8"), fmt)
    assert "Debrief" in text and "Three lessons" in text and "Turning points" in text
    assert "Turn by turn: the best move found" in text and "Turn 1: you: " in text
    assert "The outcome was decided on turn" in text or "From none of your turns" in text
    bare = tmp_path / f"bare.{fmt}"
    assert export(transcript, fmt, bare).returncode == 0
    assert "Three lessons" not in _readable(bare.read_text(encoding="utf-8"), fmt)
