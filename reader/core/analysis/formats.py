"""Cues from the layout around a quotation: round-ups, attribution lines, carried speakers.

These rules run when a quotation has no speech verb of its own (``reader.core.analysis.
attribution`` lists the order):

* **Round-up** (``find_roundup``): the quotation's line starts with a name and a colon:
  ``Name: “…”``, ``Name, Outlet: “…”``, ``Name (role): “…”``, ``Name’s response: “…”``.
* **Attribution line** (``find_from_line``): the line before names the source without a verb:
  "And from Chairwoman Rosenworcel:", "From the desk of John Doe, VP Analyst, WSJ."
* **Previous sentence** (``find_previous_sentence``): a quotation that opens its sentence
  takes the speaker of a speech verb in the sentence before, in its paragraph or ending the
  previous one ('Baillie said they were "astonishing". "This is a far better option …"',
  'Alice began talking to Bob. "Lorem ipsum."').
* **A text that reads, misread** (``find_text_read``): '"…," the post read' where the tagger
  took "read" for a noun with the text as its compound; the text is the (written) source.
* **A present-tense cue, misread** (``find_present_as_noun``): '"…," Sinclair states in the
  report' where the tagger took "states" for a plural noun and the name for its compound.
* **Profile paragraph** (``find_profile``): a paragraph that opens with a quotation, after a
  paragraph without quotations, takes the last person that paragraph is about (the name
  subject of its last sentence that has one).
"""

from __future__ import annotations

import re
from typing import Any

from reader.core.analysis.cues import Cue, QuoteSite
from reader.core.analysis.lexicon import TEXT_CUE_LEMMAS, forms_of
from reader.core.analysis.names import strip_title_words
from reader.core.analysis.quotes import is_name_token, is_speech_verb, sentence_goes_on
from reader.core.analysis.speakers import (
    Mention,
    has_parse,
    mention_of_tokens,
    sentence_bounds,
    speaker_of_verb,
    subject_of,
    token_mention,
)

_TEXT_CUE_FORMS = forms_of(TEXT_CUE_LEMMAS)
_NAME_WORDS = 4
"""At most this many capitalised words name the speaker before a misread present-tense cue."""
_TEXT_GAP = 5
"""At most this many words between the quotation and the text cue ("the shop window read")."""
_NAME = r"(?:[A-Z][\w.’'-]*\s){0,3}[A-Z][\w’'-]+"
_ANSWERS = r"(?:response|reply|answer|verdict|message|advice|take|words|statement)"
_ROUNDUP = re.compile(
    rf"^[ \t]*(?P<name>{_NAME})(?:,[^:\n]{{1,60}}|\s\([^)\n]{{1,60}}\)|['’]s\s{_ANSWERS})?:[ \t]*$",
    re.MULTILINE,
)
"""Searched from the quotation's line start: ``^`` in MULTILINE mode matches there (after the
newline before it), where a plain ``^`` would match at the start of the whole text only."""
_FROM_LINE = re.compile(
    r"^[ \t]*(?:And\s)?[Ff]rom\s(?:the\s(?:desk|office)\sof\s)?"
    rf"(?P<name>{_NAME})[^\n]{{0,60}}[:.]?[ \t]*$"
)


def _name_cue(text: str, start: int, name: str, rule: str) -> Cue:
    clean = strip_title_words(name)
    offset = start + name.rindex(clean) if clean in name else start
    return Cue(Mention(offset, offset + len(clean), clean), None, rule)


def find_roundup(site: QuoteSite, text: str) -> Cue | None:
    """``Name: “…”``, ``Name, Outlet: “…”``, ``Name (role): “…”`` or ``Name’s reply: “…”`` on
    the quotation's line."""
    line_start = text.rfind("\n", 0, site.quote.start) + 1
    match = _ROUNDUP.search(text, line_start, site.quote.start)
    if match is None or match.start("name") < line_start or not _names(site, match):
        return None
    return _name_cue(text, match.start("name"), match.group("name"), "roundup")


def _names(site: QuoteSite, match: re.Match[str]) -> bool:
    """Whether the words before the colon are a name, not a label ("Note:", "Update:")."""
    local = match.start("name") - site.offset
    span = site.doc.char_span(local, local + len(match.group("name")), alignment_mode="expand")
    return span is not None and all(is_name_token(token) for token in span)


def find_from_line(site: QuoteSite, text: str) -> Cue | None:
    """A line before a quotation that opens its line, naming the source without a verb."""
    line_start = text.rfind("\n", 0, site.quote.start) + 1
    if text[line_start : site.quote.start].strip():
        return None
    end = line_start - 1
    while end > 0 and text[end - 1] == "\n":
        end -= 1
    previous_start = text.rfind("\n", 0, end) + 1
    match = _FROM_LINE.match(text[previous_start:end])
    if match is None:
        return None
    return _name_cue(text, previous_start + match.start("name"), match.group("name"), "from-line")


def _opens_sentence(site: QuoteSite) -> bool:
    low, _ = sentence_bounds(site.doc, site.first)
    return all(site.doc[i].is_punct or site.doc[i].is_space for i in range(low, site.first))


def find_previous_sentence(site: QuoteSite, previous: tuple[Any, int] | None) -> Cue | None:
    """The speaker of a speech verb in the sentence before a quotation opening its sentence."""
    if not _opens_sentence(site):
        return None
    doc, offset = site.doc, site.offset
    low, _ = sentence_bounds(doc, site.first)
    if low > 0:
        before_doc, before_offset, end = doc, offset, low
        quoted = site.quoted
    elif previous is not None and len(previous[0]):
        before_doc, before_offset = previous
        end, quoted = len(before_doc), frozenset()
    else:
        return None
    start, _ = sentence_bounds(before_doc, end - 1)
    for index in range(start, end):
        token = before_doc[index]
        if index in quoted or not is_speech_verb(token) or token.pos_ not in {"VERB", ""}:
            continue
        speaker = speaker_of_verb(before_doc, index, before_offset, start, end)
        if speaker is not None:
            return Cue(speaker, token_mention(token, before_offset), "previous-sentence")
    return None


def find_profile(
    site: QuoteSite, previous: tuple[Any, int] | None, quoted_before: bool
) -> Cue | None:
    """A paragraph opening with a quotation after a paragraph about a person (no quotation
    in it): the last name subject of that paragraph."""
    if site.first > 1 or previous is None or quoted_before or not _opens_sentence(site):
        return None
    doc, offset = previous
    if not len(doc) or not has_parse(doc):
        return None
    for sentence in reversed(list(doc.sents)):
        subject = subject_of(sentence.root)
        if subject is not None and is_name_token(subject) and subject.ent_type_ == "PERSON":
            return Cue(token_mention(subject, offset), None, "profile")
    return None


def find_text_read(site: QuoteSite, text: str) -> Cue | None:
    """'"…," the post read': right after the quotation, a text cue ("read", "reads") that the
    tagger took for a noun, with the text as its compound and nothing after it in its clause.
    The text with its article is the speaker and the quotation is written."""
    doc, low = site.end_doc, site.last
    if not sentence_goes_on(text, site.quote):
        return None
    for index in range(low, min(len(doc), low + _TEXT_GAP)):
        token = doc[index]
        if index in site.end_quoted or (token.is_punct and token.text not in {",", "”", '"'}):
            return None
        texts = [c for c in token.lefts if c.dep_ in {"compound", "nsubj"} and c.pos_ == "NOUN"]
        if token.pos_ != "NOUN" or token.lower_ not in _TEXT_CUE_FORMS or not texts:
            continue
        if index + 1 < len(doc) and not (doc[index + 1].is_punct or doc[index + 1].pos_ == "ADP"):
            return None
        start = texts[-1].i
        while start > low and doc[start - 1].dep_ in {"det", "poss", "amod", "compound"}:
            start -= 1
        speaker = mention_of_tokens(list(doc[start : texts[-1].i + 1]), site.end_offset)
        return Cue(speaker, token_mention(token, site.end_offset), "text-read", written=True)
    return None


def find_present_as_noun(site: QuoteSite, text: str) -> Cue | None:
    """'"…," Sinclair states in the report': right after the quotation, capitalised words and
    then a lower-case present-tense speech verb ("states", "notes") that the tagger took for
    a plural noun, with no noun after it ("United States officials" is not one)."""
    doc, index = site.end_doc, site.last
    if not sentence_goes_on(text, site.quote):
        return None
    while index < len(doc) and (index in site.end_quoted or doc[index].text in {",", "”", '"'}):
        index += 1
    start = index
    while index < len(doc) and index - start < _NAME_WORDS and _capitalised(doc[index]):
        index += 1
    if index == start or index >= len(doc) or not _misread_present(doc[index]):
        return None
    after = doc[index + 1] if index + 1 < len(doc) else None
    if after is not None and after.pos_ in {"NOUN", "PROPN", "ADJ", "NUM"}:
        return None
    speaker = mention_of_tokens(list(doc[start:index]), site.end_offset)
    return Cue(speaker, token_mention(doc[index], site.end_offset), "present-as-noun")


def _capitalised(token: Any) -> bool:
    return bool(token.pos_ == "PROPN" or (token.text[:1].isupper() and token.text.isalpha()))


def _misread_present(token: Any) -> bool:
    word = token.text
    return token.pos_ == "NOUN" and word.islower() and word.endswith("s") and is_speech_verb(token)
