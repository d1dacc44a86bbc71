"""Cases 2 and 3 in the TUI: every hostile string through every screen, shown literally.

One document per hostile string (title, source, note, tags, passage) with an analysis whose
entity and speaker are the string too. The library, the search screen, the delete dialog,
the reading screen (status line, side panel) and the editor are opened with Pilot: nothing
crashes, the app stays up, and the text shows as text (never as markup or a control).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static, TextArea

from reader.core.analysis.results import EntityMention, Quote, QuoteKind, Speaker
from reader.core.sanitize import safe_line
from reader.core.service import ReaderService
from reader.ui.app import build_app
from reader.ui.dialogs.confirm import ConfirmDialog
from reader.ui.dialogs.editor import AnnotationEditor
from reader.ui.screens.reading import StatusLine
from reader.ui.screens.search import SearchScreen
from reader.ui.widgets.library_table import LibraryTable
from tests.hostile.corpus import HOSTILE, native_export
from tests.ui.conftest import SIZE
from tests.ui.test_reading_screen_helpers import hand_analysis, prime_analysis, reading, settle

STORABLE = [(n, v) for n, v in HOSTILE if not any("\ud800" <= c <= "\udfff" for c in v)]


def _store_hostile(service: ReaderService, tmp_path: Path, name: str, value: str) -> str:
    """Import one hostile document and cache an analysis naming the string; its id."""
    path = tmp_path / f"{name}.json"
    export = native_export(name, value)
    path.write_text(json.dumps(export, ensure_ascii=True), encoding="utf-8")
    service.import_file(path)
    document_id: str = export["documents"][0]["document"]["id"]
    opened = service.open_reference(document_id)
    text = opened.text
    start = text.index(value)
    mention = EntityMention(start, start + len(value), value, "ORG", "hostile")
    said = text.index("“")
    quote = Quote(
        said,
        text.index("”") + 1,
        text[said : text.index("”") + 1],
        QuoteKind.SPOKEN,
        Speaker(value, 0, len(value), value),
    )
    prime_analysis(service, hand_analysis(opened, [mention], [quote]))
    return document_id


def _shown(widget: Static) -> str:
    return str(widget.render())


@pytest.mark.parametrize("name,value", STORABLE, ids=[n for n, _ in STORABLE])
async def test_every_screen_shows_a_hostile_string_literally(
    service: ReaderService, tmp_path: Path, name: str, value: str
) -> None:
    document_id = _store_hostile(service, tmp_path, name, value)
    app = build_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # The library's title column: a Text, literal and sanitised.
        library = app.screen
        table = library.query_one(LibraryTable)
        title_cell = table.get_row_at(0)[0]
        assert str(title_cell).rstrip("…")[:20] in safe_line(value)
        # The delete dialog quotes the title.
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        # The document editor (title, author, note...) shows the record literally.
        await pilot.press("e")
        await settle(pilot)
        assert app.screen is not library
        await pilot.press("escape")
        await settle(pilot)
        # The search screen lists the annotation (title, tags, snippet, passage).
        await pilot.press("s")
        await settle(pilot, 6)
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one(OptionList).option_count >= 1
        await pilot.press("escape")
        # The reading screen: status line, side panel entities and quotes, the editor.
        app.open_source(document_id)
        await settle(pilot, 6)
        screen = reading(app)
        status = str(screen.query_one(StatusLine).render())
        assert "\x1b" not in status and "\x9b" not in status
        annotation = service.annotations_for(document_id)[0]
        screen.view.move_cursor_to(annotation.selector.start)
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, AnnotationEditor)
        passage = _shown(editor.query_one(".editor-passage", Static))
        assert safe_line(value)[:30] in passage or len(value) > 240
        await pilot.click(".editor-passage")  # "[@click=app.quit]" must not quit
        await settle(pilot)
        assert app.screen is editor
        assert "\x1b" not in editor.query_one("#note", TextArea).text
        assert app.is_running
    assert app.return_code in (None, 0)


async def test_a_title_in_markup_does_not_stop_the_tui_from_starting(
    service: ReaderService, tmp_path: Path
) -> None:
    _store_hostile(service, tmp_path, "close", "[/quote] The harbour story")
    app = build_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "[/quote] The harbour story" in str(
            app.screen.query_one(LibraryTable).get_row_at(0)[0]
        )


async def test_hostile_theme_names_and_reader_theme_are_notices(
    service: ReaderService, monkeypatch: pytest.MonkeyPatch
) -> None:
    themes = service.paths.user_themes_dir
    themes.mkdir(parents=True, exist_ok=True)
    (themes / "evil[bold].toml").write_text('name = "x"\n', encoding="utf-8")
    (themes / "deep.toml").write_text("x = " + "[" * 2000 + "]" * 2000 + "\n", encoding="utf-8")
    monkeypatch.setenv("READER_THEME", "[@click=app.quit]x[/] \x1b]52;c;QQ==\x07")
    app = build_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        messages = [str(note.message) for note in app._notifications]
        assert any("nested too deeply" in message for message in messages)
        assert any("[@click=app.quit]x[/]" in message for message in messages)
        assert not any("\x1b" in message for message in messages)
        assert app.is_running


async def test_a_deeply_nested_query_in_the_search_screen_is_a_message(
    service: ReaderService,
) -> None:
    app = build_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(SearchScreen("(" * 250 + "talks" + ")" * 250))
        await settle(pilot, 8)
        message = str(app.screen.query_one("#search-message", Static).render())
        assert "nests too deeply" in message
        assert app.is_running


async def test_a_markup_path_typed_after_o_is_a_literal_notice(service: ReaderService) -> None:
    app = build_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o", *"[@click=app.quit]x[/] [link=a]b", "enter")
        await settle(pilot)
        messages = [str(note.message) for note in app._notifications]
        assert any("[@click=app.quit]x[/] [link=a]b" in message for message in messages)
        assert app.is_running and not app.failures
