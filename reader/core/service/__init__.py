"""The one facade the CLI and the TUI call (``ReaderService``).

It is composed of small per-area parts so each stays readable: documents and annotations
(``documents``), the library and opening by reference (``reading``), analysis (``analysis``),
search (``search``) and export/import (``transfer``).
"""

from __future__ import annotations

import os
from functools import cached_property
from typing import TYPE_CHECKING

from reader.core.corrections import apply_corrections, correct_paragraph
from reader.core.service.analysis import AnalysisPart
from reader.core.service.corrections import CorrectionRow, CorrectionsPart
from reader.core.service.reading import ReadingPart
from reader.core.service.search import SearchPart
from reader.core.service.transfer import TransferPart
from reader.core.store import Store
from reader.paths import resolve_paths

if TYPE_CHECKING:
    from collections.abc import Sequence

    from reader.core.analysis.results import Analysis, ParagraphResult
    from reader.core.models import Annotation, Correction


class ReaderService(ReadingPart, AnalysisPart, SearchPart, TransferPart):
    """Everything the reader can do, without any UI."""

    @classmethod
    def open(cls, db: str | os.PathLike[str] | None = None) -> ReaderService:
        """Open the store at ``db`` (or ``READER_DB``, or the user data dir)."""
        paths = resolve_paths(db)
        return cls(paths, Store(paths.db, cache_dir=paths.cache_dir))

    # corrections (issue 14): a composed part, reached through these thin methods
    @cached_property
    def corrections_part(self) -> CorrectionsPart:
        """Creating and listing corrections of the analysis."""
        return CorrectionsPart(self.store, self)

    def correct(
        self, source_or_ref: str, passage: str, correction: Correction, occurrence: int = 1
    ) -> Annotation:
        """Store a correction on a passage of a source or document (see CorrectionsPart)."""
        return self.corrections_part.correct(source_or_ref, passage, correction, occurrence)

    def add_correction(
        self, document_id: str, start: int, end: int, correction: Correction
    ) -> Annotation:
        """Store a correction on ``start:end`` of a document's current text."""
        return self.corrections_part.add_correction(document_id, start, end, correction)

    @staticmethod
    def apply_corrections(analysis: Analysis, annotations: Sequence[Annotation]) -> Analysis:
        """``analysis`` corrected by the corrections among ``annotations`` (pure: no I/O)."""
        return apply_corrections(analysis, annotations)

    @staticmethod
    def correct_paragraph(
        result: ParagraphResult, annotations: Sequence[Annotation], sha256: str
    ) -> ParagraphResult:
        """A streamed paragraph's results corrected by the corrections among ``annotations``."""
        return correct_paragraph(result, annotations, sha256)

    def list_corrections(self, document_ref: str | None = None) -> list[CorrectionRow]:
        """Every correction, of one document or all, orphans and superseded ones included."""
        return self.corrections_part.list_corrections(document_ref)


__all__ = ["ReaderService"]
