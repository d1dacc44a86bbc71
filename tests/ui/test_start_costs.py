"""What keeps the first frame cheap stays true: one parse of the stylesheet (no re-parse for
the theme), and no style rule that depends on the article's focus (the article skips
Textual's restyle on focus, which re-applies its twenty highlight classes)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.css.stylesheet import Stylesheet

from reader.ui.app import ReaderApp
from reader.ui.widgets.article_view import ArticleView
from tests.ui.conftest import SIZE
from tests.ui.test_reading_screen_helpers import settle


async def test_the_start_parses_the_stylesheet_without_a_theme_reparse(
    make_app: Callable[..., ReaderApp],
    story: tuple[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reparses: list[int] = []
    original = Stylesheet.reparse

    def counting(self: Stylesheet) -> None:
        reparses.append(1)
        original(self)

    monkeypatch.setattr(Stylesheet, "reparse", counting)
    app = make_app(story[0], "reader-light")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert reparses == []
        assert app.theme == "reader-light"
        assert app.has_class("-theme-reader-light", "-light-mode")
        assert not app.has_class("-dark-mode")
        background = app.screen.styles.background.hex
        app.theme = "reader-dark"  # a live change still re-parses and restyles
        await settle(pilot)
        assert reparses and app.screen.styles.background.hex != background


FOCUS_STATES = {"focus", "blur", "focus-within"}


async def test_no_style_rule_depends_on_the_articles_focus(
    make_app: Callable[..., ReaderApp], story: tuple[str, str]
) -> None:
    app = make_app(story[0])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        parts = [
            part
            for rule in app.stylesheet.rules
            for selector in rule.selector_set
            for part in selector.selectors
            if FOCUS_STATES & part.pseudo_classes
        ]
        assert parts  # the rules of Textual's own inputs and lists are there
        assert not [part.css for part in parts if part.check(view)]
