"""The SQLite file of the derived index: its tables, and opening it (rebuilt when unusable).

The index lives in the cache directory, one file per store. Deleting it loses nothing: it
is rebuilt from the store. A file that is not ours (another format version, another store,
not SQLite, truncated) is deleted and made again. WAL and a busy timeout let several
processes read while one writes.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

from reader.core.index.driver import sqlite3

FORMAT = "reader-index/8"
"""Written in ``meta``; an index with another one is rebuilt. Change it with the tables."""
BUSY_TIMEOUT_MS = 30_000
TOKENIZE = "tokenize = 'unicode61 remove_diacritics 2'"
PREFIXES = " ".join(str(n) for n in range(1, 11))
"""Prefix lengths ``annotation_fts`` indexes: the last word typed is a prefix (``balloo*``),
read from its own index instead of merging every word it starts (``bal*``: 2.0 -> 1.7 ms to
rank 3,000 matches; ``china OR beijing*`` 3.0 -> 2.9; 4.4 MB more for 10,000 annotations,
0.3 -> 0.7 ms to replace a document's 20)."""
# annotation_fts holds only the ranked columns: bm25() reads every column's length and
# instances of a row, so the fields that filter (doc, entity, label, speaker) live in
# annotation_facts, same rowids; a row's length for bm25() is its note, passage and tags.

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS stamps(name TEXT PRIMARY KEY, stamp TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents(
    rowid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, title TEXT NOT NULL,
    sha256 TEXT NOT NULL, added TEXT NOT NULL, position INTEGER NOT NULL, analysed TEXT,
    first_passage INTEGER, last_passage INTEGER);
CREATE TABLE IF NOT EXISTS annotations(
    rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, file TEXT NOT NULL,
    document_id TEXT NOT NULL, sha256 TEXT NOT NULL, start INTEGER NOT NULL,
    "end" INTEGER NOT NULL, color TEXT NOT NULL, created TEXT NOT NULL,
    modified TEXT NOT NULL, status TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS annotation_records(rowid INTEGER PRIMARY KEY, record BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS annotations_file ON annotations(file);
CREATE INDEX IF NOT EXISTS annotations_document ON annotations(document_id);
CREATE INDEX IF NOT EXISTS annotations_recent ON annotations(modified DESC, created DESC);
CREATE INDEX IF NOT EXISTS annotations_status ON annotations(status, modified DESC);
CREATE INDEX IF NOT EXISTS annotations_created ON annotations(created);
CREATE TABLE IF NOT EXISTS annotation_tags(
    annotation INTEGER NOT NULL, key TEXT NOT NULL, folded TEXT NOT NULL,
    spelling TEXT NOT NULL, created TEXT NOT NULL, annotation_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS annotation_tags_key ON annotation_tags(key);
CREATE INDEX IF NOT EXISTS annotation_tags_annotation ON annotation_tags(annotation);
CREATE VIRTUAL TABLE IF NOT EXISTS annotation_fts USING fts5(
    note, quote, tags, {TOKENIZE}, prefix = '{PREFIXES}');
CREATE VIRTUAL TABLE IF NOT EXISTS annotation_facts USING fts5(
    doc, entity, label, speaker, {TOKENIZE}, prefix = '1 2');
CREATE TABLE IF NOT EXISTS passages(
    rowid INTEGER PRIMARY KEY, document_id TEXT NOT NULL, start INTEGER NOT NULL,
    "end" INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS passages_document ON passages(document_id);
CREATE VIRTUAL TABLE IF NOT EXISTS passage_fts USING fts5(text, {TOKENIZE});
CREATE VIRTUAL TABLE IF NOT EXISTS document_fts USING fts5(text, {TOKENIZE}, content = '');
CREATE TABLE IF NOT EXISTS spans(
    document_id TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    name TEXT NOT NULL, label TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS spans_document ON spans(document_id);
CREATE TABLE IF NOT EXISTS entities(
    document_id TEXT NOT NULL, name TEXT NOT NULL, label TEXT NOT NULL,
    mentions INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS entities_document ON entities(document_id);
CREATE TABLE IF NOT EXISTS quotes(
    document_id TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    text TEXT NOT NULL, speaker TEXT, speaker_text TEXT, speaker_key TEXT NOT NULL,
    form TEXT NOT NULL, kind TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS quotes_document ON quotes(document_id);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker);
"""


class UnusableIndex(Exception):
    """The index file cannot be used as it is (foreign, old, damaged): rebuild it."""


def index_path(cache_dir: Path, store_dir: Path) -> Path:
    """Where the index of the store in ``store_dir`` is kept (one file per store)."""
    store_key = hashlib.sha256(os.fsencode(store_dir.absolute())).hexdigest()[:24]
    return cache_dir / "index" / f"{store_key}.sqlite3"


def fts5_available() -> bool:
    """Whether this Python's SQLite has FTS5 (every CPython build we know of has)."""
    try:
        sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE t USING fts5(x)")
    except sqlite3.OperationalError:
        return False
    return True


def connect(path: Path | str, store_dir: str) -> sqlite3.Connection:
    """The index at ``path``, created if missing; ``UnusableIndex`` if it is not ours."""
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if str(path) != ":memory:":
            connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        connection.execute("PRAGMA cache_size = -32000")  # 32 MB: FTS5 merges its segments in it
        connection.execute("PRAGMA temp_store = MEMORY")  # the small tables of ``highlight()``
        _check_or_create(connection, store_dir)
    except sqlite3.DatabaseError as error:
        connection.close()
        if not is_damage(error):
            raise  # a full disk, a read-only directory, a lock: deleting the file won't help
        raise UnusableIndex(str(error)) from None
    except UnusableIndex:
        connection.close()
        raise
    return connection


_DAMAGED = (11, 26)
"""SQLITE_CORRUPT and SQLITE_NOTADB (with their extended codes, in the low byte)."""
_DAMAGE_WORDS = (
    "malformed",  # SQLITE_CORRUPT's message
    "not a database",  # SQLITE_NOTADB's ("file is encrypted or is not a database" before 3.14)
    "encrypted",
    "corrupt",
    "no such table",  # a foreign SQLite file, or one missing a table of ours
    "vtable constructor failed",  # an FTS5 table without its shadow tables
    "invalid fts5 file format",  # an FTS5 table of another FTS5 version
    "damaged",  # a record of ours that cannot be read (queries._hit)
)


def is_damage(error: sqlite3.Error) -> bool:
    """Whether ``error`` says the file is damaged or not ours: rebuilding it mends that.

    Anything else (a full disk, a read-only cache, an I/O error, a lock held too long, an
    interrupt) would fail again on a rebuilt file, which would cost a full re-index first.
    """
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in _DAMAGED:
        return True
    message = str(error).lower()
    return any(word in message for word in _DAMAGE_WORDS)


def _check_or_create(connection: sqlite3.Connection, store_dir: str) -> None:
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    if "meta" not in tables:
        connection.executescript(f"BEGIN IMMEDIATE; {SCHEMA} COMMIT;")
        connection.execute("INSERT OR IGNORE INTO meta VALUES ('format', ?)", (FORMAT,))
        connection.execute("INSERT OR IGNORE INTO meta VALUES ('store', ?)", (store_dir,))
    meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
    if meta.get("format") != FORMAT or meta.get("store") != store_dir:
        raise UnusableIndex(f"index of {meta.get('store')!r} in format {meta.get('format')!r}")


def remove(path: Path) -> None:
    """Delete the index file and its WAL companions (a missing one is fine)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{path}{suffix}")
