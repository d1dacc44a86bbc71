"""Text shapes of names and titles, without spaCy: titles before a name, quoted titles,
whether a quotation sits inside a sentence, and the sex a given name nearly always has."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from reader.core.analysis.quotes import TITLES, QuoteSpan

_LOOK_BACK = 80


def is_titled(text: str) -> bool:
    """A title in quotation marks ("One Hundred Years of Solitude"): two or more words, every
    word of more than three letters capitalised."""
    words = [word.strip("\"“”‘’'«».,!?") for word in text.split()]
    long = [word for word in words if len(word) > 3]
    return len(words) >= 2 and bool(long) and all(word[:1].isupper() for word in long)


def strip_title_words(name: str) -> str:
    """A name without the titles before it ("Chairwoman Rosenworcel" -> "Rosenworcel")."""
    words = name.split()
    while len(words) > 1 and words[0].casefold() in TITLES:
        words.pop(0)
    return " ".join(words)


_HEADING_WORDS = 15
_SENTENCE_ENDS = frozenset(".!?…:;,")
_CLOSING = "”\"’')»"


def in_heading(text: str, quote: QuoteSpan) -> bool:
    """A quotation in a headline or subhead: its line is short, ends without a sentence's
    punctuation (inside or after the closing mark) and is followed by more text ("‘We are not
    going anywhere’: residents vow to stay", "Ford: ‘We will fight this’")."""
    start = text.rfind("\n", 0, quote.start) + 1
    end = text.find("\n", quote.end)
    if end == -1 or not text[end:].strip():
        return False  # the text's last line: a body, not a heading over one
    line = text[start:end].strip()
    inner = text[quote.inner_start : quote.inner_end].rstrip()
    return (
        len(line.split()) <= _HEADING_WORDS
        and line.rstrip(_CLOSING)[-1:] not in _SENTENCE_ENDS
        and inner[-1:] not in _SENTENCE_ENDS
    )


def term_like(text: str, quote: QuoteSpan) -> bool:
    """Inside a sentence: not opening the text, a paragraph or a sentence, not after a colon."""
    before = text[max(0, quote.start - _LOOK_BACK) : quote.start].rstrip(" \t")
    before = before.rstrip().rstrip("”\"’')»")
    return bool(before) and not before.endswith("\n") and before[-1] not in ".!?:"


@cache
def _given_names() -> dict[str, str]:
    """``given_names.txt`` (made by scripts/make_given_names.py from public US records)."""
    lines = files("reader.core.analysis").joinpath("given_names.txt").read_text("utf-8")
    pairs = (line.split() for line in lines.splitlines() if line and not line.startswith("#"))
    return {name.casefold(): sex for name, sex in pairs}


def given_name_gender(name: str) -> str | None:
    """The sex ("m", "f") when the first word of ``name`` (titles aside) is a given name nearly
    always of one sex ("Olivia Chow" -> "f"); None for others ("Jordan Lee", "Xi Jinping")."""
    words = strip_title_words(name).split()
    if len(words) < 2:
        return None  # a surname alone ("Tory") says nothing
    return _given_names().get(words[0].casefold())
