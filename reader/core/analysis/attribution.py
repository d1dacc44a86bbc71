"""Classifying quotations (spoken, written, term) and attributing them to speakers.

Cues are tried in a fixed order; the first that gives a speaker wins (see ``reader.core.
analysis.cues`` for each rule):

1. a speech verb right after the quotation ('"…," he said') or right before it, linked by a
   colon, a comma or "that", or before a quotation that starts with a capital;
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
sentence, not a clause). Terms are kept, with the speaker of their sentence when rules 1-7
give one and none otherwise.
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

from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any

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
    paragraph_numbers,
    token_range,
)
from reader.core.analysis.quotes import (
    GROUP_PRONOUNS,
    SINGULAR_PRONOUNS,
    TERM_MAX_WORDS,
    QuoteSpan,
    is_name_token,
)
from reader.core.analysis.results import Entity, EntityMention, Quote, QuoteKind, Span, Speaker
from reader.core.analysis.speakers import (
    Mention,
    Resolver,
    doc_length,
    forget_docs,
    has_parse,
    sentence_bounds,
    subject_of,
)

if TYPE_CHECKING:
    import spacy.tokens

_PRONOUNS = SINGULAR_PRONOUNS | GROUP_PRONOUNS
_RECENT_SPEAKERS = 50
"""How many earlier speakers a short name without an entity is matched against."""


@dataclass(frozen=True)
class ParagraphDoc:
    """One paragraph's spaCy Doc and where the paragraph starts in the document text."""

    start: int
    doc: spacy.tokens.Doc


@dataclass(frozen=True)
class _Located:
    """A quotation with its site and the index of its paragraph doc."""

    site: QuoteSite
    paragraph: int
    number: int


class _Locator:
    """Finds, for document offsets, the paragraph doc and the tokens they fall on."""

    def __init__(
        self, text: str, paragraphs: Sequence[ParagraphDoc], quotes: Sequence[QuoteSpan]
    ) -> None:
        self.paragraphs = sorted(paragraphs, key=lambda paragraph: paragraph.start)
        self.starts = [paragraph.start for paragraph in self.paragraphs]
        self.ends = [p.start + doc_length(p.doc) for p in self.paragraphs]
        self.numbers = paragraph_numbers(text, self.paragraphs)
        tokens: dict[int, set[int]] = {index: set() for index in range(len(self.paragraphs))}
        for quote in quotes:
            first_index = self.index_of(quote.start)
            last_index = self.index_of(max(quote.start, quote.end - 1))
            if first_index is None or last_index is None:
                continue
            for index in range(first_index, last_index + 1):
                first, last = self._range(index, quote.start, quote.end)
                tokens[index].update(range(first, last))
        self.quoted = {index: frozenset(found) for index, found in tokens.items()}

    def _range(self, index: int, start: int, end: int) -> tuple[int, int]:
        paragraph = self.paragraphs[index]
        stop = self.ends[index]
        if end <= paragraph.start or start >= stop:
            return (0, 0)
        return token_range(paragraph.doc, paragraph.start, start, end)

    def index_of(self, offset: int) -> int | None:
        """Index of the paragraph doc holding document offset ``offset``."""
        index = bisect_right(self.starts, offset) - 1
        if index < 0:
            return None
        return index if offset < self.ends[index] else None

    def locate(self, quote: QuoteSpan) -> _Located | None:
        """The quotation's site, or None when its paragraph doc was not given."""
        first_index = self.index_of(quote.start)
        last_index = self.index_of(max(quote.start, quote.end - 1))
        if first_index is None or last_index is None:
            return None
        head, tail = self.paragraphs[first_index], self.paragraphs[last_index]
        first, _ = self._range(first_index, quote.start, quote.end)
        _, last = self._range(last_index, quote.start, quote.end)
        site = QuoteSite(
            quote=quote,
            doc=head.doc,
            offset=head.start,
            first=first,
            end_doc=tail.doc,
            end_offset=tail.start,
            last=last,
            quoted=self.quoted[first_index],
            end_quoted=self.quoted[last_index],
        )
        return _Located(site, first_index, self.numbers[first_index])

    def previous(self, index: int) -> tuple[Any, int] | None:
        """The doc and offset of the paragraph just before paragraph ``index``, if given."""
        if index <= 0 or self.numbers[index] - self.numbers[index - 1] != 1:
            return None
        paragraph = self.paragraphs[index - 1]
        return paragraph.doc, paragraph.start


def _find_cue(site: QuoteSite, text: str, locator: _Locator, index: int) -> tuple[Cue | None, bool]:
    """The first cue, in the order of the module docstring, that names a speaker; and whether
    the quotation is a term. An unsigned source (no speaker) is kept for the kind only."""
    adjacent = find_after(site, text) or find_before(site, text)
    term = is_term(site, text, adjacent is not None)
    if adjacent is not None:
        return adjacent, term
    unsigned: Cue | None = None
    source = find_source(site)
    if source is not None and source.speaker is None:
        source, unsigned = None, source
    person_source = source if source is not None and source.rule == "source-person" else None
    early: list[Callable[[], Cue | None]] = [
        lambda: find_parenthetical(site),
        lambda: source if person_source is None else None,
        lambda: find_governor(site),
        lambda: find_content_clause(site),
        lambda: person_source,
        lambda: find_surface(site),
    ]
    late: list[Callable[[], Cue | None]] = [
        lambda: find_lead_in(site, locator.previous(index)),
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

    located: _Located
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
    locator = _Locator(text, paragraphs, quotes)
    resolver = _PronounResolver(Resolver(entity_index, mentions), locator)
    done: list[_Attributed] = []
    results: list[Quote] = []
    for quote in quotes:
        located = locator.locate(quote)
        if located is None:
            short = len(text[quote.inner_start : quote.inner_end].split()) <= TERM_MAX_WORDS
            kind = QuoteKind.TERM if short else QuoteKind.SPOKEN
            results.append(Quote(quote.start, quote.end, text[quote.start : quote.end], kind))
            continue
        cue, term = _find_cue(located.site, text, locator, located.paragraph)
        item = _Attributed(located, term, cue)
        _settle(item, done, resolver)
        done.append(item)
        results.append(_to_quote(item, text))
    return results


def _settle(item: _Attributed, done: list[_Attributed], resolver: _PronounResolver) -> None:
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


class _PronounResolver:
    """Turns a speaker phrase into a ``Speaker``: pronouns and short names to canonical names."""

    def __init__(self, resolver: Resolver, locator: _Locator) -> None:
        self.resolver = resolver
        self.locator = locator

    def speaker(self, mention: Mention, located: _Located, named: Iterator[str]) -> Speaker:
        """The speaker record for ``mention`` (the phrase as written plus its resolved name).

        When no entity fits (e.g. on the blank pipeline), a pronoun falls back to the latest
        earlier named speaker and a short name to the latest earlier speaker whose name holds
        it ("Petrova" after "Olga Petrova"); ``named`` lists those speakers, latest first.
        """
        lower = mention.text.casefold()
        if lower in SINGULAR_PRONOUNS:
            name = self._person_for_pronoun(mention, located) or next(named, None)
        elif lower in GROUP_PRONOUNS:
            name = self._group_for_pronoun(mention)
        elif all(word[:1].isupper() for word in mention.text.split()):
            words = set(lower.split())
            recent = islice(named, _RECENT_SPEAKERS)
            earlier = (n for n in recent if words < set(n.casefold().split()))
            name = self.resolver.name_for(mention, mention.start) or next(earlier, None)
        else:
            name = None
        return Speaker(mention.text, mention.start, mention.end, name or mention.text)

    def _person_for_pronoun(self, mention: Mention, located: _Located) -> str | None:
        quote = located.site.quote
        index = self.locator.index_of(mention.start)
        if index is None:
            return None
        paragraph = self.locator.paragraphs[index]
        doc, offset = paragraph.doc, paragraph.start
        token = _token_at(doc, mention.start - offset)
        low, _ = sentence_bounds(doc, token)
        floor = quote.end if mention.start >= quote.end else offset + doc[low].idx
        own = self.resolver.last_person_before(mention.start, floor)
        if own is not None:
            return own.name
        for subject in self._earlier_subjects(index, low):
            person = self.resolver.person_containing(subject.text, mention.start)
            if person is not None:
                return person.name
        recent = self.resolver.last_person_before(mention.start)
        return recent.name if recent is not None else None

    def _earlier_subjects(self, index: int, low: int) -> list[Any]:
        """Name subjects of the (up to three) sentences before token ``low`` of paragraph
        ``index``, going back into the paragraph just before when needed, nearest first."""
        sentences: list[Any] = []
        numbers = self.locator.numbers
        while index >= 0 and len(sentences) < 3:
            doc = self.locator.paragraphs[index].doc
            if not has_parse(doc):
                break
            sentences += reversed([s for s in doc.sents if s.end <= low])
            if index == 0 or numbers[index] - numbers[index - 1] != 1:
                break
            index -= 1
            low = len(self.locator.paragraphs[index].doc)
        subjects = (subject_of(sentence.root) for sentence in sentences[:3])
        return [s for s in subjects if s is not None and is_name_token(s)]

    def _group_for_pronoun(self, mention: Mention) -> str | None:
        index = self.locator.index_of(mention.start)
        if index is None:
            return None
        paragraph = self.locator.paragraphs[index]
        doc = paragraph.doc
        token = _token_at(doc, mention.start - paragraph.start)
        low, _ = sentence_bounds(doc, token)
        if not has_parse(doc) or low == 0:
            return None
        previous = doc[low - 1].sent
        subject = subject_of(previous.root)
        if subject is not None and subject.tag_ in {"NNS", "NNPS"}:
            return str(doc[subject.left_edge.i : subject.i + 1].text)
        return None


def _token_at(doc: Any, local: int) -> int:
    span = doc.char_span(local, local + 1, alignment_mode="expand")
    return int(span.start) if span is not None and len(span) else max(0, len(doc) - 1)
