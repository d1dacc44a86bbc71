"""The rough edges a demanding reader met in the first ten minutes, one Pilot test each:
undo/redo history, what is under the cursor, where jumps land, focus after the panel, find
messages, g after a mouse scroll, and the speaker chart's names."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rich.cells import cell_len

from reader.core.analysis.results import Quote, QuoteKind, Speaker
from reader.core.service import ReaderService
from reader.ui.app import ReaderApp
from reader.ui.widgets.side_panel import PanelList, middle_ellipsis, speaker_chart
from reader.ui.widgets.status_line import StatusLine
from tests.ui.test_reading_screen_helpers import notices, reading, settle, settled

SMALL = (80, 24)


def status(app: ReaderApp) -> str:
    return reading(app).query_one(StatusLine).text


async def test_u_undoes_the_last_change_jumps_to_it_and_ctrl_r_redoes_it(
    make_app: Callable[..., ReaderApp], service: ReaderService, story: tuple[str, str]
) -> None:
    path, text = story
    app = make_app(path)
    async with settled(app, SMALL) as pilot:
        screen = reading(app)
        first = text.index("Bob Ray")
        screen.view.move_cursor_to(first)
        await pilot.press("v", "e", "e", "m")  # highlight "Bob Ray" (e: to a word's end)
        await settle(pilot)
        [created] = service.annotations_for(screen.document.id)
        assert created.selector.exact == "Bob Ray"
        screen.view.move_cursor_to(text.index("closed"))
        await pilot.press("u")
        await settle(pilot)
        assert service.annotations_for(screen.document.id) == []
        assert screen.view.cursor == first  # it jumped to the change
        assert any("Undid creating the note on “Bob Ray”" in m for m in notices(app))
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert [a.id for a in service.annotations_for(screen.document.id)] == [created.id]
        assert any("Redid creating" in m for m in notices(app))
        await pilot.press("ctrl+r")
        assert any("Nothing to redo." in m for m in notices(app))


async def test_the_status_line_names_the_speaker_and_the_note_and_the_tabs_follow(
    make_app: Callable[..., ReaderApp], service: ReaderService, story: tuple[str, str]
) -> None:
    path, text = story
    document = service.open_document(path).document
    start = text.index("Portsmouth")
    service.add_annotation(
        document.id, start, start + 10, note="Where they met\nsecond line", tags=["place"]
    )
    app = make_app(path)
    async with settled(app, (120, 30)) as pilot:
        screen = reading(app)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert status(app).startswith("quote: Ann Lee")
        quotes = screen.query_one("#quote-list", PanelList)
        assert quotes.highlighted == 0
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert status(app).startswith("quote: Bob Ray")
        assert quotes.highlighted == 1
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert status(app).startswith("note: Where they met  #place")
        notes = screen.query_one("#annotation-list", PanelList)
        assert notes.highlighted_option is not None
        assert notes.highlighted_option.id == service.annotations_for(document.id)[0].id


async def test_jumps_land_a_third_of_the_way_down(
    make_app: Callable[..., ReaderApp], sample_app_path: str
) -> None:
    app = make_app(sample_app_path)
    async with settled(app, SMALL) as pilot:
        view = reading(app).view
        for _ in range(6):
            await pilot.press("right_square_bracket")
            await settle(pilot, 1)
            line, _ = view.cursor_line_info()
            row = line - 1 - round(view.scroll_y)
            height = view.scrollable_content_region.height
            assert 2 <= row <= height - 4, (row, height)


async def test_enter_in_the_panel_returns_the_focus_to_the_article(
    make_app: Callable[..., ReaderApp], story: tuple[str, str]
) -> None:
    path, _ = story
    app = make_app(path)
    async with settled(app, (120, 30)) as pilot:
        screen = reading(app)
        screen.query_one("#entity-list", PanelList).focus()
        await pilot.press("down", "enter")
        await settle(pilot)
        assert screen.view.has_focus
        before = screen.view.cursor
        await pilot.press("j")
        assert screen.view.cursor != before


async def test_find_says_no_match_and_wrapped(
    make_app: Callable[..., ReaderApp], story: tuple[str, str]
) -> None:
    path, _ = story
    app = make_app(path)
    async with settled(app, SMALL) as pilot:
        await pilot.press("slash", *"zebra")
        await settle(pilot)
        assert "no match" in status(app)
        await pilot.press("enter")
        await settle(pilot)
        assert any("No match for “zebra”" in m for m in notices(app))
        await pilot.press("n")
        assert any("No match" in m for m in notices(app))
        await pilot.press("slash", *"Ann Lee", "enter")
        await settle(pilot)
        for _ in range(3):
            await pilot.press("n")
        await settle(pilot)
        assert any("wrapped to the top" in m for m in notices(app))


async def test_g_after_a_mouse_scroll_brings_the_top_back(
    make_app: Callable[..., ReaderApp], sample_app_path: str
) -> None:
    app = make_app(sample_app_path)
    async with settled(app, SMALL) as pilot:
        view = reading(app).view
        assert view.cursor == 0
        view.scroll_to(y=30, animate=False)  # as the mouse wheel does: the cursor stays
        await settle(pilot)
        assert view.scroll_y > 0
        await pilot.press("g")
        await settle(pilot)
        assert view.scroll_y == 0


def _quote(speaker: str) -> Quote:
    return Quote(0, 5, "“x”", QuoteKind.SPOKEN, Speaker(speaker, 0, 1, speaker))


def test_speaker_names_are_whole_on_one_line_and_cut_in_the_middle_only_if_needed() -> None:
    quotes = [_quote("Alexandria Ocasio-Cortez")] * 3 + [_quote("Wang Yi")]
    lines = speaker_chart(quotes, width=40).plain.splitlines()
    assert lines[0].startswith("Alexandria Ocasio-Cortez ")
    assert lines[1].startswith("Wang Yi ")
    narrow = speaker_chart(quotes, width=24).plain.splitlines()
    assert all(cell_len(line) <= 24 for line in narrow)
    assert narrow[0].startswith("Alexan…Cortez") or "…" in narrow[0].split("█")[0]
    assert middle_ellipsis("Antony Blinken", 9) == "Anto…nken"
    assert middle_ellipsis("Wang Yi", 9) == "Wang Yi"


async def test_the_editor_fits_and_works_at_80x24(
    make_app: Callable[..., ReaderApp], service: ReaderService, story: tuple[str, str]
) -> None:
    from textual.containers import Vertical

    from reader.ui.dialogs.editor import AnnotationEditor

    path, _ = story
    app = make_app(path)
    async with settled(app, SMALL) as pilot:
        document_id = reading(app).document.id
        await pilot.press("a")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, AnnotationEditor)
        dialog = editor.query_one(".dialog", Vertical)
        assert dialog.max_scroll_y == 0  # nothing clipped
        screen_region = editor.region
        for selector in ("#note", "#tags", "#color", ".editor-keys"):
            region = editor.query_one(selector).region
            assert screen_region.contains_region(region), selector
        await pilot.press(*"near", "tab", *"ports", "tab")
        assert editor.query_one("#color").has_focus  # Tab reached a visible control
        await pilot.press("ctrl+s")
        await settle(pilot)
        [saved] = service.annotations_for(document_id)
        assert (saved.note, saved.tags) == ("near", ("ports",))


async def test_export_from_the_palette_asks_for_the_path_and_says_where_it_went(
    make_app: Callable[..., ReaderApp],
    service: ReaderService,
    story: tuple[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from textual.widgets import Input

    from reader.ui.dialogs.export_path import ExportPathDialog

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # no Documents folder: the current dir
    path, _ = story
    document = service.open_document(path).document
    service.add_annotation(document.id, 0, 6, note="first")
    app = make_app(path)
    async with settled(app, SMALL) as pilot:
        app.export_annotations("markdown")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportPathDialog)
        field = dialog.query_one("#export-path", Input)
        assert field.value.startswith(str(tmp_path)) and field.value.endswith(".md")
        assert list(tmp_path.glob("*.md")) == []  # nothing written before the answer
        target = tmp_path / "out" / "notes.md"
        target.parent.mkdir()
        field.value = str(target)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert "first" in target.read_text(encoding="utf-8")
        assert any(f"Exported to {target}" in m for m in notices(app))


async def test_notifications_never_cover_the_cursor_after_a_jump(
    make_app: Callable[..., ReaderApp], sample_app_path: str
) -> None:
    from textual.widgets._toast import Toast

    app = make_app(sample_app_path)
    async with settled(app, SMALL, notifications=True) as pilot:
        view = reading(app).view
        for key in ("1", "1", "right_square_bracket", "right_square_bracket"):
            await pilot.press(key)  # 1 says "Entities: hidden/shown": two notices up
            await settle(pilot, 1)
        toasts = [toast.region for toast in app.screen.query(Toast)]
        assert toasts
        line, column = view._layout.position_of(view.cursor)
        x = view.region.x + view._left_pad() + column
        y = view.region.y + line - round(view.scroll_y)
        assert not any(region.contains(x, y) for region in toasts), (x, y, toasts)
