"""The fast record paths keep their meaning: ``from_dict`` conversions and checks, and the
documents read straight from the main file's bytes."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.models import AnchorMove, Annotation, AnnotationStatus, Selector
from reader.core.store import Store
from reader.errors import BadInputError, NotFoundError, StoreError
from tests.core.test_store_support import make_annotation, make_document


def _record(**changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": "ann-1",
        "document_id": "doc-1",
        "sha256": "a" * 64,
        "selector": {"exact": "met", "prefix": "The ", "suffix": " the", "start": 4, "end": 7},
        "note": "a note",
        "tags": ["x"],
        "color": "green",
        "created": "2024-01-01T00:00:00.000Z",
        "modified": "2024-01-02T00:00:00.000Z",
        "status": "moved",
        "history": [{"sha256": "b" * 64, "start": 1, "end": 4, "moved": "2024-01-02"}],
    }
    record.update(changes)
    return record


def test_from_dict_builds_the_same_record_as_the_constructor() -> None:
    built = Annotation.from_dict(_record())
    made = Annotation(
        id="ann-1",
        document_id="doc-1",
        sha256="a" * 64,
        selector=Selector("met", "The ", " the", 4, 7),
        note="a note",
        tags=("x",),
        color="green",
        created="2024-01-01T00:00:00.000Z",
        modified="2024-01-02T00:00:00.000Z",
        status=AnnotationStatus.MOVED,
        history=(AnchorMove("b" * 64, 1, 4, "2024-01-02"),),
    )
    assert built == made and hash(built) == hash(made) and repr(built) == repr(made)
    assert dataclasses.replace(built, note="other").note == "other"
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.note = "changed"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.selector.start = 0  # type: ignore[misc]


def test_from_dict_converts_values_and_normalises_tags() -> None:
    selector = {"exact": 5, "start": "4", "end": 7.0}
    built = Annotation.from_dict(
        _record(id=12, note=3, tags=["  a   b ", "A B", "", 7], selector=selector, history=[])
    )
    assert built.id == "12" and built.note == "3"
    assert built.tags == ("a b", "7")
    assert built.selector == Selector("5", "", "", 4, 7)
    assert built.history == ()


def test_from_dict_fills_in_defaults() -> None:
    record = _record()
    for key in ("note", "tags", "color", "status", "history"):
        del record[key]
    built = Annotation.from_dict(record)
    assert (built.note, built.tags, built.color) == ("", (), "yellow")
    assert built.status is AnnotationStatus.ANCHORED and built.history == ()


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"status": "lost"}, ValueError),
        ({"status": ["anchored"]}, ValueError),
        ({"selector": {"exact": "x", "start": "four", "end": 5}}, ValueError),
        ({"selector": {"exact": "x", "start": 1}}, KeyError),
        ({"selector": None}, TypeError),
        ({"history": [{"sha256": "b"}]}, KeyError),
        ({"tags": 5}, TypeError),
    ],
)
def test_from_dict_rejects_malformed_records(changes: dict[str, Any], error: type) -> None:
    with pytest.raises(error):
        Annotation.from_dict(_record(**changes))


def test_from_dict_needs_the_identifying_fields() -> None:
    for key in ("id", "document_id", "sha256", "selector", "created", "modified"):
        record = _record()
        del record[key]
        with pytest.raises(KeyError):
            Annotation.from_dict(record)


@given(
    note=st.text(max_size=20),
    tags=st.lists(st.text(max_size=6), max_size=4),
    status=st.sampled_from(AnnotationStatus),
)
def test_to_dict_and_from_dict_round_trip(
    note: str, tags: list[str], status: AnnotationStatus
) -> None:
    annotation = Annotation.from_dict(_record(note=note, tags=tags, status=status.value))
    assert Annotation.from_dict(annotation.to_dict()) == annotation
    assert annotation.status is status
    assert all(tag == " ".join(tag.split()) and tag for tag in annotation.tags)


def test_a_stored_record_of_the_wrong_type_is_a_corrupt_file(db_path: Path) -> None:
    store = Store(db_path)
    document = make_document(store)
    store.add_annotation(make_annotation(document, 0, 3))
    path = store.annotations_dir / f"{document.id}.json"
    tables = json.loads(path.read_bytes())
    next(iter(tables["annotations"].values()))["status"] = "lost"
    path.write_text(json.dumps(tables))
    with pytest.raises(StoreError, match=f"store file {path} is corrupt"):
        list(store.all_annotations())


def test_documents_written_by_another_store_object_are_seen(db_path: Path) -> None:
    reader_side, writer_side = Store(db_path), Store(db_path)
    first = make_document(writer_side, source="/tmp/one.txt")
    assert [d.id for d in reader_side.list_documents()] == [first.id]
    second = make_document(writer_side, source="/tmp/two.txt")
    assert {d.id for d in reader_side.list_documents()} == {first.id, second.id}
    writer_side.delete_document(first.id)
    assert [d.id for d in reader_side.list_documents()] == [second.id]
    with pytest.raises(NotFoundError):
        reader_side.get_document(first.id)


def test_documents_are_found_by_id_source_and_prefix(db_path: Path) -> None:
    store = Store(db_path)
    one = make_document(store, source="/tmp/one.txt")
    two = make_document(store, source="/tmp/two.txt")
    assert store.get_document(one.id) == one
    assert store.find_document_by_source("/tmp/two.txt") == two
    assert store.find_document_by_source("/tmp/none.txt") is None
    assert store.resolve_document("/tmp/one.txt") == one
    assert store.resolve_document(two.id[:8]) == two
    with pytest.raises(NotFoundError):
        store.resolve_document("None")
    for suffix in ("1", "2"):
        store.put_document(dataclasses.replace(one, id=f"abcd-{suffix}", source=suffix))
    with pytest.raises(BadInputError, match="prefix 'abcd' matches 2 documents"):
        store.resolve_document("abcd")
    assert store.resolve_document("abcd-2").source == "2"
