"""The annotation editor on its own: tag parsing and completion, saving, refusals, escape."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual.app import App, ComposeResult
from textual.widgets import Input, Select, Static, TextArea

from reader.core.models import normalise_tags
from reader.core.service import ReaderService
from reader.core.store.files import collector_paused
from reader.errors import BadInputError
from reader.ui.app import ReaderApp
from reader.ui.dialogs.confirm import ConfirmDialog
from reader.ui.dialogs.editor import (
    AnnotationDraft,
    AnnotationEditor,
    TagSuggester,
    parse_tags,
)
from tests.ui.test_reading_screen_helpers import settle

SIZE = (100, 36)


class EditorHost(App[None]):
    """A bare app that opens one editor and records what it returns."""

    def __init__(self, editor: AnnotationEditor) -> None:
        super().__init__()
        self.editor = editor
        self.results: list[AnnotationDraft | None] = []

    def compose(self) -> ComposeResult:
        """Something under the modal."""
        yield Static("article")

    def on_mount(self) -> None:
        """Open the editor at once."""
        self.push_screen(self.editor, self.results.append)


def test_parse_tags_trims_drops_hashes_empties_and_duplicates() -> None:
    assert parse_tags(" #law , Law,, US  Politics ,#") == ("law", "US Politics")
    assert parse_tags("") == ()


tag_text = st.text(st.characters(categories=("L", "N"), max_codepoint=0x24F), min_size=1)


@given(st.lists(tag_text, min_size=1, max_size=6), st.data())
def test_a_completion_extends_what_was_typed_with_a_known_spelling(
    known: list[str], data: st.DataObject
) -> None:
    tag = data.draw(st.sampled_from(known))
    typed = tag[: data.draw(st.integers(1, len(tag)))].swapcase()
    head = data.draw(st.sampled_from(["", "other, ", "other,"]))
    suggestion = asyncio.run(TagSuggester(known).get_suggestion(head + typed))
    if suggestion is None:
        # Only when nothing longer starts with the typed text.
        folded = typed.casefold()
        assert not [k for k in known if k.casefold().startswith(folded) and len(k) > len(typed)]
        return
    assert len(suggestion) > len(head + typed)
    assert suggestion.startswith(head)
    completed = suggestion[len(head) :]
    assert completed in known
    assert completed.casefold().startswith(typed.casefold())


def test_completion_skips_tags_already_in_the_list() -> None:
    suggester = TagSuggester(["balloon", "Ballot"])
    assert asyncio.run(suggester.get_suggestion("ball")) == "balloon"
    assert asyncio.run(suggester.get_suggestion("balloon, Ball")) == "balloon, Ballot"
    assert asyncio.run(suggester.get_suggestion("balloon, ballot, ball")) is None
    assert asyncio.run(suggester.get_suggestion("x, ")) is None


async def test_ctrl_s_saves_through_the_screen_and_returns_the_draft() -> None:
    written: list[AnnotationDraft] = []
    host = EditorHost(AnnotationEditor("a passage", known_tags=["policy"], save=written.append))
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press(*"first line", "enter", *"second")
        await pilot.press("tab", *"pol")
        await pilot.pause()
        await pilot.press("tab", *", new")
        await pilot.press("ctrl+s")
        await pilot.pause()
    expected = AnnotationDraft("first line\nsecond", ("policy", "new"), "yellow")
    assert written == [expected]
    assert host.results == [expected]


async def test_a_refused_save_shows_why_and_keeps_everything_typed() -> None:
    def refuse(draft: AnnotationDraft) -> None:
        raise BadInputError("invalid colour name")

    host = EditorHost(AnnotationEditor("passage", save=refuse))
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press(*"keep me", "ctrl+s")
        await pilot.pause()
        editor = host.editor
        assert host.screen is editor
        assert "Not saved: invalid colour name" in str(editor.query_one("#editor-error").render())
        assert editor.query_one("#note", TextArea).text == "keep me"
    assert host.results == []


async def test_an_unchanged_edit_closes_without_writing() -> None:
    written: list[AnnotationDraft] = []
    draft = AnnotationDraft("note", ("a", "b"), "green")
    host = EditorHost(AnnotationEditor("p", draft=draft, save=written.append))
    async with host.run_test(size=SIZE) as pilot:
        editor = host.editor
        assert editor.query_one("#tags", Input).value == "a, b"
        assert editor.query_one("#color", Select).value == "green"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert written == []
    assert host.results == [None]


async def test_a_colour_set_from_the_cli_survives_an_untouched_edit() -> None:
    # `reader edit --color teal` stores any colour name; the editor used to show yellow,
    # ask "discard?" on escape and save yellow over it.
    written: list[AnnotationDraft] = []
    draft = AnnotationDraft("note", (), "teal")
    host = EditorHost(AnnotationEditor("p", draft=draft, save=written.append))
    async with host.run_test(size=SIZE) as pilot:
        assert host.editor.query_one("#color", Select).value == "teal"
        await pilot.press("escape")
        await pilot.pause()
        assert host.screen is not host.editor
    assert host.results == [None]
    host = EditorHost(AnnotationEditor("p", draft=draft, save=written.append))
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press(*" more", "ctrl+s")
        await pilot.pause()
    assert written == [AnnotationDraft("note more", (), "teal")]


async def test_escape_asks_only_when_something_changed_and_discard_writes_nothing() -> None:
    written: list[AnnotationDraft] = []
    host = EditorHost(AnnotationEditor("p", save=written.append))
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press("tab", *"tag", "escape")
        assert isinstance(host.screen, ConfirmDialog)
        await pilot.press("escape")
        assert host.screen_stack[-1] is host.editor
        assert host.editor.query_one("#tags", Input).value == "tag"
        await pilot.press("escape", "y")
        await pilot.pause()
    assert written == []
    assert host.results == [None]


def test_tags_typed_as_the_editor_stores_them_are_normalised() -> None:
    assert parse_tags("A, a, b") == normalise_tags(["A", "b"])


async def test_the_garbage_collector_waits_while_the_reading_screen_saves(
    make_app: Callable[..., ReaderApp],
    service: ReaderService,
    sample_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    during: list[bool] = []
    real_add = service.add_annotation

    def spy(*args: Any, **kwargs: Any) -> Any:
        during.append(gc.isenabled())
        return real_add(*args, **kwargs)

    service.open_document(str(sample_path))
    monkeypatch.setattr(service, "add_annotation", spy)
    app = make_app(str(sample_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a", "x", "ctrl+s")
        await settle(pilot)
    assert during == [False]
    assert gc.isenabled()


def test_collector_paused_restores_the_previous_state_even_on_errors() -> None:
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
    try:
        with collector_paused():
            raise BadInputError("refused")
    except BadInputError:
        pass
    assert gc.isenabled()


CONTROL_NOTE = "bell\x07 and \x1b[31mred\x1b[0m\nsecond line"


async def test_a_note_with_control_characters_shows_safely_and_is_stored_faithfully() -> None:
    written: list[AnnotationDraft] = []
    draft = AnnotationDraft(CONTROL_NOTE, ("a",), "green")
    host = EditorHost(AnnotationEditor("p", draft=draft, save=written.append))
    async with host.run_test(size=SIZE) as pilot:
        shown = host.editor.query_one("#note", TextArea).text
        assert "\x07" not in shown and "\x1b" not in shown and "\ufffd" in shown
        host.editor.query_one("#color", Select).value = "blue"  # only the colour changes
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert written == [AnnotationDraft(CONTROL_NOTE, ("a",), "blue")]  # not U+FFFD
    host = EditorHost(AnnotationEditor("p", draft=draft, save=written.append))
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press(*" more", "ctrl+s")  # an edited note is stored as shown
        await pilot.pause()
    assert written[-1].note.endswith("second line more") and "\x07" not in written[-1].note


async def test_saving_an_untouched_note_from_the_reading_screen_keeps_its_stored_text(
    make_app: Callable[..., ReaderApp], service: ReaderService, story: tuple[str, str]
) -> None:
    path, text = story
    document = service.open_document(path).document
    start = text.index("Bob Ray")
    stored = service.add_annotation(document.id, start, start + 7, note=CONTROL_NOTE)
    app = make_app(path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.screen.view.move_cursor_to(start)  # type: ignore[attr-defined]
        await pilot.press("e")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, AnnotationEditor)
        editor.query_one("#color", Select).value = "pink"
        await pilot.press("ctrl+s")
        await settle(pilot)
    saved = service.get_annotation(stored.id)
    assert (saved.note, saved.color) == (CONTROL_NOTE, "pink")
