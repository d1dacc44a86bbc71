"""Snapshots of correcting: the dialog at 80x24, and corrected items marked in text and lists.

Regenerate with ``--snapshot-update`` and look at the SVGs before accepting them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from reader.core.models import Correction
from reader.core.service import ReaderService
from reader.ui.app import ReaderApp
from tests.ui.test_annotating_helpers import put_cursor
from tests.ui.test_reading_screen_helpers import prime_sample_analysis, settle
from tests.ui.test_snapshots import SnapCompare, steady

SMALL = (80, 24)
QUOTE = "The Secretary reiterated President Biden’s"


def test_correction_dialog_on_a_quote_with_a_person(
    snap_compare: SnapCompare,
    make_app: Callable[..., ReaderApp],
    service: ReaderService,
    sample_path: Path,
) -> None:
    """``c`` on "Biden" inside a quotation: both the quote's and the entity's choices fit."""
    prime_sample_analysis(service)
    app = make_app(str(sample_path))

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await put_cursor(pilot, QUOTE, QUOTE.index("Biden"))
        await steady("c")(pilot)

    assert snap_compare(app, terminal_size=SMALL, run_before=run_before)


def test_correction_dialog_choosing_the_speaker(
    snap_compare: SnapCompare,
    make_app: Callable[..., ReaderApp],
    service: ReaderService,
    sample_path: Path,
) -> None:
    """The second step: the document's people, then a field to type a name."""
    prime_sample_analysis(service)
    app = make_app(str(sample_path))

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await put_cursor(pilot, QUOTE, 4)
        await steady("c", "enter")(pilot)

    assert snap_compare(app, terminal_size=SMALL, run_before=run_before)


def test_corrected_items_are_marked(
    snap_compare: SnapCompare,
    make_app: Callable[..., ReaderApp],
    service: ReaderService,
    sample_path: Path,
) -> None:
    """ "Chinese" relabelled and a speaker changed: bold (and overlined where the terminal
    can) in the text, ✎ in the Quotes tab, the chart counting the corrected speaker."""
    prime_sample_analysis(service)
    source = str(sample_path)
    service.correct(source, "Chinese", Correction("entity", "label", "NORP"))
    passage = "straight spoke to the unacceptable"
    service.correct(source, passage, Correction("speaker", "speaker", "Antony Blinken"))
    app = make_app(source)
    keys = ("tab", "right", "right_curly_bracket")
    assert snap_compare(app, terminal_size=(120, 36), run_before=steady(*keys))
