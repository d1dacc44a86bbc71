"""Notifications never cover the cursor (issue #12, rough edge 4), whatever moved it.

At 80x24 the notices (top right, up to 46 columns) reach over the text. Each jump path is
taken with notices filling the top two thirds of the rows at the right, then the cursor's
cell is checked against every notice on screen (each test fails without the clearance)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from textual.pilot import Pilot

from reader.core.analysis.results import QuoteKind
from reader.core.service import ReaderService
from reader.ui.app import ReaderApp
from reader.ui.screens.notice_clearance import BELOW_CLASS, cursor_cell, notice_regions
from reader.ui.widgets.side_panel import PanelList
from tests.ui.test_reading_screen_helpers import (
    hand_analysis,
    mention,
    prime_analysis,
    quote,
    reading,
    settle,
    settled,
    wait_until,
)

SMALL = (80, 24)
LONG = "A notice long enough to wrap onto a second line of its box"  # a 2-line toast
LINE = "wordy wordy wordy wordy wordy xx Ann Lee “Yes” went on."
"""At 80x24 the text is 47 columns wide and notices start at column 32: every target of
this line (the name at 33, the quotation at 41) is where a notice can cover it."""


def _right_hand_story(tmp_path: Path, service: ReaderService) -> tuple[str, str]:
    """Forty such paragraphs, each with a mention, a quotation and a note under the notices'
    column; its analysis cached."""
    path = tmp_path / "right.txt"
    path.write_text("\n".join([LINE] * 40) + "\n", encoding="utf-8")
    opened = service.open_document(str(path))
    text = opened.text
    mentions = [mention(text, "Ann Lee", "PERSON", "ann", n) for n in range(1, 41)]
    quotes = []
    for index in range(40):
        found = quote(text[index * (len(LINE) + 1) :], "Yes", QuoteKind.SPOKEN, "Ann Lee")
        shift = index * (len(LINE) + 1)
        quotes.append(replace(found, start=found.start + shift, end=found.end + shift))
    prime_analysis(service, hand_analysis(opened, mentions, quotes))
    for item in mentions[::3]:
        service.add_annotation(opened.document.id, item.start, item.end, note="here")
    return str(path), text


async def _notices_up(app: ReaderApp, pilot: Pilot[None]) -> None:
    """A two-line notice and a tall one: the notices fill the top 16 rows at the right."""
    app.notify(LONG, timeout=60)
    app.notify("\n".join(f"{LONG[:30]} ({number})" for number in range(13)), timeout=60)
    await settle(pilot)
    assert len(notice_regions(app.screen)) >= 2


def _covering(app: ReaderApp) -> tuple[object, list[object]]:
    cell = cursor_cell(reading(app).view)
    if cell is None:
        return None, []
    return cell, [r for r in notice_regions(app.screen) if r.contains_point(cell)]


async def _assert_clear(app: ReaderApp, pilot: Pilot[None]) -> None:
    """The clearance runs after the next layout (a notice came, the cursor moved): on a busy
    machine that refresh can come after ``settle``, so wait for it (a short bound), then
    check the cursor's cell against every notice."""
    await wait_until(pilot, lambda: _covering(app)[0] is not None and not _covering(app)[1], 50)
    cell, covering = _covering(app)
    assert cell is not None, "the cursor is in view"
    assert not covering, (cell, covering)


async def _panel_enter(app: ReaderApp, pilot: Pilot[None], list_id: str, entry: int) -> None:
    reading(app).query_one(list_id, PanelList).focus()
    await pilot.press(*["down"] * entry, "enter")


PATHS: dict[str, Callable[[ReaderApp, Pilot[None]], object]] = {
    "]": lambda app, pilot: pilot.press(*["right_square_bracket"] * 4),
    "[": lambda app, pilot: pilot.press("G", *["left_square_bracket"] * 3),
    ">": lambda app, pilot: pilot.press("greater_than_sign"),
    "<": lambda app, pilot: pilot.press("G", *["less_than_sign"] * 2),
    "n": lambda app, pilot: pilot.press("slash", *"Yes", "enter", *"nn"),
    "N": lambda app, pilot: pilot.press("slash", *"Yes", "enter", *"NN"),
    "quote list": lambda app, pilot: _panel_enter(app, pilot, "#quote-list", 2),
    "entity list": lambda app, pilot: _panel_enter(app, pilot, "#entity-list", 2),
    "note list": lambda app, pilot: _panel_enter(app, pilot, "#annotation-list", 3),
}


@pytest.mark.parametrize("path", list(PATHS))
async def test_no_jump_lands_under_a_notice_at_80x24(
    make_app: Callable[..., ReaderApp],
    service: ReaderService,
    tmp_path: Path,
    path: str,
) -> None:
    source, _ = _right_hand_story(tmp_path, service)
    app = make_app(source)
    async with settled(app, SMALL, notifications=True) as pilot:
        await _notices_up(app, pilot)
        before = reading(app).view.cursor
        await PATHS[path](app, pilot)  # type: ignore[misc]
        await settle(pilot)
        assert reading(app).view.cursor != before, "the path moved the cursor"
        await _assert_clear(app, pilot)


async def test_an_undo_jump_lands_clear_of_the_notices(
    make_app: Callable[..., ReaderApp], service: ReaderService, tmp_path: Path
) -> None:
    source, _ = _right_hand_story(tmp_path, service)
    app = make_app(source)
    async with settled(app, SMALL, notifications=True) as pilot:
        view = reading(app).view
        await pilot.press(*["right_square_bracket"] * 3, "l", "v", "e", "m", "G")
        await settle(pilot)
        await _notices_up(app, pilot)
        await pilot.press("u")  # undo jumps back to the highlight, and says so
        await settle(pilot)
        assert "Undid" in str(list(app._notifications)[-1].message)
        assert view.selection is None
        await _assert_clear(app, pilot)


async def test_a_notice_over_the_first_line_moves_the_notices_below(
    make_app: Callable[..., ReaderApp], sample_app_path: str
) -> None:
    app = make_app(sample_app_path)
    async with settled(app, SMALL, notifications=True) as pilot:
        screen = reading(app)
        view = screen.view
        await pilot.press("g", *["l"] * 40)  # the first line, under the notices' column
        await settle(pilot)
        await _notices_up(app, pilot)
        assert view.scroll_y == 0  # the text cannot scroll the first line down
        assert screen.has_class(BELOW_CLASS)
        await _assert_clear(app, pilot)
