"""Ranking: term frequency, the tag boost, rarity, and recency breaking ties."""

from __future__ import annotations

from reader.core.search import search_annotations
from tests.core.search.builders import annotation, document

TEXT = "One passage here. Another passage there. A third passage somewhere. A fourth one."


def _ids(query: str, annotations: list, documents: list, **options: object) -> list[str]:
    hits = search_annotations(query, annotations, documents, **options)  # type: ignore[arg-type]
    return [hit.annotation.note for hit in hits]


def test_a_word_twice_in_the_note_outranks_a_single_match() -> None:
    doc = document(TEXT)
    once = annotation(doc, TEXT, "One passage", note="balloon seen over the coast today")
    twice = annotation(doc, TEXT, "Another passage", note="balloon seen again, balloon down")
    assert _ids("balloon", [once, twice], [doc]) == [twice.note, once.note]


def test_a_tag_match_is_boosted_over_a_note_match() -> None:
    doc = document(TEXT)
    in_note = annotation(doc, TEXT, "One passage", note="about china and its diplomats")
    in_tag = annotation(doc, TEXT, "Another passage", note="about its diplomats", tags=("China",))
    assert _ids("china", [in_note, in_tag], [doc]) == [in_tag.note, in_note.note]


def test_recency_breaks_ties_and_orders_a_listing_newest_first() -> None:
    doc = document(TEXT)
    older = annotation(
        doc, TEXT, "One passage", note="same words", modified="2024-01-01T00:00:00.000Z"
    )
    newer = annotation(
        doc, TEXT, "Another passage", note="same words", modified="2024-02-01T00:00:00.000Z"
    )
    oldest = annotation(
        doc, TEXT, "A third passage", note="other", modified="2023-01-01T00:00:00.000Z"
    )
    hits = search_annotations("same", [older, newer, oldest], [doc])
    assert [h.annotation.id for h in hits] == [newer.id, older.id]
    assert hits[0].score == hits[1].score > 0
    everything = search_annotations("", [older, oldest, newer], [doc])
    assert [h.annotation.id for h in everything] == [newer.id, older.id, oldest.id]
    assert all(h.score == 0 for h in everything)


def test_a_rare_word_weighs_more_than_a_common_one() -> None:
    doc = document(TEXT)
    common = [annotation(doc, TEXT, "A fourth one", note=f"meeting number {n}") for n in range(5)]
    rare = annotation(doc, TEXT, "One passage", note="blinken")
    both = annotation(doc, TEXT, "Another passage", note="meeting")
    hits = search_annotations("meeting OR blinken", [*common, rare, both], [doc])
    assert hits[0].annotation.id == rare.id


def test_excluded_words_do_not_count_towards_the_score() -> None:
    doc = document(TEXT)
    first = annotation(
        doc,
        TEXT,
        "One passage",
        note="balloon",
        tags=("w",),  # FTS5's bm25() counts a row's length over all its columns
        modified="2024-01-01T00:00:00.000Z",
    )
    second = annotation(
        doc,
        TEXT,
        "Another passage",
        note="balloon",
        tags=("x",),
        modified="2023-01-01T00:00:00.000Z",
    )
    hits = search_annotations("balloon -note:zzz -tag:y", [first, second], [doc])
    assert [h.annotation.id for h in hits] == [first.id, second.id]
    assert hits[0].score == hits[1].score


def test_limit_keeps_the_best_hits_in_order() -> None:
    doc = document(TEXT)
    notes = [annotation(doc, TEXT, "One passage", note="word " * n + "filler") for n in (1, 3, 2)]
    full = _ids("word", notes, [doc])
    assert _ids("word", notes, [doc], limit=2) == full[:2]
    assert full[0] == notes[1].note


def test_a_very_short_prefix_filters_but_ranks_by_recency() -> None:
    doc = document(TEXT)
    older = annotation(
        doc, TEXT, "One passage", note="sea sea sea", modified="2024-01-01T00:00:00.000Z"
    )
    newer = annotation(
        doc, TEXT, "Another passage", note="sun", modified="2024-02-01T00:00:00.000Z"
    )
    other = annotation(doc, TEXT, "A third passage", note="moon")
    hits = search_annotations("s", [older, newer, other], [doc], prefix_last=True)
    assert [h.annotation.id for h in hits] == [newer.id, older.id]
    assert {h.score for h in hits} == {0.0}
    ranked = search_annotations("sea", [older, newer], [doc], prefix_last=True)
    assert ranked[0].annotation.id == older.id and ranked[0].score > 0


def test_a_documents_title_does_not_weigh_on_the_score() -> None:
    """bm25() measures a row over the ranked columns only (note, passage, tags): the title
    (``doc:``) and the analysis fields live in another table of the index."""
    short = document(TEXT, title="Brief")
    long = document(TEXT, title=" ".join(["a long title of many words"] * 8))
    first = annotation(short, TEXT, "One passage", note="balloon")
    second = annotation(long, TEXT, "One passage", note="balloon")
    hits = search_annotations("balloon", [first, second], [short, long])
    assert hits[0].score == hits[1].score > 0
    assert [
        h.annotation.id for h in search_annotations("doc:many", [first, second], [short, long])
    ] == [second.id]
