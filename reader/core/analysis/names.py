"""Text shapes of names and titles, without spaCy: titles before a name, quoted titles, and
whether a quotation sits inside a sentence."""

from __future__ import annotations

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
