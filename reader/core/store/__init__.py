"""The annotation store: TinyDB files, atomic and locked writes, schema versions.

INTERFACE CONTRACT (implemented by the foundation issue). Other parts code against this.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path

from reader.core.models import Annotation, Document


class Store:
    """A directory of TinyDB files, named by its main file (``annotations.json``)."""

    def __init__(self, db_path: Path) -> None:
        """Open (creating if needed) the store whose main file is ``db_path``.

        Raises ``StoreError`` for a missing parent directory, a corrupt file or a newer schema.
        """
        self.db_path = db_path

    def transaction(self) -> AbstractContextManager[None]:
        """Hold the inter-process lock across several operations (re-entrant)."""
        raise NotImplementedError

    # documents
    def put_document(self, document: Document) -> None:
        """Insert or replace a document record."""
        raise NotImplementedError

    def get_document(self, document_id: str) -> Document:
        """The document with this id; ``NotFoundError`` if none."""
        raise NotImplementedError

    def find_document_by_source(self, source: str) -> Document | None:
        """The document filed under this source (absolute path or URL), if any."""
        raise NotImplementedError

    def resolve_document(self, ref: str) -> Document:
        """A document by id, unique id prefix (4+ chars) or source; ``NotFoundError`` if none."""
        raise NotImplementedError

    def list_documents(self) -> list[Document]:
        """All documents, most recently opened first."""
        raise NotImplementedError

    def delete_document(self, document_id: str) -> list[Annotation]:
        """Delete a document and its annotations; returns the deleted annotations."""
        raise NotImplementedError

    def save_text(self, sha256: str, text: str) -> None:
        """Store a text under its SHA-256 (idempotent, atomic)."""
        raise NotImplementedError

    def load_text(self, sha256: str) -> str | None:
        """A stored text, or None when the store lacks it."""
        raise NotImplementedError

    # annotations
    def add_annotation(self, annotation: Annotation) -> None:
        """Add an annotation; durable when this returns."""
        raise NotImplementedError

    def update_annotations(self, annotations: list[Annotation]) -> None:
        """Replace existing annotations (matched by id) in one write per document."""
        raise NotImplementedError

    def get_annotation(self, annotation_id: str) -> Annotation:
        """An annotation by id or unique id prefix; ``NotFoundError`` if none."""
        raise NotImplementedError

    def delete_annotation(self, annotation_id: str) -> Annotation:
        """Delete an annotation and return it (so it can be restored with ``add_annotation``)."""
        raise NotImplementedError

    def annotations_for(self, document_id: str) -> list[Annotation]:
        """A document's annotations in text order."""
        raise NotImplementedError

    def all_annotations(self) -> Iterator[Annotation]:
        """Every annotation in the store."""
        raise NotImplementedError

    def annotation_counts(self) -> dict[str, int]:
        """Number of annotations per document id."""
        raise NotImplementedError
