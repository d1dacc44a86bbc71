"""Layout cues: round-ups, attribution lines, speakers carried from the sentence or paragraph
before (real model; expectations written from the texts)."""

from __future__ import annotations

import pytest

from reader.core.analysis.results import QuoteKind
from reader.core.analysis.runner import analyze_text
from reader.core.text import sha256_of
from tests.core.analysis.attribution_support import analyse

pytestmark = pytest.mark.slow


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker.name if q.speaker else None) for q in analyse(text)]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Maria Lopez, The Guardian: “The vote was rigged from the start.”", "Maria Lopez"),
        ("Tom Hardy (opposition leader): “We will not support this budget.”", "Tom Hardy"),
        ("Ann Smith: “Nobody told us anything about the closure.”", "Ann Smith"),
    ],
)
def test_round_up_formats_name_the_speaker_before_the_colon(text: str, speaker: str) -> None:
    (found,) = speakers(text)
    assert found[1] == speaker


def test_round_up_lines_after_the_first_name_their_own_speakers() -> None:
    text = (
        "Jane Doe, Toronto Star: “The numbers do not add up.”\n\n"
        "Mark Roe (Liberal MP): “We disagree with every line of it.”\n\n"
        "Olivia Chow, mayor: “The city will pay its share.”"
    )
    assert [name for _, name in speakers(text)] == ["Jane Doe", "Mark Roe", "Olivia Chow"]


def test_a_possessive_answer_line_names_its_speaker() -> None:
    text = "The union spoke first.\n\nMark Roe’s reply: “We disagree with every line of it.”"
    (quote,) = analyze_text(text, sha256_of(text)).quotes
    assert quote.speaker is not None and quote.speaker.name == "Mark Roe"
    assert speakers("Roe’s plan: “Hire five hundred nurses by May.”")[-1][1] is None


def test_the_hearer_after_told_is_never_the_speaker() -> None:
    (found,) = speakers("“We need more nurses,” Doe told The Associated Press.")
    assert found[1] == "Doe"
    (found,) = speakers("“We need more nurses,” said Jane Doe.")
    assert found[1] == "Jane Doe"


def test_a_label_before_a_colon_on_a_later_line_is_no_round_up() -> None:
    text = "The mayor spoke first.\n\nUpdate: “The pool is closed until May.”"
    assert speakers(text) == [("“The pool is closed until May.”", None)]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“We are not done yet,” Sinclair states in the report.", "Sinclair"),
        ("“The count is wrong,” Okafor notes.", "Okafor"),
        ("“It was a disaster,” blurted out Tom Reed.", "Tom Reed"),
    ],
)
def test_present_tense_and_phrasal_cues_after_a_quotation(text: str, speaker: str) -> None:
    (found,) = speakers(text)
    assert found[1] == speaker


def test_a_place_name_ending_in_a_cue_word_is_no_misread_cue() -> None:
    (found,) = speakers("“We will win this,” United States officials said.")
    assert found[1] == "United States officials"


def test_a_descriptive_speaker_keeps_its_prepositions_up_to_the_comma() -> None:
    text = (
        "The head of news for the county television station, who was a witness to the quake,"
        " spoke to reporters, saying “In a flash, the houses went down.”"
    )
    (found,) = speakers(text)
    assert found[1] == "The head of news for the county television station"


def test_a_text_named_as_speaker_takes_its_author_named_earlier() -> None:
    text = (
        "An announcement was made on the mailing list this morning by Bence Dakamos.\n\n"
        "In part, the e-mail announcement said, “We are sad beyond words.”\n\n"
        "Acme Corp. issued a statement on Monday.\n\n"
        "“We will appeal the ruling,” the statement said."
    )
    assert [name for _, name in speakers(text)] == ["Bence Dakamos", "Acme Corp"]


def test_a_text_with_no_author_named_stays_the_speaker() -> None:
    text = "Mayor Ann Lee criticised the letter.\n\n“We will appeal,” the letter said."
    assert speakers(text) == [("“We will appeal,”", "the letter")]


def test_a_hyphenated_name_is_kept_whole() -> None:
    (found,) = speakers("“We are ready,” said Jean-Luc Martin.")
    assert found[1] == "Jean-Luc Martin"
    text = "The U-N says sixteen million people may soon suffer from a food shortage."
    (quote,) = analyze_text(text, sha256_of(text)).quotes
    assert quote.speaker is not None and quote.speaker.name == "U-N"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“It is a step in the right direction,” Coun. Josh Matlow said.", "Josh Matlow"),
        ("“We need the public's help,” Det. Sgt. Ann Lee said.", "Ann Lee"),
        ("“The road is closed,” said Supt. Mark Ruiz.", "Mark Ruiz"),
    ],
)
def test_speakers_after_title_abbreviations(text: str, speaker: str) -> None:
    # The real pipeline: its reported-speech component keeps the abbreviations whole.
    (quote,) = analyze_text(text, sha256_of(text)).quotes
    assert quote.speaker is not None and quote.speaker.name == speaker


def test_quoted_words_after_words_of_the_reporter_make_a_mixed_quote() -> None:
    from reader.core.analysis.results import QuoteForm

    text = "His spokesperson, Ivana Yelich, later said the premier “stands by his comments.”"
    (quote,) = analyse(text)
    assert quote.form is QuoteForm.MIXED and quote.speaker is not None
    assert quote.speaker.name == "Ivana Yelich"
    (quote,) = analyse("“We love cats and dogs,” he said.")
    assert quote.form is QuoteForm.DIRECT


@pytest.mark.parametrize(
    "text",
    [
        "‘We are not going anywhere’: residents vow to stay\n\nResidents said they would stay.",
        "Ford: ‘We will fight this’\n\nOntario Premier Doug Ford said the province would appeal.",
    ],
)
def test_a_quotation_in_a_headline_is_a_term_with_no_speaker(text: str) -> None:
    heading = [q for q in analyse(text) if q.start < text.index("\n")]
    assert [(q.kind, q.speaker) for q in heading] == [(QuoteKind.TERM, None)]


@pytest.mark.parametrize(
    "text",
    [
        "Jane Doe, Toronto Star: “The numbers do not add up.”\n\nThe vote is on Monday.",
        "“We will fight this,” Ford said\n\nThe vote is on Monday.",
        "“We will fight this”",
    ],
)
def test_a_line_with_a_sentence_or_a_cue_is_no_headline(text: str) -> None:
    (first, *_) = analyse(text)
    assert first.kind is not QuoteKind.TERM


def test_a_verb_after_and_belongs_to_another_clause() -> None:
    text = (
        "Gazelle Sharmahd told VOA: “We do not know if he is alive,” and Ali Emadi reported"
        " that the climber competed without a hijab."
    )
    assert speakers(text)[0] == ("“We do not know if he is alive,”", "Gazelle Sharmahd")
    (found,) = speakers("“We love cats,” he and his wife said.")
    assert found[1] == "he"


def test_a_quotation_that_is_the_reported_clause_takes_its_speaker() -> None:
    text = 'He recognized that "the developed countries are going to see negative growth."'
    (quote,) = analyze_text(text, sha256_of(text)).quotes
    assert quote.speaker is not None and quote.speaker.text == "He"
    text = 'Burton thinks that "cats are the cutest animals alive."'
    (quote,) = analyze_text(text, sha256_of(text)).quotes
    assert quote.speaker is None  # thought, not speech


def test_cited_words_are_the_citers() -> None:
    text = "The award cited the journalists’ “thoughtful and deliberately in-depth coverage.”"
    (found,) = speakers(text)
    assert found[1] == "The award"


def test_an_attribution_line_without_a_verb_names_the_next_quotation() -> None:
    text = "And from Chairwoman Rosenworcel:\n\n“Anna brings a wealth of experience to the job.”"
    assert speakers(text) == [("“Anna brings a wealth of experience to the job.”", "Rosenworcel")]


def test_a_quotation_opening_its_sentence_takes_the_speaker_of_the_sentence_before() -> None:
    text = (
        'Jackie Baillie said the figures were shocking. "This is a far better option than'
        ' cutting nurses. We need to focus on patients."'
    )
    assert speakers(text)[-1][1] == "Jackie Baillie"


def test_a_bare_quotation_paragraph_after_a_profile_paragraph() -> None:
    text = (
        "Dana Whitfield has run the shelter on Pine Street for eleven years. She grew up two"
        " blocks away and still lives in the neighbourhood.\n\n"
        "“Every winter we turn people away, and every winter it gets harder to do.”"
    )
    assert speakers(text)[-1][1] == "Dana Whitfield"


def test_a_continuation_keeps_its_speaker_before_the_sentence_before() -> None:
    # The second quotation continues Lee's; the sentence before it names nobody new.
    text = (
        "“We are ready,” said coach Ann Lee. The mayor spoke later about the budget.\n\n"
        "“We have trained all year for this.”"
    )
    assert speakers(text) == [
        ("“We are ready,”", "Ann Lee"),
        ("“We have trained all year for this.”", "Ann Lee"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Note: “this offer ends soon” appears on every page.",  # a colon after no name
        "The motto “Never Give Up Without a Fight” hangs in the hall.",  # a title
        "The drug MDMA (“ecstasy”) was found in the boxes, police said.",  # a gloss
    ],
)
def test_no_speaker_from_layout_where_there_is_none(text: str) -> None:
    assert all(speaker is None for _, speaker in speakers(text))


def test_a_manner_verb_after_the_quotation_and_the_name_after_it() -> None:
    text = '"It\'s so dreadful to be poor!" sighed Meg, looking down at her old dress.'
    assert speakers(text) == [('"It\'s so dreadful to be poor!"', "Meg")]
    text = "\"I don't think it's fair,\" added little Amy, with an injured sniff."
    assert speakers(text) == [("\"I don't think it's fair,\"", "Amy")]


def test_a_text_that_reads_is_a_written_cue() -> None:
    # Where the tagger reads "read" as a verb; "the post read" tagged as a noun is a known limit.
    (quote,) = analyse('"Closed until further notice," the sign read.')
    assert quote.speaker is not None and quote.speaker.text == "the sign"
    assert quote.kind.value == "written"
