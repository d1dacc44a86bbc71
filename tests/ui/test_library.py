"""The library: rows newest first, Enter/o to open, d to delete after confirmation, the
sample offered on an empty library; short sources and clipped titles."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.widgets import Input, Static

from reader.core.service import ReaderService
from reader.paths import shipped_seeds_dir
from reader.ui.app import ReaderApp
from reader.ui.dialogs.confirm import ConfirmDialog
from reader.ui.dialogs.open_source import OpenSourceDialog
from reader.ui.screens.library import LibraryScreen, clip, short_source
from reader.ui.screens.library_search import TextSearch
from reader.ui.widgets.library_table import LibraryTable
from tests.ui.conftest import SIZE
from tests.ui.test_reading_screen_helpers import (
    notices,
    prime_sample_analysis,
    reading,
    settle,
    write_story,
)


def _rows(app: ReaderApp) -> list[list[str]]:
    table = app.screen.query_one(LibraryTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


@pytest.fixture
def two_documents(tmp_path: Path, service: ReaderService, sample_path: Path) -> tuple[str, str]:
    """The sample (opened on the 1st, 50% read, no notes) and a story (the 2nd, 2 notes)."""
    story_path, text = write_story(tmp_path, service)
    sample = service.open_document(str(sample_path)).document
    story = service.open_document(story_path).document
    for word in ("Bob Ray", "Portsmouth"):
        start = text.index(word)
        service.add_annotation(story.id, start, start + len(word), note=word)
    position = sample.position._replace(progress=50.0)
    service.store.put_document(
        dataclasses.replace(sample, last_opened="2026-03-01T09:30:00.000Z", position=position)
    )
    story = service.store.get_document(story.id)
    service.store.put_document(dataclasses.replace(story, last_opened="2026-03-02T18:05:00.000Z"))
    return sample.id, story.id


async def test_rows_show_title_short_source_notes_progress_and_time_newest_first(
    make_app: Callable[..., ReaderApp], service: ReaderService, two_documents: tuple[str, str]
) -> None:
    sample_id, story_id = two_documents
    sample_title = service.store.get_document(sample_id).title
    story_title = service.store.get_document(story_id).title
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        rows = _rows(app)
    assert rows[0] == [story_title, "harbour.txt", "2", "0%", "2026-03-02 18:05", "unread"]
    assert rows[1][1:] == ["000_a1bfd4ae36a8a1d3.txt", "0", "50%", "2026-03-01 09:30", "unread"]
    # The sample's long title is cut to fit 120 columns, with an ellipsis.
    assert rows[1][0].endswith("…") and sample_title.startswith(rows[1][0][:-1])


async def test_enter_opens_the_highlighted_document_and_q_comes_back(
    make_app: Callable[..., ReaderApp], service: ReaderService, two_documents: tuple[str, str]
) -> None:
    sample_id, _ = two_documents
    prime_sample_analysis(service)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert reading(app).document.id == sample_id
        await pilot.press("G", "q")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        # Back in the library, the row shows the new progress and it is now the newest.
        rows = _rows(app)
        assert rows[0][1] == "000_a1bfd4ae36a8a1d3.txt"
        assert rows[0][3] == "100%"


async def test_o_opens_a_path_typed_in_the_dialog(
    make_app: Callable[..., ReaderApp], service: ReaderService, tmp_path: Path
) -> None:
    path, _ = write_story(tmp_path, service)
    service.delete_document(service.library()[0].document.id)  # known text, new document
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, OpenSourceDialog)
        dialog.query_one(Input).value = path  # as if pasted
        await pilot.press("enter")
        await settle(pilot)
        assert reading(app).document.source == path
        assert reading(app).analysis is not None
    assert [row.document.source for row in service.library()] == [path]


async def test_o_with_a_missing_file_says_why_and_stays_in_the_library(
    make_app: Callable[..., ReaderApp], tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        app.screen.query_one(Input).value = str(tmp_path / "missing.txt")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert any("missing.txt" in note for note in notices(app))
    escape_app = make_app()
    async with escape_app.run_test(size=SIZE) as pilot:
        await pilot.press("o", "escape")
        await settle(pilot)
        assert isinstance(escape_app.screen, LibraryScreen)


async def test_d_asks_first_and_n_keeps_the_document(
    make_app: Callable[..., ReaderApp], service: ReaderService, two_documents: tuple[str, str]
) -> None:
    _, story_id = two_documents
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        question = str(app.screen.query_one(".dialog-question", Static).render())
        assert "2 annotation(s) will be deleted too" in question
        assert f"reader export --doc {story_id[:8]}" in question
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
    assert len(service.annotations_for(story_id)) == 2
    assert len(service.library()) == 2


async def test_d_then_y_deletes_the_document_and_its_annotations(
    make_app: Callable[..., ReaderApp], service: ReaderService, two_documents: tuple[str, str]
) -> None:
    sample_id, _ = two_documents
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d", "y")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert "Deleted the document and 2 annotation(s)." in notices(app)
        assert len(_rows(app)) == 1
        # The cells kept for the filter forget the deleted document.
        screen = app.screen
        assert isinstance(screen, LibraryScreen) and set(screen._shown_cells) == {sample_id}
    assert [row.document.id for row in service.library()] == [sample_id]
    assert list(service.store.all_annotations()) == []


async def test_deleting_a_document_without_notes_says_so(
    make_app: Callable[..., ReaderApp], two_documents: tuple[str, str]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "d")
        await settle(pilot)
        question = str(app.screen.query_one(".dialog-question", Static).render())
        assert "It has no annotations." in question
        await pilot.press("escape")


async def test_an_empty_library_offers_the_sample_and_enter_opens_it(
    make_app: Callable[..., ReaderApp], service: ReaderService
) -> None:
    prime_sample_analysis(service)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        message = str(app.screen.query_one("#library-empty", Static).render())
        assert "Press Enter to read the sample article" in message
        assert _rows(app) == [["Sample article", "000_a1bfd4ae36a8a1d3.txt", "", "", "", ""]]
        await pilot.press("d")  # the offer is not a document: nothing to delete
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("enter")
        await settle(pilot)
        screen = reading(app)
        # resolved, so the library's sample and `make run`'s seeds/ file are one document
        assert Path(screen.document.source).parent == shipped_seeds_dir().resolve()
        assert screen.analysis is not None
    assert len(service.library()) == 1


async def test_q_in_the_library_quits(make_app: Callable[..., ReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert app.return_code == 0


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ("/home/ann/articles/story.html", "story.html"),
        ("https://example.org/news/2026/story?id=3", "example.org/news/2026/story"),
        ("https://example.org/", "example.org"),
        ("stdin:2026-03-01T09:30:00Z", "stdin"),
    ],
)
def test_short_source(source: str, shown: str) -> None:
    assert short_source(source) == shown


@given(
    st.text(alphabet=st.sampled_from("ab \n界語é"), max_size=80),
    st.integers(min_value=1, max_value=60),
)
def test_clip_fits_the_width_in_cells_and_keeps_a_prefix(text: str, width: int) -> None:
    clipped = clip(text, width)
    flat = " ".join(text.split())
    assert cell_len(clipped) <= width
    assert "\n" not in clipped
    if cell_len(flat) <= width:
        assert clipped == flat
    else:
        assert clipped.endswith("…")
        assert flat.startswith(clipped[:-1])


async def test_typing_in_the_filter_reuses_the_cells_of_rows_shown_before(
    make_app: Callable[..., ReaderApp], two_documents: tuple[str, str]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one(LibraryTable)
        first = table.get_row_at(0)
        await pilot.press("slash", "A", "n", "n")
        assert table.row_count == 1 and table.get_row_at(0) is first
        await pilot.press("backspace", "backspace", "backspace")
        assert table.row_count == 2 and table.get_row_at(0) is first
        await pilot.resize_terminal(100, 30)  # titles cut to a new width: cells made again
        await settle(pilot)
        assert table.get_row_at(0) is not first
        assert [str(cell) for cell in table.get_row_at(0)[1:]] == [str(c) for c in first[1:]]


async def test_the_text_results_are_mounted_by_a_method_once_never_by_a_property(
    make_app: Callable[..., ReaderApp], two_documents: tuple[str, str]
) -> None:
    assert not [name for name, value in vars(TextSearch).items() if isinstance(value, property)]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        assert not screen.query("#library-hits")  # not on the first frame
        results = screen.text_search.ensure_results()
        await pilot.pause()
        assert screen.text_search.ensure_results() is results
        assert len(screen.query("#library-hits")) == 1
