"""W3C Web Annotation export: every item passes the W3C test suite's MUST assertions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reader.core.models import Annotation
from reader.core.service import ReaderService

SCHEMAS = Path(__file__).resolve().parents[3].parent / "shared" / "w3c-annotation-schemas"


@pytest.fixture(scope="module")
def must_validators() -> list[tuple[str, Any, bool]]:
    """(assertion file, validator, expected verdict) for each MUST assertion of the suite."""
    if not SCHEMAS.is_dir():
        pytest.skip(f"W3C annotation schemas not found at {SCHEMAS}")
    from jsonschema import Draft4Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    definitions = [json.loads(p.read_text()) for p in (SCHEMAS / "definitions").glob("*.json")]
    registry = Registry().with_resources(
        (schema["id"], Resource(contents=schema, specification=DRAFT4)) for schema in definitions
    )
    manifest = json.loads((SCHEMAS / "annotations" / "annotationMusts.test").read_text())
    validators = []
    for name in (a for a in manifest["assertions"] if isinstance(a, str)):
        schema = json.loads((SCHEMAS / name).read_text())
        validator = Draft4Validator(
            schema, registry=registry, format_checker=Draft4Validator.FORMAT_CHECKER
        )
        validators.append((name, validator, schema.get("expectedResult", "valid") == "valid"))
    assert len(validators) == 54
    return validators


def must_failures(item: dict[str, Any], validators: list[tuple[str, Any, bool]]) -> list[str]:
    """The MUST assertions ``item`` fails."""
    return [name for name, v, expected in validators if v.is_valid(item) != expected]


@pytest.fixture(scope="module")
def collection(filled_service: ReaderService) -> dict[str, Any]:
    """The W3C export of the shared store, parsed back from its text."""
    data: dict[str, Any] = json.loads(filled_service.export_text("w3c", with_text=True))
    return data


def test_every_exported_item_passes_every_must_assertion(
    collection: dict[str, Any], must_validators: list[tuple[str, Any, bool]]
) -> None:
    items = collection["first"]["items"]
    assert len(items) == 6
    for item in items:
        assert must_failures(item, must_validators) == [], item["id"]


def test_the_suite_catches_a_broken_item(
    collection: dict[str, Any], must_validators: list[tuple[str, Any, bool]]
) -> None:
    # Guards the harness itself: with a non-URI id and no @context an item must fail.
    broken = {**collection["first"]["items"][0], "id": "not a uri"}
    del broken["@context"]
    failures = must_failures(broken, must_validators)
    assert "annotations/3.1-annotationIdValidated.json" in failures
    assert "annotations/3.1-annotationContextValidated.json" in failures


def test_collection_shape(collection: dict[str, Any], filled_annotations: list[Annotation]) -> None:
    assert collection["type"] == "AnnotationCollection"
    assert collection["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["total"] == len(filled_annotations) == 6
    page = collection["first"]
    assert page["type"] == "AnnotationPage"
    ids = {item["id"] for item in page["items"]}
    assert ids == {f"urn:uuid:{a.id}" for a in filled_annotations}


def _item_for(collection: dict[str, Any], annotation: Annotation) -> dict[str, Any]:
    items = collection["first"]["items"]
    return next(item for item in items if item["id"] == f"urn:uuid:{annotation.id}")


def test_note_and_tags_become_bodies(
    collection: dict[str, Any], filled_annotations: list[Annotation]
) -> None:
    by_note = {a.note: a for a in filled_annotations}
    markdown = by_note["**Bold** note\n\n- a list\n- [link](http://x.y)"]
    item = _item_for(collection, markdown)
    assert item["body"] == [
        {
            "type": "TextualBody",
            "value": markdown.note,
            "format": "text/markdown",
            "purpose": "commenting",
        }
    ]
    tags_only = next(a for a in filled_annotations if "politics" in a.tags)
    item = _item_for(collection, tags_only)
    assert [b["purpose"] for b in item["body"]] == ["tagging"] * 3
    assert [b["value"] for b in item["body"]] == ["politics", "china", "us relations"]
    many = next(a for a in filled_annotations if len(a.tags) == 12)
    assert [b["value"] for b in _item_for(collection, many)["body"]] == list(many.tags)
    assert _item_for(collection, many)["motivation"] == "highlighting"


def test_target_sources_are_uris_for_path_url_and_stdin(
    collection: dict[str, Any], filled_service: ReaderService
) -> None:
    documents = {d.title: d for d in filled_service.store.list_documents()}
    sources = {
        item["reader:title"]: item["target"]["source"] for item in collection["first"]["items"]
    }
    # The sample's absolute path has no characters that need percent-encoding.
    assert sources["Blinken in Beijing"] == "file://" + documents["Blinken in Beijing"].source
    assert sources["Web"] == "https://example.org/news?id=1&x=%C3%A9"
    assert sources["Piped"] == f"urn:sha256:{documents['Piped'].sha256}"


def test_selectors_hold_the_passage(
    collection: dict[str, Any], filled_annotations: list[Annotation]
) -> None:
    for annotation in filled_annotations:
        quote, position = _item_for(collection, annotation)["target"]["selector"]
        assert quote == {
            "type": "TextQuoteSelector",
            "exact": annotation.selector.exact,
            "prefix": annotation.selector.prefix,
            "suffix": annotation.selector.suffix,
        }
        assert position == {
            "type": "TextPositionSelector",
            "start": annotation.selector.start,
            "end": annotation.selector.end,
        }


def test_reader_fields_travel_in_the_reader_namespace(
    collection: dict[str, Any], filled_annotations: list[Annotation]
) -> None:
    moved = next(a for a in filled_annotations if a.color == "green")
    item = _item_for(collection, moved)
    assert item["reader:color"] == "green"
    assert item["reader:status"] == "moved"
    assert item["reader:documentId"] == moved.document_id
    assert item["reader:sha256"] == moved.sha256
    assert item["created"] == moved.created and item["modified"] == moved.modified
