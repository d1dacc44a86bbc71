"""Fragment repairs and qualifier grouping over hand-written texts and spans (no spaCy)."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.core.analysis.entities import RawMention, build_entities, clean_mention
from reader.core.analysis.fragments import NOT_A_PERSON_LABEL, repair_fragments
from reader.core.analysis.results import Entity, EntityMention
from tests.core.analysis.test_entities import mentions_in


def repaired(text: str, spans: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(text, label) of each span of ``spans`` after ``repair_fragments``, offsets checked."""
    result = repair_fragments(text, mentions_in(text, spans))
    for mention in result:
        assert text[mention.start : mention.end] == mention.text
    return [(mention.text, mention.label) for mention in result]


def grouped(text: str, spans: list[tuple[str, str]]) -> tuple[list[EntityMention], list[Entity]]:
    """Mentions and entities of ``spans`` after the repairs, as the analysis builds them."""
    return build_entities(repair_fragments(text, mentions_in(text, spans)))


# Rule 1: a span ending in a preposition is extended, trimmed or dropped.


def test_wire_group_of_is_extended_over_the_number_that_follows() -> None:
    text = "Leaders met at the Group of 20 summit in New Delhi in September."
    spans = [("Group of", "ORG"), ("20", "CARDINAL"), ("New Delhi", "GPE")]
    mentions, entities = grouped(text, spans)
    assert [(m.text, m.label) for m in mentions] == [("Group of 20", "ORG"), ("New Delhi", "GPE")]
    assert mentions[0].start == text.index("Group") and mentions[0].end == text.index(" summit")
    assert [e.name for e in entities] == ["Group of 20", "New Delhi"]


def test_business_bank_of_takes_the_place_name_and_stops_at_a_possessive() -> None:
    text = "Officials at the Bank of England’s headquarters said rates would rise."
    assert repaired(text, [("Bank of", "ORG"), ("England", "GPE")]) == [
        ("Bank of England", "ORG"),
        ("England", "GPE"),
    ]
    mentions, _ = grouped(text, [("Bank of", "ORG"), ("England", "GPE")])
    assert [(m.text, m.label) for m in mentions] == [("Bank of England", "ORG")]


def test_sport_extension_crosses_inner_of_and_for_but_stops_at_lower_case() -> None:
    text = "The striker appealed to the Court of Arbitration for Sport on Friday."
    assert repaired(text, [("Court of", "ORG")]) == [("Court of Arbitration for Sport", "ORG")]


def test_court_extension_over_the_and_stop_before_a_person_named_next() -> None:
    text = "A letter to the Court of the Exchequer Jane Roe signed was read out."
    spans = [("Court of", "ORG"), ("Jane Roe", "PERSON")]
    assert repaired(text, spans) == [("Court of the Exchequer", "ORG"), ("Jane Roe", "PERSON")]


def test_fragment_that_cannot_be_extended_is_trimmed_or_dropped() -> None:
    text = "The Ministry of defence and the European Bank for reconstruction met. Smith and Jones"
    spans = [
        ("Ministry of", "ORG"),
        ("European Bank for", "ORG"),
        ("Smith and", "PERSON"),
        ("Jones", "PERSON"),
    ]
    # One word left over ("Ministry") is a common noun: dropped. Two words are kept.
    assert repaired(text, spans) == [
        ("European Bank", "ORG"),
        ("Smith", "PERSON"),
        ("Jones", "PERSON"),
    ]


def test_clean_mention_trims_dangling_words_without_the_text() -> None:
    def cleaned(surface: str, label: str) -> str | None:
        result = clean_mention(RawMention(0, len(surface), surface, label))
        return None if result is None else result.text

    assert cleaned("Group of", "ORG") is None
    assert cleaned("Reserve Bank of", "ORG") == "Reserve Bank"
    assert cleaned("Smith and", "PERSON") == "Smith"
    assert cleaned("Acme, and the", "ORG") == "Acme"
    # Negative cases: complete names, numbers and titles of works are left alone.
    assert cleaned("Bank of America", "ORG") == "Bank of America"
    assert cleaned("the end of", "DATE") == "end of"  # "the" goes, as before; "of" stays
    assert cleaned("Something to Talk About", "WORK_OF_ART") == "Something to Talk About"
    assert cleaned("Gone With", "WORK_OF_ART") == "Gone With"


def test_complete_names_are_not_extended() -> None:
    text = "The Bank of America Tower and the Reserve Bank of India Governor spoke."
    spans = [("Bank of America", "ORG"), ("Reserve Bank of India", "ORG")]
    assert repaired(text, spans) == spans


# Rule 2: the tail of a job title is not an organisation.


def test_politics_secretary_of_state_tail_is_dropped() -> None:
    text = "US Secretary of State Antony Blinken met the State Department staff."
    spans = [("US", "GPE"), ("State", "ORG"), ("Antony Blinken", "PERSON")]
    spans.append(("State Department", "ORG"))
    assert repaired(text, spans) == [
        ("US", "GPE"),
        ("Antony Blinken", "PERSON"),
        ("State Department", "ORG"),
    ]


def test_titles_in_several_styles_lose_their_tail() -> None:
    cases = [
        ("The Secretary of Defense Lloyd Austin spoke to reporters.", "Defense"),
        ("Japan’s Minister of Finance said the yen was weak.", "Finance"),
        ("White House Chief of Staff Jeff Zients met lawmakers.", "Staff"),
        ("The Chancellor of the Exchequer delivered the budget.", "Exchequer"),
        ("The Minister for Health opened the ward.", "Health"),
    ]
    for text, tail in cases:
        assert repaired(text, [(tail, "ORG")]) == [], text


def test_organisations_and_places_after_other_titles_stay() -> None:
    cases = [
        ("The chairman of Barclays said profits rose.", "Barclays", "ORG"),
        ("The Secretary-General of NATO spoke in Brussels.", "NATO", "ORG"),
        ("The Prime Minister of Japan met the press.", "Japan", "GPE"),
        ("The Governor of California signed the bill.", "California", "GPE"),
        ("Shares of Acme rose after the head of Globex resigned.", "Globex", "ORG"),
    ]
    for text, name, label in cases:
        assert repaired(text, [(name, label)]) == [(name, label)], text


# Rule 3 (grouping): a name without its leading possessive or place is the same entity.


def test_politics_ministry_after_its_possessive_form_joins_it() -> None:
    text = "Japan’s Commerce Ministry said exports rose. The Commerce Ministry gave no figures."
    spans = [("Japan’s Commerce Ministry", "ORG"), ("The Commerce Ministry", "ORG")]
    mentions, entities = grouped(text, spans)
    assert [(e.name, e.label, e.count) for e in entities] == [
        ("Japan’s Commerce Ministry", "ORG", 2)
    ]
    assert mentions[1].text == "Commerce Ministry" and mentions[1].entity == entities[0].id


def test_wire_place_qualifier_joins_and_a_lone_candidate_wins_even_when_later() -> None:
    text = "The State Department was silent. The US State Department later spoke. US aid fell."
    spans = [("State Department", "ORG"), ("US State Department", "ORG"), ("US", "GPE")]
    _, entities = grouped(text, spans)
    names = {e.name: e.count for e in entities}
    assert names == {"US State Department": 2, "US": 1}


def test_shared_short_form_goes_to_the_nearest_qualified_name_before_it() -> None:
    text = (
        "The Foreign Ministry was silent at first. China’s Foreign Ministry then spoke, and "
        "Russia’s Foreign Ministry replied. The Foreign Ministry in Moscow added more."
    )
    spans = [
        ("Foreign Ministry", "ORG"),
        ("China’s Foreign Ministry", "ORG"),
        ("Russia’s Foreign Ministry", "ORG"),
        ("Foreign Ministry", "ORG"),
    ]
    mentions, entities = grouped(text, spans)
    names = {e.id: e.name for e in entities}
    # The first has two candidates and none before it: it stays on its own.
    assert [names[m.entity] for m in mentions] == [
        "Foreign Ministry",
        "China’s Foreign Ministry",
        "Russia’s Foreign Ministry",
        "Russia’s Foreign Ministry",
    ]


def test_places_and_people_are_not_grouped_by_their_qualifier() -> None:
    text = "China’s Hong Kong voted. Hong Kong won. Britain’s Andy Murray won. Andy Murray smiled."
    spans = [
        ("China’s Hong Kong", "GPE"),
        ("Hong Kong", "GPE"),
        ("Britain’s Andy Murray", "PERSON"),
        ("Andy Murray", "PERSON"),
    ]
    _, entities = grouped(text, spans)
    assert {e.name for e in entities if e.label == "GPE"} == {"China’s Hong Kong", "Hong Kong"}


# Rule 4: ordinary phrases tagged PERSON.


def test_politics_phrase_after_an_article_is_not_a_person() -> None:
    text = "Neither side wants a brand new Frosty Battle, the senator said."
    assert repaired(text, [("Frosty Battle", "PERSON")]) == [("Frosty Battle", NOT_A_PERSON_LABEL)]
    text = "The senator said a new Iron Wall would not help."
    assert repaired(text, [("Iron Wall", "PERSON")]) == [("Iron Wall", NOT_A_PERSON_LABEL)]


def test_demoted_phrase_takes_the_label_of_its_other_mentions() -> None:
    text = "The Frosty Battle shaped Europe. Few want a new Frosty Battle. Frosty Battle films."
    spans = [("Frosty Battle", "EVENT"), ("Frosty Battle", "PERSON"), ("Frosty Battle", "EVENT")]
    mentions, entities = grouped(text, spans)
    assert [m.label for m in mentions] == ["EVENT"] * 3
    assert [(e.name, e.count) for e in entities] == [("Frosty Battle", 3)]


def test_common_words_used_in_lower_case_elsewhere_are_not_a_person() -> None:
    text = "Ties are as frosty as during Frosty Battle, when battle seemed near."
    assert repaired(text, [("Frosty Battle", "PERSON")]) == [("Frosty Battle", "MISC")]


def test_real_people_after_articles_roles_or_as_modifiers_stay_people() -> None:
    cases = [
        ("The spokesperson Ned Worth said the talks were useful.", "Ned Worth"),
        ("It was the late Ann Lee, a former then-president, who won.", "Ann Lee"),
        ("Critics of the Joe Biden administration spoke.", "Joe Biden"),
        ("An inspired Lionel Messi scored twice on Sunday.", "Lionel Messi"),
        ("The then-president Ann Lee resigned.", "Ann Lee"),
        ("Court papers say the defendant Sam Roe, 31, fled.", "Sam Roe"),
        ("He scored after a pass from Bruno Fernandes.", "Bruno Fernandes"),
        ("It was a statement that Jane Doe signed.", "Jane Doe"),
    ]
    for text, name in cases:
        assert repaired(text, [(name, "PERSON")]) == [(name, "PERSON")], text


def test_a_person_named_elsewhere_is_kept_despite_an_article_or_common_words() -> None:
    text = "A rejuvenated Marcus Rashford, free of injury. Marcus Rashford scored twice."
    spans = [("Marcus Rashford", "PERSON"), ("Marcus Rashford", "PERSON")]
    assert repaired(text, spans) == spans
    text = "Will Young sang. Young said he will be back, a young fan said."
    spans = [("Will Young", "PERSON"), ("Young", "PERSON")]
    assert repaired(text, spans) == spans
    text = "Theresa May may resign, Theresa May's aides said."
    assert repaired(text, [("Theresa May", "PERSON")]) == [("Theresa May", "PERSON")]


WORDS = st.sampled_from(
    "Group of 20 the a new Bank England Secretary State Frosty Battle frosty battle said , . "
    "Minister for Health Ann Lee spokesperson".split()
)
LABELS = st.sampled_from(["ORG", "PERSON", "GPE", "CARDINAL", "EVENT"])


SPANS = st.lists(st.tuples(st.integers(0, 3), LABELS), max_size=14)
"""How to cover the words: (width, label) per step; width 0 skips a word."""


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=14), SPANS)
# Found in CI: "Mayor"-style title stripping left ", Group" (punctuation as a name word).
@example(["Secretary", ",", "Group"], [(3, "PERSON")])
# Found locally: the title went, then "the" on the second pass ("spokesperson the Group").
@example(["spokesperson", "the", "Group"], [(3, "PERSON")])
def test_repairs_keep_offsets_stay_inside_the_text_and_are_idempotent(
    words: list[str], spans: list[tuple[int, str]]
) -> None:
    text = " ".join(words)
    starts = [sum(len(w) + 1 for w in words[:i]) for i in range(len(words))]
    mentions: list[RawMention] = []
    position = 0
    for width, label in spans:
        if position >= len(words):
            break
        if width:
            last = min(len(words), position + width) - 1
            start, end = starts[position], starts[last] + len(words[last])
            mentions.append(RawMention(start, end, text[start:end], label))
        position += max(width, 1)
    once = repair_fragments(text, mentions)
    for mention in once:
        assert text[mention.start : mention.end] == mention.text
        assert 0 <= mention.start < mention.end <= len(text)
    assert repair_fragments(text, once) == once
    shown, entities = build_entities(once)
    assert sum(entity.count for entity in entities) == len(shown) <= len(once)
    originals = {m.label for m in mentions}
    assert {m.label for m in once} <= originals | {NOT_A_PERSON_LABEL}


def test_an_article_is_a_whole_word_even_at_the_edge_of_the_look_behind() -> None:
    # The look-behind (60 characters) starts at the last "a" of "Panama": not an article.
    text = "Panama " + " ".join(("w" * 18, "w" * 18, "w" * 19)) + " Frosty Battle."
    assert text.index("Frosty") - 60 == text.index("Panama") + 5
    assert repaired(text, [("Frosty Battle", "PERSON")]) == [("Frosty Battle", "PERSON")]
