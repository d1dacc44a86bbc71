"""TinyDB's view of a store file, for writes only: the store reads its files as JSON itself
(``storage.read_json_file``), so a start that only reads imports no TinyDB (about 1.5 ms).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tinydb import TinyDB, where
from tinydb.queries import QueryInstance
from tinydb.storages import Storage
from tinydb.table import Table

from reader.core.store.storage import atomic_write, dump_json, read_json_file


def open_table(path: Path, name: str) -> Table:
    """A fresh TinyDB table over ``path``: no query cache and no remembered next id.

    A new instance per operation matters: TinyDB caches query results and the next document
    id, both of which go stale when another process writes the file.
    """
    return TinyDB(path, storage=AtomicJSONStorage).table(name, cache_size=0)


def by_id(value: str) -> QueryInstance:
    """The TinyDB query for the record whose ``id`` is ``value``."""
    query: QueryInstance = where("id") == value
    return query


class AtomicJSONStorage(Storage):
    """A TinyDB ``Storage`` over one JSON file, written only with ``atomic_write``.

    Callers hold the store's lock around every read-modify-write; this class does no caching,
    so each TinyDB operation re-reads the file from disk.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def read(self) -> dict[str, dict[str, Any]] | None:
        """The file's tables, or ``None`` for a missing or empty file."""
        return read_json_file(self.path)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Replace the file atomically, keeping the previous version as ``.bak``."""
        atomic_write(self.path, dump_json(data))

    def close(self) -> None:
        """Nothing to release: no file is kept open."""
