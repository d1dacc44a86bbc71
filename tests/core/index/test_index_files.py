"""The index file: derived, in the cache directory, rebuilt when missing, damaged or foreign."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import replace
from pathlib import Path

import pytest

from reader.core.index.driver import sqlite3
from reader.core.index.schema import FORMAT, fts5_available
from reader.core.models import Annotation, Selector, new_id
from reader.core.search import parse
from reader.core.service import ReaderService
from reader.core.store import Store


@pytest.fixture
def service(db_path: Path, sample_path: Path) -> ReaderService:
    service = ReaderService.open(db_path)
    service.annotate_quote(str(sample_path), "surveillance balloon", note="the balloon")
    service.annotate_quote(str(sample_path), "Ned Worth", note="spokesperson", tags=("names",))
    return service


@contextmanager
def opened(path: Path) -> Iterator[sqlite3.Connection]:
    """The index file in a second connection, committed and closed at the end.

    The same SQLite library as the service's: another one on the same file in this process
    would drop the service's POSIX locks when it closes its descriptor. (``with connect()``
    alone commits but does not close.)
    """
    with closing(sqlite3.connect(path)) as db, db:
        yield db


def _notes(service: ReaderService, query: str) -> list[str]:
    return sorted(hit.annotation.note for hit in service.search(query))


def test_fts5_is_available() -> None:
    assert fts5_available()


def test_the_index_lives_in_the_cache_directory(service: ReaderService, tmp_path: Path) -> None:
    service.search("balloon")
    assert service.index_path.is_file()
    assert service.index_path.is_relative_to(tmp_path / "cache")
    assert not any(p.suffix == ".sqlite3" for p in service.store.directory.rglob("*"))


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.unlink(),
        lambda path: path.write_bytes(path.read_bytes()[:100]),
        lambda path: path.write_bytes(b"not a database at all" * 100),
        lambda path: path.write_bytes(b""),
    ],
    ids=["deleted", "truncated", "garbage", "empty"],
)
def test_a_deleted_or_damaged_index_is_rebuilt(
    service: ReaderService, db_path: Path, damage: object
) -> None:
    service.search("balloon")
    path = service.index_path
    service.parts.index.close()  # as when the process ended
    fresh = ReaderService.open(db_path)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    damage(path)  # type: ignore[operator]
    assert _notes(fresh, "balloon OR names") == ["spokesperson", "the balloon"]
    assert _notes(fresh, "balloon OR names") == ["spokesperson", "the balloon"]


@pytest.mark.parametrize("key", ["format", "store"])
def test_a_foreign_or_old_index_is_rebuilt(service: ReaderService, db_path: Path, key: str) -> None:
    service.search("balloon")
    service.parts.index.close()
    with opened(service.index_path) as db:
        db.execute("UPDATE meta SET value = 'something else' WHERE key = ?", (key,))
        db.execute("DELETE FROM annotations")
    fresh = ReaderService.open(db_path)
    assert _notes(fresh, "balloon") == ["the balloon"]
    with opened(fresh.index_path) as db:
        assert dict(db.execute("SELECT key, value FROM meta"))["format"] == FORMAT


def test_a_store_changed_behind_the_index_wins(
    service: ReaderService, db_path: Path, sample_path: Path
) -> None:
    assert _notes(service, "economy") == []
    # Another program (or a process that crashed before updating the index) writes the store.
    store = Store(db_path)
    document = store.list_documents()[0]
    text = service.document_text(document) or ""
    start = text.index("Munich")
    store.add_annotation(
        Annotation(
            id=new_id(),
            document_id=document.id,
            sha256=document.sha256,
            selector=Selector.from_text(text, start, start + 6),
            note="economy of Munich",
        )
    )
    assert _notes(service, "economy") == ["economy of Munich"]
    store.put_document(replace(store.get_document(document.id), title="A new title"))
    assert {hit.document_title for hit in service.search("")} == {"A new title"}
    store.delete_document(document.id)
    assert service.search("") == []


def test_rows_the_store_does_not_hold_are_never_answered(service: ReaderService) -> None:
    service.search("balloon")
    with opened(service.index_path) as db:
        db.execute("DELETE FROM stamps")  # as if the index had never seen the store
        db.execute("UPDATE annotation_fts SET note = 'forged'")
    assert _notes(service, "balloon") == ["the balloon"]


def test_rebuild_keeps_the_answers(service: ReaderService) -> None:
    before = _notes(service, "")
    service.rebuild_index()
    assert _notes(service, "") == before


def test_a_damaged_record_inside_the_index_is_rebuilt(service: ReaderService) -> None:
    service.search("balloon")
    with opened(service.index_path) as db:
        db.execute("UPDATE annotation_records SET record = x'00ff'")
    assert _notes(service, "balloon") == ["the balloon"]


def _segments(db: sqlite3.Connection, table: str) -> int:
    """Leaf pages of the table's segments: one merged segment has fewer than many small."""
    return int(db.execute(f"SELECT count(*) FROM {table}_data").fetchone()[0])


def test_fts5_segments_are_merged_after_many_writes_and_not_before() -> None:
    from reader.core.index import queries, rows
    from tests.core.search.builders import annotation, document

    text = "A balloon was seen over Montana."
    doc = document(text)
    db = queries.memory_index([], [doc], lambda d: None)
    for n in range(40):  # forty small writes: forty segments, merged by FTS5 only in part
        made = annotation(doc, text, "balloon", note=f"balloon {n}")
        rows.put_annotations(db, f"file{n}", [made])
    before = _segments(db, "annotation_fts")
    rows.merge_segments(db, 10)
    assert _segments(db, "annotation_fts") == before  # under MERGE_AFTER: nothing done
    rows.merge_segments(db, rows.MERGE_AFTER)
    assert _segments(db, "annotation_fts") < before
    assert db.execute("SELECT value FROM meta WHERE key = 'unmerged'").fetchone() == ("0",)
    assert len(queries.search_annotations(db, parse("balloon"), None)) == 40
