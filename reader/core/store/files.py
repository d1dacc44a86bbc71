"""Low-level access to the store's files: paths, the lock, TinyDB tables and record checks."""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core.models import Annotation, Document
from reader.core.store.migrations import (
    ANNOTATIONS_DIR,
    ANNOTATIONS_TABLE,
    SCHEMA_KEY,
    SCHEMA_VERSION,
    newer_schema_error,
)
from reader.core.store.storage import (
    corrupt_file_error,
    parse_json_bytes,
    read_file_bytes,
)
from reader.core.text import sha256_hex
from reader.errors import BadInputError, ReaderError, StoreError

if TYPE_CHECKING:
    import filelock
    from tinydb.queries import QueryInstance
    from tinydb.table import Table

TEXTS_DIR = "texts"
LOCK_TIMEOUT_SECONDS = 30.0
LOCK_POLL_SECONDS = 0.002
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def make_lock(lock_path: Path) -> filelock.FileLock:
    """One inter-process lock per store, re-entrant within a thread.

    A singleton per path: two ``Store`` objects on one store in one process share the lock,
    so one holding it never blocks the other in the same thread.
    """
    # Imported here: reads take no lock, and `reader search` or `reader list` should not pay
    # for importing filelock (about 10 ms).
    import filelock

    options: dict[str, Any] = {"timeout": LOCK_TIMEOUT_SECONDS, "is_singleton": True}
    try:
        return filelock.FileLock(lock_path, preserve_lock_file=True, **options)
    except TypeError:  # filelock 3.x has no preserve_lock_file and never unlinks anyway
        return filelock.FileLock(lock_path, **options)


@contextmanager
def holding(lock: filelock.FileLock) -> Iterator[None]:
    """Hold ``lock``; a lock held too long by another process is a one-line error."""
    import filelock

    try:
        lock.acquire(poll_interval=LOCK_POLL_SECONDS)
    except filelock.Timeout:
        raise ReaderError(
            f"the store is busy: another reader process holds {lock.lock_file} "
            f"for over {LOCK_TIMEOUT_SECONDS:.0f} s"
        ) from None
    try:
        yield
    finally:
        lock.release()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while reading many records or saving one.

    Parsing 10,000 annotations makes some 200,000 objects, none in a reference cycle; the
    collector would otherwise walk the growing heap again and again (a tenth of the read).
    In the TUI, a full collection walks every object of the app: one started by a save's
    allocations would land inside the save's latency, so it runs right after instead.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def open_table(path: Path, name: str) -> Table:
    """A fresh TinyDB table over ``path``: no query cache and no remembered next id.

    A new instance per operation matters: TinyDB caches query results and the next document
    id, both of which go stale when another process writes the file. TinyDB is imported
    here, by the first write (``reader.core.store.tables``): reads parse the JSON directly.
    """
    from reader.core.store.tables import open_table as open_tinydb_table

    return open_tinydb_table(path, name)


def by_id(value: str) -> QueryInstance:
    """The TinyDB query for the record whose ``id`` is ``value`` (see ``open_table``)."""
    from reader.core.store.tables import by_id as query

    return query(value)


def check_id(kind: str, value: str) -> str:
    """Reject ids that could not be file names (they name per-document files)."""
    if not _SAFE_ID.match(value):
        raise BadInputError(f"invalid {kind} id {value!r}")
    return value


def check_sha256(value: str) -> str:
    """Reject anything but a lowercase hex SHA-256 (it names text files)."""
    if not _SHA256.match(value):
        raise BadInputError(f"invalid text hash {value!r}")
    return value


def annotation_file(store_dir: Path, document_id: str) -> Path:
    """The TinyDB file holding one document's annotations."""
    return store_dir / ANNOTATIONS_DIR / f"{check_id('document', document_id)}.json"


def annotation_files(store_dir: Path) -> list[Path]:
    """Every per-document annotation file, in a stable order."""
    directory = store_dir / ANNOTATIONS_DIR
    try:
        names = sorted(os.listdir(directory))
    except FileNotFoundError:
        return []
    return [directory / name for name in names if name.endswith(".json")]


def record_of(item: Annotation | Document) -> dict[str, Any]:
    """The stored record: the model's ``to_dict`` plus the schema version."""
    return {**item.to_dict(), SCHEMA_KEY: SCHEMA_VERSION}


def _check_schema(path: Path, record: dict[str, Any]) -> None:
    version = record.get(SCHEMA_KEY, SCHEMA_VERSION)
    if isinstance(version, int) and version > SCHEMA_VERSION:
        raise newer_schema_error(path, version)


def annotation_from_record(path: Path, record: dict[str, Any]) -> Annotation:
    """Parse a stored annotation; a malformed record is a corrupt-file error naming ``path``."""
    _check_schema(path, record)
    try:
        return Annotation.from_dict(record)
    except (KeyError, TypeError, ValueError) as error:
        raise corrupt_file_error(path, f"bad annotation record: {error!r}") from None


def document_from_record(path: Path, record: dict[str, Any]) -> Document:
    """Parse a stored document; a malformed record is a corrupt-file error naming ``path``."""
    _check_schema(path, record)
    try:
        return Document.from_dict(record)
    except (KeyError, TypeError, ValueError) as error:
        raise corrupt_file_error(path, f"bad document record: {error!r}") from None


def recency(record: Any) -> tuple[str, str]:
    """A raw document record's place in ``list_documents`` (a malformed one sorts last)."""
    if not isinstance(record, dict):
        return ("", "")
    return (str(record.get("last_opened", "")), str(record.get("id", "")))


def read_annotations(path: Path) -> list[Annotation]:
    """Every annotation in one per-document file (none when the file does not exist)."""
    raw = read_file_bytes(path)
    return [] if raw is None else parse_annotations(path, raw)


def parse_annotations(path: Path, raw: bytes) -> list[Annotation]:
    """The annotations in ``raw``, the bytes of per-document file ``path`` (for its errors)."""
    tables = parse_json_bytes(path, raw)
    records = tables.get(ANNOTATIONS_TABLE, {}).values() if tables else ()
    return [annotation_from_record(path, record) for record in records]


def text_order(annotation: Annotation) -> tuple[int, int, str, str]:
    """Sort key putting annotations in reading order."""
    selector = annotation.selector
    return (selector.start, selector.end, annotation.created, annotation.id)


def check_store_location(db_path: Path, default_db: Path) -> None:
    """The store's directory must exist, except the default one, which is created."""
    directory = db_path.parent
    if db_path == default_db:
        directory.mkdir(parents=True, exist_ok=True)
    if not directory.is_dir():
        what = "is not a directory" if directory.exists() else "does not exist"
        raise StoreError(f"store directory {directory} {what} (create it or choose another --db)")
    if db_path.is_dir():
        raise StoreError(f"store file {db_path} is a directory, not a file")


def read_stored_text(path: Path, sha256: str) -> str | None:
    """A content-addressed text, or None when the store lacks it.

    One whose bytes no longer hash to its name was changed behind the store's back, and is
    an error naming it (never shown or exported), as is one that is not UTF-8.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    if sha256_hex(raw) != sha256:
        raise corrupt_file_error(path, "its text does not match its SHA-256")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise corrupt_file_error(path, "not UTF-8 text") from None
