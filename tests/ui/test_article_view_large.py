"""A 500,000-word document opens lazily, paints its first screen at once and stays usable."""

from __future__ import annotations

import time

import pytest
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.pilot import Pilot
from textual.strip import Strip

from reader.core.text import paragraph_spans, word_count
from reader.ui.palette import palette_defaults
from reader.ui.widgets.article_view import ArticleView

PALETTE_DEFAULTS = palette_defaults()

FILLER = "lorem ipsum dolor sit amet " * 18


def paragraph(index: int) -> str:
    return f"Paragraph {index} begins here. {FILLER.strip()}"


@pytest.fixture(scope="module")
def big_text() -> tuple[str, list[tuple[int, int]]]:
    # 4 + 90 words a paragraph: 5,320 paragraphs is just over 500,000 words.
    text = "\n\n".join(paragraph(i) for i in range(5320))
    return text, paragraph_spans(text)


class ProbeView(ArticleView):
    """Records, at its first painted frame, how much of the document had been wrapped."""

    first_paint: tuple[int, bool, list[str]] | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        strips = super().render_lines(crop)
        if self.first_paint is None and self.text:
            layout = self._layout
            wrapped = sum(map(layout.is_wrapped, range(len(layout.paragraphs))))
            self.first_paint = (wrapped, layout.is_complete, [s.text.strip() for s in strips])
        return strips


class Harness(App[None]):
    def __init__(self, text: str, paragraphs: list[tuple[int, int]]) -> None:
        super().__init__()
        self.text, self.paragraphs = text, paragraphs

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(PALETTE_DEFAULTS)

    def compose(self) -> ComposeResult:
        yield ProbeView()

    def on_mount(self) -> None:
        view = self.query_one(ArticleView)
        view.load(self.text, self.paragraphs)
        view.focus()


async def wait_for_layout(view: ArticleView, pilot: Pilot[None]) -> None:
    deadline = time.monotonic() + 20
    while not view.layout_complete and time.monotonic() < deadline:
        await pilot.pause(0.05)
    assert view.layout_complete


async def test_the_first_screen_paints_before_the_document_is_wrapped(
    big_text: tuple[str, list[tuple[int, int]]],
) -> None:
    text, paragraphs = big_text
    assert word_count(text) >= 500_000
    app = Harness(text, paragraphs)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(ProbeView)
        await pilot.pause()
        assert view.first_paint is not None
        wrapped, complete, lines = view.first_paint
        # The first frame came before the background layout: a screenful was wrapped.
        assert not complete
        assert wrapped < 20
        first, second = lines[0], lines[1]
        source = paragraph(0)
        # Greedy wrap at the 88-cell measure: the line is a prefix ending at a word and the
        # next word would not have fitted.
        assert source.startswith(first + " ") and len(first) <= 88
        next_word = source[len(first) + 1 :].split(" ")[0]
        assert len(first) + 1 + len(next_word) + 1 > 88
        assert source[len(first) + 1 :].startswith(second)
        await wait_for_layout(view, pilot)


async def test_bottom_progress_and_positions_in_a_long_document(
    big_text: tuple[str, list[tuple[int, int]]],
) -> None:
    text, paragraphs = big_text
    app = Harness(text, paragraphs)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(ArticleView)
        middle = text.index("Paragraph 2660 begins")
        view.scroll_to_offset(middle)
        await pilot.pause()
        assert view.top_offset() == middle
        assert view.render_line(0).text.strip().startswith("Paragraph 2660 begins")
        await wait_for_layout(view, pilot)
        # Refining the estimated lines above kept the same text at the top.
        assert view.top_offset() == middle
        assert 49 < view.progress < 51
        await pilot.press("G")
        last_start, last_end = paragraphs[-1]
        assert last_start <= view.cursor < last_end
        assert text[view.cursor - 1] == " "
        assert view.progress == 100.0
        line, total = view.cursor_line_info()
        assert line == total
        before = view.scroll_y
        await pilot.press("pageup")
        assert view.scroll_y == before - view.scrollable_content_region.height
