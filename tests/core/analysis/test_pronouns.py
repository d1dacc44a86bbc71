"""Pronouns agree with their antecedent: gender from the document, entity type, never inside a
quotation."""

from __future__ import annotations

import pytest

from reader.core.analysis.names import given_name_gender
from reader.core.analysis.resolve import person_genders
from reader.core.analysis.results import Entity
from reader.core.analysis.runner import analyze_text
from reader.core.text import sha256_of


def _person(name: str, *spans: tuple[int, int]) -> Entity:
    return Entity(f"person-{name.lower()}", name, "PERSON", len(spans), spans)


def test_gender_comes_from_titles_roles_and_the_pronouns_after_a_mention() -> None:
    text = "Ms Ada Stone met Sir Bob Reed. Stone said she was tired. Reed, a spokesman, left."
    ada = _person("Ada", (3, 12), (30, 35))
    bob = _person("Bob", (21, 29), (56, 60))
    spans = sorted(
        [(s, e, p) for p in (ada, bob) for s, e in p.mentions], key=lambda found: found[0]
    )
    assert person_genders(text, spans) == {ada.id: "f", bob.id: "m"}


def test_no_evidence_no_gender() -> None:
    text = "Robin Vale arrived. Vale sat down."
    robin = _person("Robin", (0, 10), (20, 24))
    assert person_genders(text, [(s, e, robin) for s, e in robin.mentions]) == {}


def test_a_given_name_nearly_always_of_one_sex_is_evidence() -> None:
    text = "Olivia Chow met Doug Ford. Jordan Lee and Xi Jinping were not there."
    olivia = _person("Olivia Chow", (0, 11))
    doug = _person("Doug Ford", (16, 25))
    jordan = _person("Jordan Lee", (27, 37))
    xi = _person("Xi Jinping", (42, 52))
    spans = [(s, e, p) for p in (olivia, doug, jordan, xi) for s, e in p.mentions]
    assert person_genders(text, spans) == {olivia.id: "f", doug.id: "m"}


def test_pronouns_after_the_mentions_outweigh_a_given_name() -> None:
    text = "Michael Kim spoke. She said she was tired. She left early, and she took the bus."
    michael = _person("Michael Kim", (0, 11))
    assert given_name_gender("Michael Kim") == "m"
    assert person_genders(text, [(0, 11, michael)]) == {michael.id: "f"}


def test_a_surname_alone_or_an_unlisted_name_gives_no_gender() -> None:
    assert given_name_gender("Tory") is None
    assert given_name_gender("Mayor Tory") is None
    assert given_name_gender("Jean Charest") is None  # mostly female in the US, male in Quebec
    assert given_name_gender("Mayor Olivia Chow") == "f"


def _speaker_of(text: str, quote: str) -> str | None:
    analysis = analyze_text(text, sha256_of(text))
    (found,) = [q for q in analysis.quotes if q.text == quote]
    return found.speaker.name if found.speaker else None


@pytest.mark.slow
def test_she_skips_a_man_named_closer_to_her() -> None:
    text = (
        "Ms Karen Holt leads the union. She met the manager, Mr Paul Ames, on Friday.\n\n"
        "“We will strike on Monday,” she said."
    )
    assert _speaker_of(text, "“We will strike on Monday,”") == "Karen Holt"


@pytest.mark.slow
def test_he_skips_a_woman_named_closer_to_him() -> None:
    text = (
        "Mr David Ortiz runs the port. He spoke after Ms Laura Chen, the mayor, had left.\n\n"
        "“The cranes are back in service,” he said."
    )
    assert _speaker_of(text, "“The cranes are back in service,”") == "David Ortiz"


@pytest.mark.slow
def test_she_skips_the_subject_of_the_sentence_before_when_his_given_name_is_a_mans() -> None:
    text = "Mayor John Tory met Olivia Chow on Monday. “The city needs more buses,” she said."
    assert _speaker_of(text, "“The city needs more buses,”") == "Olivia Chow"


@pytest.mark.slow
def test_it_is_an_organisation_never_a_person() -> None:
    text = (
        "Acme Corp. hired Jane Doe in May.\n\n"
        "“Sales have never been better,” it said in a statement."
    )
    assert _speaker_of(text, "“Sales have never been better,”") == "Acme Corp."


@pytest.mark.slow
def test_a_pronoun_never_resolves_to_a_name_inside_a_quotation() -> None:
    text = "Mr Omar Haddad chairs the board.\n\n“I spoke to John Smith yesterday,” he said."
    assert _speaker_of(text, "“I spoke to John Smith yesterday,”") == "Omar Haddad"


@pytest.mark.slow
def test_a_description_resolves_to_the_person_it_was_given_to() -> None:
    text = (
        "Sarah Johnson, a spokeswoman for the ministry, spoke to reporters on Monday.\n\n"
        "“The border stays open,” said the spokeswoman."
    )
    assert _speaker_of(text, "“The border stays open,”") == "Sarah Johnson"


@pytest.mark.slow
def test_a_description_nobody_was_given_stays_a_description() -> None:
    text = (
        "Sarah Johnson spoke to reporters on Monday.\n\n"
        "“The border stays open,” said the spokeswoman."
    )
    assert _speaker_of(text, "“The border stays open,”") == "the spokeswoman"


@pytest.mark.slow
def test_an_age_description_resolves_to_the_person_of_that_age() -> None:
    text = (
        "The farmer, Tom Reed, 67, lost his barn. Maria Gonzalez, 42, lost her house.\n\n"
        "“It was terrifying,” said the 42-year-old."
    )
    assert _speaker_of(text, "“It was terrifying,”") == "Maria Gonzalez"
    text = "Maria Gonzalez, 42, lost her house.\n\n“It was terrifying,” said the 35-year-old."
    assert _speaker_of(text, "“It was terrifying,”") == "the 35-year-old"
    text = "Maria Gonzalez, 42, lost her house.\n\n“It was terrifying,” said the 42-year-old's son."
    assert _speaker_of(text, "“It was terrifying,”") != "Maria Gonzalez"


@pytest.mark.slow
def test_a_dateline_is_not_the_speaker_and_a_bare_title_is_the_titled_person() -> None:
    text = (
        "Washington, D.C., June 27, 2008 – Iraqi President Jalal Talabani, in an interview,"
        " assured Iraq's neighbors that the agreement would not pose a threat for them.\n\n"
        "On relations with Turkey, the President told VOA the Turkish Prime Minister will visit."
    )
    analysis = analyze_text(text, sha256_of(text))
    names = [q.speaker.name if q.speaker else None for q in analysis.quotes]
    assert names == ["Jalal Talabani", "Jalal Talabani"]
    text = "Toronto, the largest city, said it would cut the budget by a tenth."
    (quote,) = analyze_text(text, sha256_of(text)).quotes
    assert quote.speaker is not None and quote.speaker.name == "Toronto"


@pytest.mark.slow
def test_quoted_as_saying_after_and_takes_the_subject_of_the_first_verb() -> None:
    text = (
        "During his speech, Charest reaffirmed his position on tuition fees and was quoted as"
        " saying he was representing the “silent majority.”"
    )
    assert _speaker_of(text, "“silent majority.”") == "Charest"
