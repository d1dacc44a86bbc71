"""Writing the index's rows: documents, their passages and analyses, and annotations.

Every function replaces what the index holds for one document or one annotation file, so
the sync (``sync``) can bring any part up to date without touching the rest.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from reader.core.index.text import SEPARATOR, fold, key
from reader.core.models import Annotation, AnnotationStatus, Document

if TYPE_CHECKING:
    from reader.core.analysis.results import Analysis

PASSAGE_CHARS = 1_500
"""Longest passage indexed as one row: full-text hits point at a passage, not a whole text."""
_PARAGRAPH = re.compile(r"[^\n]+")

Span = tuple[int, int, str, str]
"""An entity mention: start, end, canonical name, label."""
QuoteRow = tuple[int, int, str, str]
"""A quotation for the annotation columns: start, end, speaker name, speaker as written."""


def passages(text: str) -> Iterable[tuple[int, int]]:
    """``(start, end)`` of each paragraph of ``text``, long ones cut at a space."""
    for match in _PARAGRAPH.finditer(text):
        start, end = match.span()
        while end - start > PASSAGE_CHARS:
            cut = text.rfind(" ", start + 1, start + PASSAGE_CHARS)
            cut = cut if cut > start else start + PASSAGE_CHARS
            yield start, cut
            start = cut
        if text[start:end].strip():
            yield start, end


def put_document(db: sqlite3.Connection, document: Document, position: int) -> None:
    """Insert or replace a document's record (not its text)."""
    db.execute(
        "INSERT INTO documents(id, title, sha256, added, position) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET title = excluded.title, sha256 = excluded.sha256, "
        "added = excluded.added, position = excluded.position",
        (document.id, document.title, document.sha256, document.first_opened, position),
    )


def put_text(db: sqlite3.Connection, document_id: str, text: str | None) -> None:
    """Replace the document's passages (none when the store lacks its text)."""
    rowids = [
        r[0] for r in db.execute("SELECT rowid FROM passages WHERE document_id = ?", (document_id,))
    ]
    db.executemany("DELETE FROM passage_fts WHERE rowid = ?", [(r,) for r in rowids])
    db.execute("DELETE FROM passages WHERE document_id = ?", (document_id,))
    for start, end in passages(text or ""):
        cursor = db.execute(
            'INSERT INTO passages(document_id, start, "end") VALUES (?, ?, ?)',
            (document_id, start, end),
        )
        db.execute(
            "INSERT INTO passage_fts(rowid, text) VALUES (?, ?)",
            (cursor.lastrowid, (text or "")[start:end]),
        )


def delete_document(db: sqlite3.Connection, document_id: str) -> None:
    """Forget a document: its record, passages and analysis (annotations go by file)."""
    put_text(db, document_id, None)
    put_analysis(db, document_id, None)
    db.execute("DELETE FROM documents WHERE id = ?", (document_id,))


def put_analysis(db: sqlite3.Connection, document_id: str, analysis: Analysis | None) -> None:
    """Replace the document's entities and quotations; refresh its annotations' columns."""
    for table in ("spans", "entities", "quotes"):
        db.execute(f"DELETE FROM {table} WHERE document_id = ?", (document_id,))
    db.execute(
        "UPDATE documents SET analysed = ? WHERE id = ?",
        (None if analysis is None else analysis.sha256, document_id),
    )
    if analysis is not None:
        _insert_analysis(db, document_id, analysis)
    refresh_annotation_facts(db, document_id)


def _insert_analysis(db: sqlite3.Connection, document_id: str, analysis: Analysis) -> None:
    names = {entity.id: (entity.name, entity.label) for entity in analysis.entity_index}
    spans = [
        (document_id, m.start, m.end, *names.get(m.entity, (m.text, m.label)))
        for m in analysis.entities
    ]
    db.executemany("INSERT INTO spans VALUES (?, ?, ?, ?, ?)", spans)
    counts = Counter((name, label) for *_, name, label in spans)
    db.executemany(
        "INSERT INTO entities VALUES (?, ?, ?, ?)",
        [(document_id, name, label, count) for (name, label), count in counts.items()],
    )
    db.executemany(
        "INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                document_id,
                q.start,
                q.end,
                q.text,
                q.speaker.name if q.speaker else None,
                q.speaker.text if q.speaker else None,
                key(q.speaker.name) if q.speaker else "",
                str(getattr(q, "form", "direct")),
                str(q.kind),
            )
            for q in analysis.quotes
        ],
    )


def put_annotations(db: sqlite3.Connection, file: str, annotations: list[Annotation]) -> None:
    """Replace the annotations indexed from store file ``file`` by ``annotations``."""
    rowids = [(r[0],) for r in db.execute("SELECT rowid FROM annotations WHERE file = ?", (file,))]
    db.executemany("DELETE FROM annotation_fts WHERE rowid = ?", rowids)
    db.executemany("DELETE FROM annotation_tags WHERE annotation = ?", rowids)
    db.executemany("DELETE FROM annotation_records WHERE rowid = ?", rowids)
    db.execute("DELETE FROM annotations WHERE file = ?", (file,))
    titles: dict[str, str] = {}
    for annotation in annotations:
        document_id = annotation.document_id
        if document_id not in titles:
            row = db.execute("SELECT title FROM documents WHERE id = ?", (document_id,)).fetchone()
            titles[document_id] = row[0] if row else ""
        _insert_annotation(db, file, annotation, titles[document_id])
    for document_id in titles:
        refresh_annotation_facts(db, document_id)


def _insert_annotation(
    db: sqlite3.Connection, file: str, annotation: Annotation, title: str
) -> None:
    selector = annotation.selector
    tags = SEPARATOR.join(annotation.tags)
    cursor = db.execute(
        'INSERT INTO annotations(id, file, document_id, sha256, start, "end", color, created, '
        "modified, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            annotation.id,
            file,
            annotation.document_id,
            annotation.sha256,
            selector.start,
            selector.end,
            fold(annotation.color.strip()),
            annotation.created,
            annotation.modified,
            annotation.status.value,
        ),
    )
    rowid = cursor.lastrowid
    record = json.dumps(annotation.to_dict(), ensure_ascii=False)
    db.execute("INSERT INTO annotation_records VALUES (?, ?)", (rowid, record))
    db.execute(
        "INSERT INTO annotation_fts(rowid, note, quote, tags, doc, entity, label, speaker) "
        "VALUES (?, ?, ?, ?, ?, '', '', '')",
        (rowid, annotation.note, selector.exact, tags, title),
    )
    db.executemany(
        "INSERT INTO annotation_tags VALUES (?, ?, ?, ?, ?, ?)",
        [
            (rowid, key(tag), tag.casefold(), tag, annotation.created, annotation.id)
            for tag in annotation.tags
        ],
    )


def retitle(db: sqlite3.Connection, document_id: str, title: str) -> None:
    """A document's new title, in its annotations' ``doc`` column too."""
    db.execute(
        "UPDATE annotation_fts SET doc = ? WHERE rowid IN "
        "(SELECT rowid FROM annotations WHERE document_id = ?)",
        (title, document_id),
    )


def refresh_annotation_facts(db: sqlite3.Connection, document_id: str) -> None:
    """Fill the entity, label and speaker columns of the document's annotations.

    Only annotations placed in the analysed text get them: the offsets of one anchored to
    an older version, or orphaned, do not refer to it.
    """
    row = db.execute("SELECT analysed FROM documents WHERE id = ?", (document_id,)).fetchone()
    analysed = row[0] if row else None
    spans: list[Span] = db.execute(
        'SELECT start, "end", name, label FROM spans WHERE document_id = ?', (document_id,)
    ).fetchall()
    quotes: list[QuoteRow] = db.execute(
        'SELECT start, "end", speaker, speaker_text FROM quotes '
        "WHERE document_id = ? AND speaker IS NOT NULL",
        (document_id,),
    ).fetchall()
    rows = db.execute(
        'SELECT rowid, sha256, status, start, "end" FROM annotations WHERE document_id = ?',
        (document_id,),
    ).fetchall()
    updates = []
    for rowid, sha256, status, start, end in rows:
        placed = sha256 == analysed and status != AnnotationStatus.ORPHANED.value
        facts = _facts(start, end, spans, quotes) if placed else ("", "", "")
        updates.append((*facts, rowid))
    db.executemany(
        "UPDATE annotation_fts SET entity = ?, label = ?, speaker = ? WHERE rowid = ?", updates
    )


def _facts(start: int, end: int, spans: list[Span], quotes: list[QuoteRow]) -> tuple[str, ...]:
    """Entity names, labels (and groups) and speakers an annotation's passage touches."""
    from reader.core.analysis.results import label_group

    touched = [s for s in spans if s[0] < end and start < s[1]]
    labels = {s[3] for s in touched} | {label_group(s[3]) for s in touched}
    speakers = {
        name for q in quotes if q[0] <= start and end <= q[1] for name in (q[2], q[3]) if name
    }
    return tuple(
        SEPARATOR.join(sorted(values)) for values in ({s[2] for s in touched}, labels, speakers)
    )
