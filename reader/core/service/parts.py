"""The parts of the service facade, wired to one store (``Parts.wired``).

Each part is a plain class taking its collaborators in ``__init__``; a new area of the
service is a new field here and a few delegating methods on ``ReaderService``.
"""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class Parts:
    """The collaborators of one ``ReaderService``, wired to one store."""

    documents: DocumentsPart
    reading: ReadingPart
    analysis: AnalysisPart
    search: SearchPart
    transfer: TransferPart
    library: LibraryPart
    corpus: CorpusPart
    index: LibraryIndex
    corrections: CorrectionsPart
    interactive: Interactive

    @classmethod
    def wired(cls, paths: Paths, store: Store, notices: list[str]) -> Parts:
        """The default parts, each given exactly what it uses."""
        documents = DocumentsPart(store, notices, cache_dir=paths.cache_dir)
        analysis = AnalysisPart(paths, store)
        index = LibraryIndex(store, paths.cache_dir, analysis.cached_analysis)
        search = SearchPart(store, analysis, index)
        transfer = TransferPart(store, search)
        return cls(
            documents=documents,
            reading=ReadingPart(store, documents),
            analysis=analysis,
            search=search,
            transfer=transfer,
            library=LibraryPart(store, documents.get_document, transfer.export_bundles),
            corrections=CorrectionsPart(store, documents),
            corpus=CorpusPart(store, analysis, index),
            index=index,
            interactive=Interactive(
                store, documents._load, documents._source_key, documents._open_loaded
            ),
        )
