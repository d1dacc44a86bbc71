"""A read cache for reading every annotation at once (``Store.all_annotations``).

A ``reader search`` process reads the whole store; parsing the JSON of every per-document
file and checking every record was most of its time. The snapshot keeps, for each file, the
SHA-256 of its bytes and its annotations as plain tuples in ``marshal`` form, which loads
several times faster. A file is taken from the snapshot only when its bytes hash the same,
so the snapshot can never show anything but what the files hold; any other file is parsed
as usual (with the usual errors) and the snapshot rewritten.

The snapshot lives in the cache directory, never in the store: writing it must not change
the store directory's modification times, which tell the search index the store changed.
It is replaced atomically; an unreadable or foreign snapshot is ignored and rebuilt.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from reader.core.atomic_file import write_atomically
from reader.core.models import (
    CORRECTION_KIND,
    NOTE_KIND,
    AnchorMove,
    Annotation,
    AnnotationStatus,
    Correction,
    Selector,
)
from reader.core.store.files import parse_annotations, text_order
from reader.core.store.migrations import SCHEMA_VERSION
from reader.core.store.storage import read_file_bytes
from reader.core.text import sha256_hex

FORMAT = f"reader-annotations-snapshot/2/schema{SCHEMA_VERSION}"
"""Written first in every snapshot; a snapshot with another one is ignored. Change it when
the rows change or when reading a record changes (``Annotation.from_dict``)."""

Row = tuple[Any, ...]
"""One annotation as plain values, in ``annotation_row`` order."""
Entry = tuple[bytes, list[Row]]
"""One file: the SHA-256 of its bytes and its annotations in text order."""

_STATUSES = {status.value: status for status in AnnotationStatus}


def snapshot_path(cache_dir: Path, store_dir: Path) -> Path:
    """Where the snapshot of the store in ``store_dir`` is kept (one per store)."""
    key = sha256_hex(os.fsencode(store_dir.absolute()))[:24]
    return cache_dir / "store-snapshots" / f"{key}.marshal"


def read_all(snapshot: Path, paths: Iterable[Path]) -> list[Annotation]:
    """Every annotation in the per-document files ``paths``, each file in text order.

    Files unchanged since the snapshot was written come from it; the others are parsed
    (``StoreError`` naming a corrupt one). The snapshot is rewritten when anything changed.
    """
    import hashlib  # on first use (see ``reader.core.text.sha256_hex``)

    cached = _load(snapshot)
    current: dict[str, Entry] = {}
    annotations: list[Annotation] = []
    for path in paths:
        raw = read_file_bytes(path)
        if raw is None:
            continue  # deleted since the directory was listed
        digest = hashlib.sha256(raw).digest()
        entry = cached.get(path.name)
        rows = _current_rows(entry, digest)
        group = _revived(rows) if rows is not None else None
        if group is None or entry is None:
            group = sorted(parse_annotations(path, raw), key=text_order)
            entry = (digest, [annotation_row(annotation) for annotation in group])
        current[path.name] = entry
        annotations.extend(group)
    if current != cached:
        _save(snapshot, current)
    return annotations


def annotation_row(annotation: Annotation) -> Row:
    # Values repeated across rows (ids of the document and its text, colours, tags) are
    # interned, so that marshal writes each once and loading makes each once.
    selector = annotation.selector
    history = tuple((m.sha256, m.start, m.end, m.moved) for m in annotation.history)
    return (
        annotation.id,
        sys.intern(annotation.document_id),
        sys.intern(annotation.sha256),
        selector.exact,
        selector.prefix,
        selector.suffix,
        selector.start,
        selector.end,
        annotation.note,
        tuple(sys.intern(tag) for tag in annotation.tags),
        sys.intern(annotation.color),
        annotation.created,
        annotation.modified,
        annotation.status.value,
        history,
        None if annotation.correction is None else annotation.correction.to_dict(),
    )


def _current_rows(entry: Entry | None, digest: bytes) -> list[Row] | None:
    """The rows of a snapshot entry made from bytes hashing to ``digest``, else None.

    None too for an entry that is not what ``read_all`` writes.
    """
    if not isinstance(entry, tuple) or len(entry) != 2 or entry[0] != digest:
        return None
    rows = entry[1]
    return rows if isinstance(rows, list) else None


def _revived(rows: list[Row]) -> list[Annotation] | None:
    """The annotations of ``rows``; None when they are not what ``annotation_row`` makes."""
    try:
        return [row_annotation(row) for row in rows]
    except (TypeError, ValueError, KeyError):
        return None


def row_annotation(row: Row) -> Annotation:
    """The annotation ``annotation_row`` made ``row`` from.

    The values were checked when the file was parsed, so the objects are filled in
    directly, as ``from_dict`` does, without its conversions (a third of its time).
    """
    (id_, document_id, sha256, exact, prefix, suffix, start, end) = row[:8]
    (note, tags, color, created, modified, status, history, correction) = row[8:]
    selector = object.__new__(Selector)
    selector.__dict__.update(
        {"exact": exact, "prefix": prefix, "suffix": suffix, "start": start, "end": end}
    )
    annotation = object.__new__(Annotation)
    annotation.__dict__.update(
        {
            "id": id_,
            "document_id": document_id,
            "sha256": sha256,
            "selector": selector,
            "note": note,
            "tags": tags,
            "color": color,
            "created": created,
            "modified": modified,
            "status": _STATUSES[status],
            "history": tuple(AnchorMove(*move) for move in history) if history else (),
            "kind": NOTE_KIND if correction is None else CORRECTION_KIND,
            "correction": None if correction is None else Correction.from_dict(correction),
        }
    )
    return annotation


def _load(snapshot: Path) -> dict[str, Entry]:
    """The snapshot's entries by file name; empty when it is missing or not ours."""
    try:
        data = marshal.loads(snapshot.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not isinstance(data, tuple) or len(data) != 2 or data[0] != FORMAT:
        return {}
    entries = data[1]
    return entries if isinstance(entries, dict) else {}


def _save(snapshot: Path, entries: dict[str, Entry]) -> None:
    """Replace the snapshot atomically; a cache that cannot be written is simply skipped."""
    with contextlib.suppress(OSError):
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        # Not durable: a snapshot lost to a crash is only rebuilt from the store's files.
        write_atomically(snapshot, marshal.dumps((FORMAT, entries)), durable=False)
