"""Properties of evaluation: set algebra of the operators, and no crash on any query."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.models import Annotation, Document
from reader.core.search import And, Node, Not, Or, SearchIndex, Term, parse, run_query
from reader.core.search.matching import Evaluator
from reader.errors import QueryError
from tests.core.search.builders import annotation, document

TEXT = "Blinken met Wang. The balloon crossed Montana. Zoë watched the balloon fall."
VOCABULARY = ["blinken", "balloon", "wang", "zoe", "montana", "fall", "the", "ba", "zz"]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    doc = document(TEXT, title="Balloon story")
    annotations: list[Annotation] = [
        annotation(doc, TEXT, "Blinken met Wang", note="the meeting", tags=("china",)),
        annotation(doc, TEXT, "The balloon crossed Montana", note="balloon path"),
        annotation(doc, TEXT, "Zoë watched", note="witness", tags=("balloon", "people")),
        annotation(doc, TEXT, "balloon fall", color="red"),
    ]
    documents: list[Document] = [doc]
    return SearchIndex(annotations, documents)


_terms = st.builds(
    Term,
    st.sampled_from(VOCABULARY),
    st.sampled_from([None, "note", "quote", "tag"]),
    st.booleans(),
)


def _extend(children: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
    pairs = st.tuples(children, children)
    return st.one_of(children.map(Not), pairs.map(lambda p: And(p)), pairs.map(lambda p: Or(p)))


_nodes = st.recursive(_terms, _extend, max_leaves=6)


@settings(max_examples=200, deadline=None)
@given(_nodes)
def test_operators_are_set_operations(index: SearchIndex, node: Node) -> None:
    evaluator = Evaluator(index)
    found = evaluator.evaluate(node)
    if isinstance(node, Not):
        assert found == set(index.universe) - Evaluator(index).evaluate(node.child)
    elif isinstance(node, And):
        left, right = (Evaluator(index).evaluate(child) for child in node.children)
        assert found == left & right
    elif isinstance(node, Or):
        left, right = (Evaluator(index).evaluate(child) for child in node.children)
        assert found == left | right
    hits = run_query(index, parse(str(node)))
    assert {index.annotations.index(hit.annotation) for hit in hits} == found
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40), st.booleans())
def test_any_query_gives_hits_or_a_query_error(
    index: SearchIndex, query: str, prefix_last: bool
) -> None:
    try:
        node = parse(query, prefix_last=prefix_last)
    except QueryError:
        return
    for hit in run_query(index, node, limit=3):
        assert hit.score >= 0
        for start, end in hit.matches:
            assert 0 <= start < end <= len(hit.snippet)
