"""Small builders of in-memory documents and annotations for search tests (no store)."""

from __future__ import annotations

from reader.core.models import (
    Annotation,
    AnnotationStatus,
    Document,
    DocumentVersion,
    Selector,
    new_id,
)
from reader.core.text import sha256_of, word_count

STAMP = "2024-03-01T12:00:00.000Z"


def document(text: str, title: str = "A title", doc_id: str | None = None) -> Document:
    """A document whose current version is ``text``."""
    sha = sha256_of(text)
    return Document(
        id=doc_id or new_id(),
        title=title,
        source=f"/tmp/{title}.txt",
        sha256=sha,
        versions=(DocumentVersion(sha, STAMP, word_count(text)),),
        first_opened=STAMP,
        last_opened=STAMP,
        words=word_count(text),
    )


def annotation(
    doc: Document,
    text: str,
    quote: str,
    note: str = "",
    tags: tuple[str, ...] = (),
    color: str = "yellow",
    created: str = STAMP,
    modified: str | None = None,
    status: AnnotationStatus = AnnotationStatus.ANCHORED,
) -> Annotation:
    """An annotation on the first occurrence of ``quote`` in ``text`` (the doc's text)."""
    start = text.index(quote)
    return Annotation(
        id=new_id(),
        document_id=doc.id,
        sha256=doc.sha256,
        selector=Selector.from_text(text, start, start + len(quote)),
        note=note,
        tags=tags,
        color=color,
        created=created,
        modified=modified or created,
        status=status,
    )
