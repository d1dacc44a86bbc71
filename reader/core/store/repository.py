"""The annotation store: a directory of crash-safe TinyDB files behind one inter-process lock.

Layout (schema 2), all beside the main file named by ``--db``/``READER_DB``:

- ``annotations.json``: ``meta`` (schema version) and ``documents``;
- ``annotations.d/<document-id>.json``: that document's annotations (small, cheap to rewrite);
- ``texts/<sha256>.txt``: every text version, content-addressed and written once;
- ``annotations.json.lock``: the lock every write holds; ``*.bak``: previous good versions.

Reading every annotation at once (search, tag lists) goes through a snapshot kept in the
cache directory, outside the store (see ``snapshot``).
"""

from __future__ import annotations

import contextlib
import heapq
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from reader.core.atomic_file import fsync_directory
from reader.core.models import Annotation, Document
from reader.core.store import files, snapshot
from reader.core.store.files import (
    TEXTS_DIR,
    annotation_file,
    by_id,
    check_sha256,
    document_from_record,
    open_table,
    read_annotations,
    read_stored_text,
    record_of,
    text_order,
)
from reader.core.store.migrations import (
    ANNOTATIONS_DIR,
    ANNOTATIONS_TABLE,
    DOCUMENTS_TABLE,
    META_TABLE,
    SCHEMA_KEY,
    SCHEMA_VERSION,
    Tables,
    migrate,
    newer_schema_error,
    schema_of,
)
from reader.core.store.storage import (
    atomic_write,
    backup_path,
    corrupt_file_error,
    dump_json,
    parse_json_bytes,
    read_file_bytes,
    read_json_file,
)
from reader.core.text import sha256_hex, sha256_of
from reader.errors import BadInputError, NotFoundError
from reader.paths import APP_NAME, DB_FILENAME, resolve_paths

if TYPE_CHECKING:
    from filelock import FileLock

RecordTest = Callable[[dict[str, Any]], bool]
"""Picks stored records by their raw fields."""

MIN_PREFIX = 4
"""Shortest id prefix accepted for documents and annotations."""


def default_db_path() -> Path:
    """The main file's default location (the only store directory created on demand)."""
    return Path(platformdirs.user_data_dir(APP_NAME)) / DB_FILENAME


class Store:
    """A directory of TinyDB files, named by its main file (``annotations.json``)."""

    def __init__(self, db_path: Path, cache_dir: Path | None = None) -> None:
        """Open (creating if needed) the store whose main file is ``db_path``.

        Raises ``StoreError`` for a missing parent directory, a corrupt file or a newer schema.
        An older schema is migrated after a backup copy (``migration_backup``). ``cache_dir``
        (by default the reader's, see ``reader.paths``) keeps the read snapshot.
        """
        self.db_path = Path(db_path)
        self.directory = self.db_path.parent
        cache_dir = cache_dir if cache_dir is not None else resolve_paths(self.db_path).cache_dir
        self._cache_dir = cache_dir
        self.migrated_from: int | None = None
        self.migration_backup: Path | None = None
        files.check_store_location(self.db_path, default_db_path())
        self._lock_path = self.directory / f"{self.db_path.name}.lock"
        self._lock: FileLock | None = None  # made by the first transaction: reads need none
        self._main_file: tuple[bytes, Tables | None] | None = None
        self._open()

    def _open(self) -> None:
        tables = self._main_tables()
        version = self._schema(tables)
        if tables and META_TABLE in tables and version == SCHEMA_VERSION:
            return
        with self.transaction():
            tables = read_json_file(self.db_path)  # another process may have done it
            version = self._schema(tables)
            if not tables:
                initial = {META_TABLE: {"1": {SCHEMA_KEY: SCHEMA_VERSION}}, DOCUMENTS_TABLE: {}}
                atomic_write(self.db_path, dump_json(initial))
            elif version < SCHEMA_VERSION:
                self.migration_backup = migrate(self.db_path, tables, version)
                self.migrated_from = version

    def _main_tables(self) -> Tables | None:
        """The main file parsed, for reading only: parsed again only when its bytes changed.

        Opening the store and listing its documents would otherwise parse it twice.
        """
        raw = read_file_bytes(self.db_path)
        if raw is None:
            return None
        known = self._main_file
        if known is not None and known[0] == raw:
            return known[1]
        tables = parse_json_bytes(self.db_path, raw)
        self._main_file = (raw, tables)
        return tables

    def _schema(self, tables: Tables | None) -> int:
        try:
            version = schema_of(tables)
        except (ValueError, StopIteration, AttributeError) as error:
            raise corrupt_file_error(self.db_path, str(error) or "bad meta table") from None
        if version > SCHEMA_VERSION:
            raise newer_schema_error(self.db_path, version)
        return version

    def transaction(self) -> AbstractContextManager[None]:
        """Hold the inter-process lock across several operations (re-entrant)."""
        if self._lock is None:
            self._lock = files.make_lock(self._lock_path)
        return files.holding(self._lock)

    # documents
    def _documents(self, wanted: RecordTest | None = None) -> list[Document]:
        """Parse the document records ``wanted`` (all by default); parsing is the cost."""
        tables = self._main_tables()
        records: Iterable[dict[str, Any]] = (
            tables.get(DOCUMENTS_TABLE, {}).values() if tables else ()
        )
        if wanted is not None:
            records = [record for record in records if wanted(record)]
        return [document_from_record(self.db_path, record) for record in records]

    def put_document(self, document: Document) -> None:
        """Insert or replace a document record."""
        files.check_id("document", document.id)
        with self.transaction():
            table = open_table(self.db_path, DOCUMENTS_TABLE)
            table.upsert(record_of(document), by_id(document.id))

    def put_documents(self, documents: list[Document]) -> None:
        """Insert or replace many document records with at most two writes of the main file.

        An import of hundreds of documents would otherwise rewrite the main file once each.
        """
        latest = {files.check_id("document", d.id): d for d in documents}
        with self.transaction():
            table = open_table(self.db_path, DOCUMENTS_TABLE)
            known = {record.get("id") for record in table.all()}
            updates = [d for d in latest.values() if d.id in known]
            inserts = [d for d in latest.values() if d.id not in known]
            if updates:
                table.update_multiple([(record_of(d), by_id(d.id)) for d in updates])
            if inserts:
                table.insert_multiple(record_of(d) for d in inserts)

    def get_document(self, document_id: str) -> Document:
        """The document with this id; ``NotFoundError`` if none."""
        for document in self._documents(lambda record: record.get("id") == document_id):
            return document
        raise NotFoundError(f"no document with id '{document_id}'")

    def _has_document(self, document_id: str) -> bool:
        """A cheap existence test on the main file's raw bytes (ids only occur as id keys)."""
        try:
            raw = self.db_path.read_bytes()
        except FileNotFoundError:
            return False
        return dump_json({"id": document_id})[1:-1] in raw

    def find_document_by_source(self, source: str) -> Document | None:
        """The document filed under this source (absolute path or URL), if any."""
        return next(iter(self._documents(lambda record: record.get("source") == source)), None)

    def resolve_document(self, ref: str) -> Document:
        """A document by id, unique id prefix (4+ chars) or source; ``NotFoundError`` if none."""
        exact = self._documents(lambda record: ref in (record.get("id"), record.get("source")))
        if exact:
            return next((d for d in exact if d.id == ref), exact[0])
        matches: list[Document] = []
        if len(ref) >= MIN_PREFIX:
            matches = self._documents(lambda record: str(record.get("id", "")).startswith(ref))
        if len(matches) > 1:
            raise BadInputError(f"document id prefix '{ref}' matches {len(matches)} documents")
        if not matches:
            raise NotFoundError(f"no document matches '{ref}' (give an id, id prefix or source)")
        return matches[0]

    def list_documents(self) -> list[Document]:
        """All documents, most recently opened first."""
        return sorted(self._documents(), key=lambda d: (d.last_opened, d.id), reverse=True)

    def recent_documents(self, limit: int) -> list[Document]:
        """The first ``limit`` of ``list_documents``, parsing only those records (parsing
        is the cost: the library's first screen needs a screenful, not 500)."""
        tables = self._main_tables()
        records = tables.get(DOCUMENTS_TABLE, {}).values() if tables else ()
        newest = heapq.nlargest(max(0, limit), records, key=files.recency)
        return [document_from_record(self.db_path, record) for record in newest]

    def delete_document(self, document_id: str) -> list[Annotation]:
        """Delete a document and its annotations; returns the deleted annotations.

        The annotation file is renamed to its ``.bak`` rather than erased.
        """
        with self.transaction():
            self.get_document(document_id)
            path = annotation_file(self.directory, document_id)
            annotations = self.annotations_for(document_id)
            open_table(self.db_path, DOCUMENTS_TABLE).remove(by_id(document_id))
            if path.exists():
                os.replace(path, backup_path(path))
                fsync_directory(path.parent)
        return annotations

    def save_text(self, sha256: str, text: str) -> None:
        """Store a text under its SHA-256 (idempotent, atomic)."""
        path = self._text_path(sha256)
        if sha256_of(text) != sha256:
            raise ValueError(f"text does not match its hash {sha256}")
        with contextlib.suppress(OSError):
            if sha256_hex(path.read_bytes()) == sha256:
                return  # already stored (a tampered copy is replaced by the good text)
        if not path.parent.is_dir():
            path.parent.mkdir(exist_ok=True)
            fsync_directory(self.directory)
        atomic_write(path, text.encode("utf-8"), keep_backup=False)

    def load_text(self, sha256: str) -> str | None:
        """A stored text, or None when the store lacks it (``files.read_stored_text``)."""
        return read_stored_text(self._text_path(sha256), sha256)

    def has_text(self, sha256: str) -> bool:
        """Whether the store holds a text under this hash (not checked: see ``load_text``)."""
        return self._text_path(sha256).is_file()

    def _text_path(self, sha256: str) -> Path:
        return self.directory / TEXTS_DIR / f"{check_sha256(sha256)}.txt"

    # annotations
    def add_annotation(self, annotation: Annotation) -> None:
        """Add an annotation; durable when this returns.

        ``BadInputError`` when its document is unknown or the id is already in use there.
        """
        self.add_annotations([annotation])

    def add_annotations(self, annotations: list[Annotation]) -> None:
        """Add new annotations with one write per document (imports add thousands at once).

        All are checked before anything is written: every document must exist and no id may
        be in use already, else ``BadInputError`` and nothing changes.
        """
        by_document: dict[str, list[Annotation]] = {}
        for annotation in annotations:
            by_document.setdefault(annotation.document_id, []).append(annotation)
        with self.transaction():
            tables = {}
            for document_id, group in by_document.items():
                if not self._has_document(document_id):
                    raise NotFoundError(f"no document with id '{document_id}'")
                table = open_table(annotation_file(self.directory, document_id), ANNOTATIONS_TABLE)
                taken = {record["id"] for record in table.all()}
                clash = next((a.id for a in group if a.id in taken), None)
                if clash is not None:
                    raise BadInputError(f"annotation {clash} already exists")
                tables[document_id] = table
            if tables and not self.annotations_dir.is_dir():
                self.annotations_dir.mkdir(exist_ok=True)
                fsync_directory(self.directory)
            for document_id, table in tables.items():
                table.insert_multiple(record_of(a) for a in by_document[document_id])

    def update_annotations(self, annotations: list[Annotation]) -> None:
        """Replace existing annotations (matched by id) in one write per document.

        Ids no longer in the store (deleted meanwhile by another process) are skipped.
        """
        by_document: dict[str, list[Annotation]] = {}
        for annotation in annotations:
            by_document.setdefault(annotation.document_id, []).append(annotation)
        with self.transaction():
            for document_id, group in by_document.items():
                path = annotation_file(self.directory, document_id)
                if not path.exists():
                    continue  # the document was deleted meanwhile
                table = open_table(path, ANNOTATIONS_TABLE)
                table.update_multiple([(record_of(a), by_id(a.id)) for a in group])

    def _find_annotation(self, ref: str) -> tuple[Path, Annotation]:
        """Where an annotation (by id or unique prefix) lives, scanning the per-document files.

        A substring test on each file's raw bytes skips the parse of files that cannot hold it:
        JSON escapes quotes inside strings, so ``"id": "<ref>`` only occurs as an id key.
        """
        if len(ref) < MIN_PREFIX:
            raise BadInputError(f"annotation id '{ref}' is too short (give {MIN_PREFIX}+ chars)")
        needle = dump_json({"id": ref})[1:-2]
        matches: list[tuple[Path, Annotation]] = []
        for path in files.annotation_files(self.directory):
            with contextlib.suppress(FileNotFoundError):
                if needle not in path.read_bytes():
                    continue
                for annotation in read_annotations(path):
                    if annotation.id == ref:
                        return path, annotation
                    if annotation.id.startswith(ref):
                        matches.append((path, annotation))
        if len(matches) > 1:
            raise BadInputError(f"annotation id prefix '{ref}' matches {len(matches)} annotations")
        if not matches:
            # The raw-bytes test skips unreadable files; before saying "no such annotation",
            # make sure none is hidden in a corrupt file (this raises naming it).
            for path in files.annotation_files(self.directory):
                read_json_file(path)
            raise NotFoundError(f"no annotation with id '{ref}'")
        return matches[0]

    def get_annotation(self, annotation_id: str) -> Annotation:
        """An annotation by id or unique id prefix; ``NotFoundError`` if none."""
        return self._find_annotation(annotation_id)[1]

    def delete_annotation(self, annotation_id: str) -> Annotation:
        """Delete an annotation and return it (so it can be restored with ``add_annotation``)."""
        with self.transaction():
            path, annotation = self._find_annotation(annotation_id)
            open_table(path, ANNOTATIONS_TABLE).remove(by_id(annotation.id))
        return annotation

    def annotations_for(self, document_id: str) -> list[Annotation]:
        """A document's annotations in text order."""
        path = annotation_file(self.directory, document_id)
        return sorted(read_annotations(path), key=text_order)

    def all_annotations(self) -> Iterator[Annotation]:
        """Every annotation in the store (document by document, each in text order)."""
        with files.collector_paused():
            annotations = snapshot.read_all(self.snapshot, files.annotation_files(self.directory))
        return iter(annotations)

    def annotation_counts(self) -> dict[str, int]:
        """Number of annotations per document id (documents without any are left out)."""
        counts: dict[str, int] = {}
        for path in files.annotation_files(self.directory):
            records = (read_json_file(path) or {}).get(ANNOTATIONS_TABLE, {})
            if records:
                counts[path.stem] = len(records)
        return counts

    @cached_property
    def snapshot(self) -> Path:
        """The read cache of ``all_annotations`` (``reader.core.store.snapshot``), named by a
        hash of the store's folder: worked out on first use, after the first frame."""
        return snapshot.snapshot_path(self._cache_dir, self.directory)

    @property
    def annotations_dir(self) -> Path:
        """The directory of per-document annotation files."""
        return self.directory / ANNOTATIONS_DIR

    @property
    def texts_dir(self) -> Path:
        """The directory of content-addressed texts."""
        return self.directory / TEXTS_DIR
