"""The query language of searches: its tokens (``lexer``) and syntax tree (``query``)."""

from __future__ import annotations

from collections.abc import Iterable

from reader.core.index.results import SearchHit
from reader.core.index.sync import AnalysisLookup
from reader.core.models import Annotation, Document
from reader.core.search.lexer import FIELDS
from reader.core.search.query import MATCH_ALL, And, Node, Not, Or, Term, parse


def search_annotations(
    query: str,
    annotations: Iterable[Annotation],
    documents: Iterable[Document],
    lookup: AnalysisLookup | None = None,
    limit: int | None = None,
    prefix_last: bool = False,
) -> list[SearchHit]:
    """Run ``query`` over plain lists, in a throw-away in-memory index (``QueryError``)."""
    from reader.core.index.compile import compile_query
    from reader.core.index.queries import memory_index
    from reader.core.index.queries import search_annotations as run

    node = parse(query, prefix_last=prefix_last)
    needed = lookup is not None and compile_query(node).analysis
    db = memory_index(annotations, documents, lookup if needed and lookup else lambda _: None)
    try:
        return run(db, node, limit)
    finally:
        db.close()


__all__ = [
    "FIELDS",
    "MATCH_ALL",
    "AnalysisLookup",
    "And",
    "Node",
    "Not",
    "Or",
    "SearchHit",
    "Term",
    "parse",
    "search_annotations",
]
