"""Error types. Every error a user can cause is a `ReaderError` with an actionable message.

The CLI maps `UsageError`-like problems (bad input) to exit code 2 and everything else to 3.
"""

from __future__ import annotations


class ReaderError(Exception):
    """Base class of every error the reader reports to a user as one line."""

    exit_code = 3


class BadInputError(ReaderError):
    """The user gave something we cannot use: a bad path, URL, id, query or file."""

    exit_code = 2


class SourceError(BadInputError):
    """A document source cannot be read (missing, directory, binary, too large, offline)."""


class NotFoundError(BadInputError):
    """An annotation id, document id or quote that does not exist."""


class QueryError(BadInputError):
    """A malformed search query. `position` points at the problem in the query string."""

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.position = position


class StoreError(BadInputError):
    """The store cannot be opened: missing directory, corrupt file, newer schema."""


class StoreWriteError(ReaderError):
    """A store file could not be written (a full disk, an I/O error); the store is unchanged."""


class SearchIndexError(ReaderError):
    """The derived search index cannot be read or written for a reason a rebuild would not
    mend (a full disk, a read-only cache, a lock held too long); the store is unchanged."""


class StaleEditError(BadInputError):
    """An update named a version (``modified``) that is no longer the stored one."""


class ImportFormatError(BadInputError):
    """An import file is malformed; nothing was written."""


class AnalysisError(ReaderError):
    """Analysis failed for a reason other than bad input (e.g. a broken model)."""


class AnalysisCancelled(ReaderError):
    """Analysis was cancelled by the caller."""


class FilingStopped(ReaderError):
    """Filing a document was stopped by the caller at a safe point (between transactions).

    ``filed``: the text and its document record were stored (its notes are placed again
    the next time it is opened); False: nothing was stored.
    """

    def __init__(self, filed: bool) -> None:
        stored = "the text is filed; its notes are placed when it is opened again"
        super().__init__(stored if filed else "nothing was stored")
        self.filed = filed
