"""Cursor motions on texts of any shape: they always land on a character of a paragraph."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.text import paragraph_spans
from reader.ui.widgets import article_motions as motions
from reader.ui.widgets.article_motions import Paragraphs

TEXTS = st.lists(st.sampled_from([*"ab .!?\n", "\n\n", "Mr. ", "“x”"]), max_size=80).map("".join)
MOTIONS = [
    motions.next_char,
    motions.previous_char,
    motions.next_word,
    motions.previous_word,
    motions.next_paragraph,
    motions.previous_paragraph,
    motions.next_sentence,
    motions.previous_sentence,
]


def inside_a_paragraph(paragraphs: Paragraphs, offset: int) -> bool:
    return any(start <= offset < end for start, end in paragraphs.spans)


@settings(max_examples=200, deadline=None)
@given(TEXTS, st.data())
def test_every_motion_lands_inside_a_paragraph(text: str, data: st.DataObject) -> None:
    paragraphs = Paragraphs(text, paragraph_spans(text))
    if not paragraphs.spans:
        return
    offset = paragraphs.clamp(data.draw(st.integers(0, len(text))))
    assert inside_a_paragraph(paragraphs, offset)
    for motion in MOTIONS:
        assert inside_a_paragraph(paragraphs, motion(paragraphs, offset)), motion.__name__


@settings(max_examples=200, deadline=None)
@given(TEXTS, st.data())
def test_left_undoes_right_except_at_the_very_end(text: str, data: st.DataObject) -> None:
    paragraphs = Paragraphs(text, paragraph_spans(text))
    if not paragraphs.spans:
        return
    offset = paragraphs.clamp(data.draw(st.integers(0, len(text))))
    moved = motions.next_char(paragraphs, offset)
    if moved != offset:
        assert moved > offset
        assert motions.previous_char(paragraphs, moved) == offset


def test_word_and_sentence_motions_on_a_known_text() -> None:
    text = "Mr. Lee spoke.  Then he left!\n\nNew one."
    paragraphs = Paragraphs(text, paragraph_spans(text))
    assert motions.next_word(paragraphs, 0) == text.index("Lee")
    assert motions.previous_word(paragraphs, text.index("spoke") + 2) == text.index("spoke")
    # "Mr." is an abbreviation, so the first sentence runs to "spoke.".
    assert motions.next_sentence(paragraphs, 0) == text.index("Then")
    assert motions.next_sentence(paragraphs, text.index("Then")) == text.index("New")
    assert motions.previous_sentence(paragraphs, text.index("New")) == text.index("Then")
    assert motions.sentence_at(paragraphs, text.index("he")) == (
        text.index("Then"),
        text.index("!") + 1,
    )
    assert motions.next_start([3, 9], 9, wrap=True) == 3
    assert motions.previous_start([3, 9], 3) is None
