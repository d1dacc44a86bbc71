"""Schema versions of the store and the migrations between them.

Schema 1 (reader 0.0.x) kept everything in the one main file: a ``documents`` table and an
``annotations`` table, no ``meta`` table, tags as one comma-separated string and no
``status`` or ``history`` on annotations.

Schema 2 (current) keeps ``meta`` (``{"schema": 2}``) and ``documents`` in the main file and
each document's annotations in ``annotations.d/<document-id>.json``; every record carries a
``schema`` field. Texts live in ``texts/<sha256>.txt`` in both.

Optional fields added to a record within a schema need no migration: a record without them
loads with their defaults (the document's metadata, note, tags, reading state and page
starts were added this way, see ``Document.from_dict``).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reader.core.atomic_file import fsync_directory
from reader.core.store.storage import atomic_write, dump_json
from reader.errors import StoreError

SCHEMA_VERSION = 2
SCHEMA_KEY = "schema"
META_TABLE = "meta"
DOCUMENTS_TABLE = "documents"
ANNOTATIONS_TABLE = "annotations"
ANNOTATIONS_DIR = "annotations.d"

Tables = dict[str, dict[str, Any]]


def schema_of(tables: Tables | None) -> int:
    """The schema version of a parsed main file (an absent or empty file is current)."""
    if not tables:
        return SCHEMA_VERSION
    meta = tables.get(META_TABLE)
    if not meta:
        return 1
    record = next(iter(meta.values()))
    version = record.get(SCHEMA_KEY)
    if not isinstance(version, int) or version < 1:
        raise ValueError(f"invalid schema version {version!r}")
    return version


def newer_schema_error(path: Path, version: int) -> StoreError:
    """The error for a file written by a newer reader than this one."""
    return StoreError(
        f"store file {path} was written by a newer reader (schema {version}); "
        f"this reader knows up to {SCHEMA_VERSION}. Upgrade reader."
    )


def migration_backup_path(db_path: Path, version: int) -> Path:
    """Where the main file is copied before migrating it from ``version``."""
    return db_path.with_name(f"{db_path.name}.schema{version}.bak")


def migrate(db_path: Path, tables: Tables, version: int) -> Path:
    """Bring the store at ``db_path`` from ``version`` up to ``SCHEMA_VERSION``.

    The caller holds the store's lock. The main file is first copied (durably) to
    ``migration_backup_path``, which is returned. The main file is replaced last, so a crash
    part-way leaves an old-schema main file and the migration simply runs again.
    """
    backup = migration_backup_path(db_path, version)
    shutil.copy2(db_path, backup)
    with open(backup, "rb") as handle:
        # copy2 does not fsync; the backup must survive a crash during the migration.
        os.fsync(handle.fileno())
    fsync_directory(backup.parent)
    current, step_version = tables, version
    while step_version < SCHEMA_VERSION:
        current = _STEPS[step_version](db_path, current)
        step_version += 1
    atomic_write(db_path, dump_json(current))
    return backup


def _split_tags(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(tag) for tag in value]
    return [tag.strip() for tag in str(value or "").split(",") if tag.strip()]


def _annotation_v1_to_v2(record: dict[str, Any]) -> dict[str, Any]:
    upgraded = dict(record)
    upgraded["tags"] = _split_tags(record.get("tags"))
    upgraded.setdefault("status", "anchored")
    upgraded.setdefault("history", [])
    upgraded[SCHEMA_KEY] = 2
    return upgraded


def _v1_to_v2(db_path: Path, tables: Tables) -> Tables:
    """Move annotations to per-document files and add ``meta`` and per-record versions."""
    by_document: dict[str, list[dict[str, Any]]] = {}
    for record in tables.get(ANNOTATIONS_TABLE, {}).values():
        by_document.setdefault(str(record["document_id"]), []).append(_annotation_v1_to_v2(record))
    annotations_dir = db_path.parent / ANNOTATIONS_DIR
    annotations_dir.mkdir(exist_ok=True)
    for document_id, records in by_document.items():
        table = {str(number): record for number, record in enumerate(records, start=1)}
        atomic_write(
            annotations_dir / f"{document_id}.json",
            dump_json({ANNOTATIONS_TABLE: table}),
            keep_backup=False,
        )
    documents = {
        key: {**record, SCHEMA_KEY: 2} for key, record in tables.get(DOCUMENTS_TABLE, {}).items()
    }
    return {META_TABLE: {"1": {SCHEMA_KEY: 2}}, DOCUMENTS_TABLE: documents}


_STEPS: dict[int, Callable[[Path, Tables], Tables]] = {1: _v1_to_v2}
