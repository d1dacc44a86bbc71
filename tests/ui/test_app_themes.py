"""Choosing themes: --theme, READER_THEME, T, persistence, and the fallback on a broken one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reader.core.settings import load_settings
from reader.paths import resolve_paths, shipped_themes_dir
from reader.ui.app import ReaderApp
from tests.ui.conftest import SIZE


def _notes(app: ReaderApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_only_reader_themes_are_offered(make_app: Callable[..., ReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE):
        assert app.theme == "reader-dark"
        assert set(app.available_themes) == set(app.catalogue.specs)
        assert "textual-dark" not in app.available_themes


async def test_theme_option_and_environment_choose_the_theme(
    make_app: Callable[..., ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(theme="reader-light")
    async with app.run_test(size=SIZE):
        assert app.theme == "reader-light"
        assert app.current_theme.dark is False
    monkeypatch.setenv("READER_THEME", "reader-sepia")
    app = make_app()
    async with app.run_test(size=SIZE):
        assert app.theme == "reader-sepia"


async def test_t_cycles_themes_and_the_choice_persists(make_app: Callable[..., ReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        before = app.theme
        await pilot.press("T")
        await pilot.pause()
        chosen = app.theme
        assert chosen != before
    assert load_settings(resolve_paths().settings_file).theme == chosen
    app = make_app()
    async with app.run_test(size=SIZE):
        assert app.theme == chosen


async def test_a_broken_theme_falls_back_to_the_default_and_names_file_and_field(
    make_app: Callable[..., ReaderApp], isolated_dirs: Path
) -> None:
    themes = resolve_paths().user_themes_dir
    themes.mkdir(parents=True)
    broken = themes / "mine.toml"
    shipped = (shipped_themes_dir() / "reader-dark.toml").read_text(encoding="utf-8")
    broken.write_text(
        shipped.replace('name = "reader-dark"', 'name = "mine"').replace(
            'primary = "#56b4e9"', 'primary = "blue"'
        ),
        encoding="utf-8",
    )
    app = make_app(theme="mine")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "reader-dark"
        notes = " ".join(_notes(app))
        assert str(broken) in notes
        assert "'ui.primary'" in notes
        assert "using reader-dark" in notes


async def test_an_unknown_theme_lists_the_available_ones(
    make_app: Callable[..., ReaderApp],
) -> None:
    app = make_app(theme="no-such-theme")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "reader-dark"
        assert any("unknown theme 'no-such-theme'" in note for note in _notes(app))


async def test_highlight_variables_come_from_the_theme(make_app: Callable[..., ReaderApp]) -> None:
    app = make_app(theme="reader-high-contrast")
    async with app.run_test(size=SIZE):
        variables = app.get_css_variables()
        assert variables["entity-person"] == "#ffb000"
        assert variables["quote-style"] == "italic bold"
        assert variables["annotation-blue"] == "#002a66"
