"""The command palette offers the reader's commands, including the reading view's own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reader.core.service import ReaderService
from reader.ui.app import ReaderApp
from tests.ui.conftest import SIZE
from tests.ui.test_reading_screen_helpers import article, settle


async def _run_command(pilot: object, words: str) -> None:
    await pilot.press("ctrl+p")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    await pilot.press(*words)  # type: ignore[attr-defined]
    await settle(pilot, 6)  # type: ignore[arg-type]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]


async def test_palette_toggles_a_layer_of_the_reading_view(
    make_app: Callable[..., ReaderApp], story: tuple[str, str]
) -> None:
    app = make_app(story[0])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert article(app).show_entities is True
        await _run_command(pilot, "toggle entity")
        assert article(app).show_entities is False


async def test_palette_switches_the_theme(
    make_app: Callable[..., ReaderApp], story: tuple[str, str]
) -> None:
    app = make_app(story[0])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _run_command(pilot, "theme: reader-sepia")
        assert app.theme == "reader-sepia"


async def test_palette_exports_the_open_documents_annotations(
    make_app: Callable[..., ReaderApp],
    story: tuple[str, str],
    service: ReaderService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path, _ = story
    opened = service.open_document(path)
    service.add_annotation(opened.document.id, 0, 12, note="headline")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # no Documents folder: the current dir
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _run_command(pilot, "export annotations as markdown")
        await settle(pilot)
        await pilot.press("enter")  # the path asked for, as shown
        await app.workers.wait_for_complete()
        await settle(pilot)
    exported = list(tmp_path.glob("reader-annotations-*.md"))
    assert len(exported) == 1
    content = exported[0].read_text(encoding="utf-8")
    assert "> Harbour news" in content and "headline" in content
