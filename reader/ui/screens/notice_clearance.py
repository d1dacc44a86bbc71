"""Notifications never cover the article's cursor.

Notices stack at the top right of the reading screen; at 80x24 they reach over the text.
Whatever moved the cursor (a jump with ``]``, ``>``, ``n``, Enter in a side-panel list, an
undo) or showed a notice, the screen checks after the next layout or scroll whether a notice
covers the cursor's cell. If one does, the text scrolls so the cursor's line is just clear
of the notices; when the document cannot scroll that far (its first or last lines), the
notices move to the other end of the screen instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.geometry import Offset, Region

if TYPE_CHECKING:
    from textual.screen import Screen

    from reader.ui.widgets.article_view import ArticleView

BELOW_CLASS = "-notices-below"
"""The screen's class that moves its notices to the bottom (see app.tcss)."""


def cursor_cell(view: ArticleView) -> Offset | None:
    """The screen cell of the article's cursor, or None when it is out of view."""
    if not view.text:
        return None
    line, column = view._layout.position_of(view.cursor)
    row = line - round(view.scroll_y)
    if not 0 <= row < view.scrollable_content_region.height:
        return None
    return Offset(view.region.x + view._left_pad() + column, view.region.y + row)


def notice_regions(screen: Screen[Any]) -> list[Region]:
    """Where the screen's notifications are drawn (screen coordinates)."""
    return [toast.region for toast in screen.query("Toast") if toast.region]


class NoticeClearance:
    """Keeps one reading screen's cursor out from under its notifications."""

    def __init__(self, screen: Screen[Any], view: ArticleView) -> None:
        self.screen = screen
        self.view = view
        self._flipped_at: tuple[int, float] | None = None

    def check(self, _: object = None) -> None:
        """Scroll (or move the notices) if a notice covers the cursor; else nothing."""
        cell = cursor_cell(self.view)
        if cell is None:
            return
        notices = notice_regions(self.screen)
        if not any(region.contains_point(cell) for region in notices):
            return
        # Notices in the cursor's column, stacked: the cursor must clear all of them.
        column = [region for region in notices if region.x <= cell.x < region.right]
        below = self.screen.has_class(BELOW_CLASS)
        row = min(r.y for r in column) - 1 if below else max(r.bottom for r in column)
        if not self._scroll_cursor_to(row):
            self._flip()

    def _scroll_cursor_to(self, screen_row: int) -> bool:
        """Scroll so the cursor shows on ``screen_row``; False when the text cannot."""
        view = self.view
        line, _ = view._layout.position_of(view.cursor)
        view_row = screen_row - view.region.y
        target = line - view_row
        height = view.scrollable_content_region.height
        if not 0 <= view_row < height or not 0 <= target <= view.max_scroll_y:
            return False
        view.scroll_to(y=target, animate=False)
        return True

    def _flip(self) -> None:
        """Notices to the other end of the screen (once per cursor place: never a loop)."""
        place = (self.view.cursor, self.view.scroll_y)
        if self._flipped_at == place:
            return
        self._flipped_at = place
        self.screen.toggle_class(BELOW_CLASS)

    def attach(self) -> NoticeClearance:
        """Check after every layout (a notice came or went) and every cursor move or scroll."""
        screen, view = self.screen, self.view
        screen.screen_layout_refresh_signal.subscribe(screen, self.check)
        for name in ("cursor", "scroll_y"):
            screen.watch(view, name, self._check_after_refresh, init=False)
        return self

    def _check_after_refresh(self, *_: object) -> None:
        self.screen.call_after_refresh(self.check)
