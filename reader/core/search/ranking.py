"""BM25 ranking over note, quote and tags (tags weigh more), with recency breaking ties."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from reader.core.search.folding import words
from reader.core.search.index import SearchIndex
from reader.core.search.matching import FIELD_OF_TERM, Evaluator, phrase_pattern
from reader.core.search.query import Term

K1 = 1.2
B = 0.75
FIELD_WEIGHTS = {"note": 1.0, "quote": 1.0, "tags": 3.0}
"""A word in a tag says more about an annotation than the same word in its note."""
MIN_PREFIX = 3
"""A prefix shorter than this (the first letters typed) filters but does not rank: it says
little about relevance, and counting its occurrences in thousands of hits is slow."""


@dataclass(frozen=True)
class WeightedTerm:
    """A scoring term prepared once per query."""

    fields: tuple[tuple[str, set[int], list[str], float], ...]
    """Each field the term searches: entries it matched there, field texts, mean length."""
    pattern: re.Pattern[str] | None
    """None for ``tag:`` terms, which match whole tags: frequency 1 where they match."""
    idf: float
    first_word: str = ""


class Ranker:
    """Scores entries for a query's word terms; average field lengths are computed once."""

    def __init__(self, index: SearchIndex) -> None:
        self.index = index

    def prepare(self, term: Term, evaluator: Evaluator) -> WeightedTerm | None:
        """The term ready for scoring (None when it has no words to score)."""
        matching = evaluator.term(term)
        total = len(self.index.entries)
        idf = math.log(1.0 + (total - len(matching) + 0.5) / (len(matching) + 0.5))
        if term.field == "tag":
            return WeightedTerm((self._field("tags", matching),), None, idf)
        wanted = words(term.value)
        if not wanted or (term.prefix and len(wanted) == 1 and len(wanted[0]) < MIN_PREFIX):
            return None
        names = (FIELD_OF_TERM[term.field],) if term.field else tuple(FIELD_WEIGHTS)
        fields = tuple(
            self._field(name, evaluator.field_sets.get((term, name), set())) for name in names
        )
        return WeightedTerm(fields, phrase_pattern(wanted, term.prefix), idf, wanted[0])

    def _field(self, name: str, matched: set[int]) -> tuple[str, set[int], list[str], float]:
        return name, matched, self.index.texts(name), self.index.average_length(name)

    def scores(self, numbers: set[int], terms: list[WeightedTerm]) -> dict[int, float]:
        """BM25F-like scores of the entries ``numbers`` (field lengths in characters).

        Term at a time: each term visits only the entries it matched, field by field.
        """
        scores = dict.fromkeys(numbers, 0.0)
        for term in terms:
            pattern, first = term.pattern, term.first_word
            for field, matched, texts, average in term.fields:
                weight = FIELD_WEIGHTS[field] * term.idf * (K1 + 1.0)
                length_factor = K1 * B / average
                base = K1 * (1.0 - B)
                for number in matched & numbers if len(matched) > len(numbers) else matched:
                    if number not in scores:
                        continue
                    text = texts[number]
                    # Each occurrence holds the term's first word: a single substring hit
                    # means exactly one occurrence; only repeats need the (slow) regex count.
                    frequency = 1
                    if pattern is not None and text.count(first) > 1:
                        frequency = max(1, len(pattern.findall(text)))
                    norm = base + length_factor * len(text)
                    scores[number] += weight * frequency / (frequency + norm)
        return scores
