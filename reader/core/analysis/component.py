"""Quotations as a spaCy pipeline component: ``reader_quotes``.

The component sets ``doc._.quotes``: one ``Span`` per quotation, direct, mixed and indirect
together, in text order, each with

* ``span._.form``: ``"direct"``, ``"indirect"`` or ``"mixed"``;
* ``span._.kind``: ``"spoken"``, ``"written"`` or ``"term"``;
* ``span._.speaker``: the speaker's mention as written (a ``Span``), or None;
* ``span._.speaker_name``: the speaker's canonical name (the document's fullest form);
* ``span._.cue``: the cue words (a ``Span``), or None;
* ``span._.content``: the reported clause of indirect and mixed quotes, else None.

``speaker`` and ``cue`` are the extensions ``reader_reported_speech`` sets on its content
spans, so both components read the same way. The work is the rule code of ``quotes``
(finding the marks), ``attribution`` (cues, formats and speakers, in order) and ``indirect``
(merging reported speech): ``QuoteComponent.attribute`` is that whole step over a document
given as parsed paragraphs.

A document that reader analyses is never one ``Doc``: it streams through spaCy paragraph by
paragraph, partly in a second process, and only some paragraphs are parsed. So in reader's
own pipeline the component is added disabled, and the orchestration (``runner``) takes it
with ``nlp.get_pipe("reader_quotes")`` and calls ``attribute`` once over the parsed
paragraphs. Called on a ``Doc`` (``nlp.add_pipe("reader_quotes")``, then ``nlp(text)``),
it treats the Doc as the whole document: its paragraphs, its entities, its parse when there
is one (without one the rules read the words alone, as with reader's ``blank`` model).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from reader.core.analysis import reported  # noqa: F401  (registers reader_reported_speech)
from reader.core.analysis.entities import RawMention, build_entities
from reader.core.analysis.fragments import repair_fragments
from reader.core.analysis.quotes import QuoteSpan, find_quotes
from reader.core.analysis.recall import find_missed_short_forms
from reader.core.analysis.resolve import ParagraphDoc
from reader.core.analysis.results import Entity, EntityMention, Quote
from reader.core.text import paragraph_spans

COMPONENT = "reader_quotes"
EXTENSION = "quotes"

for _name in ("cue", "speaker", "speaker_name", "form", "kind", "content"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)
if not Doc.has_extension(EXTENSION):
    Doc.set_extension(EXTENSION, default=None)


def document_entities(
    text: str, raw: Sequence[RawMention]
) -> tuple[list[EntityMention], list[Entity]]:
    """The model's entity spans of a whole document, repaired, completed and grouped."""
    repaired = repair_fragments(text, raw)
    missed = find_missed_short_forms(text, repaired) if repaired else []
    return build_entities([*repaired, *missed])


class QuoteComponent:
    """The pipeline component (see the module docstring)."""

    def __call__(self, doc: Doc) -> Doc:
        """Set ``doc._.quotes``, treating ``doc`` as one whole document."""
        text = doc.text
        paragraphs = paragraph_spans(text)
        raw = [RawMention(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents]
        mentions, entity_index = document_entities(text, raw)
        spans = [_char_span(doc, start, end) for start, end in paragraphs]
        pieces = [ParagraphDoc(s.start_char, s.as_doc()) for s in spans if s is not None]
        found = self.attribute(text, find_quotes(text, paragraphs), pieces, entity_index, mentions)
        doc._.set(EXTENSION, [span for q in found if (span := quote_span(doc, q)) is not None])
        return doc

    def attribute(
        self,
        text: str,
        quotes: Sequence[QuoteSpan],
        paragraphs: Sequence[ParagraphDoc],
        entity_index: Sequence[Entity],
        mentions: Sequence[EntityMention],
    ) -> list[Quote]:
        """Every quote of a document: its quotations (``quotes``, from ``find_quotes``)
        classified and attributed over the parsed ``paragraphs``, and reported speech merged
        in; speakers resolved against the document's entities."""
        from reader.core.analysis.attribution import attribute_quotes

        return attribute_quotes(text, quotes, paragraphs, entity_index, mentions)


def _char_span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def quote_span(doc: Doc, quote: Quote) -> Span | None:
    """``quote`` as a Span of ``doc`` with the extensions of the module docstring."""
    span = _char_span(doc, quote.start, quote.end)
    if span is None:
        return None
    span._.form = quote.form.value
    span._.kind = quote.kind.value
    span._.cue = _char_span(doc, quote.cue.start, quote.cue.end) if quote.cue else None
    speaker = quote.speaker
    span._.speaker = _char_span(doc, speaker.start, speaker.end) if speaker else None
    span._.speaker_name = speaker.name if speaker else None
    content = quote.content
    span._.content = _char_span(doc, content.start, content.end) if content else None
    return span


@Language.factory(COMPONENT)
def make_quotes(nlp: Language, name: str) -> QuoteComponent:
    """Factory registered with spaCy: ``nlp.add_pipe("reader_quotes")``."""
    return QuoteComponent()


def add_to(nlp: Language) -> None:
    """Add the component, disabled, at the end of reader's pipeline (idempotent): reader
    calls ``attribute`` over a document's paragraphs itself (module docstring)."""
    if COMPONENT not in nlp.component_names:
        nlp.add_pipe(COMPONENT, last=True)
        nlp.disable_pipe(COMPONENT)


def quote_component(nlp: Language) -> QuoteComponent:
    """The ``reader_quotes`` component of ``nlp`` (added when missing)."""
    add_to(nlp)
    component = nlp.get_pipe(COMPONENT)
    assert isinstance(component, QuoteComponent)
    return component
