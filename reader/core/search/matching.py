"""Evaluates a query AST against a ``SearchIndex``: each node becomes a set of entry numbers."""

from __future__ import annotations

import re

from reader.core.search.folding import WORD, fold, words
from reader.core.search.index import (
    ANALYSIS_FIELDS,
    SEGMENT,
    TEXT_FIELDS,
    AnalysisLookup,
    SearchIndex,
    tag_key,
)
from reader.core.search.query import And, Node, Not, Term

FIELD_OF_TERM = {"note": "note", "quote": "quote", "tag": "tags"}
"""Query field -> index field, for the fields a bare word also searches."""


def phrase_pattern(wanted: list[str], prefix: bool) -> re.Pattern[str]:
    """A regex finding the folded words ``wanted`` in a row in a folded field text.

    Words may be separated by any non-word characters except a segment break, so a phrase
    never spans two tags. With ``prefix`` the last word matches any word it starts.
    """
    body = f"[^\\w{SEGMENT}]+".join(re.escape(word) for word in wanted)
    return re.compile(r"(?<!\w)" + body + ("" if prefix else r"(?!\w)"))


def phrase_in(text: str, wanted: list[str], prefix: bool) -> bool:
    """Whether folded ``text`` holds the words ``wanted`` in a row (``phrase_pattern``'s test)
    in linear time: Knuth-Morris-Pratt over the words of each segment. A regex backtracks
    on long phrases of repeated words (seconds for 5,000 words against a long note)."""
    fallback = _failure_table(wanted)
    last = len(wanted) - 1
    for segment in text.split(SEGMENT):
        matched = 0
        for found in WORD.finditer(segment):
            word = found.group()
            while matched and not _same(word, wanted[matched], prefix and matched == last):
                matched = fallback[matched - 1]
            if _same(word, wanted[matched], prefix and matched == last):
                matched += 1
                if matched == len(wanted):
                    return True
    return False


def _same(word: str, wanted: str, as_prefix: bool) -> bool:
    return word.startswith(wanted) if as_prefix else word == wanted


def _failure_table(wanted: list[str]) -> list[int]:
    """KMP: for each prefix of ``wanted``, the length of its longest proper border."""
    table = [0] * len(wanted)
    border = 0
    for position in range(1, len(wanted)):
        while border and wanted[position] != wanted[border]:
            border = table[border - 1]
        if wanted[position] == wanted[border]:
            border += 1
        table[position] = border
    return table


class Evaluator:
    """Computes the entries matching a query; remembers each term's entries (for ranking)."""

    def __init__(self, index: SearchIndex, lookup: AnalysisLookup | None = None) -> None:
        self.index = index
        self.lookup = lookup
        self.term_sets: dict[Term, set[int]] = {}
        self.field_sets: dict[tuple[Term, str], set[int]] = {}
        """Per term and field: the entries where the term matched in that field (for ranking)."""

    def evaluate(self, node: Node) -> set[int]:
        """The entry numbers ``node`` matches."""
        if isinstance(node, Term):
            return self.term(node)
        if isinstance(node, Not):
            return set(self.index.universe - self.evaluate(node.child))
        if isinstance(node, And):
            return self._all_of(node.children)
        result: set[int] = set()
        for child in node.children:
            result |= self.evaluate(child)
        return result

    def _all_of(self, children: tuple[Node, ...]) -> set[int]:
        # Positive children first, so exclusions only trim an already small set.
        ordered = sorted(children, key=lambda child: isinstance(child, Not))
        result = set(self.index.universe)
        for child in ordered:
            if not result:
                break
            if isinstance(child, Not):
                result -= self.evaluate(child.child)
            else:
                result &= self.evaluate(child)
        return result

    def term(self, term: Term) -> set[int]:
        """The entries one term matches (cached per term)."""
        if term not in self.term_sets:
            self.term_sets[term] = self._term(term)
        return self.term_sets[term]

    def _term(self, term: Term) -> set[int]:
        field = term.field
        if field is None:
            found: set[int] = set()
            for name in TEXT_FIELDS:
                found |= self.field_words(name, term)
            return found
        if field in ("note", "quote"):
            return self.field_words(field, term)
        if field in ANALYSIS_FIELDS:
            if self.lookup is not None:
                self.index.add_analysis_fields(self.lookup)
            return self.field_words(field, term) if self.index.has_analysis_fields else set()
        return self._keyed(field, term)

    def _keyed(self, field: str, term: Term) -> set[int]:
        index = self.index
        if field == "tag":
            return _by_key(index.tag_keys, tag_key(term.value), term.prefix)
        if field == "color":
            return _by_key(index.colors, fold(term.value.strip()), term.prefix)
        if field == "after":
            return index.created_from(term.value)
        if field == "before":
            return index.created_before(term.value)
        if field == "is":
            status = "orphaned" if term.value == "orphan" else term.value
            return set(index.statuses.get(status, ()))
        return self._documents(term)

    def field_words(self, field: str, term: Term) -> set[int]:
        """Entries whose ``field`` holds the term's words in a row."""
        wanted = words(term.value)
        if not wanted:
            found = self._raw_substring(field, fold(term.value))
        else:
            found = self._phrase(field, wanted, term.prefix)
        self.field_sets[(term, field)] = found
        return found

    def _phrase(self, field: str, wanted: list[str], prefix: bool) -> set[int]:
        candidates: set[int] | None = None
        last = len(wanted) - 1
        # Rarer-looking (longer) words first: the intersection shrinks fastest.
        for position in sorted(range(len(wanted)), key=lambda p: -len(wanted[p])):
            having = self.index.entries_with(field, wanted[position], prefix and position == last)
            candidates = having if candidates is None else candidates & having
            if not candidates:
                return set()
        assert candidates is not None
        if len(wanted) == 1:
            return candidates
        texts = self.index.texts(field)
        return {n for n in candidates if phrase_in(texts[n], wanted, prefix)}

    def _raw_substring(self, field: str, needle: str) -> set[int]:
        """A term without any word (``&``, ``—``) matches as a substring of the raw text."""
        if field not in TEXT_FIELDS or not needle.strip():
            return set()
        found = set()
        for number, entry in enumerate(self.index.entries):
            annotation = entry.annotation
            texts = {
                "note": [annotation.note],
                "quote": [annotation.selector.exact],
                "tags": list(annotation.tags),
            }[field]
            if any(needle in fold(text) for text in texts):
                found.add(number)
        return found

    def _documents(self, term: Term) -> set[int]:
        """``doc:``: a document id prefix or words of the title."""
        id_prefix = term.value.strip().casefold()
        wanted = words(term.value)
        pattern = phrase_pattern(wanted, term.prefix) if wanted else None
        found: set[int] = set()
        for document_id, numbers in self.index.by_document.items():
            document = self.index.documents.get(document_id)
            title = fold(document.title) if document else ""
            if (id_prefix and document_id.casefold().startswith(id_prefix)) or (
                pattern is not None and pattern.search(title)
            ):
                found.update(numbers)
        return found


def _by_key(postings: dict[str, set[int]], key: str, prefix: bool) -> set[int]:
    if not prefix:
        return set(postings.get(key, ()))
    found: set[int] = set()
    for name, numbers in postings.items():
        if name.startswith(key):
            found |= numbers
    return found


def scoring_terms(node: Node, negated: bool = False) -> list[Term]:
    """The terms that rank results: word terms not under an exclusion, in query order."""
    if isinstance(node, Term):
        wanted = node.field is None or node.field in FIELD_OF_TERM
        return [node] if wanted and not negated else []
    if isinstance(node, Not):
        return scoring_terms(node.child, not negated)
    terms: list[Term] = []
    for child in node.children:
        terms.extend(t for t in scoring_terms(child, negated) if t not in terms)
    return terms
