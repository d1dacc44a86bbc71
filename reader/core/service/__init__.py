"""The one facade the CLI and the TUI call (``ReaderService``).

It is composed of small per-area parts so each stays readable: documents and annotations
(``documents``), the library and opening by reference (``reading``), analysis (``analysis``),
search (``search``) and export/import (``transfer``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core.service.analysis import AnalysisPart
from reader.core.service.reading import ReadingPart
from reader.core.service.search import SearchPart
from reader.core.service.transfer import TransferPart
from reader.core.store import Store
from reader.paths import resolve_paths

if TYPE_CHECKING:
    from reader.core.library.vault import VaultReport
    from reader.core.models import Document
    from reader.core.service.library import DocumentEdit, LibraryPart


class ReaderService(ReadingPart, AnalysisPart, SearchPart, TransferPart):
    """Everything the reader can do, without any UI."""

    @classmethod
    def open(cls, db: str | os.PathLike[str] | None = None) -> ReaderService:
        """Open the store at ``db`` (or ``READER_DB``, or the user data dir)."""
        paths = resolve_paths(db)
        return cls(paths, Store(paths.db, cache_dir=paths.cache_dir))

    # The reading life (document records, states, citations, vault): a composed part.
    @property
    def library_part(self) -> LibraryPart:
        """The part for document records, states, citations and the vault (made once)."""
        part: LibraryPart | None = self.__dict__.get("_library_part")
        if part is None:
            from reader.core.service.library import LibraryPart

            part = self.__dict__["_library_part"] = LibraryPart(
                self.store, self.get_document, self._vault_bundles
            )
        return part

    def _vault_bundles(self, query: str | None, document_ref: str | None) -> list[Any]:
        return self.export_bundles(query, document_ref)

    def edit_document(self, ref: str, edit: DocumentEdit) -> Document:
        """Correct metadata, set the note, tags or state of a document (see LibraryPart)."""
        return self.library_part.edit_document(ref, edit)

    def documents(self, state: str | None = None, tag: str | None = None) -> list[Document]:
        """Documents filtered by reading state and tag, most recently opened first."""
        return self.library_part.documents(state, tag)

    def cite(self, ref: str, citation_format: str = "bibtex") -> str:
        """A citation of the document: bibtex, csl-json or ris."""
        return self.library_part.cite(ref, citation_format)

    def export_vault(
        self, vault: Path, document_ref: str | None = None, query: str | None = None
    ) -> VaultReport:
        """Export documents and their annotations as notes in an Obsidian vault."""
        return self.library_part.export_vault(vault, document_ref, query)


__all__ = ["ReaderService"]
