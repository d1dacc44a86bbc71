"""The native JSON export: its shape, its JSON Schema, and the checks on reading it back."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from reader.core.exporting.native import from_native
from reader.core.exporting.schema import export_schema, json_path
from reader.core.models import Annotation
from reader.core.service import ReaderService
from reader.errors import ImportFormatError
from tests.conftest import REPO_ROOT


@pytest.fixture(scope="module")
def native(filled_service: ReaderService) -> dict[str, Any]:
    """The native export (with texts) of the shared store."""
    data: dict[str, Any] = json.loads(filled_service.export_text("json", with_text=True))
    return data


def test_docs_schema_is_the_shipped_schema() -> None:
    docs_copy = json.loads((REPO_ROOT / "docs" / "export-schema.json").read_text("utf-8"))
    assert docs_copy == export_schema()
    shipped = REPO_ROOT / "reader" / "core" / "exporting" / "export-schema.json"
    assert shipped.read_bytes() == (REPO_ROOT / "docs" / "export-schema.json").read_bytes()
    Draft202012Validator.check_schema(docs_copy)


def test_export_validates_against_the_schema(native: dict[str, Any]) -> None:
    errors = list(Draft202012Validator(export_schema()).iter_errors(native))
    assert errors == []
    assert native["format"] == "reader-annotations" and native["version"] == 1


def test_export_without_text_also_validates(filled_service: ReaderService) -> None:
    data = json.loads(filled_service.export_text("json"))
    assert all("text" not in entry for entry in data["documents"])
    assert list(Draft202012Validator(export_schema()).iter_errors(data)) == []


def test_export_holds_every_document_and_annotation(
    native: dict[str, Any], filled_service: ReaderService, filled_annotations: list[Annotation]
) -> None:
    documents = {d.id: d for d in filled_service.store.list_documents()}
    assert {e["document"]["id"] for e in native["documents"]} == set(documents)
    exported = [a for e in native["documents"] for a in e["annotations"]]
    assert sorted(exported, key=lambda a: a["id"]) == sorted(
        (a.to_dict() for a in filled_annotations), key=lambda a: a["id"]
    )
    for entry in native["documents"]:
        assert entry["document"] == documents[entry["document"]["id"]].to_dict()
        assert entry["text"] == filled_service.store.load_text(entry["document"]["sha256"])


def test_from_native_reads_back_what_was_exported(native: dict[str, Any]) -> None:
    bundles = from_native(native)
    assert [b.document.to_dict() for b in bundles] == [e["document"] for e in native["documents"]]
    assert [[a.to_dict() for a in b.annotations] for b in bundles] == [
        e["annotations"] for e in native["documents"]
    ]


def test_json_path_formatting() -> None:
    assert json_path(["documents", 0, "annotations", 3, "selector", "start"]) == (
        "documents[0].annotations[3].selector.start"
    )
    assert json_path([]) == "(top level)"


def _first_annotation_entry(data: dict[str, Any]) -> int:
    return next(i for i, e in enumerate(data["documents"]) if e["annotations"])


def _broken(native: dict[str, Any], change: str) -> dict[str, Any]:
    data = copy.deepcopy(native)
    index = _first_annotation_entry(data)
    annotation = data["documents"][index]["annotations"][0]
    if change == "start-string":
        annotation["selector"]["start"] = "3"
    elif change == "end-before-start":
        annotation["selector"]["start"], annotation["selector"]["end"] = 9, 2
    elif change == "missing-modified":
        del annotation["modified"]
    elif change == "bad-status":
        annotation["status"] = "lost"
    elif change == "duplicate-id":
        data["documents"][index]["annotations"].append(copy.deepcopy(annotation))
    elif change == "foreign-document-id":
        annotation["document_id"] = "some-other-document"
    elif change == "text-mismatch":
        data["documents"][index]["text"] += "tampered"
    elif change == "bad-time":
        annotation["created"] = "2026-13-45T99:00:00Z"
    return data


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ("start-string", "annotations[0].selector.start: expected integer, got string"),
        ("end-before-start", "annotations[0].selector.end: end 2 is before start 9"),
        ("missing-modified", "annotations[0]: missing key 'modified'"),
        ("bad-status", "annotations[0].status: expected one of anchored, moved, orphaned"),
        ("duplicate-id", "annotations[{count}].id: duplicate annotation id"),
        ("foreign-document-id", "annotations[0].document_id: 'some-other-document' is not"),
        ("text-mismatch", "].text: its SHA-256 does not match document.sha256"),
        ("bad-time", "annotations[0].created: not a valid ISO 8601 time"),
    ],
)
def test_invalid_content_names_path_and_reason(
    native: dict[str, Any], change: str, expected: str
) -> None:
    index = _first_annotation_entry(native)
    count = len(native["documents"][index]["annotations"])
    with pytest.raises(ImportFormatError) as raised:
        from_native(_broken(native, change))
    message = str(raised.value)
    # The copy of an annotation is appended after the document's last one.
    assert expected.format(count=count) in message
    assert message.startswith(f"documents[{index}]")
    assert "\n" not in message


def test_wrong_version_is_named(native: dict[str, Any]) -> None:
    with pytest.raises(ImportFormatError, match=r"version: unsupported version 2 \(expected 1\)"):
        from_native({**native, "version": 2})


def test_only_the_first_problems_are_listed(native: dict[str, Any]) -> None:
    data = copy.deepcopy(native)
    for entry in data["documents"]:
        for annotation in entry["annotations"]:
            annotation["selector"]["end"] = "x"
    with pytest.raises(ImportFormatError) as raised:
        from_native(data)
    message = str(raised.value)
    assert message.count("expected integer") == 3
    assert message.endswith("(and 3 more)")
