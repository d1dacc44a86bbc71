"""Case 6 (a stale editor): every update names the version it read; a save over a newer
change made elsewhere (a real ``reader edit`` process) is refused, and the reader chooses to
save a copy, reload, or go back to the draft. Nothing is overwritten silently."""

from __future__ import annotations

import pytest
from textual.widgets import TextArea

from reader.core.service import ReaderService
from reader.errors import StaleEditError
from reader.ui.app import build_app
from reader.ui.dialogs.editor import AnnotationEditor
from reader.ui.dialogs.stale import StaleDialog
from tests.cli.test_doc_cmds import run
from tests.ui.conftest import SIZE
from tests.ui.test_reading_screen_helpers import reading, settle


def test_the_service_refuses_an_update_naming_an_older_version(
    service: ReaderService, story: tuple[str, str]
) -> None:
    document = service.list_documents()[0]
    note = service.add_annotation(document.id, 0, 7, note="first")
    newer = service.edit_annotation(note.id, note="second", expected_modified=note.modified)
    with pytest.raises(StaleEditError, match="changed elsewhere"):
        service.edit_annotation(note.id, note="third", expected_modified=note.modified)
    assert service.get_annotation(note.id) == newer


def test_the_cli_refuses_a_stale_if_modified_with_exit_2(
    service: ReaderService, story: tuple[str, str]
) -> None:
    document = service.list_documents()[0]
    note = service.add_annotation(document.id, 0, 7, note="first")
    service.edit_annotation(note.id, note="second")
    done = run("edit", note.id, "--note", "third", "--if-modified", note.modified)
    assert done.returncode == 2 and "changed elsewhere" in done.stderr
    assert service.get_annotation(note.id).note == "second"


async def _editor_over_a_cli_change(pilot, app, service):  # type: ignore[no-untyped-def]
    document = service.list_documents()[0]
    note = service.add_annotation(document.id, 0, 7, note="mine", tags=("old",))
    app.open_source(document.id)
    await settle(pilot, 5)
    reading(app).refresh_annotations()
    reading(app).view.move_cursor_to(2)
    await settle(pilot)
    await pilot.press("e", "end", *" and more")
    # Meanwhile, another process changes the same annotation.
    changed = run("edit", note.id, "--tag", "cli", "--color", "green")
    assert changed.returncode == 0, changed.stderr
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(app.screen, StaleDialog)
    return note


async def test_a_stale_tui_save_offers_a_copy_and_keeps_the_newer_change(
    service: ReaderService, story: tuple[str, str]
) -> None:
    app = build_app(service)
    async with app.run_test(size=SIZE) as pilot:
        note = await _editor_over_a_cli_change(pilot, app, service)
        await pilot.press("c")
        await settle(pilot)
        kept = service.get_annotation(note.id)
        assert kept.tags == ("old", "cli") and kept.color == "green" and kept.note == "mine"
        notes = service.annotations_for(note.document_id)
        assert sorted(a.note for a in notes) == ["mine", "mine and more"]


async def test_a_stale_tui_save_can_reload_or_go_back_to_the_draft(
    service: ReaderService, story: tuple[str, str]
) -> None:
    app = build_app(service)
    async with app.run_test(size=SIZE) as pilot:
        note = await _editor_over_a_cli_change(pilot, app, service)
        await pilot.press("escape")  # back: the draft is still there
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, AnnotationEditor)
        assert editor.query_one("#note", TextArea).text == "mine and more"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("r")  # reload: the newer version stays, no copy
        await settle(pilot)
        assert not isinstance(app.screen, AnnotationEditor | StaleDialog)
        assert [a.note for a in service.annotations_for(note.document_id)] == ["mine"]
        assert service.get_annotation(note.id).tags == ("old", "cli")
