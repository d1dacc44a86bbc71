"""Reported speech merged with the quotations: indirect and mixed quotes, and the result types
staying readable from older caches."""

from __future__ import annotations

import pytest

from reader.core.analysis.results import Analysis, Quote, QuoteForm, QuoteKind, Span
from tests.core.analysis.attribution_support import analyse


def forms(text: str) -> list[tuple[str, str, str | None]]:
    return [
        (q.text, q.form.value, q.speaker.name if q.speaker else None)
        for q in analyse(text, indirect=True)
    ]


@pytest.mark.slow
def test_reported_speech_is_an_indirect_quote_with_content_cue_and_speaker() -> None:
    (quote,) = analyse("The minister said that the plan would go ahead.", indirect=True)
    assert quote.form is QuoteForm.INDIRECT and quote.kind is QuoteKind.SPOKEN
    assert quote.text == "the plan would go ahead"
    assert quote.content == Span("the plan would go ahead", quote.start, quote.end)
    assert quote.cue is not None and quote.cue.text == "said"
    assert quote.speaker is not None and quote.speaker.text == "The minister"


@pytest.mark.slow
def test_a_quotation_inside_reported_speech_is_mixed_and_not_counted_twice() -> None:
    text = "Jackie Baillie said the figures were “astonishing” on Monday."
    assert forms(text) == [("“astonishing”", "mixed", "Jackie Baillie")]
    (quote,) = analyse(text, indirect=True)
    assert quote.content is not None and "the figures were" in quote.content.text


@pytest.mark.slow
def test_the_clause_that_is_the_quotation_itself_adds_nothing() -> None:
    assert forms('"We love cats," he said.') == [('"We love cats,"', "direct", "he")]


@pytest.mark.slow
def test_reported_thought_never_makes_a_quotation_mixed() -> None:
    found = forms('Burton thinks that cats are "cuties" at heart.')
    assert ('"cuties"', "direct", None) in found


@pytest.mark.slow
def test_first_person_and_quoted_cues_are_not_reported_speech() -> None:
    assert forms("I think the plan is a good one.") == []
    assert [f for _, f, _ in forms('"They said the road was closed," she told us.')] == ["direct"]


@pytest.mark.slow
def test_written_reported_speech_is_written() -> None:
    (quote,) = analyse("The mayor wrote that the library would reopen in May.", indirect=True)
    assert quote.kind is QuoteKind.WRITTEN and quote.form is QuoteForm.INDIRECT


@pytest.mark.slow
def test_a_pronoun_speaker_of_reported_speech_resolves_by_agreement() -> None:
    from reader.core.analysis.runner import analyze_text
    from reader.core.text import sha256_of

    text = "Ms Rita Moreno chairs the board. She said the vote would be held in June."
    (quote,) = analyze_text(text, sha256_of(text)).quotes
    assert quote.speaker is not None and quote.speaker.text == "She"
    assert quote.speaker.name == "Rita Moreno"


def test_an_older_cached_quote_without_a_form_reads_as_direct() -> None:
    old = {"start": 0, "end": 5, "text": "“Hi.”", "kind": "spoken", "speaker": None, "cue": None}
    quote = Quote.from_dict(old)
    assert quote.form is QuoteForm.DIRECT and quote.content is None


def test_form_and_content_round_trip_through_the_cache_format() -> None:
    content = Span("the plan would go ahead", 23, 46)
    quote = Quote(23, 46, content.text, QuoteKind.SPOKEN, None, Span("said", 13, 17))
    quote = Quote(**{**quote.__dict__, "form": QuoteForm.INDIRECT, "content": content})
    data = quote.to_dict()
    assert data["form"] == "indirect" and data["content"]["text"] == content.text
    assert Quote.from_dict(data) == quote
    analysis = Analysis.from_dict(
        {"sha256": "x", "model": {"name": "m", "version": "1"}, "quotes": [data]}
    )
    assert analysis.quotes == (quote,)
