"""The blank pipeline (spacy.blank("en") + sentencizer): no tags, parse, lemmas or entities.

Quotations are still found and simple cues still attribute them by surface rules.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.analysis.attribution import ParagraphDoc, attribute_quotes
from reader.core.analysis.quotes import find_quotes
from reader.core.analysis.results import QuoteKind
from reader.core.text import normalise, paragraph_spans
from tests.conftest import SAMPLE_PATH
from tests.core.analysis.attribution_support import analyse, blank_model
from tests.core.analysis.sample_expected import EXPECTED


def _rows(text: str) -> list[tuple[str, QuoteKind, str | None]]:
    return [
        (q.text, q.kind, q.speaker.name if q.speaker else None)
        for q in analyse(text, blank_model(), entities=False)
    ]


def test_the_pipeline_really_is_blank() -> None:
    doc = blank_model()("Mary Jones said it.")
    assert not doc.has_annotation("DEP") and not doc.has_annotation("TAG")
    assert not doc.ents and doc.has_annotation("SENT_START")


def test_verb_then_name_after_the_quotation() -> None:
    assert _rows("“We will win the vote,” said John Smith.") == [
        ("“We will win the vote,”", QuoteKind.SPOKEN, "John Smith")
    ]


def test_name_then_verb_and_colon_before_the_quotation() -> None:
    assert _rows("Mary Jones said: “The vote is final.”") == [
        ("“The vote is final.”", QuoteKind.SPOKEN, "Mary Jones")
    ]


def test_name_and_verb_after_and_a_written_cue() -> None:
    assert _rows("“Prices will fall,” Tom Baker wrote in a letter.") == [
        ("“Prices will fall,”", QuoteKind.WRITTEN, "Tom Baker")
    ]


def test_a_name_set_off_by_commas_before_the_verb() -> None:
    assert _rows("The mayor, Luc Martin, said: «We will rebuild the bridge.»") == [
        ("«We will rebuild the bridge.»", QuoteKind.SPOKEN, "Luc Martin")
    ]


def test_a_told_object_is_a_hearer_not_the_speaker() -> None:
    assert _rows("Officials told CNN: “The balloon was tracked.”") == [
        ("“The balloon was tracked.”", QuoteKind.SPOKEN, "Officials")
    ]


def test_a_pronoun_falls_back_to_the_last_named_speaker() -> None:
    text = "Mary Jones said: “The vote is final.”\n\n“There is no appeal,” she added."
    assert _rows(text)[1] == ("“There is no appeal,”", QuoteKind.SPOKEN, "Mary Jones")


def test_terms_and_bare_quotes_have_no_speaker() -> None:
    assert _rows("The film “Oppenheimer” won. Cats are “cuties”.") == [
        ("“Oppenheimer”", QuoteKind.TERM, None),
        ("“cuties”", QuoteKind.TERM, None),
    ]


def test_every_sample_quotation_is_found_on_the_blank_pipeline() -> None:
    text = normalise(SAMPLE_PATH.read_text(encoding="utf-8"))
    found = analyse(text, blank_model(), entities=False)
    assert [q.text for q in found] == [e.text for e in EXPECTED]
    # Surface rules alone still get the plain cases: '"…," spokesman Wang Wenbin stated.'
    assert found[13].speaker is not None and found[13].speaker.name == "Wang Wenbin"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="“”\"'‘’ abcAB.,:\n", max_size=80))
def test_no_crash_and_offsets_hold_on_any_text(text: str) -> None:
    found = analyse(text, blank_model(), entities=False)
    assert len(found) == len(find_quotes(text, paragraph_spans(text)))
    for quote in found:
        assert text[quote.start : quote.end] == quote.text
        if quote.speaker is not None:
            assert text[quote.speaker.start : quote.speaker.end] == quote.speaker.text


def test_quotations_whose_paragraph_doc_is_missing_keep_a_kind_from_length_only() -> None:
    text = "“We won the vote today,” said Ann Lee.\n\nCats are “cuties” to Bo Chan."
    spans = paragraph_spans(text)
    quotes = find_quotes(text, spans)
    second = ParagraphDoc(spans[1][0], blank_model()(text[spans[1][0] : spans[1][1]]))
    first, last = attribute_quotes(text, quotes, [second], [], [])
    assert (first.text, first.kind, first.speaker, first.cue) == (
        "“We won the vote today,”",
        QuoteKind.SPOKEN,
        None,
        None,
    )
    assert (last.text, last.kind, last.speaker) == ("“cuties”", QuoteKind.TERM, None)
    assert attribute_quotes(text, [], [second], [], []) == []
