"""Service part: analysis (entities and attributed quotations), cached per text and model.

Nothing here imports spaCy at import time: a cache hit never loads it at all, and the
pipeline is imported inside the methods that compute.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.core.analysis.cache import AnalysisCache
from reader.core.analysis.pipeline import model_info_without_loading as model_info
from reader.core.analysis.pipeline import resolve_model_name
from reader.core.store import Store
from reader.errors import NotFoundError
from reader.paths import Paths

if TYPE_CHECKING:
    from reader.core.analysis.results import Analysis, ModelInfo
    from reader.core.analysis.runner import CancelCheck, ProgressCallback
    from reader.core.analysis.worker import AnalysisJob
    from reader.core.models import Document


class AnalysisPart:
    """The analysis operations of the facade."""

    def __init__(self, paths: Paths, store: Store) -> None:
        self.paths = paths
        self.store = store
        self._infos: dict[str | None, ModelInfo] = {}

    def _model_info(self, model: str | None) -> ModelInfo:
        """The model's name and version, read once per model (package metadata is slow:
        the index asks for every document's analysis)."""
        if model not in self._infos:
            self._infos[model] = model_info(model)
        return self._infos[model]

    @property
    def analysis_cache(self) -> AnalysisCache:
        """The cache of finished analyses (``Paths.analysis_cache_dir``)."""
        return AnalysisCache(self.paths.analysis_cache_dir)

    def cached_analysis(
        self, document: Document, model: str | None = None, *, raw: bool = False
    ) -> Analysis | None:
        """The cached analysis of the document's current text, or None (never loads spaCy).

        Corrected by the reader's corrections unless ``raw`` (see ``corrected``).
        """
        cached = self.analysis_cache.load(document.sha256, self._model_info(model))
        return cached if cached is None or raw else self.corrected(document, cached)

    def corrected(self, document: Document, analysis: Analysis) -> Analysis:
        """``analysis`` with the document's corrections applied: the one place every
        analysis the service returns passes through (CLI, search, exports, the TUI)."""
        from reader.core.corrections import apply_corrections

        return apply_corrections(analysis, self.store.annotations_for(document.id))

    def analysis_for(
        self,
        document: Document,
        progress: ProgressCallback | None = None,
        cancel: CancelCheck | None = None,
        model: str | None = None,
        text: str | None = None,
        *,
        raw: bool = False,
    ) -> Analysis:
        """The document's analysis: from the cache, or computed now and cached.

        ``text`` saves a store read when the caller has it. Raises ``NotFoundError`` when the
        store lacks the text, ``BadInputError`` for an unknown model, ``AnalysisCancelled``.
        The cache keeps the machine's analysis; the result is corrected unless ``raw``.
        """
        info = self._model_info(model)
        cached = self.analysis_cache.load(document.sha256, info)
        if cached is not None:
            return cached if raw else self.corrected(document, cached)
        if text is None:
            text = self.store.load_text(document.sha256)
        if text is None:
            raise NotFoundError(f"the text of document {document.id[:8]} is missing from the store")
        from reader.core.analysis.runner import analyze_text

        analysis = analyze_text(
            text, document.sha256, model=model, progress=progress, cancel=cancel
        )
        self.analysis_cache.store(analysis, info)
        return analysis if raw else self.corrected(document, analysis)

    def start_analysis_job(
        self,
        document: Document,
        text: str,
        priority_offset: int = 0,
        model: str | None = None,
    ) -> AnalysisJob:
        """Analyse in a child process for the UI: a cache hit returns a finished job at once.

        Poll the job for ``ParagraphResult``s (visible part first) and the final ``Analysis``,
        which the child also stores in the cache. Cancel it when the document is closed.
        """
        from reader.core.analysis.worker import AnalysisJob

        info = self._model_info(model)
        cached = self.analysis_cache.load(document.sha256, info)
        if cached is not None:
            return AnalysisJob.completed(cached)
        job = AnalysisJob()
        job.start(
            text,
            document.sha256,
            resolve_model_name(model),
            priority_offset=priority_offset,
            cache_dir=self.paths.analysis_cache_dir,
        )
        return job
