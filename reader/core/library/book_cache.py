"""Re-opening a book without extracting it again.

Extracting a 500-page PDF takes seconds; its text is already in the store. For a local PDF
or EPUB, the file's size and modification time, with what extraction produced (title,
metadata, page starts, text hash), are kept in the cache directory. When the file has not
changed since, the stored text is used as is. Anything missing or unreadable in the cache
just means extracting again.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

from reader.core.atomic_file import write_atomically
from reader.core.models import LoadedText, SourceMeta
from reader.core.text import sha256_hex

BOOK_SUFFIXES = frozenset({".pdf", ".epub"})
_FORMAT = "reader-book-cache/1"


def _entry_path(cache_dir: Path, source: str) -> Path:
    key = sha256_hex(os.fsencode(source))[:32]
    return cache_dir / "books" / f"{key}.json"


def _stamp(source: str) -> str | None:
    """``size:mtime_ns`` of a local book file; None for anything else."""
    path = Path(source)
    if path.suffix.lower() not in BOOK_SUFFIXES or "://" in source:
        return None
    try:
        info = path.stat()
    except OSError:
        return None
    return f"{info.st_size}:{info.st_mtime_ns}"


def cached_book(cache_dir: Path, source: str, text_of: Any) -> LoadedText | None:
    """The book at ``source`` as last extracted, if the file is unchanged and the store still
    has its text (``text_of(sha256)``)."""
    stamp = _stamp(source)
    if stamp is None:
        return None
    try:
        data = json.loads(_entry_path(cache_dir, source).read_text("utf-8"))
        if data.get("format") != _FORMAT or data.get("stamp") != stamp:
            return None
        text = text_of(data["sha256"])
        if text is None:
            return None
        return LoadedText(
            source=source,
            text=text,
            title=str(data["title"]),
            kind=str(data["kind"]),
            meta=SourceMeta(**{**data["meta"], "tags": tuple(data["meta"].get("tags", ()))}),
            pages=tuple(int(page) for page in data["pages"]),
            sha256_known=str(data["sha256"]),
            words_known=int(data["words"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def remember_book(cache_dir: Path, loaded: LoadedText) -> None:
    """Keep what extracting a local book produced (skipped silently if it cannot be written)."""
    stamp = _stamp(loaded.source)
    if stamp is None or loaded.kind not in ("pdf", "epub"):
        return
    entry = {
        "format": _FORMAT,
        "stamp": stamp,
        "sha256": loaded.sha256,
        "title": loaded.title,
        "words": loaded.words,
        "kind": loaded.kind,
        "meta": {**loaded.meta._asdict(), "tags": list(loaded.meta.tags)},
        "pages": list(loaded.pages),
    }
    path = _entry_path(cache_dir, loaded.source)
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, json.dumps(entry).encode("utf-8"), durable=False)
