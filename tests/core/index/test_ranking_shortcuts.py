"""The ranking shortcuts of the index give the order of the joined queries they replace.

Annotation search reads the best scores from FTS5 alone and recency for those only; text
search orders passages by rowid when rowids follow the documents' ``added``. Ties at the
cut, and an old document given a new text, must not change the answers.
"""

from __future__ import annotations

from dataclasses import replace

from reader.core.index import queries, rows
from reader.core.index.schema import connect
from reader.core.search.query import parse
from tests.core.search.builders import annotation, document

TEXT = "A balloon was seen. Another balloon came. Then a third one."


def _notes(db: object, query: str, limit: int | None) -> list[str]:
    hits = queries.search_annotations(db, parse(query), limit)  # type: ignore[arg-type]
    return [hit.annotation.note for hit in hits]


def test_equal_scores_at_the_cut_keep_the_newest() -> None:
    doc = document(TEXT)
    same = [
        annotation(doc, TEXT, "A balloon", note=f"balloon {n}", modified=f"2024-01-0{n}T00:00Z")
        for n in range(1, 8)
    ]
    double = annotation(doc, TEXT, "A balloon", note="balloon balloon", modified="2023-01-01")
    db = queries.memory_index([*same, double], [doc], lambda d: None)
    everything = _notes(db, "balloon", None)
    assert everything[0] == "balloon balloon"
    assert everything[1:] == [f"balloon {n}" for n in range(7, 0, -1)]
    for limit in range(0, 10):  # ties inside the 2N+1 read, and ties past it
        assert _notes(db, "balloon", limit) == everything[:limit]
    assert _notes(db, "balloon -tag:x", 3) == everything[:3]


def test_text_search_orders_ties_by_added_even_after_an_old_document_changes() -> None:
    db = connect(":memory:", ":memory:")
    older = replace(document(TEXT, "Older"), first_opened="2024-01-01T00:00:00Z")
    newer = replace(document(TEXT, "Newer"), first_opened="2024-02-01T00:00:00Z")
    for position, doc in enumerate((older, newer)):
        rows.put_document(db, doc, position)
        rows.put_text(db, doc.id, TEXT)
    rows.mark_passage_order(db)
    assert rows.passages_in_added_order(db)
    first = queries.search_documents(db, parse("balloon"), 1)
    assert [hit.document_title for hit in first] == ["Newer"]
    rows.put_text(db, older.id, TEXT)  # indexed again: the older document gets the last rowids
    rows.mark_passage_order(db)
    assert not rows.passages_in_added_order(db)
    again = queries.search_documents(db, parse("balloon"), None)
    assert [hit.document_title for hit in again][:1] == ["Newer"]
    assert again[0].score == again[1].score
