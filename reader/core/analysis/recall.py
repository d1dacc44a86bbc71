"""Short forms the model missed: later bare mentions of people and companies named in full.

The small model often tags "Antony Blinken" but not a later "Blinken said", or "Acme Corp."
but not "shares of Acme". Once a document names someone in full, each capitalised standalone
occurrence of their surname (the last word of the name, or any single word of it the model
itself tagged alone) and of a company's bare name is a mention too. A word that also appears
in lower case in the text ("Worth" / "worth") is only taken where it cannot be a sentence's
first word, since there it may be the ordinary word.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from reader.core.analysis.entities import (
    CORPORATE_SUFFIXES,
    RawMention,
    clean_mention,
    form_key,
)

MIN_FORM_CHARS = 3
"""Shorter words ("Li", "Xi") are only counted where the model tagged them itself."""


def find_missed_short_forms(text: str, mentions: Sequence[RawMention]) -> list[RawMention]:
    """Untagged occurrences of short forms of full PERSON names and suffixed company names."""
    forms = _short_forms([m for m in map(clean_mention, mentions) if m is not None])
    if not forms:
        return []
    pattern = re.compile(
        r"(?<![\w'’.-])("
        + "|".join(map(re.escape, sorted(forms, key=len, reverse=True)))
        + r")(?![\w-])"
    )
    covered = sorted((m.start, m.end) for m in mentions)
    covered_starts = [start for start, _ in covered]
    common: dict[str, bool] = {}  # asked only where a form may start a sentence
    found: list[RawMention] = []
    for match in pattern.finditer(text):
        start, end = match.span()
        word = match.group()
        if _overlaps(covered, covered_starts, start, end):
            continue
        if _may_start_sentence(text, start):
            if word not in common:
                common[word] = _is_common_word(text, word)
            if common[word]:
                continue
        found.append(RawMention(start, end, word, forms[word]))
    return found


def _short_forms(mentions: Sequence[RawMention]) -> dict[str, str]:
    """Surface form -> label for every short form worth looking for."""
    forms: dict[str, str] = {}
    full_people = [
        m.text.split() for m in mentions if m.label == "PERSON" and len(m.text.split()) >= 2
    ]
    tagged_alone = {m.text for m in mentions if len(m.text.split()) == 1}
    for words in full_people:
        for position, word in enumerate(words):
            is_surname = position == len(words) - 1 and len(word) >= MIN_FORM_CHARS
            if (is_surname or word in tagged_alone) and word[:1].isupper():
                forms[word] = "PERSON"
    for mention in mentions:
        words = mention.text.split()
        if mention.label == "ORG" and len(words) >= 2 and form_key(words[-1]) in CORPORATE_SUFFIXES:
            base = " ".join(words[:-1]).rstrip(",")
            if len(base) >= MIN_FORM_CHARS and base[:1].isupper():
                forms.setdefault(base, "ORG")
    return forms


def _overlaps(
    covered: Sequence[tuple[int, int]], starts: Sequence[int], start: int, end: int
) -> bool:
    """Whether ``start:end`` overlaps a span of ``covered`` (sorted; ``starts`` its starts)."""
    index = bisect_left(starts, end)
    # Spans starting before ``end``: the nearest ones are the only candidates that matter,
    # and mentions do not nest, so checking a few neighbours is enough.
    return any(covered[i][1] > start for i in range(max(0, index - 3), index))


_BEFORE_WORD = re.compile(r"[\w'’-]")
_AFTER_WORD = re.compile(r"[\w-]")


def _is_common_word(text: str, word: str) -> bool:
    r"""Whether ``word`` stands in lower case in ``text`` (not inside a longer word).

    The same test as ``(?<![\w'’-])word(?![\w-])``, by ``str.find``: a pattern opening with
    a look-behind is tried at every position (50 ms for 500,000 words, per form).
    """
    needle = word.lower()
    at = text.find(needle)
    while at >= 0:
        end = at + len(needle)
        if not (at and _BEFORE_WORD.match(text, at - 1)) and not _AFTER_WORD.match(text, end):
            return True
        at = text.find(needle, at + 1)
    return False


def _may_start_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 40) : start].rstrip(" \t\"“‘'(")
    return not before or before[-1] in ".!?…\n:"
