"""Service part: a document's own record (metadata corrections, note, tags, reading state),
the filtered library, citations and the Obsidian vault export.

A composed part: it takes the store and two callables of other parts (resolving a document
reference, and the bundles an export holds).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core.library.meta import clean_field, parse_published, parse_state
from reader.core.models import Document, normalise_tags
from reader.errors import BadInputError

if TYPE_CHECKING:
    from reader.core.exporting.records import DocumentExport
    from reader.core.library.vault import VaultReport
    from reader.core.store import Store

Resolver = Callable[[str], Document]
Exporter = Callable[[str | None, str | None], "list[DocumentExport]"]
"""``TransferPart.export_bundles``: (query, document ref) -> the bundles to export."""


@dataclass(frozen=True)
class DocumentEdit:
    """Changes to a document's own record; ``None`` leaves a field as it is."""

    title: str | None = None
    author: str | None = None
    published: str | None = None
    site: str | None = None
    url: str | None = None
    note: str | None = None
    add_tags: Sequence[str] = ()
    remove_tags: Sequence[str] = ()
    tags: Sequence[str] | None = None
    """Replaces every tag (before ``add_tags`` and ``remove_tags``)."""
    state: str | None = None

    def is_empty(self) -> bool:
        """Whether this edit changes nothing at all."""
        values = (self.title, self.author, self.published, self.site, self.url, self.note)
        return (
            all(value is None for value in values)
            and not self.add_tags
            and not self.remove_tags
            and self.tags is None
            and self.state is None
        )


class LibraryPart:
    """The document-record, library and vault operations of the facade."""

    def __init__(self, store: Store, resolve: Resolver, export: Exporter) -> None:
        self.store = store
        self.resolve = resolve
        self.export = export

    def edit_document(self, ref: str, edit: DocumentEdit) -> Document:
        """Apply ``edit`` to the document ``ref`` names; returns the new record.

        A bad date or state is ``BadInputError`` and changes nothing. Corrected metadata
        fields are remembered, so re-opening the source never overwrites them.
        """
        changes = _changes(edit)
        document_id = self.resolve(ref).id
        with self.store.transaction():
            document = self.store.get_document(document_id)
            updated = _applied(document, edit, changes)
            if updated != document:
                self.store.put_document(updated)
        return updated

    def documents(self, state: str | None = None, tag: str | None = None) -> list[Document]:
        """Documents in ``state`` with ``tag`` (either may be None), most recent first."""
        from reader.core.library.listing import filter_documents

        wanted = parse_state(state) if state is not None else None
        return filter_documents(self.store.list_documents(), wanted, tag)

    def cite(self, ref: str, citation_format: str = "bibtex") -> str:
        """The citation of a document in ``bibtex``, ``csl-json`` or ``ris``."""
        from reader.core.library.citations import CITE_FORMATS, citation

        if citation_format not in CITE_FORMATS:
            choices = ", ".join(CITE_FORMATS)
            raise BadInputError(f"unknown citation format {citation_format!r} (choose {choices})")
        return citation(self.resolve(ref), citation_format)

    def export_vault(
        self, vault: Path, document_ref: str | None = None, query: str | None = None
    ) -> VaultReport:
        """One note per document in the Obsidian vault ``vault`` (see ``library.vault``)."""
        from reader.core.library.vault import export_to_vault

        return export_to_vault(vault, self.export(query, document_ref))


def _changes(edit: DocumentEdit) -> dict[str, Any]:
    """The checked metadata fields ``edit`` sets (``BadInputError`` for a bad value)."""
    changes: dict[str, Any] = {}
    if edit.title is not None:
        title = clean_field(edit.title)
        if not title:
            raise BadInputError("the title cannot be empty")
        changes["title"] = title
    for name in ("author", "site", "url"):
        value = getattr(edit, name)
        if value is not None:
            changes[name] = clean_field(value)
    if edit.published is not None:
        changes["published"] = parse_published(edit.published)
    if edit.state is not None:
        changes["state"] = parse_state(edit.state)
    return changes


def _applied(document: Document, edit: DocumentEdit, changes: dict[str, Any]) -> Document:
    corrected = {name for name in changes if name != "state"}
    tags = document.tags if edit.tags is None else normalise_tags(list(edit.tags))
    removed = {tag.strip().lstrip("#").casefold() for tag in edit.remove_tags}
    merged = normalise_tags([*tags, *(tag.lstrip("#") for tag in edit.add_tags)])
    kept = tuple(tag for tag in merged if tag.casefold() not in removed)
    if kept != document.tags:
        changes["tags"] = kept
        corrected.add("tags")
    if edit.note is not None:
        changes["note"] = edit.note.strip("\n")
    all_corrected = tuple(dict.fromkeys([*document.corrected, *sorted(corrected)]))
    return replace(document, **changes, corrected=all_corrected)
