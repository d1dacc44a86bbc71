"""Service part for an interactive front end: a two-step open and cheap change checks.

A reader wants the text on screen before any store work. ``preview`` reads and normalises a
source and looks up its stored document read-only (no lock, no write, no fsync): enough to
draw the first screen at the saved position. ``file`` then files the text (a new version if
it changed) and re-anchors the annotations; that can take a second on a long, changed
document, so a UI runs it in a worker. The result is the same as ``open_document``.

``annotations_version`` tells whether any process changed annotations since it was last
asked, without reading them; ``quiet_write`` keeps a garbage collection out of a save.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple

from reader.core.models import Document, DocumentVersion, LoadedText, now_iso
from reader.core.store.files import collector_paused

if TYPE_CHECKING:
    from reader.core.service.documents import OpenedDocument
    from reader.core.store import Store


class SourcePreview(NamedTuple):
    """A source read but not filed: its text and the document it was filed as before.

    A ``NamedTuple``, not a frozen dataclass: cheaper to create at import, on every start.
    """

    loaded: LoadedText
    known: Document | None
    """The stored document for this source as it was before this open (None: a new source)."""

    @property
    def text(self) -> str:
        """The normalised text (the one every offset refers to)."""
        return self.loaded.text

    @property
    def changed(self) -> bool:
        """True when the text differs from the stored version: its notes must be re-anchored."""
        return self.known is not None and self.known.sha256 != self.loaded.sha256

    @property
    def document(self) -> Document:
        """The document as it will be filed (see ``provisional``)."""
        return self.provisional()

    def provisional(self) -> Document:
        """The document as it will be filed; a new source gets an empty id until then."""
        loaded = self.loaded
        if self.known is not None:
            return replace(self.known, title=loaded.title or self.known.title)
        now = now_iso()
        return Document(
            id="",
            title=loaded.title,
            source=loaded.source,
            sha256=loaded.sha256,
            versions=(DocumentVersion(loaded.sha256, now, loaded.words),),
            first_opened=now,
            last_opened=now,
            words=loaded.words,
        )


class Interactive:
    """Two-step opening and change checks; takes the store and the documents part's steps."""

    def __init__(
        self,
        store: Store,
        load: Callable[[str], LoadedText],
        source_key: Callable[[LoadedText], str],
        file: Callable[[LoadedText, Callable[[], bool] | None], OpenedDocument],
    ) -> None:
        self._store = store
        self._load = load
        self._source_key = source_key
        self._file = file

    def preview(self, source: str) -> SourcePreview:
        """Read ``source`` and find its stored document; nothing is written."""
        loaded = self._load(source)
        return SourcePreview(loaded, self._store.find_document_by_source(self._source_key(loaded)))

    def load(self, source: str) -> LoadedText:
        """Read and normalise ``source`` (a file or a URL fetch); touches no store state, so a
        UI may run it outside its service lock while a slow server answers."""
        return self._load(source)

    def file_loaded(self, loaded: LoadedText) -> OpenedDocument:
        """File a text read by ``load`` (as ``open_document`` would)."""
        return self._file(loaded, None)

    def file(
        self, preview: SourcePreview, stop: Callable[[], bool] | None = None
    ) -> OpenedDocument:
        """File a previewed source and re-anchor its annotations (as ``open_document``);
        ``stop`` may end it at a safe point (``FilingStopped``)."""
        return self._file(preview.loaded, stop)

    def annotations_version(self) -> int:
        """Changes whenever any process adds, edits or deletes an annotation file."""
        try:
            return os.stat(self._store.annotations_dir).st_mtime_ns
        except OSError:
            return 0

    @staticmethod
    def quiet_write() -> AbstractContextManager[None]:
        """Hold off the garbage collector around one write (it runs right after instead)."""
        return collector_paused()
