"""The lemma lexicon and the pre-parse check of where reported speech may be."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from reader.core.analysis.lexicon import may_report


@pytest.mark.parametrize(
    "text",
    [
        "The minister said the plan would go ahead.",
        "According to the agency, 40 people were hurt.",
        "She implored residents to stay indoors.",
        "Sinclair states that the plan is dead.",
        "The firm made an announcement on its website on Monday that it would close.",
        "He admitted lying to the court.",
    ],
)
def test_paragraphs_with_a_reporting_word_need_the_parser(text: str) -> None:
    assert may_report(text)


@pytest.mark.parametrize(
    "text",
    [
        "United States officials met in Geneva.",  # "States" is a name here
        "Sales reports rose in March.",  # "reports" without a clause
        "The plan went ahead on Monday.",
        "She found her keys.",  # "found" without "that"
    ],
)
def test_paragraphs_without_one_keep_the_cheap_entity_path(text: str) -> None:
    assert not may_report(text)


@given(st.text(max_size=200))
@example("according to")
@example("said")
def test_the_check_never_fails_and_finds_said(text: str) -> None:
    assert may_report(f"{text} They said it was over.")
    may_report(text)
