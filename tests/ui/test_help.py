"""The help screen lists every key of the key map and closes with escape, q or ?."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rich.console import Console

from reader.ui.app import ReaderApp
from reader.ui.keymap import KEYMAP
from reader.ui.screens.help import HelpScreen, keymap_table
from reader.ui.screens.library import LibraryScreen
from tests.ui.conftest import SIZE
from tests.ui.test_reading_screen_helpers import settle


def _rendered_keymap(width: int) -> str:
    console = Console(width=width, record=True, file=None, force_terminal=False)
    with console.capture() as capture:
        console.print(keymap_table())
    return capture.get()


def test_every_key_and_section_of_the_key_map_is_listed() -> None:
    lines = _rendered_keymap(80).splitlines()
    for section, rows in KEYMAP:
        assert any(line.strip() == section for line in lines), section
        for row in rows:
            keys, action = row.keys, row.does
            first_words = " ".join(action.split()[:3])
            assert any(line.lstrip().startswith(keys) and first_words in line for line in lines), (
                keys
            )


def test_the_issue_keys_are_all_in_the_key_map() -> None:
    listed = " ".join(row.keys for _, rows in KEYMAP for row in rows)
    for key in ("j / k", "h / l", "w / b", "space", "PgDn", "ctrl+f", "PgUp", "ctrl+b"):
        assert key in listed
    for key in ("g / G", "{ / }", "] / [", "> / <", "/", "n / N", "v", "S / E / Q"):
        assert key in listed
    for key in ("a", "m", "e / d", "u / ctrl+r", "1 / 2 / 3", "p", "s", "T", "+ / -", "?", "q"):
        assert key in listed
    assert "ctrl+q" in listed and "ctrl+p" in listed


@pytest.mark.parametrize("closing_key", ["escape", "q", "question_mark"])
async def test_help_opens_with_question_mark_and_closes(
    make_app: Callable[..., ReaderApp], closing_key: str
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press(closing_key)
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert app.return_code is None  # q closed the help, it did not quit
