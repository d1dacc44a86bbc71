"""SQLite errors of the index: damage is mended by a rebuild, anything else is one line.

A rebuild re-indexes every document: it is done only when it can help (a damaged or
foreign file); a full disk, a read-only cache or an interrupt fails the same way on a new
file, so those become a ``SearchIndexError`` and the index is left as it is.
"""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import pytest

from reader.core.index.driver import sqlite3
from reader.core.index.schema import is_damage
from reader.core.service import ReaderService
from reader.errors import ReaderError, SearchIndexError
from tests.core.index.test_index_files import opened


@pytest.fixture
def service(db_path: Path, sample_path: Path) -> ReaderService:
    service = ReaderService.open(db_path)
    service.annotate_quote(str(sample_path), "surveillance balloon", note="the balloon")
    service.search("balloon")
    with opened(service.index_path) as db:
        db.execute("INSERT INTO meta VALUES ('marker', 'kept')")  # gone if it is rebuilt
    return service


def _marked(service: ReaderService) -> bool:
    with opened(service.index_path) as db:
        return db.execute("SELECT 1 FROM meta WHERE key = 'marker'").fetchone() is not None


def _notes(service: ReaderService, query: str) -> list[str]:
    return sorted(hit.annotation.note for hit in service.search(query))


@pytest.mark.parametrize(
    "damage",
    [
        "DROP TABLE annotation_records",  # read by the search itself
        "DROP TABLE annotation_fts_data",  # FTS5's own table: its constructor fails
        "DROP TABLE stamps",  # read while bringing the index up to date
    ],
)
def test_a_missing_table_is_damage_and_is_rebuilt(service: ReaderService, damage: str) -> None:
    service.parts.index.close()
    with opened(service.index_path) as db:
        db.execute(damage)
    assert _notes(service, "balloon") == ["the balloon"]
    assert not _marked(service)


def test_a_read_only_index_is_not_rebuilt_and_fails_in_one_line(
    service: ReaderService, sample_path: Path
) -> None:
    db = service.parts.index.current()
    db.execute("PRAGMA query_only = ON")  # every write fails: SQLITE_READONLY
    service.annotate_quote(str(sample_path), "Ned Worth", note="the spokesperson")
    with pytest.raises(SearchIndexError) as raised:
        service.search("balloon")
    assert isinstance(raised.value, ReaderError) and "\n" not in str(raised.value)
    assert "readonly" in str(raised.value) and str(service.index_path) in str(raised.value)
    assert _marked(service)  # not rebuilt
    db.execute("PRAGMA query_only = OFF")
    assert _notes(service, "balloon OR spokesperson") == ["the balloon", "the spokesperson"]
    assert _marked(service)


def test_an_interrupted_read_is_not_rebuilt_and_fails_in_one_line(
    service: ReaderService,
) -> None:
    db = service.parts.index.current()
    db.set_progress_handler(lambda: 1, 1)  # SQLite stops every statement: "interrupted"
    with pytest.raises(SearchIndexError, match="interrupted"):
        service.tag_counts()
    db.set_progress_handler(None, 1)
    assert _marked(service)
    assert _notes(service, "balloon") == ["the balloon"]


def test_damage_is_told_from_other_errors(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"not a database at all" * 100)
    with pytest.raises(sqlite3.DatabaseError) as raised, closing(sqlite3.connect(garbage)) as db:
        db.execute("SELECT * FROM sqlite_master")
    assert is_damage(raised.value)  # SQLITE_NOTADB
    for message in ["database disk image is malformed", "file is encrypted or is not a database"]:
        assert is_damage(sqlite3.DatabaseError(message))
    for message in ["database or disk is full", "database is locked", "disk I/O error"]:
        assert not is_damage(sqlite3.OperationalError(message))
