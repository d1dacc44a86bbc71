"""The SQLite module of the index: a recent SQLite when installed, else Python's own.

FTS5's ``bm25()`` is most of a broad search (every match is scored before the best are
kept). The SQLite of CPython 3.11's builds (3.40) scored the 5,473 matches of
``china OR beijing*`` in 4.3 ms, SQLite 3.51 in 3.0 ms, with the same scores bit for bit
(bench/search_ab.py). ``pysqlite3-binary`` (the optional extra ``fast-search``) is Python's
``sqlite3`` module built with its own recent SQLite; it has wheels only for glibc Linux
x86-64, so it cannot be required: without it Python's module is used. The two have the
same API but their own exception classes, so the index names the module only through here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3
else:
    try:
        from pysqlite3 import dbapi2 as sqlite3
    except ImportError:  # not installed (no wheel here): Python's SQLite, ranking slower
        import sqlite3

__all__ = ["sqlite3"]
