"""The reading life in the TUI: the document panel, the Notes tab's card, the page in the
status line, citations with author and date, and the library's filter, sort and state keys."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input, Select, Static, TextArea

from reader.core.models import Document
from reader.core.service import ReaderService
from reader.core.service.library import DocumentEdit
from reader.ui.app import ReaderApp
from reader.ui.dialogs.document_editor import DocumentEditor
from reader.ui.screens.document_actions import document_citation, page_label
from reader.ui.screens.library import LibraryScreen
from reader.ui.screens.reading import StatusLine
from reader.ui.widgets.library_table import LibraryTable
from tests.book_fixtures import make_pdf
from tests.ui.conftest import SIZE
from tests.ui.test_reading_screen_helpers import (
    hand_analysis,
    prime_analysis,
    reading,
    settle,
    settled,
)


def _titles(app: ReaderApp) -> list[str]:
    table = app.screen.query_one(LibraryTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


def _library(tmp_path: Path, service: ReaderService) -> dict[str, str]:
    """Three documents: different authors, dates, states and tags. Name -> id."""
    specs = [
        ("alpha", "Jane Doe", "2021-05-01", "done", ("work",), "2026-01-03T00:00:00.000Z"),
        ("bravo", "Li Wei", "2024-01-01", "unread", (), "2026-01-01T00:00:00.000Z"),
        ("charlie", "Ann Lee", "", "reading", ("work", "long"), "2026-01-02T00:00:00.000Z"),
    ]
    ids = {}
    for name, author, published, state, tags, opened in specs:
        path = tmp_path / f"{name}.txt"
        path.write_text(f"{name.capitalize()} story here.\n", encoding="utf-8")
        document = service.open_document(str(path)).document
        edit = DocumentEdit(author=author, published=published, state=state, add_tags=tags)
        document = service.edit_document(document.id, edit)
        service.store.put_document(dataclasses.replace(document, last_opened=opened))
        ids[name] = document.id
    return ids


async def test_library_filters_as_you_type_by_title_author_and_tag(
    make_app: Callable[..., ReaderApp], service: ReaderService, tmp_path: Path
) -> None:
    _library(tmp_path, service)
    app = make_app()
    async with settled(app, SIZE) as pilot:
        assert [t.split()[0] for t in _titles(app)] == ["Alpha", "Charlie", "Bravo"]
        await pilot.press("slash", *"wei")
        await settle(pilot)
        assert [t.split()[0] for t in _titles(app)] == ["Bravo"]
        filter_box = app.screen.query_one("#library-filter", Input)
        filter_box.value = "#work"
        await settle(pilot)
        assert [t.split()[0] for t in _titles(app)] == ["Alpha", "Charlie"]
        filter_box.value = "#work #long"
        await settle(pilot)
        assert [t.split()[0] for t in _titles(app)] == ["Charlie"]
        await pilot.press("escape")
        assert app.focused is app.screen.query_one(LibraryTable)


async def test_library_sorts_and_filters_by_state(
    make_app: Callable[..., ReaderApp], service: ReaderService, tmp_path: Path
) -> None:
    _library(tmp_path, service)
    app = make_app()
    async with settled(app, SIZE) as pilot:
        orders = []
        for _ in range(5):
            await pilot.press("S")
            await settle(pilot)
            orders.append([t.split()[0] for t in _titles(app)])
        # added (newest first), published (newest first, undated last), title, progress,
        # then back to last opened.
        assert orders[1] == ["Bravo", "Alpha", "Charlie"]
        assert orders[2] == ["Alpha", "Bravo", "Charlie"]
        assert orders[4] == ["Alpha", "Charlie", "Bravo"]
        shelf = str(app.screen.query_one("#library-shelf", Static).render())
        assert "sorted by last opened" in shelf
        await pilot.press("f", "f")  # all -> unread -> reading
        await settle(pilot)
        assert [t.split()[0] for t in _titles(app)] == ["Charlie"]
        assert "showing reading" in str(app.screen.query_one("#library-shelf", Static).render())


async def test_library_shows_author_and_date_and_marks_done(
    make_app: Callable[..., ReaderApp], service: ReaderService, tmp_path: Path
) -> None:
    ids = _library(tmp_path, service)
    app = make_app()
    async with settled(app, SIZE) as pilot:
        assert _titles(app)[0] == "Alpha story here. — Jane Doe, 2021-05-01"
        await pilot.press("down", "down", "x")  # Bravo: unread -> done
        await settle(pilot)
        assert service.get_document(ids["bravo"]).state.value == "done"


async def test_e_in_the_library_edits_the_document_record(
    make_app: Callable[..., ReaderApp], service: ReaderService, tmp_path: Path
) -> None:
    ids = _library(tmp_path, service)
    app = make_app()
    async with settled(app, SIZE) as pilot:
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, DocumentEditor)
        app.screen.query_one("#doc-published", Input).value = "not a date"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DocumentEditor)  # refused: still open, error shown
        assert "invalid date" in str(app.screen.query_one("#doc-error", Static).render())
        app.screen.query_one("#doc-published", Input).value = "2020-02-02"
        app.screen.query_one("#doc-note", TextArea).text = "A *great* read."
        app.screen.query_one("#doc-state", Select).value = "archived"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
    document = service.get_document(ids["alpha"])
    assert (document.published, document.note, document.state.value) == (
        "2020-02-02",
        "A *great* read.",
        "archived",
    )
    assert set(document.corrected) >= {"published"} and "author" in document.corrected


async def test_d_in_the_reading_screen_edits_the_note_shown_in_the_notes_tab(
    make_app: Callable[..., ReaderApp], story: tuple[str, str], service: ReaderService
) -> None:
    app = make_app(story[0])
    async with settled(app, SIZE) as pilot:
        await pilot.press("D")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, DocumentEditor)
        editor.query_one("#doc-note", TextArea).text = "[bold]not markup[/]"
        editor.query_one("#doc-author", Input).value = "Ann Lee"
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = reading(app)
        card = str(screen.query_one("#document-card", Static).render())
        assert "[bold]not markup[/]" in card and "Ann Lee" in card
        assert screen.document.author == "Ann Lee"


async def test_y_citation_names_author_and_date(
    make_app: Callable[..., ReaderApp], story: tuple[str, str], service: ReaderService
) -> None:
    path, _ = story
    document = service.get_document(path)
    service.edit_document(document.id, DocumentEdit(author="Jane Doe", published="2024-03-05"))
    app = make_app(path)
    async with settled(app, SIZE) as pilot:
        await pilot.press("j", "v", "e", "y")
        await settle(pilot)
        assert app.clipboard.startswith("“")
        assert app.clipboard.endswith(f"” — Jane Doe, {document.title} (2024-03-05), {path}")


async def test_a_pdf_shows_its_page_in_the_status_line(
    make_app: Callable[..., ReaderApp], service: ReaderService, tmp_path: Path
) -> None:
    pdf = make_pdf(tmp_path / "paper.pdf")
    opened = service.open_document(str(pdf))
    prime_analysis(service, hand_analysis(opened, [], []))
    app = make_app(str(pdf))
    async with settled(app, SIZE) as pilot:
        status = app.screen.query_one(StatusLine)
        assert "p. 1/3" in status.text
        await pilot.press("G")
        await settle(pilot)
        assert "p. 3/3" in status.text


async def test_palette_cites_the_open_document(
    make_app: Callable[..., ReaderApp], story: tuple[str, str]
) -> None:
    app = make_app(story[0])
    async with settled(app, SIZE) as pilot:
        app.copy_citation("ris")
        await settle(pilot)
        assert app.clipboard.startswith("TY  - GEN\n")


def test_page_label_and_plain_citation() -> None:
    assert page_label((), 5) == ""
    assert page_label((0, 100, 200), 0) == "p. 1/3"
    assert page_label((0, 100, 200), 150) == "p. 2/3"
    assert page_label((0, 100, 200), 10_000) == "p. 3/3"
    record = {
        "id": "d1",
        "title": "Talks\nend",
        "source": "stdin:abc",
        "sha256": "0" * 64,
        "first_opened": "2024-01-01T00:00:00Z",
        "last_opened": "2024-01-01T00:00:00Z",
    }
    plain = Document.from_dict(record)
    assert document_citation(" a  b ", plain) == "“a b” — Talks end"
    dated = Document.from_dict({**record, "site": "Crier", "url": "https://c.example/t"})
    assert document_citation("a", dated) == "“a” — Talks end (Crier), https://c.example/t"


async def test_palette_cites_the_highlighted_library_document(
    make_app: Callable[..., ReaderApp], service: ReaderService, tmp_path: Path
) -> None:
    _library(tmp_path, service)
    app = make_app()
    async with settled(app, SIZE) as pilot:
        app.copy_citation("bibtex")
        await settle(pilot)
        assert app.clipboard.startswith("@misc{doe2021alpha,")


async def test_reading_to_the_end_marks_the_document_done(
    make_app: Callable[..., ReaderApp], service: ReaderService, sample_path: Path
) -> None:
    from tests.ui.test_reading_screen_helpers import prime_sample_analysis

    prime_sample_analysis(service)
    app = make_app(str(sample_path))
    async with settled(app, SIZE) as pilot:
        document_id = reading(app).document.id
        assert service.get_document(document_id).state.value == "unread"
        await pilot.press("space")
        await settle(pilot)
        reading(app).save_position()
        assert service.get_document(document_id).state.value == "reading"
        await pilot.press("G")
        await settle(pilot)
        reading(app).save_position()
        assert service.get_document(document_id).state.value == "done"
