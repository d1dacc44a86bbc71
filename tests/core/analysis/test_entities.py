"""Entity clean-up and grouping over hand-written mention lists (no spaCy needed)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.analysis.entities import RawMention, build_entities, clean_mention, form_key
from reader.core.analysis.recall import find_missed_short_forms
from reader.core.analysis.results import Entity


def mentions_in(text: str, spans: list[tuple[str, str]]) -> list[RawMention]:
    """RawMentions for each (surface, label) in order of appearance, found left to right."""
    found: list[RawMention] = []
    position = 0
    for surface, label in spans:
        start = text.index(surface, position)
        found.append(RawMention(start, start + len(surface), surface, label))
        position = start + len(surface)
    return found


def by_name(entities: list[Entity]) -> dict[str, Entity]:
    """Entities keyed by canonical name."""
    return {entity.name: entity for entity in entities}


def test_short_form_of_a_person_joins_the_person_whatever_its_label() -> None:
    text = "Antony Blinken met Wang Yi. Blinken said no. Later Blinken left."
    raw = mentions_in(
        text,
        [
            ("Antony Blinken", "PERSON"),
            ("Wang Yi", "PERSON"),
            ("Blinken", "GPE"),
            ("Blinken", "ORG"),
        ],
    )
    mentions, entities = build_entities(raw)
    blinken = by_name(entities)["Antony Blinken"]
    assert blinken.label == "PERSON"
    assert blinken.count == 3
    assert [m.label for m in mentions if m.text == "Blinken"] == ["PERSON", "PERSON"]
    assert {m.entity for m in mentions if "Blinken" in m.text} == {blinken.id}


def test_short_form_named_in_full_only_later_still_joins() -> None:
    text = "Worth spoke first. The spokesperson Ned Worth added more."
    raw = mentions_in(text, [("Worth", "GPE"), ("Ned Worth", "PERSON")])
    mentions, entities = build_entities(raw)
    assert [e.name for e in entities] == ["Ned Worth"]
    assert mentions[0].label == "PERSON"


def test_two_people_sharing_a_surname_stay_two_and_bare_name_goes_to_nearest_before() -> None:
    text = (
        "Wang Yi met envoys. Wang said yes. Spokesman Wang Wenbin disagreed. "
        "Wang said no. Wang Yi returned. Wang left."
    )
    raw = mentions_in(
        text,
        [
            ("Wang Yi", "PERSON"),
            ("Wang", "ORG"),
            ("Wang Wenbin", "PERSON"),
            ("Wang", "PERSON"),
            ("Wang Yi", "PERSON"),
            ("Wang", "ORG"),
        ],
    )
    mentions, entities = build_entities(raw)
    people = by_name(entities)
    assert set(people) == {"Wang Yi", "Wang Wenbin"}
    owners = [m.entity for m in mentions if m.text == "Wang"]
    assert owners == [people["Wang Yi"].id, people["Wang Wenbin"].id, people["Wang Yi"].id]
    assert people["Wang Yi"].count == 4 and people["Wang Wenbin"].count == 2


def test_bare_shared_surname_before_any_full_name_goes_to_the_most_mentioned() -> None:
    text = "Lee spoke. Mary Lee and Tom Lee came. Tom Lee stayed. Tom Lee left."
    raw = mentions_in(
        text,
        [
            ("Lee", "PERSON"),
            ("Mary Lee", "PERSON"),
            ("Tom Lee", "PERSON"),
            ("Tom Lee", "PERSON"),
            ("Tom Lee", "PERSON"),
        ],
    )
    mentions, entities = build_entities(raw)
    assert mentions[0].entity == by_name(entities)["Tom Lee"].id


def test_company_with_suffix_owns_its_bare_name() -> None:
    text = "Acme Corp. reported profits. Shares of Acme rose. Acme hired staff."
    raw = mentions_in(text, [("Acme Corp.", "ORG"), ("Acme", "PERSON"), ("Acme", "ORG")])
    mentions, entities = build_entities(raw)
    assert len(entities) == 1
    assert entities[0].name == "Acme Corp." and entities[0].label == "ORG"
    assert entities[0].count == 3
    assert {m.label for m in mentions} == {"ORG"}


def test_same_form_gets_the_majority_label() -> None:
    text = "Georgia won. Georgia lost. Georgia drew."
    raw = mentions_in(text, [("Georgia", "GPE"), ("Georgia", "PERSON"), ("Georgia", "GPE")])
    mentions, entities = build_entities(raw)
    assert [m.label for m in mentions] == ["GPE", "GPE", "GPE"]
    assert len(entities) == 1 and entities[0].count == 3


def test_majority_tie_goes_to_the_first_label_seen() -> None:
    text = "Chinese officials. Chinese leaders."
    raw = mentions_in(text, [("Chinese", "NORP"), ("Chinese", "LANGUAGE")])
    mentions, _ = build_entities(raw)
    assert [m.label for m in mentions] == ["NORP", "NORP"]


def test_possessive_and_leading_the_are_trimmed_with_offsets() -> None:
    text = "China’s envoy met the United Nations and the US’ envoy."
    raw = mentions_in(text, [("China’s", "GPE"), ("the United Nations", "ORG"), ("the US’", "GPE")])
    mentions, _ = build_entities(raw)
    assert [m.text for m in mentions] == ["China", "United Nations", "US"]
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text


def test_junk_spans_are_dropped() -> None:
    text = "It isn’t, he’s — “ X 2 and officials"
    raw = [
        RawMention(text.index("n’t"), text.index("n’t") + 3, "n’t", "GPE"),
        RawMention(text.index("’s"), text.index("’s") + 2, "’s", "PERSON"),
        RawMention(text.index("—"), text.index("—") + 1, "—", "ORG"),
        RawMention(text.index("“"), text.index("“") + 1, "“", "ORG"),
        RawMention(text.index("X"), text.index("X") + 1, "X", "PERSON"),
        RawMention(text.index("2"), text.index("2") + 1, "2", "CARDINAL"),
        RawMention(text.index("officials"), len(text), "officials", "ORG"),
    ]
    mentions, entities = build_entities(raw)
    assert mentions == [] and entities == []


def test_numbers_keep_lower_case_and_never_join_people() -> None:
    text = "Theresa May spoke in May about twenty issues."
    raw = mentions_in(text, [("Theresa May", "PERSON"), ("May", "DATE"), ("twenty", "CARDINAL")])
    mentions, _ = build_entities(raw)
    assert [(m.text, m.label) for m in mentions] == [
        ("Theresa May", "PERSON"),
        ("May", "DATE"),
        ("twenty", "CARDINAL"),
    ]
    assert len({m.entity for m in mentions}) == 3


def test_ids_are_stable_slugs_in_first_mention_order() -> None:
    text = "Acme Corp. hired Jane Roe. Roe joined Acme."
    raw = mentions_in(
        text, [("Acme Corp.", "ORG"), ("Jane Roe", "PERSON"), ("Roe", "PERSON"), ("Acme", "ORG")]
    )
    _, entities = build_entities(raw)
    assert [e.id for e in entities] == ["org-acme-corp", "person-jane-roe"]
    assert entities[1].mentions == ((17, 25), (27, 30))


def test_context_mentions_link_but_are_not_reported() -> None:
    text = "Antony Blinken arrived.\nBlinken spoke."
    context = mentions_in(text, [("Antony Blinken", "PERSON")])
    raw = [RawMention(24, 31, "Blinken", "GPE")]
    mentions, entities = build_entities(raw, context)
    assert len(mentions) == 1 and mentions[0].label == "PERSON"
    assert entities[0].name == "Antony Blinken" and entities[0].count == 1


def test_clean_mention_keeps_inner_apostrophes_and_the_in_titles() -> None:
    kept = clean_mention(RawMention(0, 10, "O’Connor’s", "PERSON"))
    assert kept is not None and kept.text == "O’Connor" and kept.end == 8
    work = clean_mention(RawMention(0, 13, "The Godfather", "WORK_OF_ART"))
    assert work is not None and work.text == "The Godfather"


def test_form_key_ignores_case_periods_and_apostrophe_style() -> None:
    assert form_key("U.S.") == form_key("US") == "us"
    assert form_key("O’Neil") == form_key("o'neil")


NAME = st.sampled_from(
    ["Ann Lee", "Bo Chan", "Lee", "Chan", "Acme", "Acme Inc.", "Paris", "the UN"]
)
LABEL = st.sampled_from(["PERSON", "ORG", "GPE", "NORP", "DATE", "CARDINAL"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(NAME, LABEL), max_size=25))
def test_grouping_invariants(spans: list[tuple[str, str]]) -> None:
    text = " ; ".join(surface for surface, _ in spans)
    raw = mentions_in(text, spans)
    mentions, entities = build_entities(raw)
    ids = {entity.id for entity in entities}
    assert len(ids) == len(entities)
    assert all(m.entity in ids for m in mentions)
    assert sum(e.count for e in entities) == len(mentions)
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
        owner = next(e for e in entities if e.id == mention.entity)
        assert owner.label == mention.label
        assert (mention.start, mention.end) in owner.mentions
    starts = [m.start for m in mentions]
    assert starts == sorted(starts)
    labels_by_key: dict[str, set[str]] = {}
    for mention in mentions:
        labels_by_key.setdefault(form_key(mention.text), set()).add(mention.label)
    assert all(len(labels) == 1 for labels in labels_by_key.values())
    assert all(re.fullmatch(r"[a-z_]+-[\w-]+", e.id) for e in entities)


def test_recall_finds_untagged_surnames_and_bare_company_names() -> None:
    text = "Jane Doe runs Acme Corp. Doe said Acme grew. Later, Doe’s team left."
    tagged = mentions_in(text, [("Jane Doe", "PERSON"), ("Acme Corp.", "ORG")])
    found = find_missed_short_forms(text, tagged)
    assert [(m.text, m.label, text[m.start : m.end]) for m in found] == [
        ("Doe", "PERSON", "Doe"),
        ("Acme", "ORG", "Acme"),
        ("Doe", "PERSON", "Doe"),
    ]
    _, entities = build_entities([*tagged, *found])
    assert {e.name: e.count for e in entities} == {"Jane Doe": 3, "Acme Corp.": 2}


def test_recall_skips_a_common_word_where_a_sentence_may_start() -> None:
    text = "Ned Worth spoke. Worth noting is the cost. It was worth it, said Worth."
    tagged = mentions_in(text, [("Ned Worth", "PERSON")])
    found = find_missed_short_forms(text, tagged)
    assert [m.start for m in found] == [text.rindex("Worth")]


def test_recall_never_duplicates_a_tagged_mention() -> None:
    text = "Antony Blinken met. Blinken spoke."
    tagged = mentions_in(text, [("Antony Blinken", "PERSON"), ("Blinken", "GPE")])
    assert find_missed_short_forms(text, tagged) == []


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="ab C’'\".,-–the s2", min_size=1, max_size=20),
    st.sampled_from(["PERSON", "ORG", "DATE", "WORK_OF_ART"]),
)
def test_cleaned_mention_text_always_matches_its_offsets(surface: str, label: str) -> None:
    text = "xx " + surface + " yy"
    cleaned = clean_mention(RawMention(3, 3 + len(surface), surface, label))
    if cleaned is not None:
        assert text[cleaned.start : cleaned.end] == cleaned.text
        assert 3 <= cleaned.start < cleaned.end <= 3 + len(surface)
