"""Every field and operator, evaluated on in-memory annotations (no store needed)."""

from __future__ import annotations

import pytest

from reader.core.analysis.results import (
    Analysis,
    Entity,
    EntityMention,
    ModelInfo,
    Quote,
    QuoteKind,
    Speaker,
)
from reader.core.models import Annotation, AnnotationStatus, Document
from reader.core.search import search_annotations
from tests.core.search.builders import annotation, document
from tests.core.search.scan import scan

TEXT = (
    "Antony Blinken met Wang Yi in Munich. "
    '"We will not stand for it," Blinken stated. '
    "The surveillance balloon crossed Montana. "
    "Zoë Ortiz, a café owner, watched the balloon."
)
OTHER_TEXT = "Joe Biden spoke about the economy in Ohio."


@pytest.fixture(scope="module")
def corpus() -> tuple[list[Annotation], list[Document]]:
    doc = document(TEXT, title="Blinken meets Wang", doc_id="aaaa1111-doc")
    other = document(OTHER_TEXT, title="Biden on the economy", doc_id="bbbb2222-doc")
    annotations = [
        annotation(doc, TEXT, "Antony Blinken met Wang Yi", note="first meeting", tags=("China",)),
        annotation(doc, TEXT, "We will not stand for it", note="strong words", tags=("quotes",)),
        annotation(
            doc,
            TEXT,
            "surveillance balloon crossed Montana",
            note="the balloon story",
            color="red",
            created="2024-05-02T08:00:00.000Z",
        ),
        annotation(
            doc,
            TEXT,
            "Zoë Ortiz",
            note="a local witness",
            tags=("follow up", "Witness"),
            created="2024-06-10T08:00:00.000Z",
        ),
        annotation(other, OTHER_TEXT, "the economy", note="economy OR jobs?", tags=("econ",)),
        annotation(
            other,
            OTHER_TEXT,
            "Ohio",
            note="swing state",
            status=AnnotationStatus.ORPHANED,
            created="2023-12-31T23:59:59.000Z",
        ),
    ]
    return annotations, [doc, other]


def _analysis(doc_text: str) -> Analysis:
    blinken = TEXT.index("Antony Blinken")
    second = TEXT.index("Blinken stated")
    wang = TEXT.index("Wang Yi")
    quote_start = TEXT.index('"We')
    quote_end = TEXT.index('it,"') + 4
    montana = TEXT.index("Montana")
    return Analysis(
        sha256=doc_text,
        model=ModelInfo("test", "0"),
        entities=(
            EntityMention(blinken, blinken + 14, "Antony Blinken", "PERSON", "e1"),
            EntityMention(second, second + 7, "Blinken", "PERSON", "e1"),
            EntityMention(wang, wang + 7, "Wang Yi", "PERSON", "e2"),
            EntityMention(montana, montana + 7, "Montana", "GPE", "e3"),
        ),
        entity_index=(
            Entity("e1", "Antony Blinken", "PERSON", 2),
            Entity("e2", "Wang Yi", "PERSON", 1),
            Entity("e3", "Montana", "GPE", 1),
        ),
        quotes=(
            Quote(
                quote_start,
                quote_end,
                TEXT[quote_start:quote_end],
                QuoteKind.SPOKEN,
                speaker=Speaker("Blinken", second, second + 7, "Antony Blinken"),
            ),
        ),
    )


def _notes(
    corpus: tuple[list[Annotation], list[Document]], query: str, with_analysis: bool = False
) -> set[str]:
    annotations, documents = corpus

    def lookup(doc: Document) -> Analysis | None:
        return _analysis(doc.sha256) if doc.id == "aaaa1111-doc" else None

    hits = search_annotations(query, annotations, documents, lookup if with_analysis else None)
    return {hit.annotation.note for hit in hits}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("balloon", {"the balloon story"}),
        ("BALLOON", {"the balloon story"}),
        ("china", {"first meeting"}),
        ("stand", {"strong words"}),
        ("blinken wang", {"first meeting"}),
        ("balloon OR economy", {"the balloon story", "economy OR jobs?"}),
        ("strong OR meeting first", {"strong words", "first meeting"}),
        ("strong OR words first", {"strong words"}),
        ("-balloon -economy -ohio", {"first meeting", "strong words", "a local witness"}),
        ('"local witness"', {"a local witness"}),
        ('"witness local"', set()),
        ("note:balloon", {"the balloon story"}),
        ("quote:balloon", {"the balloon story"}),
        ("note:stand", set()),
        ("quote:strong", set()),
        ("tag:china", {"first meeting"}),
        ('tag:"follow up"', {"a local witness"}),
        ("tag:follow", set()),
        ("tag:follow*", {"a local witness"}),
        ("color:red", {"the balloon story"}),
        ("color:RED", {"the balloon story"}),
        ("doc:aaaa", {"first meeting", "strong words", "the balloon story", "a local witness"}),
        ("doc:economy", {"economy OR jobs?", "swing state"}),
        ('doc:"Biden on"', {"economy OR jobs?", "swing state"}),
        ("after:2024-05-02", {"the balloon story", "a local witness"}),
        ("after:2024-05-03", {"a local witness"}),
        ("before:2024-01-01", {"swing state"}),
        ("after:2024-05-01 before:2024-06-01", {"the balloon story"}),
        ("is:orphan", {"swing state"}),
        (
            "is:anchored -doc:bbbb",
            {"first meeting", "strong words", "the balloon story", "a local witness"},
        ),
        ("(balloon OR witness) -color:red", {"a local witness"}),
        ("-(balloon OR witness) doc:aaaa", {"first meeting", "strong words"}),
        ("bal*", {"the balloon story"}),
        ("economy OR", None),
    ],
)
def test_fields_and_operators(
    corpus: tuple[list[Annotation], list[Document]], query: str, expected: set[str] | None
) -> None:
    if expected is None:
        with pytest.raises(Exception, match="dangling OR"):
            _notes(corpus, query)
    else:
        assert _notes(corpus, query) == expected


def test_accents_and_case_fold_both_ways(corpus: tuple[list[Annotation], list[Document]]) -> None:
    assert _notes(corpus, "zoe") == {"a local witness"}
    assert _notes(corpus, "ZOË ortiz") == {"a local witness"}
    assert _notes(corpus, "cafe") == set()  # "café" is in the text, not in the passage
    assert _notes(corpus, "quote:zoë") == {"a local witness"}


def test_prefix_last_matches_a_word_being_typed(
    corpus: tuple[list[Annotation], list[Document]],
) -> None:
    annotations, documents = corpus
    typed = search_annotations("surveil", annotations, documents, prefix_last=True)
    assert [hit.annotation.note for hit in typed] == ["the balloon story"]
    assert search_annotations("surveil", annotations, documents) == []
    assert search_annotations("surveil ", annotations, documents, prefix_last=True) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("entity:Blinken", {"first meeting"}),
        ('entity:"Antony Blinken"', {"first meeting"}),
        ('entity:"Blinken Antony"', set()),
        ("entity:wang", {"first meeting"}),
        ("entity:montana", {"the balloon story"}),
        ("entity:biden", set()),  # the other document has no analysis
        ("label:PERSON", {"first meeting"}),
        ("label:gpe", {"the balloon story"}),
        ("label:place", {"the balloon story"}),
        ("speaker:blinken", {"strong words"}),
        ('speaker:"Antony Blinken"', {"strong words"}),
        ("speaker:wang", set()),
        ("entity:Blinken OR speaker:Blinken", {"first meeting", "strong words"}),
    ],
)
def test_analysis_fields(
    corpus: tuple[list[Annotation], list[Document]], query: str, expected: set[str]
) -> None:
    assert _notes(corpus, query, with_analysis=True) == expected


def test_analysis_fields_ignore_annotations_anchored_in_another_version(
    corpus: tuple[list[Annotation], list[Document]],
) -> None:
    annotations, documents = corpus
    stale = [a if a.note != "first meeting" else _rehashed(a) for a in annotations]

    def lookup(doc: Document) -> Analysis | None:
        return _analysis(doc.sha256)

    hits = search_annotations("entity:blinken", stale, documents, lookup)
    assert hits == []


def _rehashed(annotation: Annotation) -> Annotation:
    from dataclasses import replace

    return replace(annotation, sha256="0" * 64)


def test_analysis_is_only_looked_up_when_the_query_needs_it(
    corpus: tuple[list[Annotation], list[Document]],
) -> None:
    annotations, documents = corpus
    asked: list[str] = []

    def lookup(doc: Document) -> Analysis | None:
        asked.append(doc.id)
        return _analysis(doc.sha256)

    search_annotations("balloon tag:x OR note:y -color:red", annotations, documents, lookup)
    assert asked == []
    search_annotations("entity:blinken", annotations, documents, lookup)
    assert sorted(asked) == ["aaaa1111-doc", "bbbb2222-doc"]


EVERY_FIELD = [
    "balloon",
    '"local witness"',
    "bal*",
    "note:balloon",
    "quote:strong",
    "tag:china",
    'tag:"follow up"',
    "tag:fol*",
    "color:red",
    "color:re*",
    "doc:aaaa",
    'doc:"Biden on"',
    "entity:blinken",
    "entity:mon*",
    "label:person",
    "speaker:blinken",
    "after:2024-05-02",
    "before:2024-01-01",
    "is:orphan",
    "is:moved",
    "&",
    "(balloon OR witness) -color:red -is:orphan",
]


@pytest.mark.parametrize("query", EVERY_FIELD)
def test_every_field_answers_as_a_scan_does(
    corpus: tuple[list[Annotation], list[Document]], query: str
) -> None:
    annotations, documents = corpus

    def lookup(doc: Document) -> Analysis | None:
        return _analysis(doc.sha256) if doc.id == "aaaa1111-doc" else None

    found = {h.annotation.id for h in search_annotations(query, annotations, documents, lookup)}
    assert found == scan(query, annotations, documents, lookup)
