"""Reported speech into quotes: indirect quotes, and direct quotes that are part of one.

The ``reader_reported_speech`` component (``reader.core.analysis.reported``) marks reported
contents in each parsed paragraph. Each becomes, in order of the checks:

* nothing, when its cue is inside a quotation, or a quotation covers the content (the
  clause *is* the quoted words: '"We love cats," he said') and has a speaker already (one
  without gets the reported speaker and cue: 'He recognized that "…"'), or it is reported
  thought whose content only a term is in;
* the context of the quotations inside it: each becomes ``mixed`` ("said they were
  “astonishing”"), gets the content span, and the reported speaker and cue when it had none;
  reported thought ("thinks that cats are “cuties”") never makes a quotation mixed;
* else an ``indirect`` quote: the content span, the cue, and the speaker resolved like any
  other (pronouns by agreement, short names to the fullest form). First and second person
  ("I think", "we said") are the author's or a quoted speaker's voice and are left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from reader.core.analysis.names import is_titled
from reader.core.analysis.overlaps import OverlapIndex
from reader.core.analysis.quotes import (
    GROUP_PRONOUNS,
    SINGULAR_PRONOUNS,
    WRITTEN_NOUNS,
    QuoteSpan,
)
from reader.core.analysis.resolve import Locator, PronounResolver
from reader.core.analysis.results import Quote, QuoteForm, QuoteKind, Span, Speaker
from reader.core.analysis.speakers import has_parse, phrase_for

_WRITING = frozenset({"write", "tweet", "post", "publish", "report", "reveal", "document"})
_TEXTS = frozenset({"report", "summary", "statement", "study", "document", "release", "article"})
_COVERED = 0.6
"""A quotation covering this share of a reported content is that content."""


def merge_reported(
    text: str, results: list[Quote], locator: Locator, resolver: PronounResolver
) -> list[Quote]:
    """``results`` with reported speech added (see the module docstring), in text order."""
    from reader.core.analysis.reported import reported_in

    out = list(results)
    overlaps = OverlapIndex(out)
    for index, paragraph in enumerate(locator.paragraphs):
        if not has_parse(paragraph.doc):
            continue
        quoted = locator.quoted[index]
        for content in reported_in(paragraph.doc):
            cue = content._.cue
            if cue is None or any(token.i in quoted for token in cue):
                continue
            _merge_one(text, out, content, paragraph.start, locator, resolver, overlaps)
    return sorted(out, key=lambda quote: (quote.start, quote.end))


def _merge_one(
    text: str,
    out: list[Quote],
    content: Any,
    offset: int,
    locator: Locator,
    resolver: PronounResolver,
    overlaps: OverlapIndex,
) -> None:
    start, end = offset + content.start_char, offset + content.end_char
    inside = [
        i
        for i in overlaps.overlapping(start, end)
        if not text.endswith("(", 0, out[i].start)  # a gloss
    ]
    if any(out[i].form is QuoteForm.INDIRECT for i in inside):
        return
    covered = [i for i in inside if _covers(out[i], start, end)]
    first = out[covered[0]] if covered else None
    if first is not None and (
        content._.cognition or first.speaker is not None or first.kind is QuoteKind.TERM
    ):
        return  # thought, a quotation attributed already, or a title or headline
    speaker_token = content._.speaker
    subject = speaker_token[0] if speaker_token is not None else None
    if subject is not None and subject.lower_ in {"i", "we", "you", "me", "us"}:
        return
    speaker = _speaker(subject, offset, start, end, out, locator, resolver)
    cue = content._.cue
    cue_span = Span(cue.text, offset + cue.start_char, offset + cue.end_char)
    content_span = Span(text[start:end], start, end)
    if first is not None:  # 'He recognized that "…"': the quotation is the content
        out[covered[0]] = replace(first, speaker=speaker, cue=cue_span)
        return
    if inside:
        if not content._.cognition:
            signed = None if _unsigned(speaker) else speaker
            for i in inside:
                out[i] = _mixed(out[i], content_span, signed, cue_span)
        return
    kind = QuoteKind.WRITTEN if _written(cue, subject) else QuoteKind.SPOKEN
    out.append(
        Quote(
            start,
            end,
            text[start:end],
            kind,
            speaker,
            cue_span,
            form=QuoteForm.INDIRECT,
            content=content_span,
        )
    )


def _unsigned(speaker: Speaker | None) -> bool:
    """An unsigned text ("according to a readout of the meeting") names nobody."""
    words = speaker.name.casefold().split() if speaker is not None else []
    return len(words) > 1 and words[0] in {"a", "an"} and words[1].rstrip("s") in WRITTEN_NOUNS


def _covers(quote: Quote, start: int, end: int) -> bool:
    """The quotation is the content ('"We love cats," he said'): it covers most of it and
    opens it; 'said the premier “stands by his comments”' has words of its own first, so
    the quotation is part of a mixed quote instead."""
    shared = min(quote.end, end) - max(quote.start, start)
    return (
        quote.form is not QuoteForm.INDIRECT
        and shared >= _COVERED * (end - start)
        and quote.start <= start + 1
    )


def _mixed(quote: Quote, content: Span, speaker: Speaker | None, cue: Span) -> Quote:
    if quote.form is not QuoteForm.DIRECT or is_titled(quote.text):
        return quote
    return replace(
        quote,
        form=QuoteForm.MIXED,
        content=content,
        speaker=quote.speaker or speaker,
        cue=quote.cue or cue,
    )


def _written(cue: Any, subject: Any | None) -> bool:
    if cue[0].lemma_ in _WRITING:
        return True
    return subject is not None and subject.lemma_ in _TEXTS


def _speaker(
    subject: Any | None,
    offset: int,
    start: int,
    end: int,
    out: list[Quote],
    locator: Locator,
    resolver: PronounResolver,
) -> Speaker | None:
    if subject is None:
        return None
    mention = phrase_for(subject, offset)
    located = locator.locate(QuoteSpan(start, end, start, end))
    if located is None:
        return Speaker(mention.text, mention.start, mention.end, mention.text)
    return resolver.speaker(mention, located, _named_before(out, start))


def _named_before(out: list[Quote], position: int) -> Iterator[str]:
    pronouns = SINGULAR_PRONOUNS | GROUP_PRONOUNS | {"it"}
    for quote in sorted(out, key=lambda q: q.start, reverse=True):
        speaker = quote.speaker
        if quote.start < position and speaker and speaker.text.casefold() not in pronouns:
            yield speaker.name
