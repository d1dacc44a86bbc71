"""The one facade the CLI and the TUI call (``ReaderService``).

It is composed of small per-area parts so each stays readable: documents and annotations
(``documents``), the library and opening by reference (``reading``), analysis (``analysis``),
search (``search``) and export/import (``transfer``).
"""

from __future__ import annotations

import os
from contextlib import AbstractContextManager
from functools import cached_property
from typing import TYPE_CHECKING

from reader.core.service.analysis import AnalysisPart
from reader.core.service.interactive import Interactive, SourcePreview
from reader.core.service.reading import ReadingPart
from reader.core.service.search import SearchPart
from reader.core.service.transfer import TransferPart
from reader.core.store import Store
from reader.paths import resolve_paths

if TYPE_CHECKING:
    from reader.core.service.documents import OpenedDocument


class ReaderService(ReadingPart, AnalysisPart, SearchPart, TransferPart):
    """Everything the reader can do, without any UI."""

    @classmethod
    def open(cls, db: str | os.PathLike[str] | None = None) -> ReaderService:
        """Open the store at ``db`` (or ``READER_DB``, or the user data dir)."""
        paths = resolve_paths(db)
        return cls(paths, Store(paths.db, cache_dir=paths.cache_dir))

    # interactive front ends (reader.core.service.interactive) ---------------------------

    @cached_property
    def interactive(self) -> Interactive:
        """Two-step opening and change checks, for the TUI."""
        return Interactive(self.store, self._load, self._source_key, self._open_loaded)

    def preview_source(self, source: str) -> SourcePreview:
        """Read ``source`` and find its stored document, writing nothing (see ``file_preview``)."""
        return self.interactive.preview(source)

    def file_preview(self, preview: SourcePreview) -> OpenedDocument:
        """File a previewed source and re-anchor its annotations, like ``open_document``."""
        return self.interactive.file(preview)

    def annotations_version(self) -> int:
        """A token that changes whenever any process changes an annotation."""
        return self.interactive.annotations_version()

    def quiet_write(self) -> AbstractContextManager[None]:
        """Keep a garbage collection out of one interactive write."""
        return self.interactive.quiet_write()


__all__ = ["ReaderService", "SourcePreview"]
