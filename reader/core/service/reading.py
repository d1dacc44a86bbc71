"""Service part for the reading screen and library: open by any reference, re-attach orphans.

A reference is what a user types or picks: a path, a URL, ``-``, a document id (or prefix).
When a document's source has moved or vanished, the stored text still opens.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.core.models import AnchorMove, Annotation, AnnotationStatus, Document, Selector, now_iso
from reader.core.service.documents import DocumentsPart, OpenedDocument, looks_like_source
from reader.core.store import Store
from reader.errors import NotFoundError, SourceError


@dataclass(frozen=True)
class LibraryRow:
    """One line of the library: a document and how many annotations it has."""

    document: Document
    annotations: int


def library_rows(documents: list[Document], counts: dict[str, int]) -> list[LibraryRow]:
    """The library's rows from a document list and the note counts (read apart: the UI
    shows every title before the slower count of every annotation)."""
    return [LibraryRow(document=d, annotations=counts.get(d.id, 0)) for d in documents]


class ReadingPart:
    """Opening documents by reference and the library listing."""

    def __init__(self, store: Store, documents: DocumentsPart) -> None:
        self.store = store
        self.documents = documents

    def open_reference(self, reference: str) -> OpenedDocument:
        """Open a path, URL, ``-`` or a stored document id; fall back to the stored text."""
        if looks_like_source(reference):
            return self.documents.open_document(reference)
        try:
            document = self.store.resolve_document(reference)
        except NotFoundError:
            return self.documents.open_document(reference)
        return self.open_known(document)

    def open_known(self, document: Document) -> OpenedDocument:
        """Re-open a library document from its source, or from the stored text if it is gone."""
        try:
            return self.documents.open_document(document.source)
        except SourceError as error:
            return self.open_stored(document, reason=str(error))

    def open_stored(self, document: Document, reason: str = "") -> OpenedDocument:
        """Open the text the store kept for ``document`` (its source may be missing)."""
        text = self.store.load_text(document.sha256)
        if text is None:
            raise SourceError(f"the text of '{document.title}' is not stored; {reason}".strip())
        warning = f"showing the stored text: {reason}" if reason else ""
        return OpenedDocument(
            document=document,
            text=text,
            annotations=self.store.annotations_for(document.id),
            moved=0,
            orphaned=0,
            warnings=(warning,) if warning else (),
        )

    def library(self) -> list[LibraryRow]:
        """Every document with its annotation count, most recently opened first."""
        counts = self.store.annotation_counts()
        return library_rows(self.store.list_documents(), counts)

    def reattach_annotation(
        self, annotation_id: str, text: str, start: int, end: int
    ) -> Annotation:
        """Anchor an (orphaned) annotation to a new passage of its document's current text."""
        # Under the lock: an edit another process makes to the record meanwhile is kept.
        with self.store.transaction():
            annotation = self.store.get_annotation(annotation_id)
            document = self.store.get_document(annotation.document_id)
            old = annotation.selector
            moved = now_iso()
            move = AnchorMove(sha256=annotation.sha256, start=old.start, end=old.end, moved=moved)
            updated = annotation.edited(
                selector=Selector.from_text(text, start, end),
                sha256=document.sha256,
                status=AnnotationStatus.MOVED,
                history=(*annotation.history, move),
            )
            self.store.update_annotations([updated])
        return updated
