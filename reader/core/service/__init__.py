"""The one facade the CLI and the TUI call (``ReaderService``).

It is composed of small per-area parts so each stays readable: documents and annotations
(``documents``), the library and opening by reference (``reading``), analysis (``analysis``),
search (``search``) and export/import (``transfer``).
"""

from __future__ import annotations

import os

from reader.core.service.analysis import AnalysisPart
from reader.core.service.reading import ReadingPart
from reader.core.service.search import SearchPart
from reader.core.service.transfer import TransferPart
from reader.core.store import Store
from reader.core.store.doctor import DoctorReport, StoreDoctor
from reader.paths import resolve_paths


class ReaderService(ReadingPart, AnalysisPart, SearchPart, TransferPart):
    """Everything the reader can do, without any UI."""

    @classmethod
    def open(cls, db: str | os.PathLike[str] | None = None) -> ReaderService:
        """Open the store at ``db`` (or ``READER_DB``, or the user data dir)."""
        paths = resolve_paths(db)
        return cls(paths, Store(paths.db, cache_dir=paths.cache_dir))

    @staticmethod
    def cancel_fetches() -> None:
        """Stop every URL fetch in progress, in any thread (they raise ``SourceError``)."""
        from reader.core.sources.fetch import cancel_fetches

        cancel_fetches()

    @staticmethod
    def doctor(db: str | os.PathLike[str] | None = None, dry_run: bool = False) -> DoctorReport:
        """Check and repair the store at ``db`` without opening it (see ``store.doctor``)."""
        return StoreDoctor(resolve_paths(db).db, dry_run=dry_run).run()


__all__ = ["ReaderService"]
