"""The store's records on real temp files: CRUD, ordering, id prefixes, tags, texts, locking."""

from __future__ import annotations

import os
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.models import AnnotationStatus, new_id, normalise_tags
from reader.core.store import Store, default_db_path
from reader.core.text import sha256_of
from reader.errors import BadInputError, NotFoundError, StoreError
from tests.core.test_store_support import TEXT, make_annotation, make_document


@pytest.fixture
def store(db_path: Path) -> Store:
    return Store(db_path)


def test_a_new_store_writes_its_main_file_with_the_schema_version(db_path: Path) -> None:
    Store(db_path)
    assert db_path.read_text(encoding="utf-8").count('"schema": 2') == 1


def test_documents_round_trip_and_are_replaced_by_id(store: Store) -> None:
    document = make_document(store)
    assert store.get_document(document.id) == document
    renamed = replace(document, title="New title")
    store.put_document(renamed)
    assert store.list_documents() == [renamed]
    assert store.find_document_by_source("/tmp/a.txt") == renamed
    assert store.find_document_by_source("/tmp/other.txt") is None


def test_put_documents_inserts_and_replaces_in_one_call(store: Store) -> None:
    first = make_document(store, source="/tmp/a.txt")
    second = replace(make_document(store, source="/tmp/b.txt"), title="Old")
    fresh = replace(first, id=new_id(), source="/tmp/c.txt", title="Fresh")
    renamed = replace(second, title="Renamed")
    # the last record for an id wins, like put_document called in order
    store.put_documents([replace(renamed, title="Stale"), renamed, fresh])
    by_id = {d.id: d for d in store.list_documents()}
    assert by_id == {first.id: first, second.id: renamed, fresh.id: fresh}


def test_list_documents_puts_the_most_recently_opened_first(store: Store) -> None:
    old = make_document(store, source="/a", last_opened="2024-01-01T00:00:00.000Z")
    new = make_document(store, source="/b", last_opened="2025-01-01T00:00:00.000Z")
    middle = make_document(store, source="/c", last_opened="2024-06-01T00:00:00.000Z")
    assert [d.id for d in store.list_documents()] == [new.id, middle.id, old.id]


_opened = st.sampled_from(["2024-01-01T00:00:00.000Z", "2024-06-01T00:00:00.000Z", "2025-01-01"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(opened=st.lists(_opened, max_size=8), limit=st.integers(-1, 10))
def test_recent_documents_are_the_first_of_the_list(opened: list[str], limit: int) -> None:
    """The library's first screen (``recent_documents``) is the list's start, ties included."""
    with tempfile.TemporaryDirectory() as directory:
        store = Store(Path(directory) / "annotations.json")
        for n, stamp in enumerate(opened):
            make_document(store, source=f"/{n}", last_opened=stamp)
        assert store.recent_documents(limit) == store.list_documents()[: max(0, limit)]


def test_resolve_document_by_id_prefix_and_source(store: Store) -> None:
    document = make_document(store)
    assert store.resolve_document(document.id[:4]) == document
    assert store.resolve_document("/tmp/a.txt") == document
    with pytest.raises(NotFoundError, match="no document matches 'zzzz'"):
        store.resolve_document("zzzz")
    with pytest.raises(NotFoundError):
        store.resolve_document(document.id[:3])  # too short to count as a prefix


def test_annotation_crud(store: Store) -> None:
    document = make_document(store)
    annotation = make_annotation(document, 4, 13, note="who")
    store.add_annotation(annotation)
    assert store.get_annotation(annotation.id) == annotation
    edited = annotation.edited(note="the secretary", tags=("People",))
    store.update_annotations([edited])
    assert store.get_annotation(annotation.id) == edited
    assert store.delete_annotation(annotation.id) == edited
    with pytest.raises(NotFoundError, match=annotation.id):
        store.get_annotation(annotation.id)
    store.add_annotation(edited)  # restoring a deleted annotation puts it back as it was
    assert store.annotations_for(document.id) == [edited]


def test_updating_annotations_of_a_deleted_document_changes_nothing(store: Store) -> None:
    document = make_document(store)
    annotation = make_annotation(document, 0, 3)
    store.add_annotation(annotation)
    store.delete_document(document.id)
    store.update_annotations([annotation.edited(note="late edit")])
    assert list(store.all_annotations()) == []
    assert not (store.annotations_dir / f"{document.id}.json").exists()


def test_an_annotation_record_is_exactly_the_model_dict_plus_its_schema(store: Store) -> None:
    import json

    document = make_document(store)
    annotation = make_annotation(document, 0, 3, tags=("x",))
    store.add_annotation(annotation)
    raw = json.loads((store.annotations_dir / f"{document.id}.json").read_text("utf-8"))
    (record,) = raw["annotations"].values()
    assert record == {**annotation.to_dict(), "schema": 2}


def test_adding_twice_or_to_an_unknown_document_is_refused(store: Store) -> None:
    document = make_document(store)
    annotation = make_annotation(document, 0, 3)
    store.add_annotation(annotation)
    with pytest.raises(BadInputError, match="already exists"):
        store.add_annotation(annotation)
    stray = replace(annotation, id="other-id", document_id="no-such-document")
    with pytest.raises(NotFoundError):
        store.add_annotation(stray)
    assert not (store.annotations_dir / "no-such-document.json").exists()


def test_annotations_come_back_in_text_order(store: Store) -> None:
    document = make_document(store)
    spans = [(44, 55), (0, 3), (22, 30), (4, 13)]
    for start, end in spans:
        store.add_annotation(make_annotation(document, start, end))
    starts = [a.selector.start for a in store.annotations_for(document.id)]
    assert starts == [0, 4, 22, 44]


def test_annotation_id_prefixes(store: Store) -> None:
    document = make_document(store)
    first = replace(make_annotation(document, 0, 3), id="abcd1111-0000")
    second = replace(make_annotation(document, 4, 13), id="abcd2222-0000")
    store.add_annotation(first)
    store.add_annotation(second)
    assert store.get_annotation("abcd1") == first
    with pytest.raises(BadInputError, match="matches 2 annotations"):
        store.get_annotation("abcd")
    with pytest.raises(BadInputError, match="too short"):
        store.get_annotation("abc")


def test_an_id_inside_a_note_is_not_mistaken_for_an_annotation(store: Store) -> None:
    document = make_document(store)
    decoy = make_annotation(document, 0, 3, note='see "id": "feedbeef" for this')
    store.add_annotation(decoy)
    with pytest.raises(NotFoundError):
        store.get_annotation("feedbeef")


def test_annotations_live_in_one_file_per_document(store: Store) -> None:
    first = make_document(store, source="/a")
    second = make_document(store, source="/b")
    store.add_annotation(make_annotation(first, 0, 3))
    store.add_annotation(make_annotation(first, 4, 13))
    store.add_annotation(make_annotation(second, 0, 3))
    assert sorted(p.name for p in store.annotations_dir.glob("*.json")) == sorted(
        [f"{first.id}.json", f"{second.id}.json"]
    )
    assert store.annotation_counts() == {first.id: 2, second.id: 1}
    assert len(list(store.all_annotations())) == 3


def test_tags_are_trimmed_and_deduplicated_case_insensitively(store: Store) -> None:
    document = make_document(store)
    annotation = make_annotation(document, 0, 3).edited(tags=["  China ", "china", "US  policy"])
    store.add_annotation(annotation)
    stored = store.get_annotation(annotation.id)
    assert stored.tags == ("China", "US policy")
    assert stored.has_tag("CHINA") and stored.has_tag(" us policy ")


def test_delete_document_returns_its_annotations_and_keeps_a_backup(store: Store) -> None:
    document = make_document(store)
    annotation = make_annotation(document, 0, 3)
    store.add_annotation(annotation)
    assert store.delete_document(document.id) == [annotation]
    assert store.list_documents() == []
    assert store.annotations_for(document.id) == []
    assert (store.annotations_dir / f"{document.id}.json.bak").is_file()
    with pytest.raises(NotFoundError):
        store.delete_document(document.id)


def test_texts_are_content_addressed_and_written_once(store: Store) -> None:
    sha = sha256_of(TEXT)
    assert store.load_text(sha) is None
    store.save_text(sha, TEXT)
    path = store.texts_dir / f"{sha}.txt"
    first_inode = path.stat().st_ino
    store.save_text(sha, TEXT)
    assert path.stat().st_ino == first_inode
    assert store.load_text(sha) == TEXT
    with pytest.raises(ValueError, match="does not match"):
        store.save_text(sha, TEXT + "!")
    with pytest.raises(BadInputError):
        store.load_text("../../etc/passwd")


def test_no_temporary_files_are_left_behind(store: Store) -> None:
    document = make_document(store)
    for start in range(5):
        store.add_annotation(make_annotation(document, start, start + 2))
    leftovers = [p for p in store.directory.rglob("*") if p.name.endswith((".tmp", ".baktmp"))]
    assert leftovers == []


def test_two_store_objects_see_each_others_writes(db_path: Path) -> None:
    first, second = Store(db_path), Store(db_path)
    document = make_document(first)
    # TinyDB caches queries and the next id per table; a stale cache would lose one of these.
    second.add_annotation(make_annotation(document, 0, 3))
    first.add_annotation(make_annotation(document, 4, 13))
    second.add_annotation(make_annotation(document, 14, 17))
    assert len(first.annotations_for(document.id)) == 3
    assert len(second.annotations_for(document.id)) == 3


def test_transactions_are_re_entrant(store: Store) -> None:
    document = make_document(store)
    with store.transaction(), store.transaction():
        store.add_annotation(make_annotation(document, 0, 3))
    assert store.annotation_counts() == {document.id: 1}


def test_two_store_objects_in_one_thread_share_the_lock(db_path: Path) -> None:
    first, second = Store(db_path), Store(db_path)
    document = make_document(first)
    with first.transaction():
        second.add_annotation(make_annotation(document, 0, 3))  # would wait 30 s if not shared
    assert first.annotation_counts() == {document.id: 1}


def test_a_missing_directory_is_an_error_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "deeper"
    with pytest.raises(StoreError, match=f"store directory {missing} does not exist"):
        Store(missing / "annotations.json")
    assert not missing.exists()


def test_the_default_location_is_created(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg" / "share"))
    default = default_db_path()
    assert str(default).startswith(str(tmp_path))
    Store(default)
    assert default.is_file()


def test_a_status_survives_the_round_trip(store: Store) -> None:
    document = make_document(store)
    annotation = replace(make_annotation(document, 0, 3), status=AnnotationStatus.ORPHANED)
    store.add_annotation(annotation)
    assert store.get_annotation(annotation.id).status is AnnotationStatus.ORPHANED


_tag = st.text(alphabet=st.sampled_from("abcABC -"), max_size=6)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    spans=st.lists(st.tuples(st.integers(0, 70), st.integers(1, 6)), min_size=1, max_size=8),
    tags=st.lists(_tag, max_size=5),
)
def test_stored_annotations_keep_their_spans_and_tags(
    spans: list[tuple[int, int]], tags: list[str]
) -> None:
    with tempfile.TemporaryDirectory() as directory:
        store = Store(Path(directory) / "annotations.json")
        document = make_document(store)
        added = [
            make_annotation(document, start, start + length).edited(tags=tags)
            for start, length in spans
        ]
        for annotation in added:
            store.add_annotation(annotation)
        stored = store.annotations_for(document.id)
        assert sorted(a.id for a in stored) == sorted(a.id for a in added)
        assert [a.selector.start for a in stored] == sorted(a.selector.start for a in stored)
        assert all(a.tags == normalise_tags(tags) for a in stored)
        assert all(a.selector.exact == TEXT[a.selector.start : a.selector.end] for a in stored)
        assert not any(name.endswith(".tmp") for name in os.listdir(directory))
