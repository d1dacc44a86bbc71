"""Orchestration: quotes, spaCy over paragraphs, entity clean-up, attribution.

Paragraphs are the unit of work. Only paragraphs that hold a quotation, and the paragraph
before each, need the parser (attribution reads dependencies); every other paragraph runs the
entity recogniser alone, which in the small English models has its own embedding layer. That
cuts the cost of a typical article roughly in half without changing a single entity.

spaCy is imported by ``reader.core.analysis.pipeline`` only, inside the functions that load it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reader.core.analysis.entities import RawMention, build_entities, form_key
from reader.core.analysis.fragments import repair_fragments
from reader.core.analysis.lexicon import may_report
from reader.core.analysis.parallel import TailWorker, split_point
from reader.core.analysis.pipeline import LoadedPipeline, load_pipeline, resolve_model_name
from reader.core.analysis.recall import find_missed_short_forms
from reader.core.analysis.results import Analysis, ParagraphResult
from reader.core.text import paragraph_spans, sentence_spans, word_count
from reader.errors import AnalysisCancelled

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from reader.core.analysis.attribution import ParagraphDoc
    from reader.core.analysis.quotes import QuoteSpan

ProgressCallback = Callable[[int, int], None]
"""Called as ``progress(words_done, words_total)`` after each paragraph."""
CancelCheck = threading.Event | Callable[[], bool]
"""Checked between paragraphs; when set (or returning True) analysis raises AnalysisCancelled."""

MULTIPROCESS_MIN_WORDS = 40_000
"""From this many words ``analyze_text`` uses two processes (see docs/ANALYSIS.md)."""
MAX_SEGMENT_CHARS = 20_000
"""Longer paragraphs are cut at sentence ends so the parser's memory stays bounded."""
CHUNK_PARAGRAPHS = 256
"""Paragraphs handed to spaCy at once by ``analyze_text`` (about 10,000 words of news)."""
STREAM_CHUNK_PARAGRAPHS = 32
"""The same for streaming, where the next results should reach the screen within a second."""
PARSE_BATCH = 64
"""``nlp.pipe`` batch for the full pipeline: ``tok2vec`` slows down on bigger batches."""
NER_BATCH = 128
"""Batch for entity-only paragraphs: ``ner`` is most efficient around this size (measured)."""


@dataclass(frozen=True)
class Segment:
    """One unit of work: a paragraph (or a piece of a very long one)."""

    index: int
    paragraph: int
    start: int
    end: int
    words: int
    needs_syntax: bool


@dataclass
class _Plan:
    text: str
    sha256: str
    model_name: str
    loaded: LoadedPipeline
    quotes: list[QuoteSpan]
    segments: list[Segment]

    @property
    def words_total(self) -> int:
        return sum(segment.words for segment in self.segments)


def analyze_text(
    text: str,
    sha256: str,
    *,
    model: str | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
    n_process: int | None = None,
) -> Analysis:
    """Analyse a whole document: entities (cleaned and grouped) and attributed quotations.

    ``n_process`` defaults to 2 for documents of ``MULTIPROCESS_MIN_WORDS`` words or more on a
    machine with at least two CPUs, else 1.
    """
    plan = _plan(text, sha256, model)
    processes = n_process if n_process is not None else _default_processes(plan.words_total)
    raw, parsed = _process_all(plan, processes, progress, cancel)
    return _finish(plan, raw, parsed)


def iter_analysis(
    text: str,
    sha256: str,
    *,
    model: str | None = None,
    cancel: CancelCheck | None = None,
    priority_offset: int = 0,
) -> Iterator[ParagraphResult | Analysis]:
    """Stream ``ParagraphResult``s, starting just before ``priority_offset``, then the Analysis.

    Results come in processing order: the paragraph before the one holding
    ``priority_offset`` to the end of the text, then the paragraphs before it. Entity ids in
    paragraph results are provisional; the final ``Analysis`` is authoritative.
    """
    plan = _plan(text, sha256, model)
    order = _priority_order(plan.segments, priority_offset)
    streamer = _Streamer(plan)
    mentions: dict[int, list[RawMention]] = {}
    docs: dict[int, Doc] = {}
    chunks = {"first_chunk": 2, "max_chunk": STREAM_CHUNK_PARAGRAPHS}
    for segment, doc in process_in_order(plan.loaded, plan.text, order, cancel, **chunks):
        docs[segment.index] = doc
        mentions[segment.index] = raw_mentions(segment, doc)
        yield streamer.result(segment, doc, docs)
    parsed = {index: doc for index, doc in docs.items() if plan.segments[index].needs_syntax}
    yield _finish(plan, *_in_text_order(plan, mentions, parsed))


def _plan(text: str, sha256: str, model: str | None) -> _Plan:
    from reader.core.analysis.quotes import find_quotes

    model_name = resolve_model_name(model)
    loaded = load_pipeline(model_name)
    paragraphs = paragraph_spans(text)
    quotes = find_quotes(text, paragraphs)
    segments = _segments(text, paragraphs, quotes, loaded)
    return _Plan(text, sha256, model_name, loaded, quotes, segments)


def _segments(
    text: str,
    paragraphs: Sequence[tuple[int, int]],
    quotes: Sequence[QuoteSpan],
    loaded: LoadedPipeline,
) -> list[Segment]:
    pieces = [
        (number, piece)
        for number, (start, end) in enumerate(paragraphs)
        for piece in _split_long(text, start, end)
    ]
    quoted = [any(q.start < end and start < q.end for q in quotes) for _, (start, end) in pieces]
    quoted_ahead = [*quoted[1:], False]
    syntax_everywhere = not loaded.can_skip_syntax
    segments = []
    for index, (number, (start, end)) in enumerate(pieces):
        needs_syntax = (
            syntax_everywhere or quoted[index] or quoted_ahead[index] or may_report(text[start:end])
        )
        words = word_count(text[start:end])
        segments.append(Segment(index, number, start, end, words, needs_syntax))
    return segments


def _split_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if end - start <= MAX_SEGMENT_CHARS:
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    for sentence_start, sentence_end in sentence_spans(text, start, end):
        if pieces and sentence_end - pieces[-1][0] <= MAX_SEGMENT_CHARS:
            pieces[-1] = (pieces[-1][0], sentence_end)
            continue
        # A single sentence longer than the limit is cut at the limit: no parse is perfect there.
        for cut in range(sentence_start, sentence_end, MAX_SEGMENT_CHARS):
            pieces.append((cut, min(cut + MAX_SEGMENT_CHARS, sentence_end)))
    return pieces


def _default_processes(words: int) -> int:
    return 2 if words >= MULTIPROCESS_MIN_WORDS and (os.cpu_count() or 1) >= 2 else 1


def _is_cancelled(cancel: CancelCheck | None) -> bool:
    if cancel is None:
        return False
    return cancel.is_set() if isinstance(cancel, threading.Event) else bool(cancel())


def _check(cancel: CancelCheck | None) -> None:
    if _is_cancelled(cancel):
        raise AnalysisCancelled("analysis cancelled")


def _process_all(
    plan: _Plan, processes: int, progress: ProgressCallback | None, cancel: CancelCheck | None
) -> tuple[list[RawMention], list[ParagraphDoc]]:
    """Entity spans and parsed paragraphs of the whole text, in text order."""
    split = split_point(plan.segments) if processes > 1 else len(plan.segments)
    worker = (
        TailWorker(plan.text, plan.model_name, plan.segments[split:])
        if split < len(plan.segments)
        else None
    )
    mentions: dict[int, list[RawMention]] = {}
    parsed: dict[int, Doc] = {}
    done, total = 0, plan.words_total

    def report() -> None:
        if progress is not None:
            progress(done + (worker.words_done if worker else 0), total)

    try:
        for segment, doc in process_in_order(plan.loaded, plan.text, plan.segments[:split], cancel):
            mentions[segment.index] = raw_mentions(segment, doc)
            if segment.needs_syntax:
                parsed[segment.index] = doc
            done += segment.words
            if worker is not None:
                worker.poll_progress()
            report()
        if worker is not None:
            tail = worker.wait(plan.loaded, lambda: _is_cancelled(cancel), report)
            mentions.update(tail.mentions)
            parsed.update(tail.parsed)
    finally:
        if worker is not None:
            worker.stop()
    return _in_text_order(plan, mentions, parsed)


def _in_text_order(
    plan: _Plan, mentions: dict[int, list[RawMention]], parsed: dict[int, Doc]
) -> tuple[list[RawMention], list[ParagraphDoc]]:
    from reader.core.analysis.attribution import ParagraphDoc

    ordered = [m for segment in plan.segments for m in mentions[segment.index]]
    docs = [
        ParagraphDoc(segment.start, parsed[segment.index])
        for segment in plan.segments
        if segment.index in parsed
    ]
    return ordered, docs


def process_in_order(
    loaded: LoadedPipeline,
    text: str,
    order: Sequence[Segment],
    cancel: CancelCheck | None,
    first_chunk: int = CHUNK_PARAGRAPHS,
    max_chunk: int = CHUNK_PARAGRAPHS,
) -> Iterator[tuple[Segment, Doc]]:
    """(segment, Doc) pairs in exactly the given order, in this process, chunk by chunk.

    Chunks start at ``first_chunk`` paragraphs and double up to ``max_chunk``: small first
    chunks put the first results on screen sooner, big ones keep spaCy efficient.
    """
    position, size = 0, max(1, first_chunk)
    while position < len(order):
        _check(cancel)
        chunk = order[position : position + size]
        position, size = position + len(chunk), min(size * 2, max_chunk)
        for segment, doc in zip(chunk, _run_chunk(loaded, text, chunk), strict=True):
            _check(cancel)
            yield segment, doc


def _run_chunk(loaded: LoadedPipeline, text: str, chunk: Sequence[Segment]) -> list[Doc]:
    nlp = loaded.nlp
    full = [s for s in chunk if s.needs_syntax]
    light = [s for s in chunk if not s.needs_syntax]
    parsed = nlp.pipe((text[s.start : s.end] for s in full), batch_size=PARSE_BATCH)
    docs = dict(zip(full, parsed, strict=True))
    if light:
        ner: Any = nlp.get_pipe("ner")
        made = (nlp.make_doc(text[s.start : s.end]) for s in light)
        docs.update(zip(light, ner.pipe(made, batch_size=NER_BATCH), strict=True))
    return [docs[segment] for segment in chunk]


def raw_mentions(segment: Segment, doc: Doc) -> list[RawMention]:
    """The model's entity spans of one segment, in document offsets."""
    return [
        RawMention(
            segment.start + ent.start_char, segment.start + ent.end_char, ent.text, ent.label_
        )
        for ent in doc.ents
    ]


def _finish(plan: _Plan, raw: Sequence[RawMention], parsed: Sequence[ParagraphDoc]) -> Analysis:
    """Document-level clean-up, grouping and attribution."""
    from reader.core.analysis.attribution import attribute_quotes

    repaired = repair_fragments(plan.text, raw)
    missed = find_missed_short_forms(plan.text, repaired) if repaired else []
    mentions, entity_index = build_entities([*repaired, *missed])
    quotes = attribute_quotes(plan.text, plan.quotes, parsed, entity_index, mentions)
    return Analysis(
        sha256=plan.sha256,
        model=plan.loaded.info,
        entities=tuple(mentions),
        entity_index=tuple(entity_index),
        quotes=tuple(quotes),
        warnings=plan.loaded.warnings,
    )


def _priority_order(segments: list[Segment], offset: int) -> list[Segment]:
    visible = next((s.index for s in segments if offset < s.end), len(segments) - 1)
    first = max(0, visible - 1)
    return segments[first:] + segments[:first]


class _Streamer:
    """Builds provisional per-paragraph results while the document streams through spaCy."""

    def __init__(self, plan: _Plan) -> None:
        self.plan = plan
        # The latest mention of each full name of a person or company seen so far: enough to
        # link short forms, and small (one entry per name), so each paragraph stays cheap.
        self.known_names: dict[str, RawMention] = {}

    def result(self, segment: Segment, doc: Doc, docs: dict[int, Doc]) -> ParagraphResult:
        """This segment's entities (linked to names seen so far) and attributed quotes."""
        from reader.core.analysis.attribution import ParagraphDoc, attribute_quotes

        raw = raw_mentions(segment, doc)
        repaired = repair_fragments(self.plan.text, raw)
        mentions, entity_index = build_entities(repaired, list(self.known_names.values()))
        for mention in raw:
            if mention.label in {"PERSON", "ORG"} and len(mention.text.split()) >= 2:
                self.known_names[form_key(mention.text)] = mention
        window = [
            ParagraphDoc(self.plan.segments[index].start, docs[index])
            for index in (segment.index - 1, segment.index)
            if index in docs and self.plan.segments[index].needs_syntax
        ]
        own = [q for q in self.plan.quotes if segment.start <= q.start < segment.end]
        # Continuations ("…," he added) look at the quote before: give the previous
        # paragraph's quotes as context and keep only this paragraph's results.
        previous = self.plan.segments[segment.index - 1] if segment.index else None
        lead = [
            q for q in self.plan.quotes if previous and previous.start <= q.start < segment.start
        ]
        found = (
            attribute_quotes(self.plan.text, lead + own, window, entity_index, mentions)
            if own or segment.needs_syntax
            else []
        )
        quotes = [q for q in found if segment.start <= q.start < segment.end]
        return ParagraphResult(
            segment.paragraph, segment.start, segment.end, tuple(mentions), tuple(quotes)
        )
