"""The reported-speech component: patterns by lemma, content spans, speakers, negatives."""

from __future__ import annotations

from typing import Any

import pytest

from tests.core.analysis.attribution_support import full_model

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp() -> Any:
    from reader.core.analysis.reported import add_to

    model = full_model()
    add_to(model)
    return model


def reported(nlp: Any, text: str) -> list[tuple[str, str, str | None, bool]]:
    doc = nlp(text)
    return [
        (s.text, s._.cue.text, s._.speaker.text if s._.speaker is not None else None, s._.cognition)
        for s in doc._.reported_speech
    ]


@pytest.mark.parametrize(
    ("text", "content", "cue", "speaker"),
    [
        (
            "The minister said that the plan would go ahead.",
            "the plan would go ahead",
            "said",
            "minister",
        ),
        (
            "The minister said the plan would go ahead.",
            "the plan would go ahead",
            "said",
            "minister",
        ),
        ("She told reporters the talks were over.", "the talks were over", "told", "She"),
        (
            "Police warned that the road would stay closed.",
            "the road would stay closed",
            "warned",
            "Police",
        ),
        (
            "The mayor implored that residents stay indoors.",
            "residents stay indoors",
            "implored",
            "mayor",
        ),
        ("Sinclair states that the plan is dead.", "the plan is dead", "states", "Sinclair"),
        (
            "According to the agency, 40 people were hurt.",
            "40 people were hurt",
            "According to",
            "agency",
        ),
        (
            "The storm killed 12 people, according to officials.",
            "The storm killed 12 people",
            "according to",
            "officials",
        ),
        (
            "She urged boards to cut the salaries of top earners.",
            "to cut the salaries of top earners",
            "urged",
            "She",
        ),
        (
            "Police reported recovering six boxes of cocaine.",
            "recovering six boxes of cocaine",
            "reported",
            "Police",
        ),
    ],
)
def test_reported_speech_is_found_by_lemma_with_its_cue_and_speaker(
    nlp: Any, text: str, content: str, cue: str, speaker: str
) -> None:
    found = reported(nlp, text)
    assert (content, cue, speaker, False) in found


def test_cognition_is_marked_so_it_never_makes_a_quotation_mixed(nlp: Any) -> None:
    assert reported(nlp, "Burton thinks that cats are very cute.") == [
        ("cats are very cute", "thinks", "Burton", True)
    ]


def test_a_reporting_noun_with_a_that_clause(nlp: Any) -> None:
    found = reported(nlp, "Tennant made an announcement on Wednesday that he will leave the show.")
    assert found == [("he will leave the show", "announcement", "Tennant", False)]


@pytest.mark.parametrize(
    "text",
    [
        "The committee described what happened after the vote.",  # a wh-object, not speech
        "New figures reveal that 3,000 workers earn over £100,000.",  # data, not a speaker
        "The plan went ahead on Monday despite the protests.",  # no cue at all
        "He said nothing.",  # no clausal complement
        "The report on the merger was published.",  # a reporting noun without a clause
    ],
)
def test_no_reported_speech_where_nothing_is_reported(nlp: Any, text: str) -> None:
    assert reported(nlp, text) == []


def test_complements_the_parser_split_are_one_content(nlp: Any) -> None:
    text = "The agency defended it, claiming that the intelligence garnered helped stop plots."
    assert [found[0] for found in reported(nlp, text)] == [
        "the intelligence garnered helped stop plots"
    ]


def test_a_whole_clause_is_not_joined_to_the_clause_after_it(nlp: Any) -> None:
    text = (
        "Any intelligence suggesting that the balloon’s path into the US might have been"
        " unintentional might probably ease tensions between the 2 nations."
    )
    contents = [found[0] for found in reported(nlp, text)]
    assert "the balloon’s path into the US might have been unintentional" in contents


def test_a_content_stops_before_a_joined_clause_that_reports_speech_of_its_own(nlp: Any) -> None:
    text = (
        "An official commented that most buildings were destroyed, and a local official was"
        " quoted as saying that soldiers were on the way."
    )
    assert ("most buildings were destroyed", "commented", "official", False) in reported(nlp, text)


def test_clauses_joined_by_and_without_a_cue_stay_in_the_content(nlp: Any) -> None:
    text = "The minister said that the plan would go ahead and that funding would follow."
    assert reported(nlp, text)[0][0] == "the plan would go ahead and that funding would follow"


@pytest.mark.parametrize(
    "text",
    [
        "Authorities have ordered supplies to be moved to the area.",
        "China made statements to encourage North Korea to remain engaged in talks.",
    ],
)
def test_ordering_or_encouraging_is_not_reported_speech(nlp: Any, text: str) -> None:
    assert reported(nlp, text) == []


def test_urging_is_reported_speech(nlp: Any) -> None:
    assert reported(nlp, "The premier urged residents to leave the area.") == [
        ("to leave the area", "urged", "premier", False)
    ]


def test_a_content_stops_before_a_clause_with_its_own_speaker_and_cue(nlp: Any) -> None:
    text = "Critics argue the bill goes too far, while supporters insist it is overdue."
    assert [(found[0], found[2]) for found in reported(nlp, text)] == [
        ("the bill goes too far", "Critics"),
        ("it is overdue", "supporters"),
    ]


def test_a_question_put_by_somebody_unnamed_is_nobodys_speech(nlp: Any) -> None:
    assert reported(nlp, "Asked whether he would resign, Johnson said no.") == []
    assert reported(nlp, "The judge asked whether the witness had been paid.") == [
        ("the witness had been paid", "asked", "judge", False)
    ]


def test_title_abbreviations_stay_in_one_sentence(nlp: Any) -> None:
    doc = nlp("“It is a step in the right direction,” Coun. Josh Matlow said on Tuesday.")
    assert len(list(doc.sents)) == 1
    assert "Coun." in [token.text for token in doc]


def test_a_time_that_dates_the_saying_is_not_content(nlp: Any) -> None:
    found = reported(nlp, "Ontario Premier Doug Ford said Tuesday the province would appeal.")
    assert found[0][0] == "the province would appeal"
    found = reported(nlp, "He said last year's budget was too small.")
    assert found[0][0] == "last year's budget was too small"


def test_a_parenthetical_cue_reports_the_clause_around_it(nlp: Any) -> None:
    found = reported(nlp, "All, he said, used the radio to keep their minds alert and working.")
    assert ("used the radio to keep their minds alert and working", "said", "he", False) in found


def test_a_parenthetical_cue_of_a_quotation_is_left_to_the_quotation(nlp: Any) -> None:
    text = "The secretary, Worth added, “made clear the US won’t stand for any violation.”"
    assert [found for found in reported(nlp, text) if found[1] == "added"] == []


def test_a_cue_the_lemmatizer_gets_wrong_is_matched_by_its_form(nlp: Any) -> None:
    # The small model lemmatizes "hoped" as "hop".
    found = reported(nlp, "Talabani also hoped that all groups would understand the deal.")
    assert found == [("all groups would understand the deal", "hoped", "Talabani", True)]


def test_a_participle_bringing_its_own_quotation_is_not_content(nlp: Any) -> None:
    text = "Issoufou acknowledged he is a longtime listener, saying, “I listen every day.”"
    assert reported(nlp, text)[0][:3] == ("he is a longtime listener", "acknowledged", "Issoufou")


def test_the_component_is_registered_and_runs_after_the_parser(nlp: Any) -> None:
    assert nlp.pipe_names[-1] == "reader_reported_speech"
    assert nlp.pipe_names.index("parser") < nlp.pipe_names.index("reader_reported_speech")


def test_docs_without_the_component_or_from_a_docbin_are_computed_on_demand(nlp: Any) -> None:
    from spacy.tokens import DocBin

    from reader.core.analysis.reported import reported_in

    doc = nlp("The minister said that the plan would go ahead.")
    data = DocBin(store_user_data=False, docs=[doc]).to_bytes()
    (copy,) = DocBin().from_bytes(data).get_docs(nlp.vocab)
    assert copy._.reported_speech is None
    assert [s.text for s in reported_in(copy)] == ["the plan would go ahead"]


def test_a_doc_without_a_parse_has_no_reported_speech() -> None:
    import spacy

    from reader.core.analysis.reported import ReportedSpeech

    blank = spacy.blank("en")
    assert ReportedSpeech(blank.vocab).find(blank("He said the plan was dead.")) == []
