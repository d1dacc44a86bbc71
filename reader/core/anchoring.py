"""Re-anchoring annotations on a changed text.

An annotation records its passage against one version of a document: the exact words, up to
32 characters of context each side, and offsets. When the document's text changes, each
annotation is placed again, trying in turn:

1. the old offsets (or the offsets shifted as the annotations before it were), if they
   still hold the exact words with the same context;
2. the exact words elsewhere, preferring the occurrence whose neighbouring text matches the
   recorded context best (less a little for distance, so that of two verbatim copies the
   one in place with a word changed beside it beats a distant one), then the nearest;
3. an approximate match of quote and context (``reader.core.fuzzy_match``), so that a passage
   with some words changed or inserted is found as the changed passage; it is also asked
   when the exact words survive only out of their context, and wins if it fits better;
4. otherwise the annotation is orphaned: kept, with its selector (and the version it
   belongs to) as it was.

``reanchor_all`` places many annotations of one document at once, sharing the work: exact
occurrences are looked up once per quote, and each annotation's expected position follows
the shift observed on the annotations before it, so most are confirmed in constant time.
"""

from __future__ import annotations

import statistics
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from reader.core.anchor_guess import Passage
from reader.core.anchor_index import SeedIndex
from reader.core.fuzzy_match import FuzzyMatch, assess, locate
from reader.core.models import AnchorMove, Annotation, AnnotationStatus, Selector, now_iso

_LOCAL_SEARCH = 4096
"""How far around the expected position an exact occurrence is first looked for."""
_CONFIDENT_CONTEXT = 8
"""Characters of matching context that make an exact occurrence the passage's new place."""
_FAR_CHARS = 256
_FAR_PENALTY = 32
"""Characters of context that distance can outweigh: one per ``_FAR_CHARS``, at most this."""
_RECENT_SHIFTS = 5
"""How many recent shifts the guess for the next annotation is the median of."""


@dataclass
class _Target:
    """The new text, with exact-occurrence lookups remembered across annotations."""

    text: str
    occurrences: dict[str, list[int]] = field(default_factory=dict)
    seeds: SeedIndex = field(init=False)

    def __post_init__(self) -> None:
        self.seeds = SeedIndex(self.text)

    def all_occurrences(self, exact: str) -> list[int]:
        """Every start offset of ``exact`` in the text (overlapping ones included)."""
        known = self.occurrences.get(exact)
        if known is None:
            known = self.seeds.occurrences(exact)
            if known is None:
                known = _find_all(self.text, exact, 0, len(self.text))
            self.occurrences[exact] = known
        return known


def _find_all(text: str, exact: str, low: int, high: int) -> list[int]:
    """Start offsets of ``exact`` lying entirely within ``text[low:high]``."""
    found: list[int] = []
    position = text.find(exact, low, high)
    while position != -1:
        found.append(position)
        position = text.find(exact, position + 1, high)
    return found


def _common_prefix_length(first: str, second: str) -> int:
    if first == second:
        return len(first)
    for index, (a, b) in enumerate(zip(first, second, strict=False)):
        if a != b:
            return index
    return min(len(first), len(second))


def _common_suffix_length(first: str, second: str) -> int:
    if first == second:
        return len(first)
    return _common_prefix_length(first[::-1], second[::-1])


def _context_score(text: str, start: int, end: int, selector: Selector) -> int:
    """How many characters of the recorded context match the text next to ``start:end``."""
    before = text[max(0, start - len(selector.prefix)) : start]
    after = text[end : end + len(selector.suffix)]
    return _common_suffix_length(selector.prefix, before) + _common_prefix_length(
        selector.suffix, after
    )


@dataclass(frozen=True)
class _Occurrence:
    """Where the exact words occur, and how much of the recorded context is around them."""

    start: int
    context: int
    """Characters of matching context (higher is better)."""


def _best_occurrence(
    text: str, selector: Selector, starts: Iterable[int], hint: int
) -> _Occurrence | None:
    """The occurrence with the most matching context, then the nearest to ``hint``.

    Distance costs up to ``_FAR_PENALTY`` characters of context, so that where the text holds
    the passage verbatim more than once, the copy by the hint with a word changed next to it
    beats a distant copy whose context happens to be intact.
    """
    best: tuple[float, int] | None = None
    best_start = best_context = 0
    for start in starts:
        context = _context_score(text, start, start + len(selector.exact), selector)
        distance = abs(start - hint)
        key = (min(_FAR_PENALTY, distance / _FAR_CHARS) - context, distance)
        if best is None or key < best:
            best, best_start, best_context = key, start, context
    if best is None:
        return None
    return _Occurrence(best_start, best_context)


def _exact_occurrence(target: _Target, selector: Selector, hint: int) -> _Occurrence | None:
    """Step 1 and 2: the recorded exact words, where their context fits best."""
    text, exact = target.text, selector.exact
    full = len(selector.prefix) + len(selector.suffix)
    for start in dict.fromkeys((hint, max(0, selector.start))):
        at_start = text[start : start + len(exact)] == exact
        if at_start and _context_score(text, start, start + len(exact), selector) == full:
            return _Occurrence(start, full)
    # A perfect-context occurrence near the hint beats any farther one: look there first.
    low, high = max(0, hint - _LOCAL_SEARCH), hint + _LOCAL_SEARCH + len(exact)
    local = _best_occurrence(text, selector, _find_all(text, exact, low, high), hint)
    if local is not None and local.context == full:
        return local
    return _best_occurrence(text, selector, target.all_occurrences(exact), hint)


def _place(target: _Target, selector: Selector, hint: int) -> tuple[int, int] | None:
    """The new span of the passage recorded by ``selector``, or None if it is gone."""
    if not selector.exact:
        return None  # an empty passage carries nothing to find again
    exact = _exact_occurrence(target, selector, hint)
    full = len(selector.prefix) + len(selector.suffix)
    if exact is not None and exact.context >= min(_CONFIDENT_CONTEXT, full):
        return exact.start, exact.start + len(selector.exact)
    passage = Passage.of(selector.prefix, selector.exact, selector.suffix, hint)
    verbatim = None
    if exact is not None:
        verbatim = assess(target.text, passage, exact.start, exact.start + len(selector.exact))
        if verbatim.confirmed:
            return verbatim.start, verbatim.end
    # The words survive only out of their context (or not at all): the passage may have
    # been edited in place, which the fuzzy matcher finds by its context.
    fuzzy = locate(target.text, passage, target.seeds)
    chosen = _preferred(verbatim, fuzzy)
    return None if chosen is None else (chosen.start, chosen.end)


def _preferred(verbatim: FuzzyMatch | None, fuzzy: FuzzyMatch | None) -> FuzzyMatch | None:
    """The exact words out of context, or the edited passage in context, whichever fits best.

    A fuzzy match over the verbatim words differs only by words added next to them, which
    were not part of the passage: the verbatim words win then.
    """
    if verbatim is None or fuzzy is None:
        return verbatim or fuzzy
    overlapping = fuzzy.start < verbatim.end and verbatim.start < fuzzy.end
    if fuzzy.confirmed and fuzzy.score > verbatim.score and not overlapping:
        return fuzzy
    return verbatim


def _placed(
    annotation: Annotation, span: tuple[int, int] | None, text: str, sha: str
) -> Annotation:
    """The annotation after placing it at ``span`` of ``text`` (None: orphaned)."""
    old = annotation.selector
    if span is None:
        if annotation.status == AnnotationStatus.ORPHANED:
            return annotation
        return replace(annotation, status=AnnotationStatus.ORPHANED)
    selector = Selector.from_text(text, *span)
    if (selector.start, selector.end, selector.exact) == (old.start, old.end, old.exact):
        return replace(annotation, sha256=sha, selector=selector, status=AnnotationStatus.ANCHORED)
    move = AnchorMove(sha256=annotation.sha256, start=old.start, end=old.end, moved=now_iso())
    return replace(
        annotation,
        sha256=sha,
        selector=selector,
        status=AnnotationStatus.MOVED,
        history=(*annotation.history, move),
    )


def _is_settled(annotation: Annotation, sha256: str) -> bool:
    """Already placed in this version (orphans are always tried again)."""
    return annotation.sha256 == sha256 and annotation.status != AnnotationStatus.ORPHANED


def reanchor(annotation: Annotation, text: str, sha256: str) -> Annotation:
    """Place ``annotation`` in ``text`` (version ``sha256``).

    Returns the annotation unchanged when it is already anchored in that version; otherwise a
    copy with a refreshed selector and ``sha256``: status ``anchored`` if its offsets and
    words are unchanged, else ``moved`` with the old position appended to ``history``; or
    status ``orphaned`` (selector and ``sha256`` kept, so its quote can still be shown and a
    later text that holds it again can re-anchor it) when no acceptable match exists. Never
    raises for a missing match.
    """
    return reanchor_all([annotation], text, sha256)[0]


def reanchor_all(annotations: Sequence[Annotation], text: str, sha256: str) -> list[Annotation]:
    """``reanchor`` for many annotations of one document, in the given order, sharing work.

    Annotations are visited in their old order, per old version; the shift by which the
    recent ones moved predicts where the next one is, which usually confirms it at once.
    """
    results = reanchor_until(annotations, text, sha256, lambda: False)
    assert results is not None  # never stopped
    return results


def reanchor_until(
    annotations: Sequence[Annotation], text: str, sha256: str, stop: Callable[[], bool]
) -> list[Annotation] | None:
    """``reanchor_all``, asking ``stop`` before each placement: None when it said stop.

    Placing writes nothing, so a reader may stop it at any point (a long, changed text)."""
    target = _Target(text)
    results = list(annotations)
    pending = [i for i, a in enumerate(annotations) if not _is_settled(a, sha256)]
    pending.sort(key=lambda i: (annotations[i].sha256, annotations[i].selector.start))
    shifts: deque[int] = deque(maxlen=_RECENT_SHIFTS)
    version = ""
    for index in pending:
        if stop():
            return None
        annotation = annotations[index]
        if annotation.sha256 != version:
            shifts.clear()
            version = annotation.sha256
        selector = annotation.selector
        # The median of recent shifts: one odd placement must not mislead the next guesses.
        hint = max(0, selector.start + (int(statistics.median(shifts)) if shifts else 0))
        span = _place(target, selector, hint)
        results[index] = _placed(annotation, span, text, sha256)
        # Only a passage found near its guess vouches for the shift of the next ones.
        if span is not None and abs(span[0] - hint) <= _LOCAL_SEARCH:
            shifts.append(span[0] - selector.start)
    return results
