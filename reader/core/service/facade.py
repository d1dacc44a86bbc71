"""``ReaderService``: the one facade, built from parts passed in at construction.

Each part is a plain class that takes its collaborators in ``__init__`` (the store, the
paths, other parts), as lemon24/reader's ``Reader`` takes its storage and search. The
facade only delegates: its method names and signatures are the public interface the CLI
and the TUI use, so a part can change, or a new one be added, without touching them.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.core.service import storeless
from reader.core.service.changes import changes
from reader.core.service.parts import Parts
from reader.paths import resolve_paths

if TYPE_CHECKING:
    from pathlib import Path

    from reader.core.analysis.cache import AnalysisCache
    from reader.core.analysis.results import Analysis
    from reader.core.analysis.runner import CancelCheck, ProgressCallback
    from reader.core.analysis.worker import AnalysisJob
    from reader.core.exporting.importing import ImportSummary
    from reader.core.exporting.records import DocumentExport
    from reader.core.index import LibraryIndex, PassageHit, PersonRow, QuoteRow, SearchHit
    from reader.core.index.results import PersonDetail
    from reader.core.library.vault import VaultReport
    from reader.core.models import Annotation, Correction, Document, LoadedText, ReadingPosition
    from reader.core.service.corpus import AnalyzeProgress
    from reader.core.service.corrections import CorrectionRow
    from reader.core.service.documents import OpenedDocument
    from reader.core.service.interactive import SourcePreview
    from reader.core.service.library import DocumentEdit
    from reader.core.service.reading import LibraryRow
    from reader.core.store import Store
    from reader.paths import Paths


class ReaderService:
    """Everything the reader can do, without any UI: a facade over its parts."""

    def __init__(self, paths: Paths, store: Store, parts: Parts | None = None) -> None:
        self.paths = paths
        self.store = store
        self.notices: list[str] = []
        """One-line warnings met while working (e.g. bytes replaced in a source): the CLI
        prints them on stderr, the TUI shows them as notifications."""
        self.parts = parts if parts is not None else Parts.wired(paths, store, self.notices)
        if parts is not None:
            self.notices = parts.documents.notices

    @classmethod
    def open(cls, db: str | os.PathLike[str] | None = None) -> ReaderService:
        """Open the store at ``db`` (or ``READER_DB``, or the user data dir)."""
        from reader.core.store import Store

        paths = resolve_paths(db)
        return cls(paths, Store(paths.db, cache_dir=paths.cache_dir))

    cancel_fetches = staticmethod(storeless.cancel_fetches)
    reads_slowly = staticmethod(storeless.reads_slowly)
    doctor = staticmethod(storeless.doctor)
    apply_corrections = staticmethod(storeless.apply_corrections)
    correct_paragraph = staticmethod(storeless.correct_paragraph)

    # an interactive front end (the TUI): reader.core.service.interactive
    def preview_source(self, source: str) -> SourcePreview:
        """Read ``source`` and find its stored document, writing nothing."""
        return self.parts.interactive.preview(source)

    def load_source(self, source: str) -> LoadedText:
        """Read ``source`` (file or URL) without filing it; no store state is touched."""
        return self.parts.interactive.load(source)

    def file_loaded(self, loaded: LoadedText) -> OpenedDocument:
        """File a text from ``load_source`` and re-anchor its notes, like ``open_document``."""
        return self.parts.interactive.file_loaded(loaded)

    def file_preview(
        self, preview: SourcePreview, stop: Callable[[], bool] | None = None
    ) -> OpenedDocument:
        """File a previewed source and re-anchor its notes, like ``open_document``; ``stop``
        ends it at a safe point (``reader.errors.FilingStopped`` says what was stored)."""
        return self.parts.interactive.file(preview, stop)

    def annotations_version(self) -> int:
        """A token that changes whenever any process changes an annotation."""
        return self.parts.interactive.annotations_version()

    def quiet_write(self) -> contextlib.AbstractContextManager[None]:
        """Keep a garbage collection out of one interactive write."""
        return self.parts.interactive.quiet_write()

    # documents
    def open_document(self, source: str) -> OpenedDocument:
        """See ``DocumentsPart.open_document``."""
        return self.parts.documents.open_document(source)

    def document_text(self, document: Document) -> str | None:
        """See ``DocumentsPart.document_text``."""
        return self.parts.documents.document_text(document)

    def list_documents(self) -> list[Document]:
        """See ``DocumentsPart.list_documents``."""
        return self.parts.documents.list_documents()

    def recent_documents(self, limit: int) -> list[Document]:
        """See ``DocumentsPart.recent_documents``."""
        return self.parts.documents.recent_documents(limit)

    def annotation_counts(self) -> dict[str, int]:
        """See ``DocumentsPart.annotation_counts``."""
        return self.parts.documents.annotation_counts()

    def get_document(self, ref: str) -> Document:
        """See ``DocumentsPart.get_document``."""
        return self.parts.documents.get_document(ref)

    def refresh_document(self, source_or_ref: str) -> Document:
        """See ``DocumentsPart.refresh_document``."""
        return self.parts.documents.refresh_document(source_or_ref)

    @changes
    def delete_document(self, document_id: str) -> int:
        """See ``DocumentsPart.delete_document``."""
        return self.parts.documents.delete_document(document_id)

    def save_position(self, document_id: str, position: ReadingPosition) -> None:
        """See ``DocumentsPart.save_position``."""
        self.parts.documents.save_position(document_id, position)

    # annotations
    @changes
    def add_annotation(
        self,
        document_id: str,
        start: int,
        end: int,
        note: str = "",
        tags: tuple[str, ...] | list[str] = (),
        color: str = "yellow",
    ) -> Annotation:
        """See ``DocumentsPart.add_annotation``."""
        return self.parts.documents.add_annotation(document_id, start, end, note, tags, color)

    @changes
    def annotate_quote(
        self,
        source_or_ref: str,
        quote: str,
        occurrence: int = 1,
        note: str = "",
        tags: tuple[str, ...] | list[str] = (),
        color: str = "yellow",
    ) -> Annotation:
        """See ``DocumentsPart.annotate_quote``."""
        return self.parts.documents.annotate_quote(
            source_or_ref, quote, occurrence, note, tags, color
        )

    @changes
    def edit_annotation(
        self,
        annotation_id: str,
        note: str | None = None,
        add_tags: tuple[str, ...] | list[str] = (),
        remove_tags: tuple[str, ...] | list[str] = (),
        color: str | None = None,
        tags: tuple[str, ...] | list[str] | None = None,
        expected_modified: str | None = None,
    ) -> Annotation:
        """See ``DocumentsPart.edit_annotation``."""
        return self.parts.documents.edit_annotation(
            annotation_id, note, add_tags, remove_tags, color, tags, expected_modified
        )

    @changes
    def delete_annotation(self, annotation_id: str) -> Annotation:
        """See ``DocumentsPart.delete_annotation``."""
        return self.parts.documents.delete_annotation(annotation_id)

    @changes
    def restore_annotation(self, annotation: Annotation) -> None:
        """See ``DocumentsPart.restore_annotation``."""
        self.parts.documents.restore_annotation(annotation)

    def get_annotation(self, annotation_id: str) -> Annotation:
        """See ``DocumentsPart.get_annotation``."""
        return self.parts.documents.get_annotation(annotation_id)

    def annotations_for(self, document_id: str) -> list[Annotation]:
        """See ``DocumentsPart.annotations_for``."""
        return self.parts.documents.annotations_for(document_id)

    # reading and the library
    def open_reference(self, reference: str) -> OpenedDocument:
        """See ``ReadingPart.open_reference``."""
        return self.parts.reading.open_reference(reference)

    def open_known(self, document: Document) -> OpenedDocument:
        """See ``ReadingPart.open_known``."""
        return self.parts.reading.open_known(document)

    def open_stored(self, document: Document, reason: str = "") -> OpenedDocument:
        """See ``ReadingPart.open_stored``."""
        return self.parts.reading.open_stored(document, reason)

    def library(self) -> list[LibraryRow]:
        """See ``ReadingPart.library``."""
        return self.parts.reading.library()

    @changes
    def reattach_annotation(
        self, annotation_id: str, text: str, start: int, end: int
    ) -> Annotation:
        """See ``ReadingPart.reattach_annotation``."""
        return self.parts.reading.reattach_annotation(annotation_id, text, start, end)

    # analysis
    @property
    def analysis_cache(self) -> AnalysisCache:
        """See ``AnalysisPart.analysis_cache``."""
        return self.parts.analysis.analysis_cache

    def cached_analysis(
        self, document: Document, model: str | None = None, *, raw: bool = False
    ) -> Analysis | None:
        """See ``AnalysisPart.cached_analysis`` (corrected unless ``raw``)."""
        return self.parts.analysis.cached_analysis(document, model, raw=raw)

    def analysis_for(
        self,
        document: Document,
        progress: ProgressCallback | None = None,
        cancel: CancelCheck | None = None,
        model: str | None = None,
        text: str | None = None,
        *,
        raw: bool = False,
    ) -> Analysis:
        """See ``AnalysisPart.analysis_for`` (corrected unless ``raw``)."""
        return self.parts.analysis.analysis_for(document, progress, cancel, model, text, raw=raw)

    def start_analysis_job(
        self,
        document: Document,
        text: str,
        priority_offset: int = 0,
        model: str | None = None,
    ) -> AnalysisJob:
        """See ``AnalysisPart.start_analysis_job``."""
        return self.parts.analysis.start_analysis_job(document, text, priority_offset, model)

    # corrections of the analysis (issue 14)
    @changes
    def correct(
        self, source_or_ref: str, passage: str, correction: Correction, occurrence: int = 1
    ) -> Annotation:
        """See ``CorrectionsPart.correct``."""
        return self.parts.corrections.correct(source_or_ref, passage, correction, occurrence)

    @changes
    def add_correction(
        self, document_id: str, start: int, end: int, correction: Correction
    ) -> Annotation:
        """See ``CorrectionsPart.add_correction``."""
        return self.parts.corrections.add_correction(document_id, start, end, correction)

    def list_corrections(self, document_ref: str | None = None) -> list[CorrectionRow]:
        """See ``CorrectionsPart.list_corrections``."""
        return self.parts.corrections.list_corrections(document_ref)

    # search and tags
    def search(
        self, query: str, limit: int | None = None, prefix_last: bool = False
    ) -> list[SearchHit]:
        """See ``SearchPart.search``."""
        return self.parts.search.search(query, limit, prefix_last)

    def search_index(self) -> LibraryIndex:
        """See ``SearchPart.search_index``."""
        return self.parts.search.search_index()

    def tag_counts(self) -> list[tuple[str, int]]:
        """See ``SearchPart.tag_counts``."""
        return self.parts.search.tag_counts()

    @changes
    def rename_tag(self, old: str, new: str) -> int:
        """See ``SearchPart.rename_tag``."""
        return self.parts.search.rename_tag(old, new)

    @changes
    def merge_tags(self, source: str, target: str) -> int:
        """See ``SearchPart.merge_tags``."""
        return self.parts.search.merge_tags(source, target)

    # the whole library
    @property
    def index_path(self) -> Path:
        """See ``CorpusPart.index_path``."""
        return self.parts.corpus.index_path

    def rebuild_index(self) -> None:
        """See ``CorpusPart.rebuild_index``."""
        self.parts.corpus.rebuild_index()

    def search_documents(self, query: str, limit: int | None = None) -> list[PassageHit]:
        """See ``CorpusPart.search_documents``."""
        return self.parts.corpus.search_documents(query, limit)

    def people(self, label: str | None = None) -> list[PersonRow]:
        """See ``CorpusPart.people``."""
        return self.parts.corpus.people(label)

    def quotes(
        self, speaker: str | None = None, document_ref: str | None = None, form: str | None = None
    ) -> list[QuoteRow]:
        """See ``CorpusPart.quotes``."""
        return self.parts.corpus.quotes(speaker, document_ref, form)

    def person(self, name: str, label: str) -> PersonDetail:
        """See ``CorpusPart.person``."""
        return self.parts.corpus.person(name, label)

    def missing_analyses(self) -> list[Document]:
        """See ``CorpusPart.missing_analyses``."""
        return self.parts.corpus.missing_analyses()

    def analyze_all(self, progress: AnalyzeProgress | None = None) -> tuple[int, int]:
        """See ``CorpusPart.analyze_all``."""
        return self.parts.corpus.analyze_all(progress)

    def _changed(self) -> None:
        """Bring the index up to date right after a change to the store (same call).

        A failure here never undoes the change: the next read syncs the index again.
        """
        with contextlib.suppress(Exception):
            self.parts.index.current()

    # export and import
    def export_bundles(
        self, query: str | None = None, document_ref: str | None = None, with_text: bool = False
    ) -> list[DocumentExport]:
        """See ``TransferPart.export_bundles``."""
        return self.parts.transfer.export_bundles(query, document_ref, with_text)

    def export_text(
        self,
        export_format: str = "json",
        query: str | None = None,
        document_ref: str | None = None,
        with_text: bool = False,
    ) -> str:
        """See ``TransferPart.export_text``."""
        return self.parts.transfer.export_text(export_format, query, document_ref, with_text)

    @changes
    def import_file(self, path: Path, dry_run: bool = False) -> ImportSummary:
        """See ``TransferPart.import_file``."""
        return self.parts.transfer.import_file(path, dry_run)

    # the reading life: document records, states, citations, the vault
    @changes
    def edit_document(self, ref: str, edit: DocumentEdit) -> Document:
        """See ``LibraryPart.edit_document``."""
        return self.parts.library.edit_document(ref, edit)

    def documents(self, state: str | None = None, tag: str | None = None) -> list[Document]:
        """See ``LibraryPart.documents``."""
        return self.parts.library.documents(state, tag)

    def cite(self, ref: str, citation_format: str = "bibtex") -> str:
        """See ``LibraryPart.cite``."""
        return self.parts.library.cite(ref, citation_format)

    def export_vault(
        self, vault: Path, document_ref: str | None = None, query: str | None = None
    ) -> VaultReport:
        """See ``LibraryPart.export_vault``."""
        return self.parts.library.export_vault(vault, document_ref, query)


__all__ = ["Parts", "ReaderService"]
