"""The reading position is a text anchor: it survives quitting and reopening at another
terminal size, where the lines wrap differently."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reader.core.service import ReaderService
from reader.ui.app import ReaderApp
from tests.ui.conftest import SIZE
from tests.ui.test_reading_screen_helpers import (
    article,
    line_text,
    prime_sample_analysis,
    reading,
    settle,
    settled,
)


@pytest.mark.parametrize("new_size", [(80, 24), (160, 40)])
async def test_the_first_visible_line_starts_at_the_same_text_after_a_restart(
    make_app: Callable[..., ReaderApp],
    service: ReaderService,
    sample_path: Path,
    new_size: tuple[int, int],
) -> None:
    prime_sample_analysis(service)
    app = make_app(str(sample_path))
    async with settled(app, SIZE) as pilot:
        # One page: far enough to matter, not so far that a wider view cannot put the
        # anchor on its first line (near the end the view stops at the last line).
        await pilot.press("space", "j", "j")
        await settle(pilot)
        view = article(app)
        top = view.top_offset()
        first_row = line_text(view, 0).strip()
        document_id = reading(app).document.id
        text = reading(app).text
        await pilot.press("q")
        await settle(pilot)
    # A page down the first row shows the text at the saved anchor.
    assert top > 1000
    assert text[top:].startswith(first_row)
    saved = service.get_document(document_id).position
    assert saved.offset == top
    assert text[top:].startswith(saved.context)

    app = make_app(str(sample_path))
    async with settled(app, new_size) as pilot:
        view = article(app)
        assert view.scrollable_content_region.width != 0
        start = view.top_offset()
        row = line_text(view, 0).strip()
        # The anchor's text is on the first visible line, whatever the new wrapping.
        assert text[start:].startswith(row)
        assert start <= top <= start + len(row)


async def test_a_position_saved_while_reading_is_used_by_the_next_open(
    make_app: Callable[..., ReaderApp], service: ReaderService, sample_path: Path
) -> None:
    prime_sample_analysis(service)
    app = make_app(str(sample_path))
    async with settled(app, SIZE) as pilot:
        await pilot.press("G")
        await settle(pilot)
        bottom_top = article(app).top_offset()
        reading(app).save_position()
        document_id = reading(app).document.id
        await pilot.press("ctrl+q")
        await settle(pilot)
    position = service.get_document(document_id).position
    assert position.offset == bottom_top
    assert position.progress == pytest.approx(100.0)
