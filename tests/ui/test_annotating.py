"""Annotating on the reading screen: create, highlight, edit, delete, undo, cite, overlap.

Every change is checked in the store through a fresh ``ReaderService`` on the same file,
right after the key press: what a second process would read.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input, TabbedContent, TextArea

from reader.core.models import AnnotationStatus
from reader.core.service import ReaderService
from reader.ui.app import ReaderApp
from reader.ui.dialogs.confirm import ConfirmDialog
from reader.ui.dialogs.editor import AnnotationEditor
from reader.ui.widgets.side_panel import PanelList
from tests.ui.conftest import SIZE
from tests.ui.test_annotating_helpers import (
    prime_analysis,
    put_cursor,
    reading_screen,
    stored_annotations,
    type_text,
)
from tests.ui.test_reading_screen_helpers import settle, wait_until

GATHERING = (
    "In a gathering on the sidelines of the Munich Security Conference, Blinken “straight "
    "spoke to the unacceptable violation of US sovereignty and worldwide regulation,” based "
    "on a press release from State Division spokesperson Ned Worth."
)


@pytest.fixture
def app(make_app: Callable[..., ReaderApp], service: ReaderService, sample_path: Path) -> ReaderApp:
    """The reader on the sample article, read before (so it has an id from the first frame),
    its analysis already cached."""
    prime_analysis(service, sample_path)
    service.open_document(str(sample_path))
    return make_app(str(sample_path))


def editor_of(app: ReaderApp) -> AnnotationEditor:
    """The annotation editor on top of the app."""
    assert isinstance(app.screen, AnnotationEditor), f"expected the editor, got {app.screen!r}"
    return app.screen


async def test_a_on_a_selection_saves_note_tags_and_exact_offsets(
    app: ReaderApp, db_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = reading_screen(app)
        start = await put_cursor(pilot, "unacceptable violation")
        await pilot.press("v", *"wl")
        await pilot.press("a")
        editor = editor_of(app)
        assert editor.passage == "unacceptable vi"
        assert app.focused is editor.query_one("#note", TextArea)
        await type_text(pilot, "Strong words")
        await pilot.press("tab")
        await type_text(pilot, "law, #Munich")
        await pilot.press("ctrl+s")
        [saved] = stored_annotations(db_path, screen.document.id)
        assert (saved.selector.start, saved.selector.end) == (start, start + 15)
        assert saved.selector.exact == "unacceptable vi"
        assert saved.note == "Strong words"
        assert saved.tags == ("law", "Munich")
        assert saved.color == "yellow"
        await pilot.pause()
        assert not isinstance(app.screen, AnnotationEditor)
        assert screen.view.selection is None
        assert [a.id for a in screen.annotations] == [saved.id]


async def test_a_without_a_selection_annotates_the_sentence_under_the_cursor(
    app: ReaderApp, db_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = reading_screen(app)
        await put_cursor(pilot, "Munich Security")
        await pilot.press("a")
        assert editor_of(app).passage == GATHERING
        await type_text(pilot, "x")
        await pilot.press("ctrl+s")
        [saved] = stored_annotations(db_path, screen.document.id)
        assert saved.selector.exact == GATHERING
        assert saved.selector.start == screen.text.index(GATHERING)


async def test_m_highlights_without_the_editor(app: ReaderApp, db_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = reading_screen(app)
        start = await put_cursor(pilot, "Ned Worth.")
        await pilot.press("v", *"llllllll", "m")
        [saved] = stored_annotations(db_path, screen.document.id)
        assert (saved.selector.start, saved.selector.end, saved.note) == (start, start + 9, "")
        assert saved.selector.exact == "Ned Worth"
        assert not isinstance(app.screen, AnnotationEditor)


async def test_e_edits_and_u_restores_the_previous_note_and_colour(
    app: ReaderApp, service: ReaderService, db_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = reading_screen(app)
        start = screen.text.index("Ned Worth.")
        original = service.add_annotation(screen.document.id, start, start + 9, note="speaker")
        screen.refresh_annotations()
        await put_cursor(pilot, "Ned Worth.", at=4)
        await pilot.press("e")
        editor = editor_of(app)
        assert editor.query_one("#note", TextArea).text == "speaker"
        await type_text(pilot, " of State")
        await pilot.press("tab", "tab", "enter", "down", "down", "enter")
        await pilot.press("ctrl+s")
        [edited] = stored_annotations(db_path, screen.document.id)
        assert (edited.id, edited.note, edited.color) == (original.id, "speaker of State", "blue")
        assert edited.selector == original.selector
        await pilot.pause()
        await pilot.press("u")
        [restored] = stored_annotations(db_path, screen.document.id)
        assert (restored.note, restored.color, restored.tags) == ("speaker", "yellow", ())


async def test_d_deletes_the_innermost_annotation_and_u_brings_it_back(
    app: ReaderApp, service: ReaderService, db_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = reading_screen(app)
        outer_start = screen.text.index(GATHERING)
        outer = service.add_annotation(
            screen.document.id, outer_start, outer_start + len(GATHERING), note="outer"
        )
        inner_start = screen.text.index("unacceptable violation")
        inner = service.add_annotation(
            screen.document.id, inner_start, inner_start + 22, note="inner", tags=["law"]
        )
        screen.refresh_annotations()
        await put_cursor(pilot, "violation")
        await pilot.press("d")
        assert [a.id for a in stored_annotations(db_path, screen.document.id)] == [outer.id]
        await pilot.press("u")
        after = {a.id: a for a in stored_annotations(db_path, screen.document.id)}
        assert after[inner.id].to_dict() == inner.to_dict()
        assert after[outer.id].to_dict() == outer.to_dict()
        await pilot.press("u")
        assert "Nothing to undo." in [str(n.message) for n in app._notifications]


async def test_u_after_a_create_removes_it(app: ReaderApp, db_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = reading_screen(app)
        await put_cursor(pilot, "Ned Worth.")
        await pilot.press("m")
        assert len(stored_annotations(db_path, screen.document.id)) == 1
        await pilot.press("u")
        assert stored_annotations(db_path, screen.document.id) == []


async def test_escape_closes_an_untouched_editor_at_once(app: ReaderApp, db_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await put_cursor(pilot, "Munich")
        await pilot.press("a", "escape")
        assert app.screen is reading_screen(app)
        assert stored_annotations(db_path, reading_screen(app).document.id) == []


async def test_escape_after_typing_asks_and_keep_returns_to_the_text(
    app: ReaderApp, db_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        document_id = reading_screen(app).document.id
        await put_cursor(pilot, "Munich")
        await pilot.press("a")
        await type_text(pilot, "draft")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        editor = editor_of(app)
        assert editor.query_one("#note", TextArea).text == "draft"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert app.screen_stack[-1] is reading_screen(app)
        assert stored_annotations(db_path, document_id) == []


async def test_y_copies_the_selection_or_the_annotation_as_a_citation(
    app: ReaderApp, service: ReaderService, sample_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = reading_screen(app)
        title = screen.document.title
        await put_cursor(pilot, "Ned Worth.")
        await pilot.press("v", *"llllllll", "y")
        assert app.clipboard == f"“Ned Worth” — {title}, {sample_path}"
        await pilot.press("escape")
        start = screen.text.index("Munich Security Conference")
        service.add_annotation(screen.document.id, start, start + 26)
        screen.refresh_annotations()
        await put_cursor(pilot, "Security")
        await pilot.press("y")
        assert app.clipboard == f"“Munich Security Conference” — {title}, {sample_path}"


async def test_tags_complete_from_known_tags_and_entities_in_the_passage(
    app: ReaderApp, service: ReaderService, db_path: Path, sample_path: Path
) -> None:
    assert app.opened is not None
    elsewhere = app.opened.text.index("Ned Worth.")
    service.add_annotation(app.opened.document.id, elsewhere, elsewhere + 9, tags=["Sovereignty"])
    async with app.run_test(size=SIZE) as pilot:
        screen = reading_screen(app)
        await put_cursor(pilot, "Munich")
        # The entities come with the cached analysis, loaded in a worker: wait for it.
        await wait_until(pilot, lambda: screen.analysis is not None)
        await pilot.press("a")
        editor = editor_of(app)
        assert editor.suggested_tags == [
            "Munich Security Conference",
            "Antony Blinken",
            "US",
            "State Division",
            "Ned Worth",
        ]
        await pilot.press("tab", *"sov")
        await pilot.pause()
        await pilot.press("tab")
        tags = editor.query_one("#tags", Input)
        assert tags.value == "Sovereignty"
        await type_text(pilot, ", mun")
        await pilot.pause()
        await pilot.press("right")
        assert tags.value == "Sovereignty, Munich Security Conference"
        await pilot.press("ctrl+s")
        saved = [a for a in stored_annotations(db_path, screen.document.id) if a.note == ""]
        assert [a.tags for a in saved if a.selector.exact == GATHERING] == [
            ("Sovereignty", "Munich Security Conference")
        ]


async def test_overlapping_annotations_are_kept_and_angle_brackets_visit_them(
    app: ReaderApp, db_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = reading_screen(app)
        outer = await put_cursor(pilot, "In a gathering")
        await pilot.press("S", "m")
        inner = await put_cursor(pilot, "Munich Security")
        await pilot.press("v", *"ww", "a")
        await type_text(pilot, "venue")
        await pilot.press("ctrl+s")
        overlap = await put_cursor(pilot, "Ned Worth.")
        await pilot.press("v", "}", "m")
        stored = stored_annotations(db_path, screen.document.id)
        spans = sorted((a.selector.start, a.selector.end) for a in stored)
        assert spans == [
            (outer, outer + len(GATHERING)),
            # A selection made with motions ends on a word's end, never inside the next word.
            (inner, inner + len("Munich Security")),
            (overlap, overlap + len("Ned Worth.")),
        ]
        await pilot.pause()
        await pilot.press("g", ">")
        assert screen.view.cursor == outer
        await pilot.press(">")
        assert screen.view.cursor == inner
        await pilot.press(">")
        assert screen.view.cursor == overlap
        await pilot.press("<", "<")
        assert screen.view.cursor == outer
        await put_cursor(pilot, "Security")
        await pilot.press("e")
        assert editor_of(app).query_one("#note", TextArea).text == "venue"


async def test_annotating_a_quotation_from_the_side_panel(app: ReaderApp, db_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # highlights and the panel's tabs come just after the first paint
        screen = reading_screen(app)
        assert screen.analysis is not None
        first_quote = screen.analysis.quotes[0]
        quotes = screen.query_one("#quote-list", PanelList)
        screen.query_one("#side-tabs", TabbedContent).active = "tab-quotes"
        quotes.focus()
        quotes.highlighted = 0
        await pilot.press("a")
        assert editor_of(app).passage == screen.text[first_quote.start : first_quote.end]
        await type_text(pilot, "q")
        await pilot.press("ctrl+s")
        [saved] = stored_annotations(db_path, screen.document.id)
        assert (saved.selector.start, saved.selector.end) == (first_quote.start, first_quote.end)


async def test_a_save_the_store_refuses_keeps_the_editor_open_with_the_reason(
    app: ReaderApp, service: ReaderService, db_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = reading_screen(app)
        start = screen.text.index("Ned Worth.")
        annotation = service.add_annotation(screen.document.id, start, start + 9, note="n")
        screen.refresh_annotations()
        await put_cursor(pilot, "Ned Worth.")
        await pilot.press("e")
        # Another process deletes it while the editor is open.
        ReaderService.open(db_path).delete_annotation(annotation.id)
        await type_text(pilot, "ote")
        await pilot.press("ctrl+s")
        editor = editor_of(app)
        error = editor.query_one("#editor-error")
        assert "Not saved" in str(error.render())
        assert editor.query_one("#note", TextArea).text == "note"
        assert stored_annotations(db_path, screen.document.id) == []
        assert all(a.status != AnnotationStatus.ORPHANED for a in screen.annotations)


async def test_tags_another_process_adds_are_offered_from_the_next_editor_on(
    app: ReaderApp, db_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = reading_screen(app)
        await pilot.pause(0.2)
        assert screen.known_tags() == []
        other = ReaderService.open(db_path)
        start = screen.text.index("Ned Worth.")
        other.add_annotation(screen.document.id, start, start + 9, tags=["Elsewhere"])
        await pilot.press("a")
        await app.workers.wait_for_complete()
        await pilot.press("escape")
        assert screen.known_tags() == ["Elsewhere"]
        await pilot.press("a", "tab", *"els")
        await pilot.pause()
        await pilot.press("tab")
        assert editor_of(app).query_one("#tags", Input).value == "Elsewhere"


async def test_annotating_an_entity_from_the_panel_takes_the_mention_after_the_cursor(
    app: ReaderApp, db_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reading_screen(app)
        assert screen.analysis is not None
        blinken = next(e for e in screen.analysis.entity_index if e.name == "Antony Blinken")
        cursor = await put_cursor(pilot, "Munich Security")
        entities = screen.query_one("#entity-list", PanelList)
        entities.focus()
        entities.highlighted = next(
            index for index, option in enumerate(entities.options) if option.id == blinken.id
        )
        await pilot.press("a")
        text = screen.text
        mention = text.index("Blinken “straight")
        assert editor_of(app).passage == "Blinken"
        await type_text(pilot, "who")
        await pilot.press("ctrl+s")
        [saved] = stored_annotations(db_path, screen.document.id)
        assert (saved.selector.start, saved.selector.end) == (mention, mention + 7)
        assert saved.selector.start > cursor > text.index("Antony Blinken")


async def test_choosing_a_note_in_the_notes_tab_jumps_to_its_passage(
    app: ReaderApp, service: ReaderService
) -> None:
    assert app.opened is not None
    text = app.opened.text
    far = text.index("Biden stated Thursday")
    service.add_annotation(app.opened.document.id, far, far + 12, note="far away")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # the panel's tabs are mounted just after the first paint
        screen = reading_screen(app)
        assert screen.view.cursor < far
        screen.query_one("#side-tabs", TabbedContent).active = "tab-annotations"
        notes = screen.query_one("#annotation-list", PanelList)
        notes.focus()
        notes.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert screen.view.cursor == far
