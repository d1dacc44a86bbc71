"""The parts of the service facade, wired to one store (``Parts.wired``), built on first use.

Each part is a plain class taking its collaborators in ``__init__``; a new area of the
service is a new property here and a few delegating methods on ``ReaderService``.

A part (and its module) is built the first time it is asked for, not with the service:
``reader SOURCE`` needs only the documents and the interactive part before its first frame,
and importing and building the search index, analysis cache, transfer and library parts up
front cost about 20 ms of every start. A lock makes each part exactly one object even when
two worker threads ask for it at once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from reader.core.index import LibraryIndex
    from reader.core.service.analysis import AnalysisPart
    from reader.core.service.corpus import CorpusPart
    from reader.core.service.corrections import CorrectionsPart
    from reader.core.service.documents import DocumentsPart
    from reader.core.service.interactive import Interactive
    from reader.core.service.library import LibraryPart
    from reader.core.service.reading import ReadingPart
    from reader.core.service.search import SearchPart
    from reader.core.service.transfer import TransferPart
    from reader.core.store import Store
    from reader.paths import Paths

T = TypeVar("T")


class Parts:
    """The collaborators of one ``ReaderService``, wired to one store, each built once."""

    def __init__(self, paths: Paths, store: Store, notices: list[str]) -> None:
        self._paths = paths
        self._store = store
        self._notices = notices
        self._built: dict[str, object] = {}
        self._lock = threading.RLock()

    @classmethod
    def wired(cls, paths: Paths, store: Store, notices: list[str]) -> Parts:
        """The default parts, each given exactly what it uses (built when first used)."""
        return cls(paths, store, notices)

    def _part(self, name: str, build: Callable[[], T]) -> T:
        """The part ``name``, built by ``build`` the first time (under the lock)."""
        part = self._built.get(name)
        if part is None:
            with self._lock:
                part = self._built.get(name)
                if part is None:
                    part = self._built[name] = build()
        return part  # type: ignore[return-value]

    @property
    def documents(self) -> DocumentsPart:
        """Documents and annotations."""
        from reader.core.service.documents import DocumentsPart

        store, notices, cache_dir = self._store, self._notices, self._paths.cache_dir
        return self._part("documents", lambda: DocumentsPart(store, notices, cache_dir))

    @property
    def reading(self) -> ReadingPart:
        """The library rows and opening by reference."""
        from reader.core.service.reading import ReadingPart

        return self._part("reading", lambda: ReadingPart(self._store, self.documents))

    @property
    def analysis(self) -> AnalysisPart:
        """Analyses and their cache."""
        from reader.core.service.analysis import AnalysisPart

        return self._part("analysis", lambda: AnalysisPart(self._paths, self._store))

    @property
    def index(self) -> LibraryIndex:
        """The derived search index (SQLite in the cache directory)."""
        from reader.core.index import LibraryIndex

        def build() -> LibraryIndex:
            analysis = self.analysis
            return LibraryIndex(self._store, self._paths.cache_dir, analysis.cached_analysis)

        return self._part("index", build)

    @property
    def search(self) -> SearchPart:
        """Annotation search and tags."""
        from reader.core.service.search import SearchPart

        return self._part("search", lambda: SearchPart(self._store, self.analysis, self.index))

    @property
    def transfer(self) -> TransferPart:
        """Export and import."""
        from reader.core.service.transfer import TransferPart

        return self._part("transfer", lambda: TransferPart(self._store, self.search))

    @property
    def library(self) -> LibraryPart:
        """Document records, states, citations, the vault."""
        from reader.core.service.library import LibraryPart

        def build() -> LibraryPart:
            documents, transfer = self.documents, self.transfer
            return LibraryPart(self._store, documents.get_document, transfer.export_bundles)

        return self._part("library", build)

    @property
    def corrections(self) -> CorrectionsPart:
        """Corrections of the analysis."""
        from reader.core.service.corrections import CorrectionsPart

        return self._part("corrections", lambda: CorrectionsPart(self._store, self.documents))

    @property
    def corpus(self) -> CorpusPart:
        """The whole library: full-text search, people, quotes, analysing everything."""
        from reader.core.service.corpus import CorpusPart

        return self._part("corpus", lambda: CorpusPart(self._store, self.analysis, self.index))

    @property
    def interactive(self) -> Interactive:
        """The two-step open and cheap change checks of an interactive front end."""
        from reader.core.service.interactive import Interactive

        def build() -> Interactive:
            documents = self.documents
            return Interactive(
                self._store, documents._load, documents._source_key, documents._open_loaded
            )

        return self._part("interactive", build)

    def built(self, name: str) -> bool:
        """True when the part ``name`` exists already (asking builds nothing)."""
        return name in self._built
