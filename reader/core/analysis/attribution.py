"""Classifying quotations (spoken, written, term) and attributing them to speakers.

Cues are tried in a fixed order; the first that gives a speaker wins (see ``reader.core.
analysis.cues`` for each rule):

1. a speech verb right after the quotation ('"…," he said') or right before it, linked by a
   colon, a comma or "that", or before a quotation that starts with a capital; or a cue the
   tagger misread as a noun right after it ('"…," the post read', '"…," Sinclair states');
2. a reporting clause set off by commas in the sentence (', Worth added,');
3. a signed text named as the source in the sentence ("according to X’s readout", "based on
   a statement from X"): the quoted words are that text's words;
4. with a parse, the speech verb or statement noun that governs the quotation;
5. the clause of a statement noun ("statements from X that … “…”");
6. a person named as the source ("according to the ministry spokesman");
7. the nearest speech verb in the sentence with a speaker beside it;
8. for quotations that are not terms: a lead-in ending the previous sentence or paragraph
   with a colon, a signature line after the quotation ("—Name, title"), and last a
   continuation: no cue of its own, after a quotation with a speaker in the same or the
   previous paragraph, so the same speaker goes on.

A quotation is a ``term`` by ``reader.core.analysis.cues.is_term`` (short, inside a
sentence, not a clause); a title ("One Hundred Years of Solitude") or a quotation in a
headline or subhead (``reader.core.analysis.names.in_heading``) is a term with no speaker.
Other terms are kept, with the speaker of their sentence when rules 1-7 give one and none
otherwise.
Other quotations are ``written`` when their cue is a writing verb (wrote, tweeted), a written
text (statement, readout, release, letter...) or a speech verb next to one ("said in a
statement"); when they continue a written quotation by the same speaker (no cue, or "added",
"continued"); ``spoken`` otherwise.

Speakers are reported twice: ``Speaker.text/start/end`` is the mention at the cue as written
("he", "Worth", "Wang Wenbin" without its "spokesman" title, or a whole nominal phrase such as
"US officials familiar with the intelligence"); ``Speaker.name`` is the resolved canonical
name (see ``reader.core.analysis.speakers``). A nominal phrase is its own name; a pronoun or
name nothing resolves keeps its text as name. A continuation reuses the previous quotation's
speaker (same mention) and has no cue of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from reader.core.analysis.cues import (
    Cue,
    QuoteSite,
    find_after,
    find_before,
    find_content_clause,
    find_governor,
    find_lead_in,
    find_parenthetical,
    find_signature,
    find_source,
    find_surface,
    is_term,
)
from reader.core.analysis.formats import (
    find_from_line,
    find_present_as_noun,
    find_previous_sentence,
    find_profile,
    find_roundup,
    find_text_read,
)
from reader.core.analysis.indirect import merge_reported
from reader.core.analysis.names import in_heading, is_titled, term_like
from reader.core.analysis.quotes import (
    GROUP_PRONOUNS,
    SINGULAR_PRONOUNS,
    TERM_MAX_WORDS,
    QuoteSpan,
)
from reader.core.analysis.resolve import Located, Locator, ParagraphDoc, PronounResolver
from reader.core.analysis.results import Entity, EntityMention, Quote, QuoteKind, Span, Speaker
from reader.core.analysis.speaker_names import Resolver
from reader.core.analysis.speakers import forget_docs

__all__ = ["ParagraphDoc", "attribute_quotes"]

_PRONOUNS = SINGULAR_PRONOUNS | GROUP_PRONOUNS


_AS_LOOK_BEHIND = 80
"""How far back ``… described as “…”`` is looked for: a window, not the text so far (which
made the check quadratic in the document's length)."""


def _unattributed(site: QuoteSite, text: str, adjacent: Cue | None) -> bool:
    """A short quotation running on into lower-case words with no cue ("'uneasy' on Gilmer
    street"): a term even where it opens its line."""
    words = text[site.quote.inner_start : site.quote.inner_end].split()
    following = text[site.quote.end : site.quote.end + 2]
    return (
        adjacent is None
        and len(words) <= TERM_MAX_WORDS
        and following[1:].islower()
        and following[:1] == " "
    )


def _find_cue(
    site: QuoteSite, text: str, locator: Locator, index: int, continuing: bool = False
) -> tuple[Cue | None, bool]:
    """The first cue, in the order of the module docstring, that names a speaker; and whether
    the quotation is a term. An unsigned source (no speaker) is kept for the kind only.
    ``continuing``: an earlier quotation nearby has a speaker, so a quotation with no cue of
    its own continues it rather than taking one from the sentence or paragraph before."""
    inner = text[site.quote.inner_start : site.quote.inner_end]
    if is_titled(inner) and term_like(text, site.quote):
        return None, True  # a title: "One Hundred Years of Solitude"
    if in_heading(text, site.quote):
        return None, True  # a headline: "‘We will fight this,’ premier says"
    if text.endswith("(", 0, site.quote.start):
        return None, True  # a gloss: "MDMA (“ecstasy”)"
    if text[max(0, site.quote.start - _AS_LOOK_BEHIND) : site.quote.start].rstrip().endswith(" as"):
        governed = find_governor(site)  # "what an officer described as “…”"
        if governed is not None and governed.speaker is not None:
            return governed, is_term(site, text, False)
    adjacent = (
        find_after(site, text)
        or find_before(site, text)
        or find_text_read(site, text)
        or find_present_as_noun(site, text)
    )
    term = is_term(site, text, adjacent is not None) or _unattributed(site, text, adjacent)
    if adjacent is not None:
        return adjacent, term
    unsigned: Cue | None = None
    source = find_source(site)
    if source is not None and source.speaker is None:
        source, unsigned = None, source
    person_source = source if source is not None and source.rule == "source-person" else None
    previous = locator.previous(index)
    quoted_before = index > 0 and bool(locator.quoted[index - 1])
    early: list[Callable[[], Cue | None]] = [
        lambda: find_roundup(site, text),
        lambda: find_parenthetical(site),
        lambda: source if person_source is None else None,
        lambda: find_governor(site),
        lambda: find_content_clause(site),
        lambda: person_source,
        lambda: find_surface(site),
    ]
    late: list[Callable[[], Cue | None]] = [
        lambda: find_lead_in(site, previous),
        lambda: find_from_line(site, text),
        lambda: None if continuing else find_previous_sentence(site, previous),
        lambda: None if continuing else find_profile(site, previous, quoted_before),
        lambda: find_signature(site, text),
    ]
    for rule in early if term else early + late:
        cue = rule()
        if cue is not None and cue.speaker is not None:
            return cue, term
    return unsigned, term


@dataclass
class _Attributed:
    """Working state for one quotation while the document is attributed in order."""

    located: Located
    term: bool
    cue: Cue | None
    speaker: Speaker | None = None
    kind: QuoteKind = QuoteKind.SPOKEN


def attribute_quotes(
    text: str,
    quotes: Sequence[QuoteSpan],
    paragraphs: Sequence[ParagraphDoc],
    entity_index: Sequence[Entity],
    mentions: Sequence[EntityMention],
) -> list[Quote]:
    """Classify (spoken/written/term) and attribute each quote; resolve speakers to canonical
    names. Quotes whose paragraph doc is not given keep a kind from their length only."""
    try:
        return _attribute_all(text, quotes, paragraphs, entity_index, mentions)
    finally:
        forget_docs()


def _attribute_all(
    text: str,
    quotes: Sequence[QuoteSpan],
    paragraphs: Sequence[ParagraphDoc],
    entity_index: Sequence[Entity],
    mentions: Sequence[EntityMention],
) -> list[Quote]:
    locator = Locator(text, paragraphs, quotes)
    resolver = PronounResolver(Resolver(entity_index, mentions), locator, text)
    done: list[_Attributed] = []
    results: list[Quote] = []
    for quote in quotes:
        located = locator.locate(quote)
        if located is None:
            short = len(text[quote.inner_start : quote.inner_end].split()) <= TERM_MAX_WORDS
            kind = QuoteKind.TERM if short else QuoteKind.SPOKEN
            results.append(Quote(quote.start, quote.end, text[quote.start : quote.end], kind))
            continue
        earlier = _previous_spoken(_Attributed(located, False, None), done)
        continuing = earlier is not None and earlier.speaker is not None
        cue, term = _find_cue(located.site, text, locator, located.paragraph, continuing)
        item = _Attributed(located, term, cue)
        _settle(item, done, resolver)
        done.append(item)
        results.append(_to_quote(item, text))
    return merge_reported(text, results, locator, resolver)


def _settle(item: _Attributed, done: list[_Attributed], resolver: PronounResolver) -> None:
    """Fill in speaker and kind, using earlier quotations for continuations."""
    previous = _previous_spoken(item, done)
    cue = item.cue
    if cue is not None and cue.speaker is not None:
        item.speaker = resolver.speaker(cue.speaker, item.located, _named_before(done))
    elif not item.term and previous is not None and previous.speaker is not None:
        item.speaker = previous.speaker
        item.cue = None
        item.kind = previous.kind
        return
    if item.term:
        item.kind = QuoteKind.TERM
    elif cue is not None and (cue.written or _continues_written(item, cue, previous)):
        item.kind = QuoteKind.WRITTEN


def _continues_written(item: _Attributed, cue: Cue, previous: _Attributed | None) -> bool:
    """'"…," Worth added' after a written quotation by Worth goes on with the same text."""
    return (
        cue.continuing
        and previous is not None
        and previous.kind is QuoteKind.WRITTEN
        and previous.speaker is not None
        and item.speaker is not None
        and previous.speaker.name == item.speaker.name
    )


def _named_before(done: list[_Attributed]) -> Iterator[str]:
    """Resolved names of earlier speakers not written as pronouns, the latest first (lazy:
    only pronouns and short names no entity fits ever read it)."""
    for earlier in reversed(done):
        speaker = earlier.speaker
        if speaker is not None and speaker.text.casefold() not in _PRONOUNS:
            yield speaker.name


def _previous_spoken(item: _Attributed, done: list[_Attributed]) -> _Attributed | None:
    """The last non-term quotation in the same or the previous paragraph."""
    for earlier in reversed(done):
        if earlier.term:
            continue
        if item.located.number - earlier.located.number <= 1:
            return earlier
        return None
    return None


def _to_quote(item: _Attributed, text: str) -> Quote:
    quote = item.located.site.quote
    cue = item.cue.cue if item.cue is not None else None
    return Quote(
        start=quote.start,
        end=quote.end,
        text=text[quote.start : quote.end],
        kind=item.kind,
        speaker=item.speaker,
        cue=Span(cue.text, cue.start, cue.end) if cue is not None else None,
    )
