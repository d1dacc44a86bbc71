"""Attribution cues: the words that say who a quotation is from.

Each ``find_*`` rule looks at one quotation (a ``QuoteSite``) and returns a ``Cue`` or None.
The rules work on spaCy tokens; with a parse (the full model) they use subjects and heads,
and without one (the blank pipeline) they fall back to surface patterns: a capitalised name or
a pronoun next to a speech verb. Lexicons match lemmas when the model gives them and word forms
always, so the blank pipeline and a mis-lemmatised token are both covered.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reader.core.analysis.lexicon import is_continuing, is_writing_verb
from reader.core.analysis.quotes import (
    WRITTEN_NOUNS,
    QuoteSpan,
    is_cue_noun,
    is_name_token,
    is_person_word,
    is_speech_verb,
    is_written_noun,
    opens_a_clause,
    sentence_goes_on,
    signature_after,
    term_shaped,
)
from reader.core.analysis.speakers import (
    Mention,
    author_near,
    doc_length,
    has_parse,
    inverted_speaker,
    mention_of_tokens,
    name_run,
    phrase_for,
    sentence_bounds,
    speaker_of_verb,
    subject_of,
    token_mention,
)

_SOURCE_OPENERS = (("according", "to"), ("based", "on"), ("citing",), ("per",), ("in",), ("via",))
_MAX_GAP = 8


@dataclass(frozen=True)
class QuoteSite:
    """One quotation located in the paragraph docs: token positions and the quoted tokens."""

    quote: QuoteSpan
    doc: Any
    offset: int
    first: int
    end_doc: Any
    end_offset: int
    last: int
    quoted: frozenset[int]
    end_quoted: frozenset[int]


@dataclass(frozen=True)
class Cue:
    """A found attribution: the speaker phrase (may be None), the cue words and their sense."""

    speaker: Mention | None
    cue: Mention | None
    rule: str
    written: bool = False
    continuing: bool = False


def _written_near(site: QuoteSite, doc: Any, verb: int) -> bool:
    """Whether a speech verb is a writing verb or names a written text close by
    ("said in a statement", "In a statement, the minister said")."""
    if is_writing_verb(doc[verb]):
        return True
    low, high = sentence_bounds(doc, verb)
    quoted = site.quoted if doc is site.doc else site.end_quoted
    window = range(max(low, verb - 6), min(high, verb + 7))
    return any(i not in quoted and is_written_noun(doc[i]) for i in window)


def _names_a_text(speaker: Mention) -> bool:
    """A speaker that is a written text ("The report described ...")."""
    words = speaker.text.casefold().split()
    last = words[-1] if words else ""
    return last in WRITTEN_NOUNS or (last.endswith("s") and last[:-1] in WRITTEN_NOUNS)


def _verb_cue(site: QuoteSite, doc: Any, verb: int, speaker: Mention, rule: str) -> Cue:
    offset = site.offset if doc is site.doc else site.end_offset
    return Cue(
        speaker=speaker,
        cue=token_mention(doc[verb], offset),
        rule=rule,
        written=_written_near(site, doc, verb) or _names_a_text(speaker),
        continuing=is_continuing(doc[verb]),
    )


def _usable(token: Any) -> bool:
    return not token.pos_ or token.pos_ in {"VERB", "AUX"}


def find_after(site: QuoteSite, text: str) -> Cue | None:
    """A speech verb just after the quotation: '"…," he said' or '"…," said Biden'."""
    quote, doc, low = site.quote, site.end_doc, site.last
    if not sentence_goes_on(text, quote):
        return None
    high = min(len(doc), low + _MAX_GAP + 6)
    for index in range(low, high):
        token = doc[index]
        if index in site.end_quoted or token.text in {".", ";", ":"} or index - low > _MAX_GAP:
            return None
        if token.lower_ in {"according", "citing", "based"}:
            return None  # a source, not a speech verb, follows (find_source)
        if token.dep_ == "cc" and token.head.pos_ in {"VERB", "AUX"}:
            return None  # '“…,” and Ali Emadi reported that …': another clause's verb
        if is_speech_verb(token) and _usable(token):
            first = all(doc[i].is_punct for i in range(low, index))  # '"…," told X' inverts
            inverted = inverted_speaker(doc, index, site.end_offset) if first else None
            speaker = inverted or speaker_of_verb(doc, index, site.end_offset, low, high)
            if speaker is None or speaker.start < quote.end:
                return None
            return _verb_cue(site, doc, index, speaker, "after")
        if token.pos_ in {"VERB", "AUX"}:
            return None
    return None


def find_before(site: QuoteSite, text: str) -> Cue | None:
    """A speech verb just before the quotation: 'Biden said: "…"', 'She told reporters that "…"'."""
    doc, index = site.doc, site.first - 1
    sentence_start, _ = sentence_bounds(doc, site.first)
    linked = index >= sentence_start and doc[index].text in {":", ",", "that", "—", "–"}
    if linked:
        index -= 1
    opening = text[site.quote.inner_start : site.quote.inner_start + 1]
    if not (linked or opening.isupper()):
        return None
    for position in range(index, max(sentence_start, index - 5) - 1, -1):
        token = doc[position]
        if position in site.quoted or token.text in {".", ";", "!", "?"}:
            return None
        if is_speech_verb(token) and _usable(token):
            speaker = speaker_of_verb(doc, position, site.offset, sentence_start, site.first)
            return None if speaker is None else _verb_cue(site, doc, position, speaker, "before")
    return None


def find_parenthetical(site: QuoteSite) -> Cue | None:
    """A reporting clause set off by commas inside the sentence (', Worth added,'): it
    governs every quotation of the sentence."""
    doc = site.doc
    low, high = sentence_bounds(doc, site.first)
    for index in range(low, high):
        token = doc[index]
        if index in site.quoted or not (is_speech_verb(token) and _usable(token)):
            continue
        before = [doc[i].text for i in range(max(low, index - 4), index)]
        after = doc[index + 1].text if index + 1 < high else ""
        if token.dep_ == "parataxis" or ("," in before and after in {",", "“", '"'}):
            speaker = speaker_of_verb(doc, index, site.offset, low, high)
            if speaker is not None:
                return _verb_cue(site, doc, index, speaker, "parenthetical")
    return None


def _opener_at(doc: Any, index: int) -> int:
    """Length of a source opener ("according to", "based on", "citing", "in"...) at ``index``."""
    first = doc[index].lower_ if index < len(doc) else None  # checked first: a hot loop
    for words in _SOURCE_OPENERS:
        if words[0] == first and all(
            index + k < len(doc) and doc[index + k].lower_ == word for k, word in enumerate(words)
        ):
            return len(words)
    return 0


def _noun_phrase_end(site: QuoteSite, start: int, high: int) -> int:
    end = start
    while end < high and end - start < 10:
        token = doc_token = site.doc[end]
        if end in site.quoted or doc_token.is_punct or token.lower_ in {"that", "which", "who"}:
            break
        if token.pos_ in {"VERB", "AUX"} and end > start and token.dep_ != "amod":
            break
        end += 1
    return end


def find_source(site: QuoteSite) -> Cue | None:
    """A source named in the sentence: "according to X", "based on X’s readout", "in a
    statement from X". The cue may carry no speaker (an unsigned statement): then it only
    marks the words as written. "based on"/"according to" count only for a person or a text."""
    doc = site.doc
    low, high = sentence_bounds(doc, site.first)
    for index in range(low, high):
        width = _opener_at(doc, index) if index not in site.quoted else 0
        if not width:
            continue
        start = index + width
        end = _noun_phrase_end(site, start, high)
        cue = _source_in(site, index, start, end, broad=doc[index].lower_ != "in")
        if cue is not None:
            return cue
    return None


def _source_in(site: QuoteSite, opener: int, start: int, end: int, broad: bool) -> Cue | None:
    doc, offset = site.doc, site.offset
    span_end = min(len(doc), end + 8)
    for index in range(start, min(end, start + 6)):
        if is_cue_noun(doc[index]):
            author = author_near(doc, index, offset, span_end)
            written = is_written_noun(doc[index])
            cue = mention_of_tokens([doc[opener], doc[index]], offset)
            return Cue(author, cue, "source-text" if author else "source-unsigned", written)
    if not broad or end <= start:
        return None
    person = [i for i in range(start, end) if is_person_word(doc[i])]
    if not person or person[-1] != end - 1:
        return None
    head = end - 1
    if is_name_token(doc[head]):
        speaker = mention_of_tokens(name_run(doc, head), offset)
    else:
        speaker = mention_of_tokens([doc[i] for i in range(start, end)], offset)
    return Cue(speaker, mention_of_tokens([doc[opener], doc[start - 1]], offset), "source-person")


def find_governor(site: QuoteSite) -> Cue | None:
    """With a parse: climb from the quotation to the first speech verb or statement noun that
    governs it ("what he called a “casual” meeting", "calling the response “absurd”")."""
    doc = site.doc
    if not has_parse(doc):
        return None
    own = range(site.first, site.last if site.end_doc is doc else len(doc))
    for token in (doc[i] for i in own):
        if token.head.i in own and token.head.i != token.i:
            continue
        cue = _climb(site, token.head)
        if cue is not None:
            return cue
    return None


def _outside_speaker(site: QuoteSite, subject: Any | None) -> bool:
    """A subject that can speak: outside the quotations, not a first/second person or "it"."""
    return (
        subject is not None
        and subject.i not in site.quoted
        and subject.lower_ not in {"i", "we", "you", "it"}
    )


def _climb(site: QuoteSite, token: Any) -> Cue | None:
    doc = site.doc
    for _ in range(10):
        if token.i not in site.quoted:
            if is_speech_verb(token):
                subject = subject_of(token)
                if _outside_speaker(site, subject):
                    speaker = phrase_for(subject, site.offset)
                    return _verb_cue(site, doc, token.i, speaker, "governor")
            elif is_cue_noun(token):
                author = author_near(doc, token.i, site.offset, len(doc))
                if author is not None:
                    cue = token_mention(token, site.offset)
                    return Cue(author, cue, "governor", is_written_noun(token))
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def find_content_clause(site: QuoteSite) -> Cue | None:
    """A quotation inside the clause of a statement noun: 'statements from Biden that … “…”'."""
    doc = site.doc
    low, _ = sentence_bounds(doc, site.first)
    for index in range(site.first - 1, low - 1, -1):
        if index in site.quoted or doc[index].lower_ != "that":
            continue
        for noun in range(index - 1, max(low, index - 6) - 1, -1):
            if is_cue_noun(doc[noun]):
                author = author_near(doc, noun, site.offset, index)
                if author is not None:
                    cue = token_mention(doc[noun], site.offset)
                    return Cue(author, cue, "content", is_written_noun(doc[noun]))
    return None


def find_surface(site: QuoteSite) -> Cue | None:
    """The speech verb nearest the quotation in its sentence that has a speaker beside it."""
    doc = site.doc
    low, high = sentence_bounds(doc, site.first)
    order = sorted(range(low, high), key=lambda i: min(abs(i - site.first), abs(i - site.last)))
    for index in order:
        token = doc[index]
        if index in site.quoted or not (is_speech_verb(token) and _usable(token)):
            continue
        speaker = speaker_of_verb(doc, index, site.offset, low, high)
        if speaker is not None:
            return _verb_cue(site, doc, index, speaker, "surface")
    return None


def find_lead_in(site: QuoteSite, previous: tuple[Any, int] | None) -> Cue | None:
    """A lead-in ending the previous sentence or paragraph with a colon and naming the
    speaker ("In a statement, the minister said:")."""
    doc, offset = site.doc, site.offset
    low, _ = sentence_bounds(doc, site.first)
    if any(not doc[i].is_punct for i in range(low, site.first)):
        return None
    if low > 0:
        lead_doc, lead_offset, lead_end = doc, offset, low
    elif previous is not None and len(previous[0]):
        lead_doc, lead_offset = previous
        lead_end = len(lead_doc)
    else:
        return None
    if lead_doc[lead_end - 1].text != ":":
        return None
    lead_low, _ = sentence_bounds(lead_doc, lead_end - 1)
    for index in range(lead_end - 2, lead_low - 1, -1):
        if is_speech_verb(lead_doc[index]) and _usable(lead_doc[index]):
            speaker = speaker_of_verb(lead_doc, index, lead_offset, lead_low, lead_end)
            if speaker is None:
                return None
            written = any(is_written_noun(lead_doc[i]) for i in range(lead_low, lead_end))
            cue = token_mention(lead_doc[index], lead_offset)
            return Cue(speaker, cue, "lead-in", written)
    return None


def find_signature(site: QuoteSite, text: str) -> Cue | None:
    """A signature line after the quotation: "—Name, title" or "- Name"."""
    found = signature_after(text, site.quote)
    if found is None:
        return None
    start, name = found
    return Cue(Mention(start, start + len(name), name), None, "signature")


def token_range(doc: Any, offset: int, start: int, end: int) -> tuple[int, int]:
    """Token indices [first, last) of the tokens overlapping document offsets start:end."""
    local_start = max(0, start - offset)
    local_end = min(doc_length(doc), end - offset)
    span = doc.char_span(local_start, local_end, alignment_mode="expand")
    if span is not None and len(span):
        return span.start, span.end
    return len(doc), len(doc)


def paragraph_numbers(text: str, paragraphs: Sequence[Any]) -> list[int]:
    """A number per doc, counting paragraphs: docs joined by spaces (pieces of one long
    paragraph) share a number, a line break adds one, and skipped text (a paragraph whose doc
    was not given) adds two, so that "the previous paragraph" is never a distant one."""
    numbers: list[int] = []
    for index, paragraph in enumerate(paragraphs):
        if index == 0:
            numbers.append(0)
            continue
        before = paragraphs[index - 1]
        gap = text[before.start + doc_length(before.doc) : paragraph.start]
        step = 2 if gap.strip() else (1 if "\n" in gap else 0)
        numbers.append(numbers[-1] + step)
    return numbers


def is_term(site: QuoteSite, text: str, adjacent: bool) -> bool:
    """A short quoted word or phrase inside a sentence: at most four words, not opening its
    sentence or following a colon, no speech verb right beside it (``adjacent``: a cue found
    just before or after), and not a clause of its own (with the parse: no subject inside it;
    without: not opening with a subject pronoun). "what he called a “casual” meeting", "the
    film “Oppenheimer”" are terms; '“No,” he said' and 'He replied: “Absolutely not.”' are
    not."""
    if adjacent or not term_shaped(text, site.quote):
        return False
    low, _ = sentence_bounds(site.doc, site.first)
    if all(site.doc[i].is_punct or site.doc[i].is_space for i in range(low, site.first)):
        return False
    doc = site.doc
    if not has_parse(doc):
        return not opens_a_clause(text[site.quote.inner_start : site.quote.inner_end].split())
    own = range(site.first, site.last if site.end_doc is doc else len(doc))
    return not any(doc[i].dep_ in {"nsubj", "nsubjpass"} and doc[i].head.i in own for i in own)
