"""The derived SQLite FTS5 index of the library (annotations, texts, analyses).

TinyDB stays the record; this index is rebuilt from it whenever it is missing, stale,
damaged or from another version (``sync``). Searches compile the query language
(``reader.core.search``) to FTS5 ``MATCH`` and SQL (``queries``).
"""

from __future__ import annotations

from reader.core.index.results import PassageHit, PersonRow, QuoteRow, SearchHit
from reader.core.index.schema import UnusableIndex, fts5_available
from reader.core.index.sync import LibraryIndex

__all__ = [
    "LibraryIndex",
    "PassageHit",
    "PersonRow",
    "QuoteRow",
    "SearchHit",
    "UnusableIndex",
    "fts5_available",
]
