"""The ranking shortcut of the index gives the order of the joined query it replaces.

Annotation search reads the best scores from FTS5 alone and recency for those only: ties at
the cut must not change the answers.
"""

from __future__ import annotations

import re

import pytest

from reader.core.index import queries
from reader.core.index.compile import compile_query
from reader.core.index.schema import connect
from reader.core.index.text import glob_prefix
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


def test_a_mixed_query_reads_its_best_from_fts5_alone_when_enough_match() -> None:
    """``balloon OR -tag:x``: hits without the word score 0, after every match; any limit
    gives the first hits of the full, joined answer (ties at the cut included)."""
    doc = document(TEXT)
    made = [
        annotation(doc, TEXT, "A balloon", note=f"balloon {n}", modified=f"2024-01-0{n}T00:00Z")
        for n in range(1, 6)
    ]
    made += [
        annotation(doc, TEXT, "A balloon", note="balloon balloon", modified="2023-01-01"),
        annotation(doc, TEXT, "Then a third", note="plain", modified="2025-01-01"),
        annotation(doc, TEXT, "Then a third", note="tagged", tags=("x",)),
    ]
    db = queries.memory_index(made, [doc], lambda d: None)
    compiled = compile_query(parse("balloon OR -tag:x"))
    assert compiled.rank_match is not None and not compiled.rank_required
    everything = _notes(db, "balloon OR -tag:x", None)  # the joined query
    assert everything[0] == "balloon balloon" and everything[-1] == "plain"
    assert "tagged" not in everything and len(everything) == 7
    for limit in range(0, 10):
        assert _notes(db, "balloon OR -tag:x", limit) == everything[:limit]


def test_exclusions_inside_the_match_keep_the_scores_of_the_rest() -> None:
    doc = document(TEXT)
    notes = ["balloon up", "balloon balloon china", "balloon and beijing", "china only"]
    made = [annotation(doc, TEXT, "A balloon", note=note, tags=("x",)) for note in notes]
    db = queries.memory_index(made, [doc], lambda d: None)
    compiled = compile_query(parse("balloon -(china OR beijing)"))
    assert compiled.rank_match is not None and " NOT " in compiled.rank_match
    assert compiled.where == "1"  # the exclusion is FTS5's NOT, not an SQL filter
    kept = queries.search_annotations(db, parse("balloon -(china OR beijing)"), None)
    every = {hit.annotation.note: hit.score for hit in queries.search_annotations(
        db, parse("balloon"), None)}  # fmt: skip
    assert [hit.annotation.note for hit in kept] == ["balloon up"]
    assert kept[0].score == every["balloon up"]


def test_prefixes_of_tags_and_colours_compare_as_startswith_and_use_an_index() -> None:
    db = connect(":memory:", ":memory:")
    db.execute("CREATE TABLE t(v TEXT)")
    db.execute("CREATE INDEX t_v ON t(v)")
    values = ["re[d", "re[dish", "red", "re*", "re?x", "Red", "r"]
    db.executemany("INSERT INTO t VALUES (?)", [(v,) for v in values])
    for wanted in ["re[", "re*", "re?", "re", "R", ""]:
        found = {r[0] for r in db.execute("SELECT v FROM t WHERE v GLOB ?", (glob_prefix(wanted),))}
        assert found == {v for v in values if v.startswith(wanted)}, wanted
    compiled = compile_query(parse("tag:chin*"))
    index = queries.memory_index([], [], lambda d: None)
    plan = " ".join(
        str(row[-1])
        for row in index.execute(
            f"EXPLAIN QUERY PLAN SELECT a.rowid FROM annotations a WHERE {compiled.where}",
            compiled.params,
        )
    )
    assert "annotation_tags USING" in plan and "INDEX annotation_tags_key" in plan, plan


PLANNED = [
    "balloon",
    "tag:china",
    "tag:china balloon",
    "tag:china -balloon",
    "balloon OR tag:china",
    "is:orphan OR balloon",
    "entity:blinken OR balloon",
    "speaker:worth balloon",
    "doc:munich balloon",
    "color:red balloon",
    "(china OR beijing) -(balloon OR military)",
    "-balloon -china",
]
_PER_ROW_MATCH = re.compile(r"VIRTUAL TABLE INDEX \d+:\S*=\S*M")
"""An FTS5 table searched with a rowid and a ``MATCH``: the whole ``MATCH`` once per row."""


@pytest.mark.parametrize("limit", [50, None])
def test_every_statement_evaluates_each_match_once(limit: int | None) -> None:
    """Whatever the planner of the SQLite in use, FTS5 is never searched once per row
    (SQLite 3.51 did that for a filter joined to the ranking: 100 ms to 0.8 s a query)."""
    doc = document(TEXT)
    made = [annotation(doc, TEXT, "A balloon", note="balloon china", tags=("china",))]
    db = queries.memory_index(made, [doc], lambda d: None)
    run: list[str] = []
    db.set_trace_callback(run.append)
    for query in PLANNED:
        queries.search_annotations(db, parse(query), limit)
    queries.search_documents(db, parse("balloon doc:a"), limit)
    db.set_trace_callback(None)
    reads = [sql for sql in run if sql.lstrip().upper().startswith(("SELECT", "WITH"))]
    assert len(reads) > len(PLANNED)
    for sql in reads:
        plan = [str(row[-1]) for row in db.execute(f"EXPLAIN QUERY PLAN {sql}")]
        assert not any(_PER_ROW_MATCH.search(line) for line in plan), (sql, plan)
