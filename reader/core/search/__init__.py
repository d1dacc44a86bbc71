"""Search over annotations: the query language, an in-memory index, BM25 ranking, snippets.

Pure and UI-free: ``search_annotations`` works on plain lists of annotations and documents;
``reader.core.service.search.SearchPart`` keeps an index over the store and refreshes it.
"""

from __future__ import annotations

from collections.abc import Iterable

from reader.core.models import Annotation, Document
from reader.core.search.engine import SearchHit, run_query
from reader.core.search.index import AnalysisLookup, SearchIndex
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
    """Parse ``query`` and run it over ``annotations`` (a one-off index; ``QueryError`` if bad)."""
    node = parse(query, prefix_last=prefix_last)
    return run_query(SearchIndex(annotations, documents), node, lookup, limit)


__all__ = [
    "FIELDS",
    "MATCH_ALL",
    "AnalysisLookup",
    "And",
    "Node",
    "Not",
    "Or",
    "SearchHit",
    "SearchIndex",
    "Term",
    "parse",
    "run_query",
    "search_annotations",
]
