"""Full-text search of the documents: whole documents match and rank, one hit each.

The index keeps each text twice, split in passages (``passage_fts``) and whole in a
contentless table (``document_fts``, whose rows are removed by repeating their words). After
any sequence of texts given, replaced and taken away, the documents found must be those a
scan of the current texts finds, and each hit's passage must hold one of the query's words.
"""

from __future__ import annotations

from dataclasses import replace

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.core.index import queries, rows
from reader.core.index.compile import scoring_terms
from reader.core.index.driver import sqlite3
from reader.core.index.schema import connect
from reader.core.search.query import parse
from tests.core.search.builders import document
from tests.core.search.scan import has_phrase

WORDS = ["alpha", "beta", "gamma", "Zoë", "balloon"]
QUERIES = ["alpha", "beta OR zoe", "alpha beta", "alpha -beta", '"alpha beta"', "bal*", "zoe"]
DOCUMENTS = [document("x", f"Doc {n}", doc_id=f"doc{n}") for n in range(3)]


def _index() -> sqlite3.Connection:
    db = connect(":memory:", ":memory:")
    for position, doc in enumerate(DOCUMENTS):
        rows.put_document(db, replace(doc, first_opened=f"2024-01-0{position + 1}"), position)
    return db


def _scan(query: str, texts: dict[str, str]) -> set[str]:
    """Documents whose whole text matches ``query`` (words, phrases, OR, -), by reading it."""
    from reader.core.search.query import And, Node, Not, Or, Term

    def matches(node: Node, text: str) -> bool:
        if isinstance(node, Not):
            return not matches(node.child, text)
        if isinstance(node, And | Or):
            found = (matches(child, text) for child in node.children)
            return all(found) if isinstance(node, And) else any(found)
        assert isinstance(node, Term)
        return has_phrase([text], node.value, node.prefix)

    node = parse(query)
    return {doc_id for doc_id, text in texts.items() if text and matches(node, text)}


_paragraph = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join)
_text = st.lists(_paragraph, max_size=3).map("\n".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), st.one_of(st.none(), _text)), max_size=8))
@example([(0, "alpha\nbeta"), (0, "gamma"), (1, "alpha beta")])
@example([(0, "alpha"), (0, None), (1, "Zoë balloon\nalpha")])
@example([(2, "gamma alpha\nbeta")])
def test_documents_found_are_those_a_scan_of_the_texts_finds(
    changes: list[tuple[int, str | None]],
) -> None:
    db = _index()
    texts: dict[str, str] = {}
    for number, text in changes:
        rows.put_text(db, DOCUMENTS[number].id, text)
        texts[DOCUMENTS[number].id] = text or ""
    for query in QUERIES:
        hits = queries.search_documents(db, parse(query), None)
        assert {hit.document_id for hit in hits} == _scan(query, texts), query
        assert len(hits) == len({hit.document_id for hit in hits})  # one hit per document
        for hit in hits:
            passage = texts[hit.document_id][hit.start : hit.end]
            terms = scoring_terms(parse(query))  # the positive words and phrases
            shown = any(has_phrase([passage], t.value, t.prefix) for t in terms)
            assert shown == bool(hit.matches) and (shown or hit.start == 0), (query, passage)


def test_the_best_passage_of_each_document_is_shown_and_the_words_may_be_far_apart() -> None:
    db = _index()
    rows.put_text(db, "doc0", "alpha once\nnothing here\nalpha alpha beta and alpha")
    rows.put_text(db, "doc1", "beta first\nthen alpha")
    hits = {h.document_id: h for h in queries.search_documents(db, parse("alpha beta"), None)}
    assert set(hits) == {"doc0", "doc1"}
    best = hits["doc0"]  # the passage with most of both words
    assert (best.start, best.end) == (24, 50) and best.snippet.startswith("alpha alpha")
    assert best.matches == ((0, 16), (21, 26))
    assert hits["doc1"].snippet == "beta first"  # the first of equally good passages


def test_a_phrase_across_paragraphs_shows_the_first_passage() -> None:
    db = _index()
    rows.put_text(db, "doc0", "one two alpha\nbeta three")
    (hit,) = queries.search_documents(db, parse('"alpha beta"'), None)
    assert (hit.start, hit.end, hit.snippet, hit.matches) == (0, 13, "one two alpha", ())


def test_exclusions_and_doc_filters_apply_to_whole_documents() -> None:
    db = _index()
    rows.put_text(db, "doc0", "alpha\nbeta")
    rows.put_text(db, "doc1", "alpha gamma")
    assert [h.document_id for h in queries.search_documents(db, parse("alpha -beta"), 5)] == [
        "doc1"
    ]
    found = queries.search_documents(db, parse("alpha doc:doc0"), 5)
    assert [h.document_id for h in found] == ["doc0"]
    found = queries.search_documents(db, parse('alpha doc:"Doc 1"'), 5)
    assert [h.document_id for h in found] == ["doc1"]


def test_equal_scores_put_the_newest_document_first_and_limit_counts_documents() -> None:
    db = _index()
    for doc in DOCUMENTS:
        rows.put_text(db, doc.id, "alpha beta\nalpha")
    hits = queries.search_documents(db, parse("alpha"), None)
    assert [h.document_id for h in hits] == ["doc2", "doc1", "doc0"]
    assert len({h.score for h in hits}) == 1
    assert [h.document_id for h in queries.search_documents(db, parse("alpha"), 2)] == [
        "doc2",
        "doc1",
    ]
    rows.delete_document(db, "doc2")
    assert [h.document_id for h in queries.search_documents(db, parse("alpha"), None)] == [
        "doc1",
        "doc0",
    ]
    db.execute("INSERT INTO document_fts(document_fts) VALUES ('integrity-check')")
