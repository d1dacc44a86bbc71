"""The sample article against the hand-written truth in sample_expected.py (real model)."""

from __future__ import annotations

import pytest

from reader.core.analysis.attribution import ParagraphDoc, attribute_quotes
from reader.core.analysis.quotes import find_quotes
from reader.core.analysis.results import Quote
from reader.core.text import normalise, paragraph_spans, sha256_of
from tests.conftest import SAMPLE_PATH
from tests.core.analysis.attribution_support import analyse, build_entities, full_model, marked
from tests.core.analysis.sample_expected import (
    EXPECTED,
    HELD_OUT_EXPECTED,
    HELD_OUT_TEXT,
    KNOWN_DEVIATIONS,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sample() -> str:
    return normalise(SAMPLE_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def quotes(sample: str) -> list[Quote]:
    return analyse(sample)


def _check_against_truth(found: list[Quote]) -> None:
    assert [q.text for q in found] == [e.text for e in EXPECTED]
    for index, (quote, expected) in enumerate(zip(found, EXPECTED, strict=True)):
        assert quote.kind == KNOWN_DEVIATIONS.get(index, expected.kind), (index, quote.text)
        if expected.speaker is None:
            assert quote.speaker is None, (index, quote.text)
            continue
        assert quote.speaker is not None, (index, quote.text)
        assert quote.speaker.name == expected.speaker, (index, quote.text)
        assert quote.speaker.text in expected.mentions, (index, quote.speaker)


def test_every_quotation_kind_and_speaker_matches_the_truth(quotes: list[Quote]) -> None:
    _check_against_truth(quotes)


def test_known_deviations_are_kinds_only_and_still_differ_from_the_truth() -> None:
    # If the program learns to see "within the assertion" as written, drop the deviation.
    for index, kind in KNOWN_DEVIATIONS.items():
        assert EXPECTED[index].kind != kind


def test_speaker_and_cue_offsets_point_at_their_words(sample: str, quotes: list[Quote]) -> None:
    for quote in quotes:
        assert sample[quote.start : quote.end] == quote.text
        if quote.speaker is not None:
            speaker = quote.speaker
            assert sample[speaker.start : speaker.end] == speaker.text
        if quote.cue is not None:
            assert sample[quote.cue.start : quote.cue.end] == quote.cue.text


def test_speaker_positions_are_the_cue_mentions(sample: str, quotes: list[Quote]) -> None:
    biden = quotes[7].speaker
    assert biden is not None
    # "he" right after the quotation, not an earlier "he" in the previous paragraph.
    assert biden.start == quotes[7].end + 1
    wenbin = quotes[13].speaker
    assert wenbin is not None
    assert sample[wenbin.start - len("spokesman ") : wenbin.end] == "spokesman Wang Wenbin"


def test_continuation_reuses_the_previous_speaker_mention(quotes: list[Quote]) -> None:
    statement, continuation = quotes[16], quotes[17]
    assert continuation.cue is None
    assert continuation.speaker == statement.speaker


def test_a_window_of_two_paragraphs_attributes_like_the_whole_document(sample: str) -> None:
    # The runner streams partial results: each quoted paragraph with its predecessor. The
    # predecessor's quotations go in too: continuations and "added" look at the one before.
    spans = paragraph_spans(sample)
    docs = list(full_model().pipe([sample[s:e] for s, e in spans]))
    paragraphs = [ParagraphDoc(s, doc) for (s, _), doc in zip(spans, docs, strict=True)]
    index, mentions = build_entities(paragraphs)
    every = find_quotes(sample, spans)
    whole = attribute_quotes(sample, every, paragraphs, index, mentions)
    for number in range(1, len(paragraphs)):
        start, end = spans[number]
        own = [q for q in every if start <= q.start < end]
        if not own:
            continue
        window = paragraphs[number - 1 : number + 1]
        both = [q for q in every if spans[number - 1][0] <= q.start < end]
        partial = attribute_quotes(sample, both, window, index, mentions)
        expected = [q for q in whole if spans[number - 1][0] <= q.start < end]
        assert partial[-len(own) :] == expected[-len(own) :]


def test_end_to_end_through_the_runner(sample: str) -> None:
    from reader.core.analysis.runner import analyze_text

    analysis = analyze_text(sample, sha256_of(sample))
    _check_against_truth(marked(analysis.quotes))


def test_the_second_hand_checked_text_matches_its_truth() -> None:
    found = analyse(HELD_OUT_TEXT)
    rows = [(q.text, q.kind, q.speaker.name if q.speaker else None) for q in found]
    assert rows == [(e.text, e.kind, e.speaker) for e in HELD_OUT_EXPECTED]
    for quote, expected in zip(found, HELD_OUT_EXPECTED, strict=True):
        assert quote.speaker is not None and quote.speaker.text in expected.mentions
