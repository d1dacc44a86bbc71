"""Who wrote a text that speaks: "the statement said" after "Acme issued a statement".

A quotation's speaker is sometimes the text it comes from, named by a definite description
("the statement", "the e-mail announcement", "the letter"), whose author was named in an
earlier sentence. ``earlier_author`` finds that sentence's mention of the same noun (same
lemma, in the speaker's paragraph or the one before, outside quotations) and reads its author
from the parse:

* a possessor: "Acme's statement";
* "from"/"by" after the noun: "a statement from the ministry", "an announcement by Ana Ruiz";
* the agent of a passive the noun is subject of: "An announcement was made … by Ana Ruiz";
* the subject of a verb of issuing the noun is object of: "Acme issued a statement".

An author must be a name or a person word; otherwise (or with no earlier mention) the
description stays the speaker, as before.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from reader.core.analysis.lexicon import CUE_NOUN_LEMMAS
from reader.core.analysis.quotes import WRITTEN_NOUNS, is_person_word
from reader.core.analysis.speakers import Mention, has_parse, phrase_for, subject_of

if TYPE_CHECKING:
    from reader.core.analysis.resolve import Locator

_TEXT_NOUNS = WRITTEN_NOUNS | CUE_NOUN_LEMMAS
_DEFINITE = frozenset({"the", "this", "that"})
_ISSUING = frozenset({"issue", "make", "release", "send", "post", "publish", "write", "give"})
_PARAGRAPHS_BACK = 2


def text_noun(mention: Mention) -> str | None:
    """The noun of a definite description of a text ("the e-mail announcement" ->
    "announcement"), or None for any other phrase."""
    words = mention.text.casefold().split()
    if len(words) < 2 or words[0] not in _DEFINITE or words[-1] not in _TEXT_NOUNS:
        return None
    return words[-1]


def earlier_author(locator: Locator, mention: Mention) -> Mention | None:
    """The author of the text ``mention`` describes, named with an earlier mention of it."""
    noun = text_noun(mention)
    if noun is None:
        return None
    for token, offset in _earlier_tokens(locator, mention.start):
        if token.lower_ != noun and token.lemma_ != noun:
            continue
        author = _author_of(token)
        if author is not None and is_person_word(author):
            return phrase_for(author, offset)
    return None


def _earlier_tokens(locator: Locator, position: int) -> Iterator[tuple[Any, int]]:
    """Parsed tokens before ``position``, outside quotations, nearest first, in the paragraph
    of ``position`` and the ones just before it."""
    index = locator.index_of(position)
    if index is None:
        return
    for back in range(index, max(-1, index - _PARAGRAPHS_BACK), -1):
        paragraph = locator.paragraphs[back]
        if not has_parse(paragraph.doc):
            return
        quoted = locator.quoted[back]
        for token in reversed(paragraph.doc):
            if paragraph.start + token.idx < position and token.i not in quoted:
                yield token, paragraph.start


def _author_of(noun: Any) -> Any | None:
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in {"from", "by"}:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    head = noun.head
    if noun.dep_ == "nsubjpass":
        for child in head.children:
            if child.dep_ == "agent":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                return objects[0] if objects else None
    if noun.dep_ == "dobj" and head.lemma_ in _ISSUING:
        return subject_of(head)
    return None
