"""The library's table of documents, drawn with the Line API.

Textual's ``DataTable`` lays out each visible cell through Rich (a ``Padding`` rendered by
the console) on its first paint: for a screenful of the library that was about 20 ms, most
of what the library screen cost over a bare app before its first frame. This table keeps
its rows as ``Text`` cells (built by the screen from sanitised data, ``reader.ui.data_text``),
turns a row into segments only when it is on screen, keeps those segments until the rows
change, and styles a line (zebra stripe, cursor, hover) as it draws it. Its look follows
``DataTable``'s (same theme variables), its keys are in ``reader.ui.keymap`` (scope
``table``), and a click moves the cursor, as it did.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.ui.failures import GuardedHandlers
from reader.ui.keymap import bindings

CELL_PADDING = 1
"""Blank cells on each side of a cell, as in ``DataTable``."""


class LibraryTable(GuardedHandlers, ScrollView, can_focus=True, inherit_bindings=False):
    """Rows of ``Text`` cells under a fixed header, with a row cursor.

    Only its own keys (the key map's ``table`` scope): ``ScrollView``'s (ctrl+PgUp and the
    like) are neither in the help nor in the README.
    """

    BINDINGS = bindings("table")
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "library-table--header",
        "library-table--even-row",
        "library-table--cursor",
        "library-table--hover",
    }
    DEFAULT_CSS = """
    LibraryTable {
        background: $surface;
        color: $foreground;
        &:focus {
            background-tint: $foreground 5%;
            & > .library-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .library-table--header { background-tint: $foreground 5%; }
        }
        &:dark > .library-table--even-row { background: $surface-darken-1 40%; }
        & > .library-table--header { text-style: bold; background: $panel; color: $foreground; }
        &:ansi > .library-table--header { background: ansi_bright_blue; color: ansi_default; }
        & > .library-table--even-row { background: $surface-lighten-1 50%; }
        & > .library-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .library-table--hover { background: $block-hover-background; }
    }
    """

    def __init__(self, *labels: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self._header = tuple(Text(label, end="") for label in labels)
        self._keys: list[str] = []
        self._cells: list[tuple[Text, ...]] = []
        self._widths = [cell_len(label) for label in labels]
        self._segments: dict[int, list[Segment]] = {}
        """Row index (-1: the header) -> its unstyled segments, made when first drawn."""
        self._cursor = 0
        self._hover = -1
        self._base: Style | None = None
        """The widget's own style (its DOM walk is slow for every line of every repaint)."""

    @property
    def row_count(self) -> int:
        """How many rows the table holds."""
        return len(self._keys)

    @property
    def cursor_row(self) -> int:
        """The highlighted row (0 on an empty table)."""
        return self._cursor

    @property
    def cursor_key(self) -> str | None:
        """The key of the highlighted row, None on an empty table."""
        return self._keys[self._cursor] if self._keys else None

    def get_row_at(self, index: int) -> tuple[Text, ...]:
        """The cells of row ``index``."""
        return self._cells[index]

    def set_rows(self, rows: Sequence[tuple[str, Sequence[Text]]]) -> None:
        """Show ``rows`` (key, cells) in place of the rows held; the cursor keeps its index
        (moved to the last row when there are fewer)."""
        self._keys = [key for key, _ in rows]
        self._cells = [tuple(cells) for _, cells in rows]
        widths = [cell_len(label.plain) for label in self._header]
        for cells in self._cells:
            for column, cell in enumerate(cells):
                widths[column] = max(widths[column], cell.cell_len)
        self._widths = widths
        self._segments.clear()
        self._hover = -1
        total = sum(widths) + 2 * CELL_PADDING * len(widths)
        self.virtual_size = Size(total, len(self._keys) + 1)
        self.move_cursor(self._cursor)
        self.refresh()

    def move_cursor(self, row: int) -> None:
        """Highlight row ``row`` (clamped to the rows held) and scroll it into view."""
        self._cursor = max(0, min(row, len(self._keys) - 1))
        self._scroll_to_cursor()
        self.refresh()

    def _scroll_to_cursor(self) -> None:
        rows_shown = max(1, self.scrollable_content_region.height - 1)  # under the header
        top = round(self.scroll_y)
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=False, force=True)
        elif self._cursor >= top + rows_shown:
            self.scroll_to(y=self._cursor - rows_shown + 1, animate=False, force=True)

    def render_line(self, y: int) -> Strip:
        """Line ``y`` of the view: the header, then the rows from the scroll offset."""
        row = -1 if y == 0 else round(self.scroll_y) + y - 1
        width = self.scrollable_content_region.width
        base = self._base
        if base is None:
            base = self._base = self.rich_style
        if row >= len(self._keys):
            return Strip.blank(width, base)
        pre, post = self._line_styles(row)
        segments = self._segments.get(row)
        if segments is None:
            segments = self._segments[row] = self._row_segments(row)
        strip = Strip(Segment.apply_style(segments, base + pre, post))
        return strip.crop_extend(round(self.scroll_x), round(self.scroll_x) + width, base + pre)

    def notify_style_update(self) -> None:
        """A theme, CSS or focus change restyles every line."""
        super().notify_style_update()
        self._base = None

    def _row_segments(self, row: int) -> list[Segment]:
        """Row ``row``'s cells, each padded to its column's width, as unstyled segments."""
        cells = self._header if row < 0 else self._cells[row]
        line = Text(end="")
        pad = " " * CELL_PADDING
        for cell, width in zip(cells, self._widths, strict=False):
            line.append(pad)
            line.append_text(cell)
            line.append(" " * (width - cell.cell_len) + pad)
        return list(line.render(self.app.console))

    def _line_styles(self, row: int) -> tuple[Style, Style]:
        """The style under a line's own (stripe, hover, cursor) and the cursor's colours
        over it (its foreground wins over a cell's, as in ``DataTable``)."""
        get = self.get_component_rich_style  # cached by Textual until the styles change
        if row < 0:
            return get("library-table--header"), Style.null()
        pre = get("library-table--even-row") if row % 2 == 0 else Style.null()
        if row == self._hover:
            pre += get("library-table--hover")
        if row != self._cursor:
            return pre, Style.null()
        cursor = get("library-table--cursor")
        return pre + cursor, Style(color=cursor.color, bgcolor=cursor.bgcolor)

    def _row_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return None
        row = round(self.scroll_y) + offset.y - 1
        return row if row < len(self._keys) else None

    def on_click(self, event: events.Click) -> None:
        """A click on a row highlights it."""
        row = self._row_at(event)
        if row is not None:
            self.move_cursor(row)
            event.stop()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """The row under the mouse is shaded."""
        row = self._row_at(event)
        hover = -1 if row is None else row
        if hover != self._hover:
            self._hover = hover
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        """No shade once the mouse has left."""
        self._unhover()

    def _unhover(self) -> None:
        if self._hover >= 0:
            self._hover = -1
            self.refresh()

    def action_cursor(self, rows: int) -> None:
        """Move the cursor ``rows`` down (up when negative)."""
        self._unhover()
        self.move_cursor(self._cursor + rows)

    def action_page(self, pages: int) -> None:
        """Move the cursor a screenful down (up when negative), the view with it."""
        self._unhover()
        rows_shown = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=self.scroll_y + pages * rows_shown, animate=False, force=True)
        self.move_cursor(self._cursor + pages * rows_shown)

    def action_first(self) -> None:
        """The first row."""
        self.move_cursor(0)

    def action_last(self) -> None:
        """The last row."""
        self.move_cursor(len(self._keys) - 1)

    def action_sideways(self, columns: int) -> None:
        """Scroll a table wider than the window ``columns`` to the right (left if negative)."""
        self.scroll_relative(x=columns, animate=False)

    def action_edge(self, end: bool) -> None:
        """Scroll a wide table to its right end, or back to its start."""
        self.scroll_to(x=self.max_scroll_x if end else 0, animate=False)
