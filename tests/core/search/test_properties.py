"""Properties: any query answers as a linear scan of the annotations does, or is an error."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.core.models import Annotation, Document
from reader.core.search import And, Node, Not, Or, Term, parse, search_annotations
from reader.errors import QueryError
from tests.core.search.builders import annotation, document
from tests.core.search.scan import scan

TEXT = "Blinken met Wang. The balloon crossed Montana. Zoë watched the balloon fall."
VOCABULARY = ["blinken", "balloon", "wang", "zoe", "montana", "fall", "the", "ba", "zz"]
Corpus = tuple[list[Annotation], list[Document]]


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    doc = document(TEXT, title="Balloon story")
    annotations: list[Annotation] = [
        annotation(doc, TEXT, "Blinken met Wang", note="the meeting", tags=("china",)),
        annotation(doc, TEXT, "The balloon crossed Montana", note="balloon path"),
        annotation(doc, TEXT, "Zoë watched", note="witness", tags=("balloon", "people")),
        annotation(doc, TEXT, "balloon fall", color="red"),
    ]
    return annotations, [doc]


_terms = st.builds(
    Term,
    st.sampled_from(VOCABULARY),
    st.sampled_from([None, "note", "quote", "tag", "doc", "color"]),
    st.booleans(),
)


def _extend(children: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
    pairs = st.tuples(children, children)
    return st.one_of(children.map(Not), pairs.map(lambda p: And(p)), pairs.map(lambda p: Or(p)))


_nodes = st.recursive(_terms, _extend, max_leaves=6)


@settings(max_examples=200, deadline=None)
@given(_nodes)
@example(Not(Term("ba", None, True)))
@example(Term("zz", None, True))  # once matched the token that separated tags
def test_any_query_answers_as_a_scan_does(corpus: Corpus, node: Node) -> None:
    annotations, documents = corpus
    query = str(node)
    hits = search_annotations(query, annotations, documents)
    assert {hit.annotation.id for hit in hits} == scan(query, annotations, documents)
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40), st.booleans())
@example('"', False)
@example("a\x00b", True)
def test_any_query_gives_hits_or_a_query_error(
    corpus: Corpus, query: str, prefix_last: bool
) -> None:
    annotations, documents = corpus
    try:
        parse(query, prefix_last=prefix_last)
    except QueryError:
        return
    hits = search_annotations(query, annotations, documents, limit=3, prefix_last=prefix_last)
    for hit in hits:
        assert hit.score >= 0
        for start, end in hit.matches:
            assert 0 <= start < end <= len(hit.snippet)
