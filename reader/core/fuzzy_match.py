"""Approximate location of a passage that was edited: the fuzzy step of re-anchoring.

The recorded passage is its exact words with up to 32 characters of context each side. In
the new text we look for places where pieces of that passage still occur verbatim (seeds),
then settle each boundary of the passage with diff-match-patch's bitap matcher on short
(at most 32-character, ``Match_MaxBits``) patterns taken around the old boundary: the
context next to it, the quote next to it, and both across it. This is the approach of the
Hypothesis annotation client's text-quote anchoring (match the prefix, the suffix, then the
quote). Every candidate span is scored on how similar its quote and context are to the old
ones, and on how far it lies from where the passage was expected.
"""

from __future__ import annotations

from dataclasses import dataclass

from diff_match_patch import diff_match_patch

from reader.core.anchor_guess import MAX_BITS, Guess, Passage, guesses
from reader.core.anchor_index import SEED_CHARS, SeedIndex

_MATCH_THRESHOLD = 0.4
"""Bitap's limit on errors per pattern character plus distance from the guess (0 is perfect)."""
_CERTAIN = 1.9
"""A score this high (quote and context nearly intact) ends the search early."""
_MAX_REACH = 1024
"""Farthest a boundary is sought from its guess, beyond the pattern length."""
_MIN_PIECE = 4
"""Shortest piece of context searched for verbatim near a boundary."""
_MIN_CONTEXT = 8
"""Context shorter than this (a passage at the very start or end) is compared verbatim."""
_MAX_SNAP = 16
"""Farthest a boundary is moved to reach the edge of a word."""

QUOTE_MIN = 0.4
"""Least quote similarity accepted when the context confirms the place."""
QUOTE_ALONE = 0.8
"""Least quote similarity accepted when the context has changed too."""
CONTEXT_CONFIRMS = 0.75
"""Similarity of one side's context that confirms the place."""
_QUOTE_ALONE_MIN_CHARS = 24
"""Shorter quotes are too easily found by chance to be accepted without their context."""

_INSERT = diff_match_patch.DIFF_INSERT


def _matcher(reach: int = MAX_BITS) -> diff_match_patch:
    """A matcher that accepts a clean match up to about ``reach`` characters from its guess."""
    dmp = diff_match_patch()
    dmp.Match_Threshold = _MATCH_THRESHOLD
    dmp.Match_Distance = max(1, round(reach / (_MATCH_THRESHOLD / 2)))
    # A safety net for very long, very different quotes; similar ones finish far sooner.
    dmp.Diff_Timeout = 0.05
    return dmp


_DMP = _matcher()


def similarity(old: str, new: str) -> float:
    """1 minus the edit distance (Levenshtein, in characters) over the longer length."""
    if old == new:
        return 1.0
    longest = max(len(old), len(new))
    if not old or not new:
        return 0.0
    diffs = _DMP.diff_main(old, new, False)
    distance: int = _DMP.diff_levenshtein(diffs)
    return 1.0 - distance / longest


@dataclass(frozen=True)
class FuzzyMatch:
    """A span of the new text judged to be the edited passage."""

    start: int
    end: int
    quote: float
    """Similarity of the span to the recorded quote (1 when identical)."""
    score: float
    """Quote similarity plus half of each side's context similarity, less a little for
    distance from where the passage was expected (at most 2)."""
    confirmed: bool
    """Whether the context on at least one side matched (not the quote alone)."""


def locate(text: str, passage: Passage, seeds: SeedIndex | None = None) -> FuzzyMatch | None:
    """The best acceptable span of ``text`` for the edited ``passage``, or None.

    ``seeds`` may be shared by the calls for one text (see ``SeedIndex``).
    """
    # Words inserted or deleted in the passage put one boundary up to half its length
    # away from where seeds at the other end place it; seeds near each boundary place it
    # more closely, so the search around each guess can be narrower for long passages.
    spread = MAX_BITS + (passage.end - passage.start) // 2
    reach = min(spread, MAX_BITS + _MAX_REACH)
    search = _Search(text, passage, reach, _matcher(reach))
    best: FuzzyMatch | None = None
    seen: set[tuple[int, int]] = set()
    for guess in guesses(seeds or SeedIndex(text), passage, spread):
        for start, end in search.candidate_spans(guess):
            if (start, end) in seen:
                continue
            seen.add((start, end))
            match = _judge(text, passage, start, end)
            if match is not None and (best is None or match.score > best.score):
                best = match
        if best is not None and best.score >= _CERTAIN:
            break  # the best supported place fits so well that no other can be better
    return best


@dataclass(frozen=True)
class _Search:
    """One passage being looked for in one text."""

    text: str
    passage: Passage
    reach: int
    """How far from its guess a boundary may be."""
    dmp: diff_match_patch

    def candidate_spans(self, guess: Guess) -> list[tuple[int, int]]:
        """Spans made of each way of finding the start with each way of finding the end."""
        starts = self._options_near(self.passage.start, guess.start)
        ends = self._options_near(self.passage.end, guess.end)
        return [(start, end) for start in starts for end in ends if start < end]

    def _options_near(self, boundary: int, guess: int) -> list[int]:
        """Positions in the text that may correspond to ``boundary`` of ``passage.local``."""
        passage, text = self.passage, self.text
        # Each boundary is sought in its own window, so long passages cost no more.
        low = max(0, guess - self.reach - MAX_BITS)
        high = min(len(text), guess + self.reach + MAX_BITS)
        window = text[low:high]
        options = self._boundary_options(window, boundary, guess - low)
        at_edge = self._at_text_edge(boundary)
        if at_edge is not None and low <= at_edge <= high:
            options.append(at_edge - low)
        # A passage that began and ended at word edges still does: the matcher can be off
        # by a letter or two where an edge word itself was changed.
        options = _snapped(window, options, _edge_kinds(passage.local, boundary))
        return [low + option for option in options]

    def _at_text_edge(self, boundary: int) -> int | None:
        """Where ``boundary`` is if the passage was and still is at the start or end.

        Short context means the passage was at the start or end of the text: it still is
        if the text still starts or ends with the same few characters.
        """
        passage, text = self.passage, self.text
        prefix, suffix = passage.prefix, passage.suffix
        if boundary == passage.start and len(prefix) < _MIN_CONTEXT and text.startswith(prefix):
            return len(prefix)
        if boundary == passage.end and len(suffix) < _MIN_CONTEXT and text.endswith(suffix):
            return len(text) - len(suffix)
        return None

    def _boundary_options(self, window: str, boundary: int, guess: int) -> list[int]:
        """Positions in ``window`` that correspond to ``boundary`` of ``passage.local``."""
        ranges = _pattern_ranges(len(self.passage.local), boundary)
        options = [
            p
            for lo, hi in ranges
            if (p := self._verbatim(window, lo, hi, boundary, guess)) is not None
        ]
        if not options:
            # Bitap is slow in pure Python: only where no pattern survived verbatim.
            options = [
                p
                for lo, hi in ranges
                if (p := self._bitap(window, lo, hi, boundary, guess)) is not None
            ]
        nearest = self._nearest_context(window, boundary, guess)
        if nearest is not None:
            options.append(nearest)
        return list(dict.fromkeys(options))

    def _verbatim(self, window: str, lo: int, hi: int, boundary: int, guess: int) -> int | None:
        """The boundary by the verbatim copy of ``local[lo:hi]`` nearest its expected place."""
        expected = guess - (boundary - lo)
        found = _find_all(window, self.passage.local[lo:hi])
        nearest = min(found, key=lambda p: abs(p - expected), default=None)
        if nearest is None or abs(nearest - expected) > self.reach:
            return None
        return nearest + boundary - lo

    def _bitap(self, window: str, lo: int, hi: int, boundary: int, guess: int) -> int | None:
        """The boundary by bitap's best approximate match of ``local[lo:hi]``."""
        pattern, dmp = self.passage.local[lo:hi], self.dmp
        found: int = dmp.match_main(window, pattern, guess - (boundary - lo))
        if found == -1:
            return None
        # The match may be longer than the pattern if words were inserted into it.
        segment = window[found : found + len(pattern) + len(pattern) // 2]
        diffs = dmp.diff_main(pattern, segment, False)
        while diffs and diffs[-1][0] == _INSERT:
            diffs.pop()
        offset: int = dmp.diff_xIndex(diffs, boundary - lo)
        return found + offset

    def _nearest_context(self, window: str, boundary: int, guess: int) -> int | None:
        """The boundary next to the verbatim context piece nearest ``guess``, if any.

        Catches context too short for the bitap patterns, as at the end of a text.
        """
        passage = self.passage
        at_start = boundary == passage.start
        piece = passage.prefix[-SEED_CHARS:] if at_start else passage.suffix[:SEED_CHARS]
        if len(piece) < _MIN_PIECE:
            return None
        found = [p + len(piece) if at_start else p for p in _find_all(window, piece)]
        return min(found, key=lambda p: abs(p - guess), default=None)


def _find_all(text: str, piece: str) -> list[int]:
    """Every start offset of ``piece`` in ``text``."""
    found: list[int] = []
    position = text.find(piece)
    while position != -1:
        found.append(position)
        position = text.find(piece, position + 1)
    return found


def _pattern_ranges(length: int, boundary: int) -> list[tuple[int, int]]:
    """Ranges of ``local`` to match around ``boundary``: across it, before it, after it."""
    half = MAX_BITS // 2
    across_low = max(0, min(boundary - half, length - MAX_BITS))
    ranges = [
        (across_low, min(length, across_low + MAX_BITS)),
        (max(0, boundary - MAX_BITS), boundary),
        (boundary, min(length, boundary + MAX_BITS)),
    ]
    return [(lo, hi) for lo, hi in ranges if hi - lo >= _MIN_CONTEXT]


def _is_space(text: str, position: int) -> bool:
    """Whether ``position`` holds white space or lies outside the text."""
    return not 0 <= position < len(text) or text[position].isspace()


def _edge_kinds(text: str, position: int) -> tuple[bool, bool] | None:
    """(space before, space after) where a word starts or ends at ``position``, else None."""
    kinds = (_is_space(text, position - 1), _is_space(text, position))
    return kinds if kinds[0] != kinds[1] else None


def _snapped(text: str, positions: list[int], edge: tuple[bool, bool] | None) -> list[int]:
    """Each position moved to the nearest ``edge`` on either side (unmoved if at one)."""
    if edge is None:
        return positions
    result: list[int] = []
    for position in positions:
        if _edge_kinds(text, position) == edge:
            candidates = [position]
        else:
            left = right = position
            while position - left < _MAX_SNAP and left > 0 and _edge_kinds(text, left) != edge:
                left -= 1
            while right - position < _MAX_SNAP and _edge_kinds(text, right) != edge:
                right += 1
            candidates = [p for p in (left, right) if _edge_kinds(text, p) == edge] or [position]
        result.extend(c for c in candidates if c not in result)
    return result


def _prefix_similarity(text: str, prefix: str, start: int) -> float | None:
    """How alike the recorded prefix and the text before ``start`` are (None: no evidence)."""
    if len(prefix) < _MIN_CONTEXT:
        # Little context is recorded only at the start of a text: it matches if the new
        # span is as near the start, after the same characters.
        return 1.0 if text[:start] == prefix else None
    window = text[max(0, start - len(prefix) - len(prefix) // 2) : start]
    return _aligned_similarity(prefix[::-1], window[::-1])


def _suffix_similarity(text: str, suffix: str, end: int) -> float | None:
    """How alike the recorded suffix and the text after ``end`` are (None: no evidence)."""
    if len(suffix) < _MIN_CONTEXT:
        return 1.0 if text[end:] == suffix else None
    return _aligned_similarity(suffix, text[end : end + len(suffix) + len(suffix) // 2])


def _aligned_similarity(recorded: str, following: str) -> float:
    """Similarity of ``recorded`` to the start of ``following``, whatever follows that.

    Words inserted next to the passage push the context along rather than spoil it all.
    """
    if following.startswith(recorded):
        return 1.0
    diffs = _DMP.diff_main(recorded, following, False)
    while diffs and diffs[-1][0] == _INSERT:
        diffs.pop()
    distance: int = _DMP.diff_levenshtein(diffs)
    return max(0.0, 1.0 - distance / len(recorded))


def assess(text: str, passage: Passage, start: int, end: int) -> FuzzyMatch:
    """Score ``text[start:end]`` as the passage, acceptable or not."""
    quote = similarity(passage.exact, text[start:end])
    before = _prefix_similarity(text, passage.prefix, start)
    after = _suffix_similarity(text, passage.suffix, end)
    confirmed = any(side is not None and side >= CONTEXT_CONFIRMS for side in (before, after))
    distance = abs(start - passage.hint) / max(1, len(text))
    score = quote + 0.5 * (before or 0.0) + 0.5 * (after or 0.0) - 0.1 * distance
    return FuzzyMatch(start, end, quote, score, confirmed)


def _judge(text: str, passage: Passage, start: int, end: int) -> FuzzyMatch | None:
    """Score the span ``text[start:end]``; None when it is not acceptable as the passage."""
    exact_length, found_length = len(passage.exact), end - start
    if min(exact_length, found_length) < QUOTE_MIN * max(exact_length, found_length):
        return None  # the lengths alone rule the similarity out
    match = assess(text, passage, start, end)
    if match.quote < QUOTE_MIN:
        return None
    alone = match.quote >= QUOTE_ALONE and exact_length >= _QUOTE_ALONE_MIN_CHARS
    return match if match.confirmed or alone else None
