"""``_is_common_word`` (by ``str.find``) answers as the look-behind pattern it replaced."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.core.analysis.recall import _is_common_word


def _by_pattern(text: str, word: str) -> bool:
    """The first version: one regular expression over the whole text."""
    return re.search(rf"(?<![\w'’-]){re.escape(word.lower())}(?![\w-])", text) is not None


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="worthWOR _-'’.é1\nİ", max_size=40),
    st.sampled_from(["Worth", "worth", "Or", "İz", "é"]),
)
@example("worthy worth", "Worth")
@example("-worth", "Worth")
@example("worth-while", "Worth")
@example("’worth", "Worth")
@example("worth’s", "Worth")
def test_the_find_loop_answers_as_the_pattern(text: str, word: str) -> None:
    assert _is_common_word(text, word) == _by_pattern(text, word)


def test_a_long_text_answers_at_its_end() -> None:
    text = "Blinken met Wang. " * 150_000  # 2.7 MB, "worth" nowhere
    assert not _is_common_word(text, "Worth")
    assert _is_common_word(text + "it was worth it", "Worth")
    assert not _is_common_word(text + "worthy", "Worth")
