"""An in-memory index over annotations: folded field texts, keys, and (lazily) postings.

Each annotation is an *entry* (numbered from 0). For each searchable field the index keeps
the entry's text folded (see ``folding``), segments (tags, entity names) joined by
``SEGMENT``. A term is found by scanning those texts (cheap for a one-off query, as in a
``reader search`` process) or, once the index has served a query, through postings
(``word -> entries``) built on the first reuse, which keep repeated queries (the TUI's
search-as-you-type) fast.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import overload

from reader.core.analysis.results import Analysis, label_group
from reader.core.models import Annotation, AnnotationStatus, Document
from reader.core.search.folding import WORD, fold, words

AnalysisLookup = Callable[[Document], Analysis | None]
"""Gives a document's analysis (computing it if need be) or None when there is none."""

TEXT_FIELDS = ("note", "quote", "tags")
"""Fields searched by a bare word."""

ANALYSIS_FIELDS = ("entity", "speaker", "label")
"""Fields that need each document's analysis."""

SEGMENT = "\x1f"
"""Separates the segments of one field (tags, entity names): phrases never cross it."""
_ENTRY = "\x1e"


@dataclass(frozen=True)
class Entry:
    """One indexed annotation with its document."""

    annotation: Annotation
    document: Document | None


def tag_key(tag: str) -> str:
    """How tags compare in searches: folded words joined by single spaces."""
    return " ".join(words(tag))


_INERT = "".join(
    char
    for char in "¡¢£¤¥§©«®°±¶·»¿×÷‐‒–—―‘’‚‛“”„‟†‡•‰′‹›€₹←↑→↓"
    if fold(char) == char.casefold() == char.lower() == char
)
"""Typographic characters common in English text that folding leaves as they are."""
_NOT_LOWER_ONLY = re.compile(r"[^\x00-\x7f" + re.escape(_INERT) + "]")
"""A character that ``str.lower`` alone may fold wrongly (an accent, a ligature, a Σ)."""


def fold_all(texts: list[str]) -> list[str]:
    """``fold`` of each text, done in bulk (much faster than text by text).

    Texts of ASCII and dashes or curly quotes only (most of them, in English) fold by
    ``str.lower``, done once on the joined texts; the others by ``fold`` each. The full
    ``fold`` of one long text of them all would be slow: one accent anywhere makes it
    rebuild every character.
    """
    joined = _ENTRY.join(texts)
    plain = joined.isascii()
    # Lowering the UTF-8 bytes changes ASCII letters only, twice as fast as ``str.lower``:
    # exactly ``lower`` for the texts it may fold; the others are folded below.
    lowered = joined.lower() if plain else _lower_ascii_letters(joined)
    folded = lowered.split(_ENTRY)
    if len(folded) != len(texts):  # a text holds the separator itself
        return [fold(text) for text in texts]
    if not plain:
        for number in _needing_fold(joined, texts):
            folded[number] = fold(texts[number])
    return folded


def _lower_ascii_letters(text: str) -> str:
    """``text`` with its ASCII letters lowered and every other character as it was."""
    return text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")


def _needing_fold(joined: str, texts: list[str]) -> list[int]:
    """Numbers of the ``texts`` (joined by ``_ENTRY`` in ``joined``) ``lower`` cannot fold."""
    ends = list(itertools.accumulate(len(text) + 1 for text in texts))
    numbers: list[int] = []
    position = 0
    while (match := _NOT_LOWER_ONLY.search(joined, position)) is not None:
        number = bisect.bisect_right(ends, match.start())
        numbers.append(number)
        position = ends[number]  # on to the next text
    return numbers


def fold_segments(values: list[tuple[str, ...]]) -> list[str]:
    """Per entry, its segments (tags) folded and joined by ``SEGMENT``.

    Entries share few distinct values: each is folded once, each distinct tuple joined once.
    """
    distinct = list({segment for segments in values for segment in segments})
    folded = dict(zip(distinct, fold_all(distinct), strict=True))
    joined = {
        segments: SEGMENT.join([folded[segment] for segment in segments])
        for segments in set(values)
    }
    return [joined[segments] for segments in values]


class EntryView(Sequence[Entry]):
    """The entries of an index, each made when asked for: a query needs few of them."""

    def __init__(self, annotations: list[Annotation], documents: dict[str, Document]) -> None:
        self._annotations = annotations
        self._documents = documents

    def __len__(self) -> int:
        return len(self._annotations)

    @overload
    def __getitem__(self, number: int) -> Entry: ...

    @overload
    def __getitem__(self, number: slice) -> list[Entry]: ...

    def __getitem__(self, number: int | slice) -> Entry | list[Entry]:
        if isinstance(number, slice):
            return [self._entry(annotation) for annotation in self._annotations[number]]
        return self._entry(self._annotations[number])

    def _entry(self, annotation: Annotation) -> Entry:
        return Entry(annotation, self._documents.get(annotation.document_id))


class SearchIndex:
    """Everything needed to evaluate and rank queries over a fixed set of annotations."""

    def __init__(self, annotations: Iterable[Annotation], documents: Iterable[Document]) -> None:
        self.documents = {document.id: document for document in documents}
        self.annotations = list(annotations)
        self._texts: dict[str, list[str]] = {}
        self._average_length: dict[str, float] = {}
        self.postings: dict[str, dict[str, set[int]]] = {}
        self._vocabulary: dict[str, list[str]] = {}
        self.queries_served = 0
        self.has_analysis_fields = False

    def replace_documents(self, documents: Iterable[Document]) -> None:
        """Take new document records (titles, reading positions) without re-indexing notes.

        A changed text version drops the entity, label and speaker fields, which depend on it.
        """
        old = self.documents
        self.documents = {document.id: document for document in documents}
        if any(
            old.get(key) is None or old[key].sha256 != document.sha256
            for key, document in self.documents.items()
        ):
            self.has_analysis_fields = False

    # Everything below is computed on first use: a one-off query (a `reader search` process)
    # pays only for the fields it touches.

    @property
    def entries(self) -> Sequence[Entry]:
        """Every entry, in entry-number order."""
        return EntryView(self.annotations, self.documents)

    @cached_property
    def universe(self) -> frozenset[int]:
        """Every entry number."""
        return frozenset(range(len(self.annotations)))

    def texts(self, field: str) -> list[str]:
        """Per entry, the folded text of ``field`` (segments joined by ``SEGMENT``)."""
        if field not in self._texts:
            if field == "note":
                self._texts[field] = fold_all([a.note for a in self.annotations])
            elif field == "quote":
                self._texts[field] = fold_all([a.selector.exact for a in self.annotations])
            elif field == "tags":
                self._texts[field] = fold_segments([a.tags for a in self.annotations])
            else:  # an analysis field before add_analysis_fields: nothing known yet
                return [""] * len(self.annotations)
        return self._texts[field]

    def average_length(self, field: str) -> float:
        """Mean length (characters) of ``field`` over all entries, at least 1."""
        if field not in self._average_length:
            total = sum(map(len, self.texts(field)))
            self._average_length[field] = max(1.0, total / max(1, len(self.annotations)))
        return self._average_length[field]

    @cached_property
    def tag_keys(self) -> dict[str, set[int]]:
        """Folded whole tag -> entries."""
        return self._key_postings(lambda a: a.tags, tag_key)

    @cached_property
    def colors(self) -> dict[str, set[int]]:
        """Folded colour -> entries."""
        return self._key_postings(lambda a: (a.color,), lambda c: fold(c.strip()))

    @cached_property
    def statuses(self) -> dict[str, set[int]]:
        """Anchoring status -> entries."""
        return self._key_postings(lambda a: (a.status.value,), str)

    @cached_property
    def by_document(self) -> dict[str, list[int]]:
        """Document id -> its entries."""
        grouped: dict[str, list[int]] = defaultdict(list)
        for number, annotation in enumerate(self.annotations):
            grouped[annotation.document_id].append(number)
        return dict(grouped)

    @cached_property
    def _created(self) -> tuple[list[int], list[str]]:
        order = sorted(range(len(self.annotations)), key=lambda n: self.annotations[n].created)
        return order, [self.annotations[n].created for n in order]

    @cached_property
    def newest_first(self) -> list[int]:
        """All entries by ``modified``, then ``created``, newest first."""
        keys = [(a.modified, a.created) for a in self.annotations]
        return sorted(range(len(keys)), key=keys.__getitem__, reverse=True)

    def _key_postings(
        self, values_of: Callable[[Annotation], Iterable[str]], key_of: Callable[[str], str]
    ) -> dict[str, set[int]]:
        """``key -> entries`` for short values (tags, colours), keying each distinct value once."""
        by_value: dict[str, set[int]] = defaultdict(set)
        for number, annotation in enumerate(self.annotations):
            for value in values_of(annotation):
                by_value[value].add(number)
        postings: dict[str, set[int]] = defaultdict(set)
        for value, numbers in by_value.items():
            postings[key_of(value)] |= numbers
        return dict(postings)

    def served_query(self) -> None:
        """Note that a query ran; from the second one on, queries use postings."""
        self.queries_served += 1

    def _field_postings(self, field: str) -> dict[str, set[int]] | None:
        """The field's postings once the index is being reused (built here on first need)."""
        if self.queries_served < 1:
            return None
        if field not in self.postings:
            postings: dict[str, set[int]] = defaultdict(set)
            for number, text in enumerate(self.texts(field)):
                for word in set(WORD.findall(text)):
                    postings[word].add(number)
            self.postings[field] = dict(postings)
        return self.postings[field]

    def entries_with(self, field: str, word: str, prefix: bool) -> set[int]:
        """Entries whose ``field`` has the folded ``word`` (with ``prefix``: a word it starts)."""
        postings = self._field_postings(field)
        if postings is None:
            return self._scan(field, word, prefix)
        if not prefix:
            return set(postings.get(word, ()))
        return set().union(*(postings[w] for w in self._with_prefix(field, postings, word)))

    def _scan(self, field: str, word: str, prefix: bool) -> set[int]:
        pattern = re.compile(r"(?<!\w)" + re.escape(word) + ("" if prefix else r"(?!\w)"))
        return {
            number
            for number, text in enumerate(self.texts(field))
            if word in text and pattern.search(text)
        }

    def _with_prefix(self, field: str, postings: dict[str, set[int]], prefix: str) -> list[str]:
        if field not in self._vocabulary:
            self._vocabulary[field] = sorted(postings)
        vocabulary = self._vocabulary[field]
        start = end = bisect.bisect_left(vocabulary, prefix)
        while end < len(vocabulary) and vocabulary[end].startswith(prefix):
            end += 1
        return vocabulary[start:end]

    def created_from(self, day: str) -> set[int]:
        """Entries created on ``day`` (YYYY-MM-DD) or later."""
        order, keys = self._created
        return set(order[bisect.bisect_left(keys, day) :])

    def created_before(self, day: str) -> set[int]:
        """Entries created before ``day`` (YYYY-MM-DD)."""
        order, keys = self._created
        return set(order[: bisect.bisect_left(keys, day)])

    def add_analysis_fields(self, lookup: AnalysisLookup) -> None:
        """Index entities, labels and speakers of every annotated document (once)."""
        if self.has_analysis_fields:
            return
        found: dict[str, list[list[str]]] = {
            f: [[] for _ in self.annotations] for f in ANALYSIS_FIELDS
        }
        for document_id, numbers in self.by_document.items():
            document = self.documents.get(document_id)
            analysis = lookup(document) if document is not None else None
            if analysis is None:
                continue
            for number in numbers:
                annotation = self.annotations[number]
                if _anchored_in(annotation, analysis):
                    facts = _facts(annotation, analysis)
                    for field in ANALYSIS_FIELDS:
                        found[field][number] = facts[field]
        for field in ANALYSIS_FIELDS:
            self._texts[field] = fold_all([SEGMENT.join(names) for names in found[field]])
            self.postings.pop(field, None)
            self._vocabulary.pop(field, None)
        self.has_analysis_fields = True


def _anchored_in(annotation: Annotation, analysis: Analysis) -> bool:
    """Whether the annotation's offsets refer to the analysed text."""
    return annotation.sha256 == analysis.sha256 and annotation.status != AnnotationStatus.ORPHANED


def _facts(annotation: Annotation, analysis: Analysis) -> dict[str, list[str]]:
    """Entity names, labels and speaker names an annotation's passage touches."""
    start, end = annotation.selector.start, annotation.selector.end
    names = {entity.id: entity.name for entity in analysis.entity_index}
    touched = [m for m in analysis.entities if m.start < end and start < m.end]
    speakers = {
        name
        for quote in analysis.quotes
        if quote.speaker is not None and quote.start <= start and end <= quote.end
        for name in (quote.speaker.name, quote.speaker.text)
    }
    return {
        "entity": sorted({names.get(m.entity, m.text) for m in touched}),
        "label": sorted({m.label for m in touched} | {label_group(m.label) for m in touched}),
        "speaker": sorted(speakers),
    }
