"""Service part: documents and annotations (filing sources, notes, tags, reading positions).

Every method that changes something returns only after the change is durable on disk (the
store fsyncs each write). Read-modify-write sequences run inside ``store.transaction()`` so
that two ``reader`` processes never lose each other's changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from reader.core.models import (
    Annotation,
    Document,
    DocumentVersion,
    LoadedText,
    ReadingPosition,
    Selector,
    new_id,
    normalise_tags,
    now_iso,
)
from reader.core.service.placing import place_notes
from reader.core.service.references import STDIN_PREFIX, STDIN_SOURCE, check_color
from reader.core.service.references import is_url as _is_url
from reader.core.service.references import looks_like_source as looks_like_source
from reader.core.store import Store
from reader.core.text import find_quote, normalise
from reader.errors import (
    BadInputError,
    FilingStopped,
    NotFoundError,
    StaleEditError,
    StoreWriteError,
)

_QUOTE_SHOWN = 60


class OpenedDocument(NamedTuple):
    """A source filed in the store and ready to read, with its re-anchored annotations.

    A ``NamedTuple``, not a frozen dataclass: cheaper to create at import, on every start.
    """

    document: Document
    text: str
    annotations: list[Annotation]
    moved: int
    """Annotations placed at a new position in this text by this open."""
    orphaned: int
    """Annotations that could not be placed in this text."""
    warnings: tuple[str, ...] = ()


def _shorten(quote: str) -> str:
    flat = " ".join(quote.split())
    return flat if len(flat) <= _QUOTE_SHOWN else flat[: _QUOTE_SHOWN - 1] + "…"


class DocumentsPart:
    """The documents and annotations operations of the facade."""

    def __init__(self, store: Store, notices: list[str], cache_dir: Path | None = None) -> None:
        self.store = store
        self.notices = notices
        """Shared with the facade: warnings met while loading sources."""
        self.cache_dir = cache_dir
        """Where extracted books are remembered (``library.book_cache``); None: never."""

    # documents
    def open_document(self, source: str) -> OpenedDocument:
        """Load ``source`` (path, URL or ``-``), file it and re-anchor its annotations.

        A source belongs to one document with a stable id; a changed text adds a version.
        Stdin texts are filed under ``stdin:<sha256>`` since ``-`` identifies nothing.
        """
        return self._open_loaded(self._load(source))

    def _open_loaded(
        self, loaded: LoadedText, stop: Callable[[], bool] | None = None
    ) -> OpenedDocument:
        """File ``loaded``, then place its notes; ``stop`` is asked between the two atomic
        writes and during the placing (``FilingStopped`` says what was stored)."""
        if stop is not None and stop():
            raise FilingStopped(filed=False)
        warnings = list(loaded.warnings)
        try:
            with self.store.transaction():
                document = self._file(loaded)
        except (StoreWriteError, OSError) as error:
            document = self._known_unchanged(loaded, error)
            warnings.append(f"could not save the last-opened time: {error}")
        annotations, moved, orphaned = place_notes(self.store, document, loaded.text, stop)
        if self.store.migrated_from is not None:
            warnings.append(
                f"the store was upgraded from schema {self.store.migrated_from}; "
                f"the old main file is kept at {self.store.migration_backup}"
            )
        return OpenedDocument(document, loaded.text, annotations, moved, orphaned, tuple(warnings))

    def _known_unchanged(self, loaded: LoadedText, error: Exception) -> Document:
        """The stored document of an unchanged text whose filing could not be written (a
        full disk): only its ``last_opened`` is lost, so it opens anyway. A new or changed
        text must be filed: ``error`` is raised again."""
        known = self.store.find_document_by_source(self._source_key(loaded))
        if known is None or known.sha256 != loaded.sha256 or not self.store.has_text(known.sha256):
            raise error
        return known

    @staticmethod
    def _source_key(loaded: LoadedText) -> str:
        if loaded.source == STDIN_SOURCE:
            return f"{STDIN_PREFIX}{loaded.sha256}"
        return loaded.source

    def _file(self, loaded: LoadedText) -> Document:
        """Create or update the document for ``loaded``; the caller holds the lock."""
        # Imported by the first filing, after the first paint (its patterns cost 0.3 ms).
        from reader.core.library.meta import with_source_meta

        now = now_iso()
        self.store.save_text(loaded.sha256, loaded.text)
        existing = self.store.find_document_by_source(self._source_key(loaded))
        if existing is None:
            document = Document(
                id=new_id(),
                title=loaded.title,
                source=self._source_key(loaded),
                sha256=loaded.sha256,
                versions=(DocumentVersion(loaded.sha256, now, loaded.words),),
                first_opened=now,
                last_opened=now,
                words=loaded.words,
            )
            document = with_source_meta(document, loaded.meta)
        else:
            versions = existing.versions
            if all(v.sha256 != loaded.sha256 for v in versions):
                versions = (*versions, DocumentVersion(loaded.sha256, now, loaded.words))
            corrected = "title" in existing.corrected
            document = replace(
                existing,
                title=existing.title if corrected else loaded.title or existing.title,
                sha256=loaded.sha256,
                versions=versions,
                last_opened=now,
                words=loaded.words,
                text_missing=False,
            )
            document = with_source_meta(document, loaded.meta)
        document = replace(document, pages=loaded.pages)
        self.store.put_document(document)
        return document

    def _load(self, source: str) -> LoadedText:
        """Read a source, keeping its warnings for the user (see ``notices``)."""
        from reader.core.documents import load_source
        from reader.core.library.book_cache import cached_book, remember_book

        if self.cache_dir is not None and not _is_url(source):
            absolute = str(Path(source).expanduser().absolute())
            cached = cached_book(self.cache_dir, absolute, self.store.load_text)
            if cached is not None:
                return cached
        loaded = load_source(source)
        if self.cache_dir is not None:
            remember_book(self.cache_dir, loaded)
        self.notices.extend(w for w in loaded.warnings if w not in self.notices)
        return loaded

    def document_text(self, document: Document) -> str | None:
        """The stored text of the document's current version (None if the store lacks it)."""
        return self.store.load_text(document.sha256)

    def list_documents(self) -> list[Document]:
        """Every document, most recently opened first."""
        return self.store.list_documents()

    def recent_documents(self, limit: int) -> list[Document]:
        """The ``limit`` most recently opened documents, newest first (a screenful, fast)."""
        return self.store.recent_documents(limit)

    def annotation_counts(self) -> dict[str, int]:
        """Number of annotations per document id (absent ids have none)."""
        return self.store.annotation_counts()

    def get_document(self, ref: str) -> Document:
        """A document by id, unique id prefix or source (a path is made absolute)."""
        try:
            return self.store.resolve_document(ref)
        except NotFoundError:
            if _is_url(ref) or ref.startswith(STDIN_PREFIX):
                raise
        path = Path(ref).expanduser()
        for candidate in (str(path.absolute()), str(path.resolve())):
            found = self.store.find_document_by_source(candidate)
            if found is not None:
                return found
        raise NotFoundError(f"no document matches '{ref}' (give an id, id prefix or source)")

    def refresh_document(self, source_or_ref: str) -> Document:
        """The document for a source or ref; a source whose text changed is re-opened first.

        An unchanged text files nothing (``last_opened`` stays); an unreadable source that is
        already filed falls back to the stored version.
        """
        from reader.errors import SourceError

        if not looks_like_source(source_or_ref):
            return self.get_document(source_or_ref)
        try:
            loaded = self._load(source_or_ref)
        except SourceError as error:
            if source_or_ref == STDIN_SOURCE:
                raise
            try:
                return self.get_document(source_or_ref)
            except NotFoundError:
                raise BadInputError(f"{error} (and it is not in the library)") from None
        known = self.store.find_document_by_source(self._source_key(loaded))
        if known is not None and known.sha256 == loaded.sha256:
            if not self.store.has_text(known.sha256):  # set aside by `reader doctor`
                with self.store.transaction():
                    self.store.save_text(loaded.sha256, loaded.text)
            return known
        return self._open_loaded(loaded).document

    def delete_document(self, document_id: str) -> int:
        """Delete a document and its annotations; returns how many annotations went with it."""
        return len(self.store.delete_document(document_id))

    def save_position(self, document_id: str, position: ReadingPosition) -> None:
        """Remember where the reader was in a document."""
        from reader.core.library.meta import advanced_state

        with self.store.transaction():
            document = self.store.get_document(document_id)
            state = advanced_state(document.state, position.offset, position.progress)
            self.store.put_document(replace(document, position=position, state=state))

    # annotations
    def add_annotation(
        self,
        document_id: str,
        start: int,
        end: int,
        note: str = "",
        tags: tuple[str, ...] | list[str] = (),
        color: str = "yellow",
    ) -> Annotation:
        """Annotate ``text[start:end]`` of the document's current version."""
        document = self.store.get_document(document_id)
        text = self._stored_text(document)
        if not 0 <= start < end <= len(text):
            raise BadInputError(
                f"span {start}:{end} is not a non-empty passage of a {len(text)}-character text"
            )
        annotation = Annotation(
            id=new_id(),
            document_id=document.id,
            sha256=document.sha256,
            selector=Selector.from_text(text, start, end),
            note=note,
            tags=normalise_tags(tuple(tags)),
            color=check_color(color),
        )
        self.store.add_annotation(annotation)
        return annotation

    def annotate_quote(
        self,
        source_or_ref: str,
        quote: str,
        occurrence: int = 1,
        note: str = "",
        tags: tuple[str, ...] | list[str] = (),
        color: str = "yellow",
    ) -> Annotation:
        """Annotate the ``occurrence``-th exact occurrence of ``quote`` in a source or document.

        A source (path, URL, ``-``) is opened and filed first, like ``open_document``.
        """
        check_color(color)
        filed, start, end = self.locate_quote(source_or_ref, quote, occurrence)
        return self.add_annotation(filed.id, start, end, note, tags, color)

    def locate_quote(
        self, source_or_ref: str, quote: str, occurrence: int = 1, what: str = "quote"
    ) -> tuple[Document, int, int]:
        """The document and span of the ``occurrence``-th exact ``quote`` in it.

        A source is filed only once the quote is known to be there: a quote not found
        (``NotFoundError``) changes nothing in the store.
        """
        wanted = normalise(quote)
        if not wanted.strip():
            raise BadInputError(f"the {what} to annotate is empty")
        if occurrence < 1:
            raise BadInputError(f"occurrence must be 1 or more, not {occurrence}")
        target = self._quote_target(source_or_ref)
        if isinstance(target, LoadedText):
            title, text = target.title, target.text
        else:
            title, text = target.title, self._stored_text(target)
        start = find_quote(text, wanted, occurrence)
        if start < 0:
            which = "" if occurrence == 1 else f" (occurrence {occurrence})"
            raise NotFoundError(f"{what} not found in {title}{which}: '{_shorten(quote)}'")
        filed = self._open_loaded(target).document if isinstance(target, LoadedText) else target
        return filed, start, start + len(wanted)

    def _quote_target(self, source_or_ref: str) -> Document | LoadedText:
        """A filed document named by a ref, or else the source, loaded (not yet filed)."""

        if not looks_like_source(source_or_ref):
            try:
                document = self.get_document(source_or_ref)
            except NotFoundError:
                pass  # not filed either: let the loader say what is wrong with it
            else:
                if self.document_text(document) is not None:
                    return document
        return self._load(source_or_ref)

    def _stored_text(self, document: Document) -> str:
        text = self.document_text(document)
        if text is None:
            raise NotFoundError(f"the text of {document.title!r} is missing from the store")
        return text

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
        """Change an annotation: ``tags`` replaces all tags, then ``add_tags``/``remove_tags``.

        ``expected_modified`` names the version the caller read (its ``modified``): when the
        stored one is newer (another process saved meanwhile), ``StaleEditError`` and nothing
        is written, so no change is ever overwritten silently.
        """
        new_color = None if color is None else check_color(color)
        with self.store.transaction():
            annotation = self.store.get_annotation(annotation_id)
            if expected_modified is not None and annotation.modified != expected_modified:
                raise StaleEditError(
                    f"annotation {annotation.id[:8]} was changed elsewhere at "
                    f"{annotation.modified}, after it was read; nothing was saved"
                )
            current = list(annotation.tags if tags is None else normalise_tags(tuple(tags)))
            removed = {tag.strip().casefold() for tag in remove_tags}
            merged = normalise_tags([*current, *add_tags])
            kept = tuple(tag for tag in merged if tag.casefold() not in removed)
            edited = annotation.edited(
                note=annotation.note if note is None else note,
                tags=kept,
                color=new_color or annotation.color,
            )
            self.store.update_annotations([edited])
        return edited

    def delete_annotation(self, annotation_id: str) -> Annotation:
        """Delete an annotation (by id or unique prefix) and return it, for undo."""
        return self.store.delete_annotation(annotation_id)

    def restore_annotation(self, annotation: Annotation) -> None:
        """Undo ``delete_annotation``: put the annotation back exactly as it was."""
        self.store.add_annotation(annotation)

    def get_annotation(self, annotation_id: str) -> Annotation:
        """An annotation by id or unique id prefix."""
        return self.store.get_annotation(annotation_id)

    def annotations_for(self, document_id: str) -> list[Annotation]:
        """A document's annotations in text order."""
        return self.store.annotations_for(document_id)
