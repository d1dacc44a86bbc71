"""Service part: the whole library at once (the corpus): full-text search, people, quotations.

Everything is read from the derived index (``reader.core.index``); analyses are indexed as
they appear in the cache, and ``analyze_all`` computes the missing ones.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reader.core.analysis.results import label_group
from reader.core.index import LibraryIndex, PassageHit, PersonRow, QuoteRow, queries
from reader.core.index.results import PersonDetail
from reader.core.models import Document
from reader.core.search import parse
from reader.core.service.analysis import AnalysisPart
from reader.core.service.search import read_index
from reader.core.store import Store
from reader.errors import BadInputError, NotFoundError, SourceError

FORMS = ("direct", "indirect", "mixed")
AnalyzeProgress = Callable[[int, int, str], None]
"""Called before each document analysed: done so far, how many in all, the title."""


class CorpusPart:
    """Queries over every document: passages, entities and quotations."""

    def __init__(self, store: Store, analysis: AnalysisPart, index: LibraryIndex) -> None:
        self.store = store
        self.analysis = analysis
        self.index = index

    @property
    def index_path(self) -> Path:
        """The index file (in the cache directory; deleting it loses nothing)."""
        return self.index.path

    def rebuild_index(self) -> None:
        """Build the index again from the store (``reader index --rebuild``)."""
        self.index.rebuild()
        self.index.add_analyses()

    def search_documents(self, query: str, limit: int | None = None) -> list[PassageHit]:
        """Passages of every document's text matching ``query``, best first."""
        node = parse(query, prefix_last=True)
        return read_index(self.index, lambda db: queries.search_documents(db, node, limit))

    def people(self, label: str | None = None) -> list[PersonRow]:
        """The entities of the library (analysed documents), most documents first.

        ``label`` is a spaCy label (``PERSON``) or a display group (``person``, ``org``).
        """
        self.index.add_analyses()
        wanted = None
        if label is not None:
            known = read_index(self.index, queries.labels)
            wanted = [x for x in known if label in (x, x.lower(), label_group(x))]
            if not wanted and label.upper() not in known and label.lower() not in _GROUPS:
                raise BadInputError(f"unknown label {label!r} (for example PERSON, ORG, person)")
        return read_index(self.index, lambda db: queries.people(db, wanted))

    def quotes(
        self, speaker: str | None = None, document_ref: str | None = None, form: str | None = None
    ) -> list[QuoteRow]:
        """The quotation ledger, narrowed by speaker (words of the name), document or form."""
        if form is not None and form not in FORMS:
            raise BadInputError(f"unknown form {form!r} (choose {', '.join(FORMS)})")
        document_id = None
        if document_ref is not None:
            document_id = self.store.resolve_document(document_ref).id
        self.index.add_analyses()
        return read_index(self.index, lambda db: queries.quotes(db, speaker, document_id, form))

    def person(self, name: str, label: str) -> PersonDetail:
        """One entity of ``people()``: its documents, quotations and companions."""
        return read_index(self.index, lambda db: queries.person(db, name, label))

    def missing_analyses(self) -> list[Document]:
        """Documents with a stored text but no cached analysis (what ``analyze_all`` does)."""
        return [
            d
            for d in self.store.list_documents()
            if not d.text_missing and self.analysis.cached_analysis(d) is None
        ]

    def analyze_all(self, progress: AnalyzeProgress | None = None) -> tuple[int, int]:
        """Analyse every document without a cached analysis; (analysed now, already cached)."""
        documents = self.store.list_documents()
        missing = [d for d in documents if self.analysis.cached_analysis(d) is None]
        done = 0
        for number, document in enumerate(missing):
            if progress is not None:
                progress(number, len(missing), document.title)
            try:
                self.analysis.analysis_for(document)
            except (NotFoundError, SourceError):
                continue  # no stored text: nothing to analyse
            done += 1
        self.index.add_analyses()
        return done, len(documents) - len(missing)


_GROUPS = frozenset({"person", "org", "place", "norp", "time", "number", "other"})
