"""``reader people``, ``quotes``, ``search --in documents``, ``analyze --all``, ``index`` and
the ledger/people exports, through the real CLI on the sample article (real spaCy model)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from reader.core.service import ReaderService
from tests.cli.test_search_cmds import call


@pytest.fixture
def analysed(db_path: Path, sample_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The sample filed and analysed with `reader analyze --all`; returns its document id."""
    document = ReaderService.open(db_path).open_document(str(sample_path)).document
    code, out, _ = call(capsys, "analyze", "--all", "--json")
    assert code == 0 and json.loads(out) == {"analysed": 1, "cached": 0}
    return document.id


def test_analyze_all_skips_cached_analyses(
    analysed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = call(capsys, "analyze", "--all")
    assert code == 0 and "Analysed 0 documents (1 were already analysed)" in out


def test_analyze_needs_a_source_or_all(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = call(capsys, "analyze")
    assert code == 2 and "SOURCE or --all" in err


def test_people_json_is_sorted_by_documents_then_mentions(
    analysed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = call(capsys, "people", "--json")
    rows = json.loads(out)
    assert code == 0 and rows
    assert set(rows[0]) == {
        "name", "label", "documents", "mentions", "quotes", "first_seen", "last_seen"
    }  # fmt: skip
    keys = [(-r["documents"], -r["mentions"]) for r in rows]
    assert keys == sorted(keys)
    worth = next(r for r in rows if r["name"] == "Ned Worth")
    assert worth["label"] == "PERSON" and worth["documents"] == 1 and worth["quotes"] >= 1
    code, out, _ = call(capsys, "people", "--label", "person", "--json")
    assert {r["label"] for r in json.loads(out)} == {"PERSON"}
    code, out, _ = call(capsys, "people")
    assert code == 0 and "Ned Worth" in out


def test_people_with_an_unknown_label_is_bad_input(
    analysed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = call(capsys, "people", "--label", "nonsense")
    assert code == 2 and "unknown label" in err


def test_quotes_by_a_word_of_the_speaker_name(
    analysed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = call(capsys, "quotes", "--speaker", "Worth", "--json")
    rows = json.loads(out)
    assert code == 0 and rows and {r["speaker"] for r in rows} == {"Ned Worth"}
    assert set(rows[0]) == {"text", "speaker", "form", "kind", "document", "start", "end"}
    assert rows[0]["document"]["id"] == analysed
    starts = [r["start"] for r in rows]
    assert starts == sorted(starts)
    code, out, _ = call(capsys, "quotes", "--doc", analysed[:8], "--form", "direct", "--json")
    assert code == 0 and all(r["form"] == "direct" for r in json.loads(out))
    code, out, _ = call(capsys, "quotes", "--speaker", "Nobody At All", "--json")
    assert json.loads(out) == []


def test_search_in_documents(analysed: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = call(capsys, "search", "--in", "documents", "--json", "--", "surveillance")
    hits = json.loads(out)
    assert code == 0 and hits
    assert set(hits[0]) == {"document", "start", "end", "snippet", "score"}
    assert hits[0]["document"]["id"] == analysed
    text = ReaderService.open().document_text(ReaderService.open().get_document(analysed)) or ""
    assert "surveillance" in text[hits[0]["start"] : hits[0]["end"]].lower()
    code, _, err = call(capsys, "search", "--in", "documents", "--", "zzzqqq")
    assert (code, err.strip()) == (1, "no matches")
    code, _, err = call(capsys, "search", "--in", "documents", "--", "tag:x")
    assert code == 2 and "does not apply" in err


def test_exports_of_the_ledger_and_the_people(
    analysed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = call(capsys, "export", "--format", "json", "--quotes")
    assert code == 0 and json.loads(out)[0]["document"]["id"] == analysed
    code, out, _ = call(capsys, "export", "--format", "csv", "--people")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and "Ned Worth" in {r["name"] for r in rows}
    code, _, err = call(capsys, "export", "--format", "markdown", "--quotes")
    assert code == 2 and "json or csv" in err


def test_paths_shows_the_index_and_index_rebuilds_it(
    analysed: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = call(capsys, "paths", "--json")
    path = Path(json.loads(out)["index"])
    assert path.is_relative_to(tmp_path / "cache")
    code, out, _ = call(capsys, "index", "--rebuild", "--json")
    assert code == 0 and json.loads(out) == {"index": str(path), "rebuilt": True}
    code, out, _ = call(capsys, "quotes", "--speaker", "worth", "--json")
    assert json.loads(out)
