"""find_quotes: which marks open and close quotations, in plain text (no spaCy)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.analysis.quotes import QuoteSpan, find_quotes
from reader.core.text import normalise, paragraph_spans
from tests.conftest import SAMPLE_PATH

MARKS = "“”‘’\"'«»„"


def quoted(text: str) -> list[str]:
    """The quotations of ``text`` as strings, marks included."""
    return [text[q.start : q.end] for q in find_quotes(text, paragraph_spans(text))]


def test_curly_straight_and_guillemet_double_quotes() -> None:
    text = 'She said “yes”. He said "no". Elle a dit «oui». Er sagte „ja“.'
    assert quoted(text) == ["“yes”", '"no"', "«oui»", "„ja“"]


def test_inner_offsets_exclude_the_marks() -> None:
    text = "He said “go home” twice."
    (span,) = find_quotes(text, paragraph_spans(text))
    assert span == QuoteSpan(8, 17, 9, 16)
    assert text[span.inner_start : span.inner_end] == "go home"


def test_single_quotes_inside_a_double_quote_stay_one_quotation() -> None:
    text = "“He told me ‘never again’ and left,” she said. \"It's 'fine',\" he said."
    assert quoted(text) == ["“He told me ‘never again’ and left,”", "\"It's 'fine',\""]


def test_apostrophes_are_never_quotation_marks() -> None:
    text = "We won’t go; the US’ stance in the ’90s was rock ’n’ roll, O’Brien said. Don't."
    assert quoted(text) == []


def test_british_single_quotes_count_when_clearly_paired() -> None:
    text = "‘I won’t go,’ he said, calling it 'absurd'. Rock 'n' roll in the ‘90s."
    assert quoted(text) == ["‘I won’t go,’", "'absurd'"]


def test_straight_marks_face_by_their_neighbours() -> None:
    # The 12" is a closing-looking mark with nothing open: ignored, not a quotation start.
    text = 'A 12" record. He said ("quietly") that "it works," and left.'
    assert quoted(text) == ['"quietly"', '"it works,"']


def test_a_quotation_runs_on_when_the_next_paragraph_opens_with_a_mark() -> None:
    text = "“First part of the speech.\n\n“Second part,” she said.\n\nAfter."
    (span,) = find_quotes(text, paragraph_spans(text))
    assert text[span.start : span.end] == "“First part of the speech.\n\n“Second part,”"


def test_an_unclosed_quotation_ends_with_its_paragraph_otherwise() -> None:
    text = "He said “this never closes.\n\nNext paragraph “has its own” quote."
    spans = find_quotes(text, paragraph_spans(text))
    assert [text[s.start : s.end] for s in spans] == ["“this never closes.", "“has its own”"]
    assert spans[0].end == spans[0].inner_end == text.index("\n")


def test_a_multi_paragraph_quotation_left_open_ends_with_its_last_paragraph() -> None:
    text = "“One.\n\n“Two.\n\nNarration again."
    (span,) = find_quotes(text, paragraph_spans(text))
    assert text[span.start : span.end] == "“One.\n\n“Two."


def test_empty_quotation_marks_are_not_quotations() -> None:
    assert quoted('He typed “” and "   " then “ok”.') == ["“ok”"]


def test_the_sample_has_eighteen_quotations_all_curly() -> None:
    text = normalise(SAMPLE_PATH.read_text(encoding="utf-8"))
    spans = find_quotes(text, paragraph_spans(text))
    # Counted by hand: every “ in the sample opens one quotation and every one is closed.
    assert len(spans) == text.count("“") == 18
    assert all(text[s.start] == "“" and text[s.end - 1] == "”" for s in spans)


@st.composite
def texts(draw: st.DrawFn) -> str:
    pieces = st.one_of(
        st.sampled_from(list(MARKS)),
        st.sampled_from(["won’t", "O’Brien", "the US’ ", "’90s", " ", "\n", "\n\n", ", ", "."]),
        st.text(alphabet="ab ,.", max_size=4),
    )
    return "".join(draw(st.lists(pieces, max_size=40)))


def _apostrophe_in_word(text: str, index: int) -> bool:
    return (
        0 < index < len(text) - 1
        and text[index] in "’'"
        and text[index - 1].isalnum()
        and text[index + 1].isalnum()
    )


def _check_invariants(text: str) -> None:
    spans = find_quotes(text, paragraph_spans(text))
    previous_end = 0
    for span in spans:
        assert previous_end <= span.start < span.inner_start <= span.inner_end <= span.end
        assert span.end <= len(text)
        assert text[span.start] in MARKS
        assert text[span.inner_start : span.inner_end].strip()
        assert not _apostrophe_in_word(text, span.start)
        assert not _apostrophe_in_word(text, span.end - 1)
        previous_end = span.end


@settings(max_examples=300, deadline=None)
@given(texts())
def test_spans_are_sorted_disjoint_and_start_at_a_mark(text: str) -> None:
    _check_invariants(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_no_crash_on_any_string(text: str) -> None:
    _check_invariants(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet="ab .", min_size=1, max_size=8), min_size=1, max_size=6))
def test_a_stray_opening_mark_never_passes_its_paragraph(words: list[str]) -> None:
    paragraphs = [f"Para {w}" for w in words]
    text = "“" + "\n\n".join(paragraphs)
    first_paragraph_end = paragraph_spans(text)[0][1]
    (span,) = find_quotes(text, paragraph_spans(text))
    assert (span.start, span.end, span.inner_end) == (0, first_paragraph_end, first_paragraph_end)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("”We will win,” she said.", ["”We will win,”"]),
        ("She said ”We will win”", ["”We will win”"]),
        ("A stray ” mark here.", []),  # nothing to close it
        ("Word” then nothing.", []),  # after a word: a closer, not an opener
    ],
)
def test_a_closing_mark_used_to_open_a_quotation(text: str, found: list[str]) -> None:
    assert [text[q.start : q.end] for q in find_quotes(text, paragraph_spans(text))] == found


def test_a_straight_mark_after_a_comma_closes_a_curly_quotation() -> None:
    text = (
        '“We have seen a substantial increase in hunger," he said. "So, it is devastating,'
        " and we must act now.”"
    )
    found = [text[q.start : q.end] for q in find_quotes(text, paragraph_spans(text))]
    assert found == [
        '“We have seen a substantial increase in hunger,"',
        '"So, it is devastating, and we must act now.”',
    ]


def test_straight_marks_inside_a_curly_quotation_stay_inside() -> None:
    text = '“He called it "a joke," and then he left the room,” she said.'
    found = [text[q.start : q.end] for q in find_quotes(text, paragraph_spans(text))]
    assert found == ['“He called it "a joke," and then he left the room,”']
