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


@pytest.mark.parametrize(
    ("lemma", "forms"),
    [
        ("say", {"say", "says", "said", "saying"}),
        ("testify", {"testify", "testifies", "testified", "testifying"}),
        ("admit", {"admit", "admits", "admitted", "admitting"}),
        ("quip", {"quip", "quips", "quipped", "quipping"}),
        ("stress", {"stress", "stresses", "stressed", "stressing"}),
        ("write", {"write", "writes", "wrote", "written", "writing"}),
        ("read", {"read", "reads", "reading"}),
        ("note", {"note", "notes", "noted", "noting"}),
    ],
)
def test_forms_are_made_from_the_lemma_by_spelling_rules(lemma: str, forms: set[str]) -> None:
    from reader.core.analysis.lexicon import forms_of

    assert forms_of([lemma]) == forms


def test_finite_forms_leave_out_the_base_form_and_the_gerund() -> None:
    from reader.core.analysis.lexicon import finite_forms_of

    assert finite_forms_of(["say", "add"]) == {"says", "said", "adds", "added"}


def test_speech_verbs_match_by_lemma_when_tagged_and_by_form_always() -> None:
    from types import SimpleNamespace

    from reader.core.analysis.lexicon import is_continuing, is_inverting, is_writing_verb

    def token(text: str, lemma: str = "", tag: str = "") -> object:
        return SimpleNamespace(lower_=text.lower(), lemma_=lemma, tag_=tag)

    assert is_inverting(token("writes")) and is_inverting(token("Said"))
    assert not is_inverting(token("saying")) and not is_inverting(token("say"))
    assert is_inverting(token("wrote", "write", "VBD"))
    assert not is_inverting(token("told", "tell", "VBD"))  # "told CNN" names a hearer
    assert is_writing_verb(token("tweeted")) and is_writing_verb(token("x", "publish", "VBD"))
    assert not is_writing_verb(token("said", "say", "VBD"))
    assert is_continuing(token("continues")) and not is_continuing(token("noted"))
