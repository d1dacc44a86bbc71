"""ArticleView scrolling: a position kept across widths, progress, page keys and the wheel.

Runs in the small harness app of ``test_article_view`` (measure 30 cells).
"""

from __future__ import annotations

from textual import events

from reader.ui.messages import ViewportChanged
from tests.ui.test_article_view import line_text, running

LONG = "\n\n".join(f"Paragraph {i} says something short." for i in range(60))


async def test_a_position_is_restored_at_any_width() -> None:
    async with running(LONG, size=(50, 10)) as (_, pilot, view):
        target = LONG.index("Paragraph 31 says") + len("Paragraph 31 ")
        view.scroll_to_offset(target)
        await pilot.pause()
        # At 30 cells "Paragraph 31 says something " (28) is the first line of the paragraph.
        assert view.top_offset() == LONG.index("Paragraph 31")
        view.measure = 40
        await pilot.pause()
        assert view.top_offset() == LONG.index("Paragraph 31")
        assert line_text(view, 0) == "Paragraph 31 says something short."
        await pilot.resize_terminal(24, 10)
        await pilot.pause()
        # 24 columns: the text narrows to 24 cells and the top line still holds the target.
        start = view.top_offset()
        assert start == LONG.index("Paragraph 31")
        assert line_text(view, 0) == "Paragraph 31 says"


async def test_progress_page_keys_and_the_wheel() -> None:
    async with running(LONG, size=(50, 10)) as (app, pilot, view):
        assert 0 < view.progress < 10
        viewports = [m for m in app.messages if isinstance(m, ViewportChanged)]
        assert viewports[-1].top_fraction == 0.0
        assert viewports[-1].bottom_fraction == view.progress / 100
        await pilot.press("space")
        assert view.scroll_y == 10
        # At 30 cells every paragraph wraps before "short." (2 lines, then a blank), so line
        # 10, ten lines below the cursor, is the "short." line of paragraph 3.
        assert view.cursor == LONG.index("short.", LONG.index("Paragraph 3"))
        await pilot.press("ctrl+f", "pagedown")
        assert view.scroll_y == 30
        await pilot.press("ctrl+b")
        assert view.scroll_y == 20
        await pilot.press("pageup")
        assert view.scroll_y == 10
        await pilot._post_mouse_events([events.MouseScrollDown], view, offset=(5, 2))
        await pilot.wait_for_scheduled_animations()
        assert view.scroll_y > 10
        await pilot.press("G")
        assert view.progress == 100.0
        assert [m for m in app.messages if isinstance(m, ViewportChanged)][-1].bottom_fraction == 1
        assert view.cursor_line_info() == (179, 179)
