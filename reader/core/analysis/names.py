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
