"""Builders for store tests: documents and annotations over a small known text."""

from __future__ import annotations

from reader.core.models import (
    Annotation,
    Document,
    DocumentVersion,
    Selector,
    new_id,
    now_iso,
)
from reader.core.store import Store
from reader.core.text import sha256_of, word_count

TEXT = "The secretary met the diplomat on Saturday. The meeting was short and tense."


def make_document(
    store: Store, text: str = TEXT, source: str = "/tmp/a.txt", last_opened: str | None = None
) -> Document:
    """File a document (and its text) in ``store``."""
    sha = sha256_of(text)
    stamp = last_opened or now_iso()
    document = Document(
        id=new_id(),
        title=f"Title of {source}",
        source=source,
        sha256=sha,
        versions=(DocumentVersion(sha, stamp, word_count(text)),),
        first_opened=stamp,
        last_opened=stamp,
        words=word_count(text),
    )
    store.save_text(sha, text)
    store.put_document(document)
    return document


def make_annotation(
    document: Document,
    start: int,
    end: int,
    text: str = TEXT,
    tags: tuple[str, ...] = (),
    note: str = "",
) -> Annotation:
    """An annotation of ``text[start:end]`` (not yet stored)."""
    return Annotation(
        id=new_id(),
        document_id=document.id,
        sha256=document.sha256,
        selector=Selector.from_text(text, start, end),
        note=note,
        tags=tags,
    )
