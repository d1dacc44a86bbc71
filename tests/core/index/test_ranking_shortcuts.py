"""The ranking shortcut of the index gives the order of the joined query it replaces.

Annotation search reads the best scores from FTS5 alone and recency for those only: ties at
the cut must not change the answers.
"""

from __future__ import annotations

from reader.core.index import queries
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
