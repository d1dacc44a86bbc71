"""Corrections through the service on the sample, with the real spaCy model: stored like
notes, applied to every analysis (also a recomputed one, also on an edited text), used by
search, and carried through export and import."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reader.core.analysis import cache as analysis_cache
from reader.core.analysis.results import Analysis
from reader.core.models import Correction, Document
from reader.core.service import ReaderService
from reader.errors import NotFoundError
from tests.conftest import SAMPLE_PATH
from tests.core.exporting.test_w3c import must_failures, must_validators  # noqa: F401
from tests.ui.test_reading_screen_helpers import prime_sample_analysis

WORTH_QUOTE = "made clear the US won’t stand for any violation of our sovereignty"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A copy of the sample that tests may edit."""
    path = tmp_path / "balloon.txt"
    path.write_text(SAMPLE_PATH.read_text(encoding="utf-8"), encoding="utf-8")
    return path


@pytest.fixture
def service(db_path: Path) -> ReaderService:
    service = ReaderService.open(db_path)
    prime_sample_analysis(service)
    return service


def _correct_sample(service: ReaderService, source: str) -> Document:
    service.correct(source, "Chinese", Correction("entity", "label", "NORP"))
    service.correct(source, "Chilly Warfare", Correction("entity", "not-entity"))
    service.correct(source, WORTH_QUOTE, Correction("speaker", "speaker", "Antony Blinken"))
    return service.refresh_document(source)


def _check_corrected(analysis: Analysis) -> None:
    chinese = [m for m in analysis.entities if m.text == "Chinese"]
    assert chinese and all(m.label == "NORP" and m.corrected for m in chinese)
    assert all(m.text != "Chilly Warfare" for m in analysis.entities)
    quote = next(q for q in analysis.quotes if WORTH_QUOTE in q.text)
    assert quote.corrected and quote.speaker is not None
    assert quote.speaker.name == "Antony Blinken"


def test_every_analysis_the_service_returns_is_corrected(
    service: ReaderService, sample: Path
) -> None:
    document = _correct_sample(service, str(sample))
    _check_corrected(service.analysis_for(document))
    cached = service.cached_analysis(document)
    assert cached is not None
    _check_corrected(cached)
    raw = service.cached_analysis(document, raw=True)
    assert raw is not None and not any(m.corrected for m in raw.entities)
    rows = service.list_corrections(document.id)
    assert sorted(row.correction.action for row in rows) == ["label", "not-entity", "speaker"]


def test_corrections_survive_a_new_analyzer_version(
    service: ReaderService, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = _correct_sample(service, str(sample))
    monkeypatch.setattr(analysis_cache, "ANALYZER_VERSION", analysis_cache.ANALYZER_VERSION + 1)
    assert service.cached_analysis(document) is None  # the cached analysis is stale now
    _check_corrected(service.analysis_for(document))


def test_corrections_follow_an_edited_text(service: ReaderService, sample: Path) -> None:
    _correct_sample(service, str(sample))
    text = sample.read_text(encoding="utf-8")
    edited = "An editor's note was added on top.\n\n" + text.replace("Saturday", "Sunday", 1)
    sample.write_text(edited, encoding="utf-8")
    opened = service.open_document(str(sample))
    corrections = [a for a in opened.annotations if a.is_correction]
    assert len(corrections) == 3
    assert all(a.sha256 == opened.document.sha256 for a in corrections)
    _check_corrected(service.analysis_for(opened.document, text=opened.text))


def test_search_uses_the_corrected_speaker_and_entities(
    service: ReaderService, sample: Path
) -> None:
    opened = service.open_document(str(sample))
    start = opened.text.index(WORTH_QUOTE)
    note = service.add_annotation(opened.document.id, start, start + 20, note="who said it?")
    assert note.id in {hit.annotation.id for hit in service.search('speaker:"Ned Worth"')}
    _correct_sample(service, str(sample))
    service.correct(str(sample), "Chilly Warfare", Correction("entity", "label", "EVENT"))
    assert note.id not in {hit.annotation.id for hit in service.search('speaker:"Ned Worth"')}
    assert note.id in {hit.annotation.id for hit in service.search('speaker:"Antony Blinken"')}
    where = opened.text.index("Chilly Warfare")
    cold = service.add_annotation(opened.document.id, where - 10, where + 14, note="cold")
    assert cold.id in {hit.annotation.id for hit in service.search('entity:"Chilly Warfare"')}


def test_a_passage_not_found_and_a_bad_label_store_nothing(
    service: ReaderService, sample: Path
) -> None:
    from reader.errors import BadInputError

    with pytest.raises(NotFoundError):
        service.correct(str(sample), "no such words", Correction("entity", "not-entity"))
    with pytest.raises(BadInputError):
        service.correct(str(sample), "Chinese", Correction("entity", "label", "BOGUS"))
    assert service.list_documents() == []


def test_conflicting_corrections_are_both_listed(service: ReaderService, sample: Path) -> None:
    older = service.correct(str(sample), WORTH_QUOTE, Correction("speaker", "speaker", "Wang Yi"))
    newer = service.correct(str(sample), WORTH_QUOTE, Correction("speaker", "speaker", ""))
    document = service.refresh_document(str(sample))
    rows = {row.annotation.id: row for row in service.list_corrections()}
    assert rows[older.id].superseded and not rows[newer.id].superseded
    quote = next(q for q in service.analysis_for(document).quotes if WORTH_QUOTE in q.text)
    assert quote.speaker is None and quote.corrected


@pytest.mark.parametrize("export_format", ["json", "w3c"])
def test_export_then_import_brings_corrections_back(
    service: ReaderService, sample: Path, tmp_path: Path, export_format: str
) -> None:
    _correct_sample(service, str(sample))
    exported = tmp_path / f"export.{export_format}"
    exported.write_text(service.export_text(export_format, with_text=True), encoding="utf-8")
    (tmp_path / "other").mkdir()
    fresh = ReaderService.open(tmp_path / "other" / "annotations.json")
    summary = fresh.import_file(exported)
    assert summary.new_annotations == 3
    before = sorted((r.annotation.selector.exact, r.correction) for r in service.list_corrections())
    after = sorted((r.annotation.selector.exact, r.correction) for r in fresh.list_corrections())
    assert after == before


def test_w3c_corrections_are_editing_annotations_that_pass_the_musts(
    service: ReaderService,
    sample: Path,
    must_validators: list[tuple[str, Any, bool]],  # noqa: F811
) -> None:
    _correct_sample(service, str(sample))
    items = json.loads(service.export_text("w3c"))["first"]["items"]
    assert len(items) == 3
    for item in items:
        assert item["motivation"] == "editing"
        assert item["body"][0]["purpose"] == "editing"
        assert item["reader:correction"]["target"] in ("entity", "speaker")
        assert must_failures(item, must_validators) == [], item["id"]
    markdown = service.export_text("markdown")
    assert "Correction: label: NORP" in markdown
    csv_text = service.export_text("csv")
    assert "speaker: Antony Blinken" in csv_text


def test_the_json_export_validates_against_the_schema(service: ReaderService, sample: Path) -> None:
    from jsonschema import Draft202012Validator

    from reader.core.exporting.schema import export_schema

    _correct_sample(service, str(sample))
    data = json.loads(service.export_text("json"))
    Draft202012Validator(export_schema()).validate(data)
    kinds = [a.get("kind") for d in data["documents"] for a in d["annotations"]]
    assert kinds == ["correction"] * 3


def test_a_correction_whose_passage_is_gone_is_an_orphan_listed_and_not_applied(
    service: ReaderService, sample: Path
) -> None:
    _correct_sample(service, str(sample))
    text = sample.read_text(encoding="utf-8")
    kept = [line for line in text.splitlines() if "Chilly Warfare" not in line]
    sample.write_text("\n".join(kept) + "\n", encoding="utf-8")
    opened = service.open_document(str(sample))
    rows = {row.annotation.selector.exact: row for row in service.list_corrections()}
    assert len(rows) == 3
    assert rows["Chilly Warfare"].annotation.status.value == "orphaned"
    assert rows["Chinese"].annotation.status.value != "orphaned"
    analysis = service.analysis_for(opened.document, text=opened.text)
    assert any(m.text == "Chinese" and m.corrected for m in analysis.entities)


def test_two_corrections_in_one_millisecond_are_still_ordered(
    service: ReaderService, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.core.service import corrections as part

    monkeypatch.setattr(part, "now_iso", lambda: "2026-01-01T00:00:00.000Z")
    first = service.correct(str(sample), WORTH_QUOTE, Correction("speaker", "speaker", "A"))
    second = service.correct(str(sample), WORTH_QUOTE, Correction("speaker", "speaker", "B"))
    assert (first.created, second.created) == (
        "2026-01-01T00:00:00.000Z",
        "2026-01-01T00:00:00.001Z",
    )
    document = service.refresh_document(str(sample))
    quote = next(q for q in service.analysis_for(document).quotes if WORTH_QUOTE in q.text)
    assert quote.speaker is not None and quote.speaker.name == "B"
