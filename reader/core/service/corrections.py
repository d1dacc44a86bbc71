"""Service part: corrections of the analysis (a speaker, a quotation, an entity).

A correction is stored as an annotation of kind ``correction``, so the store, re-anchoring,
search, export and import treat it like a note. This part creates and lists them; the
analysis part applies them (``reader.core.corrections.apply_corrections``) to every
analysis it returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from reader.core.corrections import make_correction, superseded
from reader.core.models import (
    CORRECTION_KIND,
    Annotation,
    Correction,
    Document,
    Selector,
    new_id,
    now_iso,
)
from reader.core.store import Store
from reader.errors import BadInputError


class _Documents(Protocol):
    """What this part needs from the documents part of the facade."""

    def locate_quote(
        self, source_or_ref: str, quote: str, occurrence: int = 1, what: str = "quote"
    ) -> tuple[Document, int, int]: ...

    def get_document(self, ref: str) -> Document: ...


@dataclass(frozen=True)
class CorrectionRow:
    """One correction as ``reader corrections`` lists it."""

    annotation: Annotation
    document: Document | None
    superseded: bool
    """A newer correction of the same item overrides this one (it is kept and listed)."""

    @property
    def correction(self) -> Correction:
        """The correction's body."""
        assert self.annotation.correction is not None
        return self.annotation.correction

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``reader corrections --json`` (docs/CLI.md)."""
        annotation = self.annotation
        return {
            "id": annotation.id,
            "document": {
                "id": annotation.document_id,
                "title": self.document.title if self.document else "",
            },
            "passage": annotation.selector.exact,
            "start": annotation.selector.start,
            "end": annotation.selector.end,
            "correction": self.correction.to_dict(),
            "status": annotation.status.value,
            "superseded": self.superseded,
            "created": annotation.created,
            "modified": annotation.modified,
        }


class CorrectionsPart:
    """Creating and listing corrections; composed into ``ReaderService``."""

    def __init__(self, store: Store, documents: _Documents) -> None:
        self.store = store
        self.documents = documents

    def correct(
        self, source_or_ref: str, passage: str, correction: Correction, occurrence: int = 1
    ) -> Annotation:
        """Store ``correction`` on the ``occurrence``-th ``passage`` of a source or document.

        The correction is checked before anything is read or filed: a bad label or a
        passage not found changes nothing.
        """
        checked = self._checked(correction)
        what = "mention" if checked.target == "entity" else "quote"
        document, start, end = self.documents.locate_quote(source_or_ref, passage, occurrence, what)
        return self.add_correction(document.id, start, end, checked)

    def add_correction(
        self, document_id: str, start: int, end: int, correction: Correction
    ) -> Annotation:
        """Store ``correction`` on ``start:end`` of the document's current text."""
        checked = self._checked(correction)
        document = self.store.get_document(document_id)
        text = self.store.load_text(document.sha256)
        if text is None or not 0 <= start < end <= len(text):
            raise BadInputError(f"span {start}:{end} is not a passage of {document.title!r}")
        with self.store.transaction():
            created = self._after_the_others(document.id)
            annotation = Annotation(
                id=new_id(),
                document_id=document.id,
                sha256=document.sha256,
                selector=Selector.from_text(text, start, end),
                created=created,
                modified=created,
                kind=CORRECTION_KIND,
                correction=checked,
            )
            self.store.add_annotation(annotation)
        return annotation

    def _after_the_others(self, document_id: str) -> str:
        """Now, or just after the document's newest correction if that is not earlier: the
        newest correction wins, so two made within one millisecond must still be ordered."""
        now = now_iso()
        latest = max(
            (a.created for a in self.store.annotations_for(document_id) if a.is_correction),
            default="",
        )
        if latest < now:
            return now
        later = datetime.fromisoformat(latest.replace("Z", "+00:00")) + timedelta(milliseconds=1)
        return later.isoformat(timespec="milliseconds").replace("+00:00", "Z")

    @staticmethod
    def _checked(correction: Correction) -> Correction:
        return make_correction(
            correction.target,
            correction.action,
            correction.value,
            correction.form,
            correction.scope,
        )

    def list_corrections(self, document_ref: str | None = None) -> list[CorrectionRow]:
        """Every correction (of one document, or all), orphans included, in text order."""
        if document_ref is not None:
            documents = [self.documents.get_document(document_ref)]
        else:
            documents = self.store.list_documents()
        rows: list[CorrectionRow] = []
        for document in documents:
            found = [a for a in self.store.annotations_for(document.id) if a.is_correction]
            beaten = superseded(found)
            rows.extend(CorrectionRow(a, document, a.id in beaten) for a in found)
        return rows
