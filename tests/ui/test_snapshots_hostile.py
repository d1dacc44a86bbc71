"""Snapshots (issue #10): the library showing hostile titles literally, and the stale-save
dialog. Regenerate with ``--snapshot-update`` and look at the SVGs before accepting them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from reader.core.service import ReaderService
from reader.ui.app import ReaderApp
from reader.ui.dialogs.stale import StaleDialog
from tests.hostile.corpus import HOSTILE, native_export
from tests.ui.conftest import SIZE
from tests.ui.test_reading_screen_helpers import settle
from tests.ui.test_snapshots import SnapCompare, steady

SHOWN = ("osc52_clipboard", "csi_clear_screen", "c1_csi", "bidi_override", "markup_close_quote")


def test_library_shows_hostile_titles_literally(
    snap_compare: SnapCompare,
    make_app: Callable[..., ReaderApp],
    service: ReaderService,
    tmp_path: Path,
) -> None:
    values = dict(HOSTILE)
    for number, name in enumerate(SHOWN):
        export = native_export(name, values[name], stamp=f"2026-01-0{number + 1}T10:00:00.000Z")
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(export, ensure_ascii=True), encoding="utf-8")
        service.import_file(path)
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=steady())


def test_stale_save_dialog(snap_compare: SnapCompare, make_app: Callable[..., ReaderApp]) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)  # the library first: the dialog comes over it
        pilot.app.push_screen(
            StaleDialog(
                "annotation 3f2a9c1b was changed elsewhere at 2026-03-02T18:05:00.000Z, "
                "after it was read; nothing was saved."
            )
        )
        await steady()(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)
