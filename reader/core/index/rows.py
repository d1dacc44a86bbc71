"""Writing the index's rows: documents, their passages and analyses, and annotations.

Every function replaces what the index holds for one document or one annotation file, so
the sync (``sync``) can bring any part up to date without touching the rest.
"""

from __future__ import annotations

import marshal
import re
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from reader.core.index.driver import sqlite3
from reader.core.index.text import SEPARATOR, fold, key
from reader.core.models import Annotation, AnnotationStatus, Document
from reader.core.store.snapshot import annotation_row

if TYPE_CHECKING:
    from reader.core.analysis.results import Analysis

PASSAGE_CHARS = 1_500
"""Longest passage indexed as one row: full-text hits point at a passage, not a whole text."""
MERGE_AFTER = 5_000
"""Rows written (SQLite's count of changes) after which the FTS5 tables are merged: about
150 single edits, each paying nothing until then; merging 10,000 annotations takes 0.1 s."""
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
    """Replace the document's passages and whole text (none when the store lacks its text).

    ``document_fts`` indexes each text whole without keeping a copy (contentless): FTS5
    needs a row's old words to remove it, and they are read back from its passages.
    """
    row = db.execute(
        "SELECT rowid, first_passage, last_passage FROM documents WHERE id = ?", (document_id,)
    ).fetchone()
    if row is None:
        return
    document, first, last = row
    if first is not None:
        _drop_text(db, document, first, last)
    db.execute("DELETE FROM passages WHERE document_id = ?", (document_id,))
    span = _insert_passages(db, document, document_id, text or "")
    db.execute(
        "UPDATE documents SET first_passage = ?, last_passage = ? WHERE rowid = ?",
        (*span, document),
    )


def _drop_text(db: sqlite3.Connection, document: int, first: int, last: int) -> None:
    """Remove a document's whole text (its words read back from its passages ``first`` to
    ``last``, which are removed too) from the full-text tables."""
    old = db.execute(
        "SELECT text FROM passage_fts WHERE rowid BETWEEN ? AND ? ORDER BY rowid", (first, last)
    )
    db.execute(
        "INSERT INTO document_fts(document_fts, rowid, text) VALUES ('delete', ?, ?)",
        (document, "\n".join(r[0] for r in old.fetchall())),
    )
    db.execute("DELETE FROM passage_fts WHERE rowid BETWEEN ? AND ?", (first, last))


def _insert_passages(
    db: sqlite3.Connection, document: int, document_id: str, text: str
) -> tuple[int | None, int | None]:
    """Index ``text`` as the document's passages and whole text (rowid ``document``); the
    rowids of its first and last passage (None and None for an empty text)."""
    base = _next_rowid(db, "passages")
    numbered = [
        (base + n, start, end, text[start:end]) for n, (start, end) in enumerate(passages(text))
    ]
    db.executemany(
        'INSERT INTO passages(rowid, document_id, start, "end") VALUES (?, ?, ?, ?)',
        [(rowid, document_id, start, end) for rowid, start, end, _ in numbered],
    )
    db.executemany(
        "INSERT INTO passage_fts(rowid, text) VALUES (?, ?)",
        [(rowid, piece) for rowid, _, _, piece in numbered],
    )
    if not numbered:
        return (None, None)
    whole = "\n".join(piece for *_, piece in numbered)
    db.execute("INSERT INTO document_fts(rowid, text) VALUES (?, ?)", (document, whole))
    return (base, base + len(numbered) - 1)


def merge_segments(db: sqlite3.Connection, written: int) -> None:
    """Merge each FTS5 table into one segment once ``MERGE_AFTER`` rows were written since
    the last time (``written`` more now; a rebuild passes that at once).

    Every write adds a segment (and deleted rows leave markers) that each query then reads
    and merges: a built index ranked ``balloon*`` in 7 ms, merged in 2.9. FTS5's own
    automatic merging keeps several segments; ``optimize`` leaves one (a no-op on one).
    """
    row = db.execute("SELECT value FROM meta WHERE key = 'unmerged'").fetchone()
    pending = written + (int(row[0]) if row else 0)
    if pending >= MERGE_AFTER:
        for table in ("annotation_fts", "annotation_facts", "passage_fts", "document_fts"):
            db.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
        pending = 0
    db.execute("INSERT OR REPLACE INTO meta VALUES ('unmerged', ?)", (str(pending),))


def _next_rowid(db: sqlite3.Connection, table: str) -> int:
    """The first free rowid of ``table`` (rows are inserted in batches with their rowids)."""
    return int(db.execute(f"SELECT coalesce(max(rowid), 0) + 1 FROM {table}").fetchone()[0])


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
    _drop_annotations(db, file)
    base = _next_rowid(db, "annotations")
    numbered = list(enumerate(annotations, start=base))
    db.executemany(
        'INSERT INTO annotations(rowid, id, file, document_id, sha256, start, "end", color, '
        "created, modified, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(rowid, a.id, file, a.document_id, a.sha256, a.selector.start, a.selector.end,
          fold(a.color.strip()), a.created, a.modified, a.status.value) for rowid, a in numbered],
    )  # fmt: skip
    db.executemany(
        "INSERT INTO annotation_records VALUES (?, ?)",
        [(rowid, marshal.dumps(annotation_row(a))) for rowid, a in numbered],
    )
    _insert_searchable(db, numbered)


def _drop_annotations(db: sqlite3.Connection, file: str) -> None:
    """Remove the annotations of store file ``file`` from every table that holds them."""
    rowids = [(r[0],) for r in db.execute("SELECT rowid FROM annotations WHERE file = ?", (file,))]
    db.executemany("DELETE FROM annotation_fts WHERE rowid = ?", rowids)
    db.executemany("DELETE FROM annotation_facts WHERE rowid = ?", rowids)
    db.executemany("DELETE FROM annotation_tags WHERE annotation = ?", rowids)
    db.executemany("DELETE FROM annotation_records WHERE rowid = ?", rowids)
    db.execute("DELETE FROM annotations WHERE file = ?", (file,))


def _insert_searchable(db: sqlite3.Connection, numbered: list[tuple[int, Annotation]]) -> None:
    """What search reads of annotations (with their rowids): the ranked words, the facts
    that filter (document title, entities, labels, speakers) and the tags."""
    document_ids = {annotation.document_id for _, annotation in numbered}
    titles = {document_id: _title(db, document_id) for document_id in document_ids}
    facts = {document_id: DocumentFacts(db, document_id) for document_id in document_ids}
    db.executemany(
        "INSERT INTO annotation_fts(rowid, note, quote, tags) VALUES (?, ?, ?, ?)",
        [(rowid, a.note, a.selector.exact, SEPARATOR.join(a.tags)) for rowid, a in numbered],
    )
    db.executemany(
        "INSERT INTO annotation_facts(rowid, doc, entity, label, speaker) VALUES (?, ?, ?, ?, ?)",
        [(rowid, titles[a.document_id],
          *facts[a.document_id].of(a.sha256, a.status.value, a.selector.start, a.selector.end))
         for rowid, a in numbered],
    )  # fmt: skip
    db.executemany(
        "INSERT INTO annotation_tags VALUES (?, ?, ?, ?, ?, ?)",
        [(rowid, key(tag), tag.casefold(), tag, a.created, a.id)
         for rowid, a in numbered for tag in a.tags],
    )  # fmt: skip


def _title(db: sqlite3.Connection, document_id: str) -> str:
    row = db.execute("SELECT title FROM documents WHERE id = ?", (document_id,)).fetchone()
    return str(row[0]) if row else ""


def retitle(db: sqlite3.Connection, document_id: str, title: str) -> None:
    """A document's new title, in its annotations' ``doc`` column too."""
    db.execute(
        "UPDATE annotation_facts SET doc = ? WHERE rowid IN "
        "(SELECT rowid FROM annotations WHERE document_id = ?)",
        (title, document_id),
    )


class DocumentFacts:
    """A document's analysis as its annotations' entity, label and speaker columns need it."""

    def __init__(self, db: sqlite3.Connection, document_id: str) -> None:
        row = db.execute("SELECT analysed FROM documents WHERE id = ?", (document_id,)).fetchone()
        self.analysed: str | None = row[0] if row else None
        self.spans: list[Span] = []
        self.quotes: list[QuoteRow] = []
        if self.analysed is not None:
            self.spans = db.execute(
                'SELECT start, "end", name, label FROM spans WHERE document_id = ?', (document_id,)
            ).fetchall()
            self.quotes = db.execute(
                'SELECT start, "end", speaker, speaker_text FROM quotes '
                "WHERE document_id = ? AND speaker IS NOT NULL",
                (document_id,),
            ).fetchall()

    def of(self, sha256: str, status: str, start: int, end: int) -> tuple[str, ...]:
        """The columns of one annotation: empty unless it is placed in the analysed text
        (the offsets of one anchored to an older version, or orphaned, do not refer to it)."""
        if sha256 != self.analysed or status == AnnotationStatus.ORPHANED.value:
            return ("", "", "")
        return _facts(start, end, self.spans, self.quotes)


def refresh_annotation_facts(db: sqlite3.Connection, document_id: str) -> None:
    """Fill the entity, label and speaker columns of the document's annotations."""
    rows = db.execute(
        'SELECT rowid, sha256, status, start, "end" FROM annotations WHERE document_id = ?',
        (document_id,),
    ).fetchall()
    if not rows:
        return
    facts = DocumentFacts(db, document_id)
    db.executemany(
        "UPDATE annotation_facts SET entity = ?, label = ?, speaker = ? WHERE rowid = ?",
        [(*facts.of(*row[1:]), row[0]) for row in rows],
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
