"""Entity clean-up through the real model, on short texts in several news styles."""

from __future__ import annotations

import pytest

from reader.core.analysis.results import Analysis, Entity
from reader.core.analysis.runner import analyze_text
from reader.core.text import sha256_of

pytestmark = pytest.mark.slow

SPORTS = (
    "Manchester United beat Liverpool 2-1 at Old Trafford on Sunday, with Marcus Rashford "
    "scoring twice in the second half.\n"
    "Rashford opened the scoring in the 52nd minute after a pass from Bruno Fernandes. "
    'Liverpool manager Jurgen Klopp said his side "did not deserve anything today."\n'
    'Fernandes later told reporters that Rashford "is in the form of his life." '
    "Klopp added that Liverpool would recover.\n"
)
COURT = (
    "A federal judge in New York on Tuesday sentenced Samuel Bankman-Fried to 25 years in "
    "prison for defrauding customers of FTX.\n"
    'Judge Lewis Kaplan said Bankman-Fried had shown no remorse. "He knew it was wrong," '
    "Kaplan said from the bench.\n"
    "Prosecutors had asked for a sentence of 40 to 50 years. Bankman-Fried's lawyer, Marc "
    "Mukasey, said his client would appeal.\n"
    'Mukasey told the court that his client was "not a ruthless financial serial killer."\n'
)
BUSINESS = (
    "Acme Corp. said on Monday that its quarterly profit rose 12 percent, beating analysts' "
    "forecasts.\n"
    "Shares of Acme climbed 4 percent in early trading in New York. Chief executive Jane Doe "
    "said Acme would expand into Europe next year.\n"
    '"We are very pleased with the results," Doe said in a statement. Rival Globex Inc. '
    "reported weaker sales, and Globex shares fell.\n"
)
SHARED_SURNAME = (
    "Chinese Foreign Minister Wang Yi met his Russian counterpart in Moscow on Wednesday.\n"
    "Wang said the two countries would deepen their cooperation. Separately, foreign ministry "
    "spokesman Wang Wenbin told reporters in Beijing that China opposed new sanctions.\n"
    'Wang added that the sanctions were "illegal and unilateral." Wang Yi is expected to '
    "return to Beijing on Friday.\n"
)


def analyse(text: str) -> Analysis:
    """The analysis of ``text`` with the default model."""
    return analyze_text(text, sha256_of(text))


def entity(analysis: Analysis, name: str) -> Entity:
    """The entity called ``name``."""
    return next(e for e in analysis.entity_index if e.name == name)


def owners_of(analysis: Analysis, text: str, surface: str) -> list[str]:
    """Entity names of each mention whose text is ``surface``, in order."""
    names = {e.id: e.name for e in analysis.entity_index}
    return [names[m.entity] for m in analysis.entities if m.text == surface]


def test_sports_story_surnames_join_players_and_score_is_not_part_of_a_team() -> None:
    analysis = analyse(SPORTS)
    assert entity(analysis, "Marcus Rashford").count == 3
    assert entity(analysis, "Jurgen Klopp").count == 2
    # "Fernandes later told" is missed by the model; the recall step finds it.
    assert owners_of(analysis, SPORTS, "Fernandes") == ["Bruno Fernandes"]
    liverpool = entity(analysis, "Liverpool")
    assert liverpool.count == 3 and liverpool.label == "ORG"
    assert not any("2-1" in e.name for e in analysis.entity_index)


def test_court_report_possessive_and_mislabelled_surname_become_the_defendant() -> None:
    analysis = analyse(COURT)
    defendant = entity(analysis, "Samuel Bankman-Fried")
    assert defendant.label == "PERSON" and defendant.count == 3
    assert owners_of(analysis, COURT, "Bankman-Fried") == ["Samuel Bankman-Fried"] * 2
    assert owners_of(analysis, COURT, "Kaplan") == ["Lewis Kaplan"]
    assert owners_of(analysis, COURT, "Mukasey") == ["Marc Mukasey"]
    assert all(text_at(COURT, m.start, m.end) == m.text for m in analysis.entities)


def test_business_story_bare_company_and_executive_names() -> None:
    analysis = analyse(BUSINESS)
    acme = entity(analysis, "Acme Corp.")
    assert acme.label == "ORG" and acme.count == 3
    assert owners_of(analysis, BUSINESS, "Acme") == ["Acme Corp.", "Acme Corp."]
    assert owners_of(analysis, BUSINESS, "Doe") == ["Jane Doe"]
    assert owners_of(analysis, BUSINESS, "Globex") == ["Globex Inc."]
    assert [q.speaker.name if q.speaker else None for q in analysis.quotes] == ["Jane Doe"]


def test_two_people_called_wang_and_each_bare_wang_goes_to_the_nearest_before() -> None:
    analysis = analyse(SHARED_SURNAME)
    assert {e.name for e in analysis.entity_index if e.label == "PERSON"} == {
        "Wang Yi",
        "Wang Wenbin",
    }
    assert owners_of(analysis, SHARED_SURNAME, "Wang") == ["Wang Yi", "Wang Wenbin"]
    assert entity(analysis, "Wang Yi").count == 3


def test_sample_article_entities(sample_text: str) -> None:
    from reader.core.text import normalise

    text = normalise(sample_text)
    analysis = analyse(text)
    blinken = entity(analysis, "Antony Blinken")
    assert blinken.label == "PERSON"
    # The model tags several bare "Blinken"s as GPE; all are Blinken, and none is a place.
    assert set(owners_of(analysis, text, "Blinken")) == {"Antony Blinken"}
    assert blinken.count == text.count("Blinken")
    assert not any(e.name in {"n’t", "’s"} for e in analysis.entity_index)
    china = entity(analysis, "China")
    assert china.label == "GPE"
    assert all(m.text != "China’s" for m in analysis.entities)
    wangs = {e.name for e in analysis.entity_index if e.name.startswith("Wang")}
    assert wangs == {"Wang Yi", "Wang Wenbin"}
    ids = {e.id for e in analysis.entity_index}
    assert all(m.entity in ids for m in analysis.entities)


def text_at(text: str, start: int, end: int) -> str:
    """``text[start:end]``."""
    return text[start:end]
