"""SearchPart over a real store: the index follows store changes; tags are renamed and merged."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest

from reader.core.index.sync import RACY_NS
from reader.core.models import ReadingPosition
from reader.core.search import search_annotations
from reader.core.service import ReaderService
from reader.errors import BadInputError, NotFoundError, QueryError
from tests.core.search.builders import annotation, document


@pytest.fixture
def service(db_path: Path, sample_path: Path) -> ReaderService:
    service = ReaderService.open(db_path)
    source = str(sample_path)
    service.annotate_quote(source, "surveillance balloon", note="the balloon", tags=("China",))
    service.annotate_quote(source, "Ned Worth", note="spokesperson", tags=("names", "china"))
    service.annotate_quote(source, "Wang Yi", note="diplomat", tags=("Names",))
    return service


def _notes(service: ReaderService, query: str) -> list[str]:
    return [hit.annotation.note for hit in service.search(query)]


def test_search_returns_document_title_snippet_and_marks(service: ReaderService) -> None:
    hits = service.search("balloon")
    assert [hit.annotation.note for hit in hits] == ["the balloon"]
    hit = hits[0]
    assert hit.document_title.startswith("US Secretary of State Antony Blinken")
    assert hit.snippet == "the balloon"
    assert [hit.snippet[a:b] for a, b in hit.matches] == ["balloon"]
    assert hit.to_dict()["document"] == {"id": hit.document_id, "title": hit.document_title}


def test_index_follows_changes_made_by_this_and_other_services(
    service: ReaderService, db_path: Path, sample_path: Path
) -> None:
    assert _notes(service, "economy") == []
    other = ReaderService.open(db_path)  # as another process would
    added = other.annotate_quote(str(sample_path), "Munich", note="economy of Munich")
    assert _notes(service, "economy") == ["economy of Munich"]
    other.edit_annotation(added.id, note="security conference")
    assert _notes(service, "economy") == []
    assert _notes(service, "security") == ["security conference"]
    other.delete_annotation(added.id)
    assert _notes(service, "security") == []


def test_unchanged_store_leaves_the_index_file_alone(service: ReaderService) -> None:
    # Right after a write the file times cannot be trusted yet (see RACY_NS).
    time.sleep(RACY_NS / 1e9 + 0.05)
    service.search("balloon")
    path = service.index_path
    before = (path.stat().st_mtime_ns, Path(f"{path}-wal").stat().st_size)
    service.search("wang")
    assert (path.stat().st_mtime_ns, Path(f"{path}-wal").stat().st_size) == before


def test_a_document_only_change_is_seen_by_the_next_search(service: ReaderService) -> None:
    document = service.store.list_documents()[0]
    service.save_position(document.id, ReadingPosition(120, "context"))
    service.store.put_document(replace(service.get_document(document.id), title="New title"))
    hits = service.search("doc:new")
    assert {hit.document_title for hit in hits} == {"New title"}
    assert service.search("doc:blinken") == []
    assert _notes(service, "balloon") == ["the balloon"]


def test_a_listing_takes_new_document_titles() -> None:
    doc = document("Some text here.", title="Old title")
    annotated = annotation(doc, "Some text here.", "text", note="n")
    assert search_annotations("doc:old", [annotated], [doc])[0].document_title == "Old title"
    renamed = replace(doc, title="New title")
    assert search_annotations("doc:old", [annotated], [renamed]) == []
    assert search_annotations("doc:new", [annotated], [renamed])[0].document_title == "New title"


def test_prefix_last_and_limit(service: ReaderService) -> None:
    assert [h.annotation.note for h in service.search("spokes", prefix_last=True)] == [
        "spokesperson"
    ]
    assert service.search("spokes") == []
    assert len(service.search("", limit=2)) == 2


def test_malformed_query_is_a_query_error(service: ReaderService) -> None:
    with pytest.raises(QueryError, match="column 9"):
        service.search("balloon colour:red")


def test_tag_counts_merge_case_and_show_first_spelling(service: ReaderService) -> None:
    assert service.tag_counts() == [("China", 2), ("names", 2)]


def test_rename_tag_changes_every_spelling(service: ReaderService) -> None:
    assert service.rename_tag("NAMES", "people") == 2
    assert service.tag_counts() == [("China", 2), ("people", 2)]
    assert set(_notes(service, "tag:people")) == {"diplomat", "spokesperson"}
    assert service.rename_tag("china", "China") == 1  # only the lowercase one changes
    assert service.tag_counts() == [("China", 2), ("people", 2)]


def test_rename_refuses_unknown_empty_and_existing_targets(service: ReaderService) -> None:
    before = sorted(a.to_dict().__repr__() for a in service.store.all_annotations())
    with pytest.raises(NotFoundError, match="no annotation has the tag 'nope'"):
        service.rename_tag("nope", "x")
    with pytest.raises(BadInputError, match="empty"):
        service.rename_tag("names", "   ")
    with pytest.raises(BadInputError, match="already exists; use 'reader tags merge"):
        service.rename_tag("names", "CHINA")
    after = sorted(a.to_dict().__repr__() for a in service.store.all_annotations())
    assert after == before


def test_merge_tags_keeps_the_target_spelling_without_duplicates(
    service: ReaderService,
) -> None:
    assert service.merge_tags("names", "china") == 2  # the balloon's "China" is already right
    assert service.tag_counts() == [("China", 3)]
    tags = {a.note: a.tags for a in service.store.all_annotations()}
    assert tags == {"the balloon": ("China",), "spokesperson": ("China",), "diplomat": ("China",)}


def test_merge_refuses_unknown_tags_and_self_merge(service: ReaderService) -> None:
    with pytest.raises(NotFoundError):
        service.merge_tags("names", "nope")
    with pytest.raises(NotFoundError):
        service.merge_tags("nope", "names")
    with pytest.raises(BadInputError, match="into itself"):
        service.merge_tags("Names", "names")
    assert service.tag_counts() == [("China", 2), ("names", 2)]
