"""The documents/annotations service part over a real store, real files and the real loader."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.anchoring import reanchor
from reader.core.models import ReadingPosition
from reader.core.service import ReaderService
from reader.core.store import Store
from reader.core.text import sha256_of
from reader.errors import BadInputError, NotFoundError, SourceError

ARTICLE = (
    "Ministers met in Geneva on Monday.\n"
    "The talks were long, the minister said, and the talks were hard.\n"
    "Nobody expected a deal this week.\n"
)


@pytest.fixture
def service(db_path: Path) -> ReaderService:
    return ReaderService.open(db_path)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_opening_files_a_new_document_and_its_text(service: ReaderService, article: Path) -> None:
    opened = service.open_document(str(article))
    document = opened.document
    assert opened.text == ARTICLE
    assert (opened.annotations, opened.moved, opened.orphaned) == ([], 0, 0)
    assert document.source == str(article)
    assert document.sha256 == sha256_of(ARTICLE)
    assert document.words == len(ARTICLE.split())
    assert [v.sha256 for v in document.versions] == [document.sha256]
    assert document.first_opened == document.last_opened
    assert service.document_text(document) == ARTICLE
    assert service.list_documents() == [document]


def test_reopening_keeps_the_id_and_a_changed_text_adds_a_version(
    service: ReaderService, article: Path
) -> None:
    first = service.open_document(str(article)).document
    again = service.open_document(str(article)).document
    assert again.id == first.id and len(again.versions) == 1
    assert again.last_opened >= first.last_opened and again.first_opened == first.first_opened
    article.write_text(ARTICLE + "A fourth line.\n", encoding="utf-8")
    changed = service.open_document(str(article)).document
    assert changed.id == first.id
    assert [v.sha256 for v in changed.versions] == [first.sha256, changed.sha256]
    assert service.document_text(changed) == ARTICLE + "A fourth line.\n"
    assert service.store.load_text(first.sha256) == ARTICLE  # old versions are kept
    assert len(service.list_documents()) == 1


def test_reopening_a_changed_text_persists_what_reanchoring_returns(
    service: ReaderService, article: Path
) -> None:
    document = service.open_document(str(article)).document
    annotation = service.annotate_quote(document.id, "Nobody expected")
    new_text = "A new first line.\n" + ARTICLE
    article.write_text(new_text, encoding="utf-8")
    expected = reanchor(annotation, new_text, sha256_of(new_text))
    opened = service.open_document(str(article))
    stored = service.get_annotation(annotation.id)
    assert (stored.selector, stored.status, stored.sha256) == (
        expected.selector,
        expected.status,
        expected.sha256,
    )
    assert opened.annotations == [stored]


def test_an_edit_made_while_reanchoring_runs_is_not_overwritten(
    service: ReaderService, article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Placing runs outside the store's lock; another process edits the note at that moment.
    import os
    import subprocess
    import sys

    from reader.core import anchoring

    annotation = service.annotate_quote(str(article), "Nobody expected", note="first")
    real_reanchor = anchoring.reanchor_until

    def reanchor_during_an_edit(*args: object, **kwargs: object) -> object:
        placed = real_reanchor(*args, **kwargs)  # type: ignore[arg-type]
        edit = [sys.executable, "-m", "reader", "edit", annotation.id, "--note", "second"]
        subprocess.run(edit, check=True, timeout=60, env=dict(os.environ))
        return placed

    monkeypatch.setattr(anchoring, "reanchor_until", reanchor_during_an_edit)
    article.write_text("A new first line.\n" + ARTICLE, encoding="utf-8")
    service.open_document(str(article))
    stored = service.get_annotation(annotation.id)
    assert stored.note == "second"
    monkeypatch.undo()
    # The next open places the edited record.
    service.open_document(str(article))
    placed = service.get_annotation(annotation.id)
    assert placed.note == "second"
    assert placed.selector.start == len("A new first line.\n") + ARTICLE.index("Nobody")


def test_a_missing_source_is_a_source_error(service: ReaderService, tmp_path: Path) -> None:
    with pytest.raises(SourceError):
        service.open_document(str(tmp_path / "absent.txt"))
    assert service.list_documents() == []


def test_get_document_by_id_prefix_and_relative_path(
    service: ReaderService, article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = service.open_document(str(article)).document
    monkeypatch.chdir(article.parent)
    assert service.get_document("article.txt") == document
    assert service.get_document(document.id[:6]) == document
    with pytest.raises(NotFoundError, match=r"no document matches 'other\.txt'"):
        service.get_document("other.txt")


def test_add_annotation_builds_the_selector_from_the_text(
    service: ReaderService, article: Path
) -> None:
    document = service.open_document(str(article)).document
    start = ARTICLE.index("Geneva")
    annotation = service.add_annotation(
        document.id, start, start + 6, note="where", tags=[" Place ", "place"], color="Green"
    )
    assert annotation.selector.exact == "Geneva"
    assert annotation.selector.prefix == ARTICLE[:start][-32:]
    assert annotation.selector.suffix == ARTICLE[start + 6 : start + 6 + 32]
    assert (annotation.tags, annotation.color, annotation.sha256) == (
        ("Place",),
        "green",
        document.sha256,
    )
    assert Store(service.paths.db).get_annotation(annotation.id) == annotation  # durable


@pytest.mark.parametrize("span", [(5, 5), (-1, 3), (10, 4), (0, len(ARTICLE) + 1)])
def test_add_annotation_refuses_bad_spans(
    service: ReaderService, article: Path, span: tuple[int, int]
) -> None:
    document = service.open_document(str(article)).document
    with pytest.raises(BadInputError, match="span"):
        service.add_annotation(document.id, *span)
    assert service.annotations_for(document.id) == []


def test_add_annotation_refuses_an_unknown_document_and_a_bad_colour(
    service: ReaderService, article: Path
) -> None:
    document = service.open_document(str(article)).document
    with pytest.raises(NotFoundError):
        service.add_annotation("no-such-id", 0, 3)
    with pytest.raises(BadInputError, match="colour"):
        service.add_annotation(document.id, 0, 3, color="not a colour")


def test_annotate_quote_finds_the_nth_occurrence(service: ReaderService, article: Path) -> None:
    first = service.annotate_quote(str(article), "talks")
    second = service.annotate_quote(str(article), "talks", occurrence=2)
    # "The talks were long ... and the talks were hard": line 2 holds both.
    assert first.selector.start == len("Ministers met in Geneva on Monday.\nThe ")
    assert second.selector.start == ARTICLE.index("the talks were hard") + len("the ")
    assert len(service.list_documents()) == 1  # the source was filed once


def test_annotate_quote_reports_a_missing_quote(service: ReaderService, article: Path) -> None:
    title = service.open_document(str(article)).document.title
    with pytest.raises(NotFoundError) as raised:
        service.annotate_quote(str(article), "not in there")
    assert str(raised.value) == f"quote not found in {title}: 'not in there'"
    with pytest.raises(NotFoundError, match="occurrence 3"):
        service.annotate_quote(str(article), "talks", occurrence=3)
    with pytest.raises(BadInputError, match="empty"):
        service.annotate_quote(str(article), "  ")
    with pytest.raises(BadInputError, match="occurrence"):
        service.annotate_quote(str(article), "talks", occurrence=0)


def test_annotate_quote_in_the_sample_article(service: ReaderService, sample_path: Path) -> None:
    annotation = service.annotate_quote(str(sample_path), "Ned Worth", tags=["Spokesperson"])
    text = service.document_text(service.get_document(annotation.document_id)) or ""
    start = annotation.selector.start
    assert text[start : start + 9] == "Ned Worth"
    assert annotation.selector.prefix.endswith("spokesperson ")


def test_edit_annotation_changes_note_tags_and_colour(
    service: ReaderService, article: Path
) -> None:
    annotation = service.annotate_quote(str(article), "Geneva", tags=["Place", "Europe"])
    edited = service.edit_annotation(
        annotation.id,
        note="city",
        add_tags=["talks", "PLACE"],
        remove_tags=["europe "],
        color="blue",
    )
    assert (edited.note, edited.tags, edited.color) == ("city", ("Place", "talks"), "blue")
    assert edited.modified >= annotation.modified and edited.created == annotation.created
    assert service.get_annotation(annotation.id[:8]) == edited
    replaced = service.edit_annotation(annotation.id, tags=["only"])
    assert (replaced.tags, replaced.note, replaced.color) == (("only",), "city", "blue")


def test_delete_and_restore_an_annotation(service: ReaderService, article: Path) -> None:
    annotation = service.annotate_quote(str(article), "Geneva", note="keep me")
    deleted = service.delete_annotation(annotation.id)
    assert deleted == annotation
    with pytest.raises(NotFoundError):
        service.get_annotation(annotation.id)
    service.restore_annotation(deleted)
    assert service.annotations_for(annotation.document_id) == [annotation]


def test_annotations_for_is_in_text_order(service: ReaderService, article: Path) -> None:
    for quote in ("deal", "Ministers", "minister said"):
        service.annotate_quote(str(article), quote)
    document = service.get_document(str(article))
    exacts = [a.selector.exact for a in service.annotations_for(document.id)]
    assert exacts == ["Ministers", "minister said", "deal"]


def test_tag_counts_merge_spellings_and_keep_the_first(
    service: ReaderService, article: Path
) -> None:
    service.annotate_quote(str(article), "Geneva", tags=["Europe", "places"])
    service.annotate_quote(str(article), "Monday", tags=["europe"])
    service.annotate_quote(str(article), "deal", tags=["EUROPE", "Outcome"])
    assert service.tag_counts() == [("Europe", 3), ("Outcome", 1), ("places", 1)]


def test_delete_document_counts_its_annotations(service: ReaderService, article: Path) -> None:
    service.annotate_quote(str(article), "Geneva")
    annotation = service.annotate_quote(str(article), "Monday")
    assert service.delete_document(annotation.document_id) == 2
    assert service.list_documents() == []


def test_save_position_is_kept(service: ReaderService, article: Path) -> None:
    document = service.open_document(str(article)).document
    service.save_position(document.id, ReadingPosition(40, "The talks"))
    assert service.get_document(document.id).position == ReadingPosition(40, "The talks")


def test_refresh_only_reopens_a_changed_source(service: ReaderService, article: Path) -> None:
    document = service.open_document(str(article)).document
    assert service.refresh_document(str(article)) == document  # nothing written
    article.write_text("Completely new words.\n", encoding="utf-8")
    refreshed = service.refresh_document(str(article))
    assert refreshed.id == document.id and refreshed.sha256 == sha256_of("Completely new words.\n")
    article.unlink()
    assert service.refresh_document(str(article)) == refreshed  # the stored version stays


@settings(max_examples=20, deadline=None)
@given(tags=st.lists(st.text(alphabet="abAB -", max_size=5), max_size=6))
def test_tag_counts_match_a_case_insensitive_tally(tags: list[str]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as directory:
        article = Path(directory) / "a.txt"
        article.write_text(ARTICLE, encoding="utf-8")
        service = ReaderService.open(Path(directory) / "annotations.json")
        for tag in tags:
            service.annotate_quote(str(article), "Geneva", tags=[tag])
        tally: dict[str, int] = {}
        for tag in tags:
            cleaned = " ".join(tag.split()).casefold()
            if cleaned:
                tally[cleaned] = tally.get(cleaned, 0) + 1
        assert {name.casefold(): count for name, count in service.tag_counts()} == tally


def test_a_quote_that_is_not_there_files_nothing(service: ReaderService, article: Path) -> None:
    with pytest.raises(NotFoundError):
        service.annotate_quote(str(article), "Paris")
    assert service.list_documents() == []
