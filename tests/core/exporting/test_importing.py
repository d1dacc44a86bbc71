"""Importing exports back into a real store: round trips, merging, all-or-nothing, dry runs."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest

from reader.core.models import Annotation
from reader.core.service import ReaderService
from reader.errors import ImportFormatError
from tests.core.exporting.factory import file_document, malformed_files, store_files


def _write(tmp_path: Path, name: str, content: str | dict[str, Any]) -> Path:
    path = tmp_path / name
    text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path


def _annotations(service: ReaderService) -> list[dict[str, Any]]:
    return sorted((a.to_dict() for a in service.store.all_annotations()), key=lambda a: a["id"])


def _documents(service: ReaderService) -> list[dict[str, Any]]:
    return sorted((d.to_dict() for d in service.store.list_documents()), key=lambda d: d["id"])


def _exported_annotations(text: str) -> list[dict[str, Any]]:
    data = json.loads(text)
    found = [a for entry in data["documents"] for a in entry["annotations"]]
    return sorted(found, key=lambda a: a["id"])


@pytest.mark.parametrize("export_format", ["json", "w3c"])
def test_round_trip_with_text_restores_the_store(
    export_format: str, filled_service: ReaderService, empty_service: ReaderService, tmp_path: Path
) -> None:
    exported = filled_service.export_text(export_format, with_text=True)
    summary = empty_service.import_file(_write(tmp_path, "export.json", exported))
    assert (summary.new_documents, summary.new_annotations) == (3, 6)
    assert (summary.updated, summary.unchanged) == (0, 0)
    assert _annotations(empty_service) == _annotations(filled_service)
    assert _documents(empty_service) == _documents(filled_service)
    for document in filled_service.store.list_documents():
        assert empty_service.store.load_text(document.sha256) == (
            filled_service.store.load_text(document.sha256)
        )
    again = empty_service.export_text("json", with_text=True)
    first = filled_service.export_text("json", with_text=True)
    assert _exported_annotations(again) == _exported_annotations(first)


def test_round_trip_without_text_marks_documents_text_missing(
    filled_service: ReaderService, empty_service: ReaderService, tmp_path: Path
) -> None:
    exported = filled_service.export_text("json")
    empty_service.import_file(_write(tmp_path, "export.json", exported))
    assert _annotations(empty_service) == _annotations(filled_service)
    documents = empty_service.store.list_documents()
    assert len(documents) == 3 and all(d.text_missing for d in documents)
    originals = {d["id"]: d for d in _documents(filled_service)}
    for document in documents:
        assert {**document.to_dict(), "text_missing": False} == originals[document.id]
    assert _exported_annotations(empty_service.export_text("json")) == _exported_annotations(
        exported
    )


def test_importing_twice_changes_nothing(
    filled_service: ReaderService, empty_service: ReaderService, tmp_path: Path
) -> None:
    path = _write(tmp_path, "export.json", filled_service.export_text("w3c", with_text=True))
    empty_service.import_file(path)
    before = store_files(empty_service.store.directory)
    summary = empty_service.import_file(path)
    assert summary.to_dict() == {
        "format": "w3c",
        "new_documents": 0,
        "new_annotations": 0,
        "updated": 0,
        "unchanged": 6,
    }
    assert store_files(empty_service.store.directory) == before


def _with_note(exported: str, annotation_id: str, note: str, modified: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(exported)
    for entry in data["documents"]:
        for annotation in entry["annotations"]:
            if annotation["id"] == annotation_id:
                annotation["note"], annotation["modified"] = note, modified
    return data


def test_the_newer_modified_wins(
    filled_service: ReaderService,
    filled_annotations: list[Annotation],
    empty_service: ReaderService,
    tmp_path: Path,
) -> None:
    exported = filled_service.export_text("json", with_text=True)
    empty_service.import_file(_write(tmp_path, "base.json", exported))
    target = filled_annotations[0]
    newer = _with_note(exported, target.id, "edited elsewhere", "2999-01-01T00:00:00.000Z")
    summary = empty_service.import_file(_write(tmp_path, "newer.json", newer))
    assert (summary.updated, summary.unchanged, summary.new_annotations) == (1, 5, 0)
    assert empty_service.store.get_annotation(target.id).note == "edited elsewhere"
    older = _with_note(exported, target.id, "stale edit", "2000-01-01T00:00:00.000Z")
    summary = empty_service.import_file(_write(tmp_path, "older.json", older))
    assert (summary.updated, summary.unchanged) == (0, 6)
    stored = empty_service.store.get_annotation(target.id)
    assert (stored.note, stored.modified) == ("edited elsewhere", "2999-01-01T00:00:00.000Z")


def test_dry_run_counts_and_writes_nothing(
    filled_service: ReaderService, empty_service: ReaderService, tmp_path: Path
) -> None:
    path = _write(tmp_path, "export.json", filled_service.export_text("json", with_text=True))
    before = store_files(empty_service.store.directory)
    summary = empty_service.import_file(path, dry_run=True)
    assert (summary.new_documents, summary.new_annotations, summary.updated) == (3, 6, 0)
    assert store_files(empty_service.store.directory) == before


def test_malformed_files_write_nothing(
    filled_service: ReaderService, empty_service: ReaderService, tmp_path: Path
) -> None:
    native = json.loads(filled_service.export_text("json", with_text=True))
    w3c = json.loads(filled_service.export_text("w3c"))
    # Start from a store that already holds one document, so "unchanged" means something.
    partial = {**native, "documents": native["documents"][:1]}
    empty_service.import_file(_write(tmp_path, "base.json", partial))
    before = store_files(empty_service.store.directory)
    assert any(name.startswith("annotations.d") for name in before)
    for name, (content, expected) in malformed_files(native, w3c).items():
        path = _write(tmp_path, "bad.json", content)
        with pytest.raises(ImportFormatError) as raised:
            empty_service.import_file(path)
        message = str(raised.value)
        assert message.startswith(f"{path}: "), name
        assert expected in message, (name, message)
        assert message.endswith("(nothing was imported)"), name
        assert "\n" not in message, name
        assert store_files(empty_service.store.directory) == before, name


def test_a_paired_surrogate_escape_is_an_ordinary_character(
    filled_service: ReaderService, empty_service: ReaderService, tmp_path: Path
) -> None:
    native = json.loads(filled_service.export_text("json", with_text=True))
    native["documents"][0]["annotations"][0]["note"] = "nice \U0001f600"
    path = tmp_path / "ascii.json"
    path.write_text(json.dumps(native, ensure_ascii=True), encoding="utf-8")
    assert "\\ud83d\\ude00" in path.read_text(encoding="utf-8")
    empty_service.import_file(path)
    notes = {a.note for a in empty_service.store.all_annotations()}
    assert "nice \U0001f600" in notes


def test_w3c_annotations_from_another_tool_attach_to_known_documents(
    filled_service: ReaderService, empty_service: ReaderService, tmp_path: Path
) -> None:
    # Give the empty store the documents only (no annotations), as a reader library would.
    native = json.loads(filled_service.export_text("json", with_text=True))
    for entry in native["documents"]:
        entry["annotations"] = []
    empty_service.import_file(_write(tmp_path, "documents.json", native))
    web = next(d for d in empty_service.store.list_documents() if d.title == "Web")
    foreign = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "http://other.example/annotations/42",
        "type": "Annotation",
        "created": "2025-05-05T10:00:00Z",
        "body": [
            {"type": "TextualBody", "value": "seen elsewhere", "purpose": "commenting"},
            {"type": "TextualBody", "value": "Imported", "purpose": "tagging"},
        ],
        "target": {
            "source": "https://example.org/news?id=1&x=%C3%A9",
            "selector": [
                {"type": "TextPositionSelector", "start": 0, "end": 4},
                {"type": "TextQuoteSelector", "exact": "Café"},
            ],
        },
    }
    path = _write(tmp_path, "foreign.json", foreign)
    summary = empty_service.import_file(path)
    assert (summary.format, summary.new_annotations, summary.new_documents) == ("w3c", 1, 0)
    (annotation,) = empty_service.store.annotations_for(web.id)
    assert annotation.id == str(uuid.uuid5(uuid.NAMESPACE_URL, foreign["id"]))
    assert (annotation.note, annotation.tags) == ("seen elsewhere", ("Imported",))
    assert (annotation.selector.exact, annotation.selector.start) == ("Café", 0)
    assert annotation.sha256 == web.sha256
    assert annotation.created == annotation.modified == "2025-05-05T10:00:00Z"
    assert empty_service.import_file(path).unchanged == 1


def test_a_document_known_under_another_id_receives_the_annotations(
    filled_service: ReaderService,
    filled_annotations: list[Annotation],
    empty_service: ReaderService,
    tmp_path: Path,
) -> None:
    native = json.loads(filled_service.export_text("json", with_text=True))
    entry = next(e for e in native["documents"] if e["document"]["title"] == "Web")
    local = file_document(empty_service.store, entry["text"], entry["document"]["source"], "Mine")
    only_web = {**native, "documents": [entry]}
    summary = empty_service.import_file(_write(tmp_path, "web.json", only_web))
    assert (summary.new_documents, summary.new_annotations) == (0, 1)
    assert [d.id for d in empty_service.store.list_documents()] == [local.id]
    (annotation,) = empty_service.store.annotations_for(local.id)
    original = next(a for a in filled_annotations if a.id == annotation.id)
    assert annotation.to_dict() == {**original.to_dict(), "document_id": local.id}


def test_an_import_with_text_restores_a_missing_text(
    filled_service: ReaderService, empty_service: ReaderService, tmp_path: Path
) -> None:
    empty_service.import_file(_write(tmp_path, "bare.json", filled_service.export_text("json")))
    assert all(d.text_missing for d in empty_service.store.list_documents())
    full = _write(tmp_path, "full.json", filled_service.export_text("json", with_text=True))
    summary = empty_service.import_file(full)
    assert (summary.new_documents, summary.new_annotations, summary.unchanged) == (0, 0, 6)
    assert _documents(empty_service) == _documents(filled_service)
    for document in empty_service.store.list_documents():
        assert empty_service.store.load_text(document.sha256) is not None
