"""The index's bulk folding and its lazily made entries."""

from __future__ import annotations

import gc
import weakref
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from reader.core.models import Annotation, Document, DocumentVersion, Selector
from reader.core.search.folding import fold
from reader.core.search.index import SEGMENT, SearchIndex, fold_all, fold_segments

# ASCII, the typographic characters folded by ``lower`` alone, and characters that are not:
# accents (composed and combining), ligatures, sigmas, dotted I, a lone surrogate (JSON
# strings may hold one), the separators.
_ALPHABET = "aZ9 .-'\n" + "–—’“”•€«»" + "éÉëñ\u0301\u0308ΣσςİßﬁK½ⅨÅ\ud800" + "\x1e\x1f"
_texts = st.lists(st.text(alphabet=_ALPHABET, max_size=12), max_size=12)


@given(_texts)
def test_fold_all_folds_each_text_as_fold_does(texts: list[str]) -> None:
    assert fold_all(texts) == [fold(text) for text in texts]


@given(st.lists(st.lists(st.text(alphabet=_ALPHABET, max_size=6), max_size=3), max_size=8))
def test_fold_segments_folds_each_segment_and_joins_them(values: list[list[str]]) -> None:
    segments = [tuple(value) for value in values]
    expected = [SEGMENT.join(fold(part) for part in value) for value in segments]
    assert fold_segments(segments) == expected


def test_typographic_text_folds_by_lower_but_accents_are_still_removed() -> None:
    texts = ["The “Envoy” said—twice", "Zoë’s café", "ΟΔΥΣΣΕΥΣ", "", "plain"]
    assert fold_all(texts) == ["the “envoy” said—twice", "zoe’s cafe", "οδυσσευσ", "", "plain"]


def _document(number: int) -> Document:
    version = DocumentVersion("a" * 64, "2024-01-01T00:00:00.000Z", 10)
    stamp = "2024-01-01T00:00:00.000Z"
    return Document(
        f"doc-{number}", f"Title {number}", f"/t/{number}", "a" * 64, (version,), stamp, stamp, 10
    )


def _annotation(number: int, document_id: str) -> Annotation:
    return Annotation(
        id=f"ann-{number}",
        document_id=document_id,
        sha256="a" * 64,
        selector=Selector("word", "", "", 0, 4),
        note=f"note {number}",
    )


def test_entries_pair_each_annotation_with_its_current_document() -> None:
    documents = [_document(0), _document(1)]
    annotations = [_annotation(0, "doc-0"), _annotation(1, "doc-1"), _annotation(2, "gone")]
    index = SearchIndex(annotations, documents)
    entries = index.entries
    assert len(entries) == 3
    assert [entry.annotation for entry in entries] == annotations
    assert [entry.document for entry in entries] == [documents[0], documents[1], None]
    assert entries[-1].annotation.id == "ann-2"
    assert [entry.annotation.id for entry in entries[1:]] == ["ann-1", "ann-2"]
    renamed = replace(documents[1], title="Renamed")
    index.replace_documents([documents[0], renamed])
    assert index.entries[1].document == renamed


def test_an_index_is_freed_as_soon_as_it_is_dropped() -> None:
    # The TUI replaces its index after every change: a reference cycle would keep each old
    # one (and its folded texts) alive until a full garbage collection.
    index = SearchIndex([_annotation(0, "doc-0")], [_document(0)])
    assert len(index.entries) == 1 and index.texts("note") == ["note 0"]
    dropped = weakref.ref(index)
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        del index
        assert dropped() is None
    finally:
        if was_enabled:
            gc.enable()
