"""Runs a parsed query over an index: match, rank, cut to ``limit``, build snippets."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from reader.core.models import Annotation
from reader.core.search.index import AnalysisLookup, SearchIndex
from reader.core.search.matching import Evaluator, scoring_terms
from reader.core.search.query import Node
from reader.core.search.ranking import Ranker
from reader.core.search.snippets import Matcher, snippet


@dataclass(frozen=True)
class SearchHit:
    """One search result.

    ``snippet`` is a one-line excerpt of the note (or, failing a match there, the passage);
    ``matches`` are ``(start, end)`` spans of matched words inside ``snippet``.
    """

    annotation: Annotation
    document_id: str
    document_title: str
    score: float
    snippet: str
    matches: tuple[tuple[int, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``reader search --json``."""
        return {
            "annotation": self.annotation.to_dict(),
            "document": {"id": self.document_id, "title": self.document_title},
            "score": round(self.score, 4),
            "snippet": self.snippet,
        }


def run_query(
    index: SearchIndex,
    node: Node,
    lookup: AnalysisLookup | None = None,
    limit: int | None = None,
) -> list[SearchHit]:
    """The hits of ``node``: best score first, then most recently modified first."""
    evaluator = Evaluator(index, lookup)
    numbers = evaluator.evaluate(node)
    index.served_query()
    if limit is not None and limit >= len(numbers):
        limit = None  # every match fits; a limit past sys.maxsize would also break islice
    terms = scoring_terms(node)
    ranker = Ranker(index)
    prepared = [ranker.prepare(term, evaluator) for term in terms]
    weighted = [term for term in prepared if term is not None]
    scores = ranker.scores(numbers, weighted) if weighted else {}
    annotations = index.annotations

    def order(number: int) -> tuple[float, str, str]:
        annotation = annotations[number]
        return scores.get(number, 0.0), annotation.modified, annotation.created

    if scores:
        chosen = sorted(_best(numbers, scores, limit), key=order, reverse=True)[:limit]
    else:
        newest = (number for number in index.newest_first if number in numbers)
        chosen = list(itertools.islice(newest, limit))
    matcher = Matcher(terms)
    return [_hit(index, number, scores.get(number, 0.0), matcher) for number in chosen]


def _best(numbers: set[int], scores: dict[int, float], limit: int | None) -> Iterable[int]:
    """The entries that can make the first ``limit``: scoring at least the limit-th score.

    Finding that score is a C-level sort of floats; ties at the cut all stay in, for the
    full (score, recency) ordering to settle.
    """
    if limit is None or len(numbers) <= limit:
        return numbers
    if limit <= 0:
        return ()
    threshold = sorted(scores.values(), reverse=True)[limit - 1]
    return [number for number, score in scores.items() if score >= threshold]


def _hit(index: SearchIndex, number: int, score: float, matcher: Matcher) -> SearchHit:
    entry = index.entries[number]
    annotation = entry.annotation
    text, spans = snippet([annotation.note, annotation.selector.exact], matcher)
    return SearchHit(
        annotation=annotation,
        document_id=annotation.document_id,
        document_title=entry.document.title if entry.document else "",
        score=score,
        snippet=text,
        matches=spans,
    )
