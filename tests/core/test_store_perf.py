"""The bulk read path (``Store.all_annotations``) and its snapshot in the cache directory.

The snapshot may only ever save work: whatever the files hold, ``all_annotations`` must
return exactly what parsing them would, and report a corrupt file by name.
"""

from __future__ import annotations

import marshal
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.models import AnchorMove, Annotation, AnnotationStatus
from reader.core.store import Store
from reader.core.store.snapshot import FORMAT
from reader.errors import StoreError
from tests.core.test_store_support import TEXT, make_annotation, make_document


@pytest.fixture
def store(db_path: Path) -> Store:
    return Store(db_path)


def _fill(store: Store, documents: int = 3, per_document: int = 4) -> list[Annotation]:
    """Documents with annotations of every kind: tags, accents, statuses, a moved one."""
    added: list[Annotation] = []
    for number in range(documents):
        document = make_document(store, source=f"/tmp/doc-{number}.txt")
        for index in range(per_document):
            annotation = make_annotation(
                document, index, index + 10, tags=("Zoë", f"topic {index}"), note=f"nº {index} é"
            )
            if index == 1:
                move = AnchorMove("b" * 64, 1, 4, "2024-01-01T00:00:00.000Z")
                annotation = annotation.edited(status=AnnotationStatus.MOVED, history=(move,))
            added.append(annotation)
        store.add_annotations(added[-per_document:])
    return added


def _parsed_afresh(store: Store, tmp_path: Path) -> list[Annotation]:
    """What a store with an empty cache directory reads: every file parsed."""
    return list(Store(store.db_path, cache_dir=tmp_path / "fresh-cache").all_annotations())


def _same_bytes_other_note(path: Path, old: str, new: str) -> None:
    """Rewrite one note in place: same size, same modification time, another inode's worth."""
    status = path.stat()
    raw = path.read_bytes()
    assert len(old.encode()) == len(new.encode()) and raw.count(old.encode()) == 1
    path.write_bytes(raw.replace(old.encode(), new.encode()))
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))


def test_the_second_read_comes_from_the_snapshot_and_equals_a_fresh_parse(
    store: Store, tmp_path: Path
) -> None:
    added = _fill(store)
    first = list(store.all_annotations())
    assert store.snapshot.is_file()
    written = store.snapshot.stat()
    second = list(store.all_annotations())
    assert second == first == _parsed_afresh(store, tmp_path)
    assert sorted(first, key=lambda a: a.id) == sorted(added, key=lambda a: a.id)
    # Nothing changed: the snapshot was read, not rewritten.
    after = store.snapshot.stat()
    assert (after.st_ino, after.st_mtime_ns) == (written.st_ino, written.st_mtime_ns)
    moved = next(a for a in second if a.history)
    assert moved.status is AnnotationStatus.MOVED
    assert moved.history[0] == AnchorMove("b" * 64, 1, 4, "2024-01-01T00:00:00.000Z")


def test_a_file_changed_behind_the_snapshots_back_is_read_again(store: Store) -> None:
    added = _fill(store, documents=1, per_document=2)
    list(store.all_annotations())
    path = store.annotations_dir / f"{added[0].document_id}.json"
    # Same size and modification time: only the bytes tell the change.
    _same_bytes_other_note(path, "nº 0 é", "nº 7 é")
    notes = sorted(a.note for a in store.all_annotations())
    assert notes == ["nº 1 é", "nº 7 é"]


def test_a_corrupt_file_is_reported_by_name_even_if_the_snapshot_knew_it(store: Store) -> None:
    added = _fill(store, documents=2, per_document=1)
    list(store.all_annotations())
    path = store.annotations_dir / f"{added[1].document_id}.json"
    garbage = path.read_bytes()[:-7]
    path.write_bytes(garbage)
    with pytest.raises(StoreError, match="is corrupt") as raised:
        list(store.all_annotations())
    assert str(path) in str(raised.value)
    assert path.read_bytes() == garbage


def test_documents_deleted_and_added_since_the_snapshot_are_seen(store: Store) -> None:
    added = _fill(store, documents=2, per_document=2)
    list(store.all_annotations())
    store.delete_document(added[0].document_id)
    document = make_document(store, source="/tmp/new.txt")
    fresh = make_annotation(document, 4, 13, note="new")
    store.add_annotation(fresh)
    ids = {a.id for a in store.all_annotations()}
    assert ids == {added[2].id, added[3].id, fresh.id}


@pytest.mark.parametrize(
    "damage",
    [
        b"not marshal at all",
        marshal.dumps(("another-format", {})),
        marshal.dumps([FORMAT, {}]),
        marshal.dumps((FORMAT, ["not", "a", "dict"])),
        "entry is not a pair",
        "row too short",
        "unknown status",
    ],
)
def test_a_damaged_or_foreign_snapshot_is_ignored_and_rebuilt(
    store: Store, tmp_path: Path, damage: bytes | str
) -> None:
    _fill(store, documents=2, per_document=2)
    expected = list(store.all_annotations())
    if isinstance(damage, bytes):
        store.snapshot.write_bytes(damage)
    else:
        _, entries = marshal.loads(store.snapshot.read_bytes())
        name = next(iter(entries))
        digest, rows = entries[name]
        entries[name] = {
            "entry is not a pair": (digest,),
            "row too short": (digest, [row[:5] for row in rows]),
            "unknown status": (digest, [(*row[:13], "lost", *row[14:]) for row in rows]),
        }[damage]
        store.snapshot.write_bytes(marshal.dumps((FORMAT, entries)))
    assert list(store.all_annotations()) == expected
    # The rebuilt snapshot serves the next read with the same result.
    assert marshal.loads(store.snapshot.read_bytes())[0] == FORMAT
    assert list(store.all_annotations()) == expected


def test_the_snapshot_never_touches_the_store_directory(store: Store, tmp_path: Path) -> None:
    _fill(store, documents=2, per_document=1)
    watched = [store.directory, store.annotations_dir]
    before = [(sorted(os.listdir(d)), d.stat().st_mtime_ns) for d in watched]
    list(store.all_annotations())
    assert [(sorted(os.listdir(d)), d.stat().st_mtime_ns) for d in watched] == before
    assert store.snapshot.is_relative_to(tmp_path / "cache")


def test_an_unusable_cache_directory_only_costs_the_snapshot(db_path: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache directory should be")
    store = Store(db_path, cache_dir=blocker)
    added = _fill(store, documents=1, per_document=3)
    assert sorted(a.id for a in store.all_annotations()) == sorted(a.id for a in added)
    assert not store.snapshot.exists()


def test_two_stores_keep_separate_snapshots(tmp_path: Path) -> None:
    stores = []
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        stores.append(Store(tmp_path / name / "annotations.json"))
    first, second = stores
    ours = _fill(first, documents=1, per_document=2)
    theirs = _fill(second, documents=1, per_document=1)
    assert first.snapshot != second.snapshot
    for _ in range(2):
        assert {a.id for a in first.all_annotations()} == {a.id for a in ours}
        assert {a.id for a in second.all_annotations()} == {a.id for a in theirs}


_notes = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
_tags = st.lists(st.text(alphabet="abcÉé ΣΣß\t-", min_size=0, max_size=8), max_size=3)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notes=st.lists(st.tuples(_notes, _tags, st.sampled_from(AnnotationStatus)), max_size=6))
def test_any_annotations_read_back_the_same_through_the_snapshot(
    notes: list[tuple[str, list[str], AnnotationStatus]],
) -> None:
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        store = Store(root / "annotations.json", cache_dir=root / "cache")
        document = make_document(store)
        added = [
            make_annotation(document, i % len(TEXT), len(TEXT), note=note).edited(
                tags=tags, status=status
            )
            for i, (note, tags, status) in enumerate(notes)
        ]
        store.add_annotations(added)
        parsed = list(store.all_annotations())
        assert sorted(parsed, key=lambda a: a.id) == sorted(added, key=lambda a: a.id)
        assert list(store.all_annotations()) == parsed == store.annotations_for(document.id)


def test_annotation_counts_follow_the_files_whatever_the_snapshot_holds(store: Store) -> None:
    added = _fill(store, documents=3, per_document=2)
    empty = make_document(store, source="/tmp/empty.txt")
    expected = {added[0].document_id: 2, added[2].document_id: 2, added[4].document_id: 2}
    assert store.annotation_counts() == expected
    list(store.all_annotations())
    assert store.annotation_counts() == expected
    store.add_annotation(make_annotation(empty, 0, 3))
    store.delete_annotation(added[0].id)
    expected.update({empty.id: 1, added[0].document_id: 1})
    assert store.annotation_counts() == expected
    path = store.annotations_dir / f"{added[2].document_id}.json"
    path.write_bytes(b"{")
    with pytest.raises(StoreError, match=f"store file {path} is corrupt"):
        store.annotation_counts()
