"""Choosing a readable title: the declared one, else the first meaningful line or sentence."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reader.core.text import sentence_spans

TITLE_MAX_CHARS = 90
"""Titles longer than this are cut at a word boundary and end with an ellipsis."""
_MIN_WORDS = 4
_MIN_LETTERS = 12
_LINES_TO_SCAN = 200
_LINE_CAP_CHARS = 2000
_BYLINE_MAX_WORDS = 8
_CREDIT_OR_DATELINE = re.compile(
    r"^(?:updated|published|posted|photos?|images?|sources?)\b\s*[:\d]", re.I
)
_TRAILING_PUNCTUATION = ",;:—–-([{“‘\"' "


def shorten_title(title: str, limit: int = TITLE_MAX_CHARS) -> str:
    """Collapse whitespace and cut ``title`` near ``limit`` characters at a word boundary."""
    title = " ".join(title.split())
    if len(title) <= limit:
        return title
    cut = title.rfind(" ", 0, limit)
    # A single enormous word has no boundary to cut at: cut it anyway.
    head = title[:cut] if cut > limit // 2 else title[:limit]
    return head.rstrip(_TRAILING_PUNCTUATION) + "…"


def is_meaningful_line(line: str) -> bool:
    """Whether ``line`` reads as content rather than a source tag, byline or rule.

    Content has at least a few words with enough letters between them; a lone agency name
    ("AP"), a dash or a "By Jane Doe" credit does not count.
    """
    words = [word for word in line.split() if any(char.isalpha() for char in word)]
    letters = sum(char.isalpha() for char in line)
    if len(words) < _MIN_WORDS or letters < _MIN_LETTERS:
        return False
    return not (_is_byline(line) or _CREDIT_OR_DATELINE.match(line))


def _is_byline(line: str) -> bool:
    """A credit such as "By Jane Doe and Li Wei, CNN" (but not "By the end of the week")."""
    first, *names = line.split()
    if first.casefold() != "by" or len(names) >= _BYLINE_MAX_WORDS:
        return False
    return all(name[:1].isupper() or name in ("and", "&") for name in names)


def title_from_text(text: str) -> str:
    """The first meaningful line (or its first sentence, if long), shortened for display.

    Falls back to the first line with any letters, then to "Untitled".
    """
    first_with_letters = ""
    for line in _leading_lines(text):
        if is_meaningful_line(line):
            return shorten_title(_first_sentence(line))
        if not first_with_letters and any(char.isalpha() for char in line):
            first_with_letters = line
    return shorten_title(first_with_letters) if first_with_letters else "Untitled"


def _leading_lines(text: str) -> Iterator[str]:
    """The first lines of ``text``, stripped and capped, without splitting all of a huge text."""
    position = 0
    for _ in range(_LINES_TO_SCAN):
        if position > len(text):
            return
        end = text.find("\n", position)
        end = len(text) if end < 0 else end
        yield text[position : min(end, position + _LINE_CAP_CHARS)].strip()
        position = end + 1


def _first_sentence(line: str) -> str:
    if len(line) <= TITLE_MAX_CHARS:
        return line
    spans = sentence_spans(line)
    if not spans:
        return line
    start, end = spans[0]
    return line[start:end]
