"""Reads of the index: annotation search, full-text search, people, quotations, tag counts.

Each takes a connection to an index that is up to date (``LibraryIndex.current()``, or an
in-memory one from ``memory_index``) and answers with plain values.
"""

from __future__ import annotations

import marshal
import re
from bisect import bisect_right
from collections.abc import Iterable

from reader.core.index import rows
from reader.core.index.compile import Compiled, compile_query, fts_expression
from reader.core.index.driver import sqlite3
from reader.core.index.results import (
    CLOSE,
    OPEN,
    PassageHit,
    PersonDetail,
    PersonRow,
    QuoteRow,
    SearchHit,
    excerpt,
    unmark,
    window,
)
from reader.core.index.schema import TOKENIZE, connect
from reader.core.index.sync import AnalysisLookup
from reader.core.index.text import key, like_prefix
from reader.core.models import Annotation, Document
from reader.core.search.query import Node
from reader.core.store.snapshot import row_annotation

WEIGHTS = "1.0, 1.0, 3.0"
"""bm25() weights of note, quote and tags: tags say the most."""
_DRIVEN = (
    f"SELECT a.rowid, bm25(annotation_fts, {WEIGHTS}) AS s FROM annotation_fts "
    "CROSS JOIN annotations a ON a.rowid = annotation_fts.rowid "
    "WHERE annotation_fts MATCH ? AND {where} "
    "ORDER BY s, a.modified DESC, a.created DESC LIMIT ?"
)
"""Every hit matches the ranking terms: start from their matches. (``bm25()`` once per row:
``-bm25()`` shown and ``bm25()`` sorted on were two calls.)

``CROSS JOIN`` keeps FTS5 outside: SQLite 3.51's planner otherwise starts from the rows a
filter names (``tag:x``) and runs the whole ``MATCH`` again for each (100 ms for 914)."""
_RANKED = (
    f"WITH r(rowid, rank) AS {{materialized}}(SELECT rowid, bm25(annotation_fts, {WEIGHTS}) "
    "FROM annotation_fts WHERE annotation_fts MATCH ?) "
    "SELECT a.rowid, coalesce(-r.rank, 0.0) FROM annotations a LEFT JOIN r "
    "ON r.rowid = a.rowid WHERE {where} "
    "ORDER BY coalesce(r.rank, 0.0), a.modified DESC, a.created DESC LIMIT ?"
)
"""Some hits may not match the ranking terms (``a OR tag:x``): every hit, scored when it
matches. The scores are computed once (``MATERIALIZED``); SQLite 3.51 would otherwise run
the ``MATCH`` once per annotation (0.8 s). See ``_ranked_statement`` for older SQLites."""
_TOP = (
    f"SELECT rowid, bm25(annotation_fts, {WEIGHTS}) AS s FROM annotation_fts "
    "WHERE annotation_fts MATCH ? AND {where} ORDER BY s LIMIT ?"
)
"""``_DRIVEN`` without the join: the best ``bm25()`` scores, read from FTS5 alone."""
_RECENCY = "SELECT rowid, modified, created FROM annotations WHERE rowid IN ({chosen})"
_OTHER_COLUMN = re.compile(r"\ba\.(?!rowid\b)")
"""A condition on ``annotations`` beyond its rowid: only the join can test it."""
_MARKED = {
    "annotation": ((0, 1), ("note", "quote", "tags")),
    "passage": ((0,), ("text",)),
}
"""Per FTS5 table: the columns shown with marks, and every column (for ``MATCH``)."""
_UNRANKED = (
    "SELECT a.rowid, 0.0 FROM annotations a WHERE {where} "
    "ORDER BY a.modified DESC, a.created DESC LIMIT ?"
)


def _cap(limit: int | None) -> int:
    """SQL's ``LIMIT`` for ``limit``: -1 for none (or one past what SQLite can count)."""
    return -1 if limit is None or limit >= 2**63 else limit


def memory_index(
    annotations: Iterable[Annotation], documents: Iterable[Document], lookup: AnalysisLookup
) -> sqlite3.Connection:
    """A throw-away index of plain lists (no store): for tests and one-off searches."""
    db = connect(":memory:", ":memory:")
    for position, document in enumerate(documents):
        rows.put_document(db, document, position)
        rows.put_analysis(db, document.id, lookup(document))
    rows.put_annotations(db, "", list(annotations))
    return db


def search_annotations(
    db: sqlite3.Connection, node: Node, limit: int | None, compiled: Compiled | None = None
) -> list[SearchHit]:
    """The annotations ``node`` matches: best ``bm25()`` first, then most recently modified.

    ``compiled`` is ``compile_query(node)`` when the caller has it already.
    """
    compiled = compiled or compile_query(node)
    ranked = _ranked(db, compiled, _cap(limit))
    if not ranked:
        return []
    chosen = ",".join(str(rowid) for rowid, _ in ranked)
    details = {
        row[0]: row[1:]
        for row in db.execute(
            "SELECT a.rowid, r.record, coalesce(d.title, '') FROM annotations a "
            "JOIN annotation_records r ON r.rowid = a.rowid "
            f"LEFT JOIN documents d ON d.id = a.document_id WHERE a.rowid IN ({chosen})"
        )
    }
    marked = _highlighted(db, "annotation", chosen, compiled.rank_match)
    return [_hit(details[rowid], marked.get(rowid), score) for rowid, score in ranked]


def _ranked(db: sqlite3.Connection, compiled: Compiled, cap: int) -> list[tuple[int, float]]:
    """``(rowid, score)`` of the hits, in the order shown."""
    ranked = _top_alone(db, compiled, cap)
    if ranked is not None:
        return ranked
    if compiled.rank_match and compiled.rank_required:
        sql, params = _DRIVEN.format(where=compiled.where), [compiled.rank_match, *compiled.params]
        found = db.execute(sql, [*params, cap]).fetchall()
        return [(rowid, -score) for rowid, score in found]
    if compiled.rank_match:
        sql = _ranked_statement(compiled.where)
        params = [compiled.rank_match, *compiled.params, cap]
    else:
        sql = _UNRANKED.format(where=compiled.where)
        params = [*compiled.params, cap]
    return db.execute(sql, params).fetchall()


def _ranked_statement(where: str) -> str:
    """``_RANKED`` for the SQLite in use: ``MATERIALIZED`` is SQLite 3.35's word.

    Python's own SQLite may be older (RHEL 9's is 3.34). Before 3.35 a CTE is read as a
    subquery, and one over FTS5 on the right of a ``LEFT JOIN`` is never flattened into the
    join: it is computed once, the plan ``MATERIALIZED`` asks for (3.40 plans both alike).
    """
    materialized = "MATERIALIZED " if sqlite3.sqlite_version_info >= (3, 35) else ""
    return _RANKED.format(where=where, materialized=materialized)


def _top_alone(
    db: sqlite3.Connection, compiled: Compiled, cap: int
) -> list[tuple[int, float]] | None:
    """The hits of ``_DRIVEN`` (or ``_RANKED``) without the join, or None when that cannot
    be done exactly.

    Joining every match to ``annotations`` only to break ties costs a third of a broad
    query (3,257 matches for ``balloon*``). The best ``cap + 1`` scores from FTS5 alone
    give the same hits unless the last kept and the first dropped score tie: then the
    recency order decides which is kept, and the caller runs the joined query. When some
    hits may miss the ranking terms (``entity:x OR word``), those score 0, below every
    match (a match has a positive score): enough ranked hits make the answer alone.
    """
    if not compiled.rank_match or cap < 0 or _OTHER_COLUMN.search(compiled.where):
        return None
    where = compiled.where.replace("a.rowid", "+annotation_fts.rowid")  # + : no vtab seek
    params = [compiled.rank_match, *compiled.params]
    found = ordered_by_score(db, _TOP.format(where=where), params, cap, _RECENCY)
    if found is None or (not compiled.rank_required and len(found) < cap):
        return None  # hits that score 0 are needed too: the joined query orders them
    return [(rowid, -score) for rowid, score in found]


def ordered_by_score(
    db: sqlite3.Connection, sql: str, params: list[object], cap: int, recency: str
) -> list[tuple[int, float]] | None:
    """The first ``cap`` rows of ``sql`` (``rowid, score``, best first, ``LIMIT`` last in
    ``params``), equal scores in ``recency`` order (newest first).

    Twice ``cap`` rows (and one) are read, so that scores tied at the cut are all seen;
    None when even those do not reach past the tie.
    """
    asked = 2 * cap + 1
    found = db.execute(sql, [*params, asked]).fetchall()
    if len(found) > cap:
        if cap == 0:
            return []
        cut = found[cap - 1][1]
        if len(found) == asked and found[-1][1] == cut:
            return None
        found = [row for row in found if row[1] <= cut]
    if len(found) > 1:
        chosen = ",".join(str(rowid) for rowid, _ in found)
        keys = {row[0]: row[1:] for row in db.execute(recency.format(chosen=chosen))}
        found.sort(key=lambda row: keys[row[0]], reverse=True)
        found.sort(key=lambda row: row[1])  # stable: recency stays the order among equals
    return found[:cap]


def _highlighted(
    db: sqlite3.Connection, table: str, chosen: str, match: str | None
) -> dict[int, tuple[str, ...]]:
    """``highlight()`` of the texts of a few rows (``chosen``) for ``match``.

    Run in a small temporary FTS5 copy of those rows: in the whole index, FTS5 would
    evaluate ``match`` (a prefix query, say) again for every row asked for. The copy reads
    its text from a temporary table (external content), so renewing it is one ``rebuild``
    (which drops the old index whole) instead of removing each old row's words. The texts
    come from the FTS5 table's content table (``%_content``: ``id``, ``c0``, ``c1``...), a
    plain rowid lookup where the FTS5 table would be searched once per row asked for.
    """
    if not match or not chosen:
        return {}
    columns, copied = _MARKED[table]
    every = ", ".join(copied)
    try:
        db.execute(f"DELETE FROM temp.{table}_rows")
    except sqlite3.OperationalError:  # first use on this connection: make the two tables
        db.execute(f"CREATE TEMP TABLE {table}_rows(rowid INTEGER PRIMARY KEY, {every})")
        db.execute(
            f"CREATE VIRTUAL TABLE temp.{table}_marks USING fts5({every}, {TOKENIZE}, "
            f"content = '{table}_rows', columnsize = 0)"  # highlight() needs no sizes: -10%
        )
    stored = ", ".join(f"c{n}" for n in range(len(copied)))
    db.execute(
        f"INSERT INTO temp.{table}_rows(rowid, {every}) "
        f"SELECT id, {stored} FROM {table}_fts_content WHERE id IN ({chosen})"
    )
    db.execute(f"INSERT INTO temp.{table}_marks({table}_marks) VALUES ('rebuild')")
    marks = ", ".join(f"highlight({table}_marks, {n}, '{OPEN}', '{CLOSE}')" for n in columns)
    found = db.execute(
        f"SELECT rowid, {marks} FROM temp.{table}_marks WHERE {table}_marks MATCH ?", (match,)
    )
    return {row[0]: tuple(row[1:]) for row in found}


def _hit(detail: tuple[bytes, str], marked: tuple[str, ...] | None, score: float) -> SearchHit:
    record, title = detail
    try:
        annotation = row_annotation(marshal.loads(record))
    except (ValueError, EOFError, TypeError, KeyError):
        raise sqlite3.DatabaseError("an annotation record of the index is damaged") from None
    snippet, spans = excerpt(list(marked or (annotation.note, annotation.selector.exact)))
    return SearchHit(annotation, annotation.document_id, title, score, snippet, spans)


def search_documents(db: sqlite3.Connection, node: Node, limit: int | None) -> list[PassageHit]:
    """Documents whose text matches ``node``, best first, each with its best passage.

    Documents are matched and ranked whole (``document_fts``: a few hundred rows, where
    ranking every matching paragraph cost 20-30 ms for a common word); then one query over
    the passages of the documents shown picks each one's best passage for the query's words.
    """
    expression, anywhere, documents = fts_expression(node)
    conditions, params = ["document_fts MATCH ?"], [expression]
    for value in documents:
        conditions.append("(d.id LIKE ? ESCAPE '\\' OR instr(lower(d.title), ?) > 0)")
        params += [like_prefix(value.strip()), value.strip().lower()]
    ranked = db.execute(
        "SELECT d.rowid, bm25(document_fts) AS s, d.id, d.title, d.first_passage FROM document_fts "
        f"CROSS JOIN documents d ON d.rowid = document_fts.rowid WHERE {' AND '.join(conditions)} "
        "ORDER BY s, d.added DESC, d.rowid DESC LIMIT ?",
        [*params, _cap(limit)],
    ).fetchall()
    if not ranked:
        return []
    best = _best_passages(db, anywhere, [row[0] for row in ranked])
    chosen = ",".join(str(best.get(row[0], row[4])) for row in ranked)
    shown = {
        row[0]: row[1:]
        for row in db.execute(
            f'SELECT p.rowid, p.start, p."end", f.text FROM passages p JOIN passage_fts f '
            f"ON f.rowid = p.rowid WHERE p.rowid IN ({chosen})"
        )
    }
    marked = _highlighted(db, "passage", chosen, anywhere)
    hits = []
    for document, score, document_id, title, first in ranked:
        passage = best.get(document, first)
        start, end, text = shown[passage]
        snippet, spans = window(*unmark(marked.get(passage, (text,))[0]))
        hits.append(PassageHit(document_id, title, start, end, -score, snippet, tuple(spans)))
    return hits


def _best_passages(db: sqlite3.Connection, anywhere: str, documents: list[int]) -> dict[int, int]:
    """The passage with the best ``bm25()`` for ``anywhere`` (the first among equals) of
    each of ``documents`` (rowids) that has one: matches elsewhere are read, not scored."""
    chosen = ",".join(str(document) for document in documents)
    found = db.execute(
        "SELECT f.rowid, bm25(passage_fts) FROM passage_fts f WHERE passage_fts MATCH ? AND "
        "+f.rowid IN (SELECT p.rowid FROM passages p WHERE p.document_id IN "
        f"(SELECT id FROM documents WHERE rowid IN ({chosen})))",
        (anywhere,),
    ).fetchall()
    starts = sorted(
        db.execute(f"SELECT first_passage, rowid FROM documents WHERE rowid IN ({chosen})")
    )
    firsts = [first for first, _ in starts]
    best: dict[int, tuple[float, int]] = {}
    for passage, score in found:
        document = starts[bisect_right(firsts, passage) - 1][1]
        if document not in best or (score, passage) < best[document]:
            best[document] = (score, passage)
    return {document: passage for document, (_, passage) in best.items()}


def people(db: sqlite3.Connection, labels: Iterable[str] | None = None) -> list[PersonRow]:
    """Every entity of the library, most documents first, then most mentions."""
    where, params = "", list(labels or ())
    if labels is not None:
        where = f"WHERE e.label IN ({','.join('?' * len(params))})"
    found = db.execute(
        "SELECT e.name, e.label, count(DISTINCT e.document_id) AS documents, "
        "sum(e.mentions) AS mentions, "
        "(SELECT count(*) FROM quotes q WHERE q.speaker = e.name), min(d.added), max(d.added) "
        f"FROM entities e JOIN documents d ON d.id = e.document_id {where} "
        "GROUP BY e.name, e.label ORDER BY documents DESC, mentions DESC, e.name",
        params,
    ).fetchall()
    return [PersonRow(*row) for row in found]


def labels(db: sqlite3.Connection) -> list[str]:
    """Every entity label in the index."""
    return [row[0] for row in db.execute("SELECT DISTINCT label FROM entities ORDER BY label")]


def quotes(
    db: sqlite3.Connection,
    speaker: str | None = None,
    document_id: str | None = None,
    form: str | None = None,
) -> list[QuoteRow]:
    """The quotations of the library in document order (added), each in text order.

    ``speaker`` matches words of the canonical name: ``Worth`` finds "Ned Worth".
    """
    conditions, params = ["1"], []
    if speaker is not None:
        conditions.append("' ' || q.speaker_key || ' ' LIKE ?")
        params.append(f"% {key(speaker)} %")
    if document_id is not None:
        conditions.append("q.document_id = ?")
        params.append(document_id)
    if form is not None:
        conditions.append("q.form = ?")
        params.append(form)
    found = db.execute(
        'SELECT q.text, q.speaker, q.form, q.kind, q.document_id, d.title, q.start, q."end" '
        "FROM quotes q JOIN documents d ON d.id = q.document_id "
        f"WHERE {' AND '.join(conditions)} ORDER BY d.added, d.id, q.start",
        params,
    ).fetchall()
    return [QuoteRow(*row) for row in found]


def person(db: sqlite3.Connection, name: str, label: str, companions: int = 10) -> PersonDetail:
    """Where the entity ``name`` (``label``) appears, its quotations and its companions."""
    documents = db.execute(
        "SELECT e.document_id, d.title, e.mentions, (SELECT min(s.start) FROM spans s "
        "WHERE s.document_id = e.document_id AND s.name = e.name) FROM entities e "
        "JOIN documents d ON d.id = e.document_id WHERE e.name = ? AND e.label = ? "
        "ORDER BY e.mentions DESC, d.added",
        (name, label),
    ).fetchall()
    found = db.execute(
        'SELECT q.text, q.speaker, q.form, q.kind, q.document_id, d.title, q.start, q."end" '
        "FROM quotes q JOIN documents d ON d.id = q.document_id WHERE q.speaker = ? "
        "ORDER BY d.added, d.id, q.start",
        (name,),
    ).fetchall()
    others = db.execute(
        "SELECT o.name, o.label, count(*) AS shared FROM entities o WHERE o.document_id IN "
        "(SELECT document_id FROM entities WHERE name = ? AND label = ?) "
        "AND NOT (o.name = ? AND o.label = ?) GROUP BY o.name, o.label "
        "ORDER BY shared DESC, sum(o.mentions) DESC, o.name LIMIT ?",
        (name, label, name, label, companions),
    ).fetchall()
    return PersonDetail(
        name, label, tuple(documents), tuple(QuoteRow(*row) for row in found), tuple(others)
    )


def tag_counts(db: sqlite3.Connection) -> list[tuple[str, int]]:
    """Every tag with its number of annotations (most first); the first-used spelling."""
    found = db.execute(
        "SELECT folded, count(*) AS n, spelling, min(created || char(31) || annotation_id) "
        "FROM annotation_tags GROUP BY folded ORDER BY n DESC, folded"
    ).fetchall()
    return [(spelling, count) for _, count, spelling, _ in found]
