"""The library's Line-API table: the cursor's keys, the view following the cursor, clicks,
the hover shade, a table wider than the window, and cursor and stripes that stay apart in
256 colours."""

from __future__ import annotations

import asyncio

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.color import ColorSystem
from rich.style import Style
from rich.text import Text
from textual.app import App, ComposeResult
from textual.color import Color
from textual.widgets import Input

from reader.ui.data_text import data_text
from reader.ui.widgets.library_table import LibraryTable

KEYS = ("up", "down", "pageup", "pagedown", "ctrl+home", "ctrl+end")


def rows(count: int, title: str = "Title") -> list[tuple[str, list[Text]]]:
    """``count`` rows keyed ``k0``, ``k1``..."""
    return [(f"k{n}", [data_text(f"{title} {n}"), data_text(f"{n}%")]) for n in range(count)]


class Host(App[None]):
    """The table alone, 12 lines high (a header and 11 rows)."""

    CSS = "LibraryTable { height: 12; }"

    def __init__(self, count: int, title: str = "Title") -> None:
        super().__init__()
        self.count, self.title = count, title

    def compose(self) -> ComposeResult:
        yield LibraryTable("Title", "Read", id="library-table")

    def on_mount(self) -> None:
        table = self.query_one(LibraryTable)
        table.set_rows(rows(self.count, self.title))
        table.focus()


def rows_shown(table: LibraryTable) -> range:
    """The row indexes on screen under the header."""
    top = round(table.scroll_y)
    return range(top, top + table.scrollable_content_region.height - 1)


def line_text(table: LibraryTable, y: int) -> str:
    return table.render_line(y).text


def line_style(table: LibraryTable, y: int) -> Style:
    """The style of line ``y``'s first cell (its padding: the row's own style)."""
    style = next(iter(table.render_line(y))).style
    assert style is not None
    return style


async def test_the_cursor_keys_move_the_highlight_and_the_view_follows() -> None:
    app = Host(100)
    async with app.run_test(size=(40, 14)) as pilot:
        table = app.query_one(LibraryTable)
        assert table.cursor_key == "k0"
        assert line_text(table, 0).split() == ["Title", "Read"]
        await pilot.press("down", "down")
        assert table.cursor_row == 2
        await pilot.press("pagedown")
        assert table.cursor_row == 2 + 11 and table.cursor_row in rows_shown(table)
        await pilot.press("ctrl+end")
        assert table.cursor_key == "k99" and 99 in rows_shown(table)
        assert line_text(table, 11).split() == ["Title", "99", "99%"]  # the last line
        await pilot.press("up", "pageup")
        assert table.cursor_row == 98 - 11 and table.cursor_row in rows_shown(table)
        await pilot.press("ctrl+home", "up")
        assert table.cursor_row == 0 and round(table.scroll_y) == 0
        assert line_text(table, 1).split() == ["Title", "0", "0%"]


async def test_a_click_highlights_the_row_and_the_mouse_shades_the_row_under_it() -> None:
    app = Host(20)
    async with app.run_test(size=(40, 14)) as pilot:
        table = app.query_one(LibraryTable)
        await pilot.click(LibraryTable, offset=(3, 4))  # the header, then rows 0, 1, 2
        assert table.cursor_row == 3
        await pilot.click(LibraryTable, offset=(3, 0))  # the header: the cursor stays
        assert table.cursor_row == 3
        await pilot.hover(LibraryTable, offset=(3, 6))
        shaded, plain = line_style(table, 6), line_style(table, 8)  # the same stripe
        assert shaded.bgcolor != plain.bgcolor
        await pilot.press("down")  # a key takes the shade away
        assert line_style(table, 6) == plain


async def test_new_rows_keep_the_cursor_where_it_was_or_on_the_last_row() -> None:
    app = Host(30)
    async with app.run_test(size=(40, 14)) as pilot:
        table = app.query_one(LibraryTable)
        await pilot.press("ctrl+end")
        table.set_rows(rows(40))
        assert table.cursor_row == 29
        table.set_rows(rows(5))
        assert table.cursor_key == "k4" and 4 in rows_shown(table)
        table.set_rows([])
        assert table.row_count == 0 and table.cursor_key is None
        await pilot.press("down", "pagedown", "ctrl+end")  # nothing to move on
        assert table.cursor_key is None
        assert line_text(table, 1).strip() == ""


async def test_a_table_wider_than_the_window_scrolls_sideways() -> None:
    app = Host(3, title="A long title " * 5)
    async with app.run_test(size=(30, 14)) as pilot:
        table = app.query_one(LibraryTable)
        assert table.virtual_size.width > table.size.width
        await pilot.press("end")
        assert table.scroll_x == table.max_scroll_x > 0
        assert line_text(table, 1).rstrip().endswith("0%")
        await pilot.press("home", "right", "right")
        assert table.scroll_x == 2
        await pilot.press("left")
        assert table.scroll_x == 1


async def test_the_cursor_and_the_stripes_stay_apart_in_256_colours() -> None:
    app = Host(4)
    async with app.run_test(size=(40, 14)) as pilot:
        table = app.query_one(LibraryTable)
        await pilot.press("down")  # the cursor on row 1: rows 0 and 2 striped, 3 plain
        backgrounds = []
        for y in (1, 2, 4):
            style = line_style(table, y)
            assert style.bgcolor is not None
            color = Color.from_rich_color(style.bgcolor).rich_color
            backgrounds.append(color.downgrade(ColorSystem.EIGHT_BIT))
        striped, cursor, plain = backgrounds
        assert cursor not in (striped, plain)


class HostWithBox(Host):
    """The table under an input box, to take the focus away."""

    def compose(self) -> ComposeResult:
        yield Input()
        yield from super().compose()


async def test_the_cursor_dims_when_the_table_loses_the_focus() -> None:
    app = HostWithBox(3)
    async with app.run_test(size=(40, 16)) as pilot:
        table = app.query_one(LibraryTable)
        focused, row = line_style(table, 1), line_style(table, 3)
        app.query_one(Input).focus()
        await pilot.pause()
        assert line_style(table, 1).bgcolor != focused.bgcolor
        assert line_style(table, 3).bgcolor != row.bgcolor  # the focus tint goes too
        table.focus()
        await pilot.pause()
        assert (line_style(table, 1), line_style(table, 3)) == (focused, row)


async def test_a_theme_change_restyles_every_line() -> None:
    app = Host(3)
    async with app.run_test(size=(40, 16)) as pilot:
        table = app.query_one(LibraryTable)
        dark = [line_style(table, y) for y in range(4)]  # header, cursor, stripe, plain
        app.theme = "textual-light"
        await pilot.pause()
        light = [line_style(table, y) for y in range(4)]
        assert all(a.bgcolor != b.bgcolor for a, b in zip(dark, light, strict=True))


@settings(max_examples=25, deadline=None)
@given(count=st.integers(0, 60), keys=st.lists(st.sampled_from(KEYS), max_size=12))
def test_the_cursor_stays_on_a_row_and_on_screen(count: int, keys: list[str]) -> None:
    async def run() -> None:
        app = Host(count)
        async with app.run_test(size=(40, 14)) as pilot:
            table = app.query_one(LibraryTable)
            for key in keys:
                await pilot.press(key)
                if count:
                    assert 0 <= table.cursor_row < count
                    assert table.cursor_row in rows_shown(table)
                    assert table.cursor_key == f"k{table.cursor_row}"

    asyncio.run(run())
