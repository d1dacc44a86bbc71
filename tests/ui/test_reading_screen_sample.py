"""The reading screen on the sample article with its real analysis: paging, the status line,
and highlights that stand out without colour (``NO_COLOR``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rich.segment import Segment
from rich.style import Style
from textual.widgets import OptionList

from reader.core.service import ReaderService
from reader.ui.app import ReaderApp
from tests.ui.conftest import SIZE
from tests.ui.test_reading_screen_helpers import (
    article,
    prime_sample_analysis,
    reading,
    settle,
    settled,
)


async def test_page_keys_scroll_a_page_and_move_the_cursor_with_it(
    make_app: Callable[..., ReaderApp], service: ReaderService, sample_path: Path
) -> None:
    prime_sample_analysis(service)
    app = make_app(str(sample_path))
    async with settled(app, SIZE) as pilot:
        view = article(app)
        page = view.scrollable_content_region.height
        assert page == SIZE[1] - 2  # all but the status line and the footer
        before, _ = view.cursor_line_info()
        for key, pages in (("space", 1), ("pagedown", 2), ("ctrl+f", 3)):
            await pilot.press(key)
            assert view.scroll_y == pages * page, key
            line, _ = view.cursor_line_info()
            # The cursor moved a page too (one more when it would land on a blank line).
            assert line - before in (page, page + 1), key
            assert view.scroll_y < line <= view.scroll_y + page, key
            before = line
        for key, pages in (("pageup", 2), ("ctrl+b", 1)):
            await pilot.press(key)
            assert view.scroll_y == pages * page, key
            line, _ = view.cursor_line_info()
            assert before - line in (page, page + 1), key
            before = line


async def test_the_status_line_shows_progress_and_position(
    make_app: Callable[..., ReaderApp], service: ReaderService, sample_path: Path
) -> None:
    prime_sample_analysis(service)
    app = make_app(str(sample_path))
    async with settled(app, SIZE) as pilot:
        status = app.screen.query_one("#status")
        view = article(app)
        _, total = view.cursor_line_info()
        assert f"line 1/{total}" in str(status.render())
        assert "100%" not in str(status.render())
        await pilot.press("G")
        await settle(pilot)
        assert view.scroll_y == view.max_scroll_y > 0
        assert f"100%  ·  line {total}/{total}" in str(status.render())
        assert "analysing" not in str(status.render())


def _segments_of(app: ReaderApp, rows: int) -> list[Segment]:
    """The article's first ``rows`` rows as the terminal gets them (after the app's filters)."""
    view = article(app)
    background = app.screen.styles.background
    segments: list[Segment] = []
    for y in range(rows):
        strip = view.render_line(y)
        for line_filter in app.get_line_filters():
            strip = strip.apply_filter(line_filter, background)
        segments.extend(strip)
    return segments


def _style_at(app: ReaderApp, rows: int, wanted: str) -> Style:
    for segment in _segments_of(app, rows):
        if wanted in segment.text and segment.style is not None:
            return segment.style
    raise AssertionError(f"{wanted!r} not drawn in the first {rows} rows")


async def test_without_colour_entities_and_quotes_still_stand_out(
    make_app: Callable[..., ReaderApp],
    service: ReaderService,
    sample_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    analysis = prime_sample_analysis(service)
    app = make_app(str(sample_path))
    async with settled(app, SIZE) as pilot:
        assert app.no_color
        assert reading(app).analysis is not None
        text = reading(app).text
        first_quote = analysis.quotes[0]
        blinken = next(e for e in analysis.entity_index if e.name == "Antony Blinken")
        assert text[slice(*blinken.mentions[0])] == "Antony Blinken"
        await pilot.press("p")  # the whole width: fewer, longer lines
        await settle(pilot)
        rows = article(app).scrollable_content_region.height
        plain = _style_at(app, rows, "Secretary of")
        person = _style_at(app, rows, "Antony Blinken")
        quoted = _style_at(app, rows, first_quote.text.split()[1])
        segments = _segments_of(app, rows)
    colours = {s.style.color for s in segments if s.style and s.style.color}
    assert all(colour.is_system_defined or colour.triplet is None for colour in colours) or all(
        colour.triplet is not None
        and colour.triplet.red == colour.triplet.green == colour.triplet.blue
        for colour in colours
    ), "with NO_COLOR the text is monochrome"
    assert not (plain.underline or plain.bold or plain.italic)
    assert person.underline or person.bold
    assert quoted.italic


async def test_without_a_cache_the_child_process_analyses_and_the_result_is_shown(
    make_app: Callable[..., ReaderApp], service: ReaderService, tmp_path: Path
) -> None:
    path = tmp_path / "council.txt"
    path.write_text(
        "Council news\n“We will rebuild the bridge,” Mayor Ann Lee said on Monday in Portsmouth.\n",
        encoding="utf-8",
    )
    app = make_app(str(path))
    async with app.run_test(size=SIZE) as pilot:
        screen = reading(app)
        assert screen.analysis is None
        for _ in range(600):  # spaCy loads in a fresh process: allow a loaded machine
            await pilot.pause(0.1)
            if screen.analysis is not None:
                break
        assert screen.analysis is not None, "the analysis never arrived"
        await settle(pilot)
        document = screen.document
        assert screen.analysis.sha256 == document.sha256
        assert "analysing" not in str(app.screen.query_one("#status").render())
        # The quotation (marks included) is found and attributed, whatever the model's
        # entity labels: its text is fixed by the document.
        quotes = [(q.start, q.end) for q in screen.analysis.quotes]
        start = screen.text.index("“We")
        assert (start, screen.text.index("”") + 1) in quotes
        quote_list = app.screen.query_one("#quote-list", OptionList)
        assert "We will rebuild" in str(quote_list.get_option_at_index(0).prompt)
    # The child stored its result: the next open paints with highlights at once.
    assert service.cached_analysis(document) is not None


async def test_clicking_the_marker_bar_jumps_to_that_part_of_the_document(
    make_app: Callable[..., ReaderApp], service: ReaderService, sample_path: Path
) -> None:
    prime_sample_analysis(service)
    app = make_app(str(sample_path))
    async with settled(app, SIZE) as pilot:
        bar = app.screen.query_one("#markers")
        height = bar.size.height
        text = reading(app).text
        await pilot.click("#markers", offset=(0, height // 2))
        await settle(pilot)
        view = article(app)
        # Row h/2 of h stands for the middle of the text; the cursor lands on the next
        # character of a paragraph from there (the text has no long gaps).
        expected = (height // 2) * len(text) // height
        assert 0 <= view.cursor - expected <= 2
        line, _ = view.cursor_line_info()
        assert view.scroll_y < line <= view.scroll_y + view.scrollable_content_region.height
