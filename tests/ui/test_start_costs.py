"""What keeps the first frame cheap stays true: one parse of the stylesheet (no re-parse for
the theme), no style rule that depends on the article's focus (the article skips Textual's
restyle on focus, which re-applies its twenty highlight classes), and those classes styled
after the first paint."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual import events
from textual.app import App
from textual.css.stylesheet import Stylesheet
from textual.design import ColorSystem
from textual.dom import DOMNode

from reader.ui.app import ReaderApp
from reader.ui.app_styles import LATER_CSS_PATH, LIBRARY_CSS_PATH
from reader.ui.screens.reading_setup import ReadingSetup
from reader.ui.widgets.article_highlights import FIRST_FRAME_CLASSES
from reader.ui.widgets.article_styles import CURSOR_CLASS
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


async def test_the_first_frame_styles_only_the_cursor_of_the_highlight_classes(
    make_app: Callable[..., ReaderApp], story: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual styles each component class as a node of its own, on every restyle: before the
    first paint only the cursor's (nothing else can show), the twenty others, and their CSS,
    after it. A
    highlight drawn earlier styles them on demand (``tests/ui/test_article_view.py`` draws
    every kind in a bare harness that never calls ``style_highlights``)."""

    async def not_yet(self: ReadingSetup) -> None:
        return None

    monkeypatch.setattr(ReadingSetup, "complete", not_yet)
    app = make_app(story[0])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert set(view._component_styles) == set(FIRST_FRAME_CLASSES)
        sources = app.stylesheet.source
        assert not [css for css in sources.values() if css.content == view.HIGHLIGHT_CSS]
        view.style_highlights()
        assert set(view._component_styles) == set(ArticleView.COMPONENT_CLASSES)
        assert [css for css in sources.values() if css.content == view.HIGHLIGHT_CSS]
        assert view._component_styles[CURSOR_CLASS].text_style.reverse


async def test_the_first_resume_keeps_the_styles_of_the_mount_and_later_ones_restyle(
    make_app: Callable[..., ReaderApp], story: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual restyles a resumed screen and every node in it: on the first resume, just
    after the screen styled what it mounted, that changes nothing; later, it may."""
    restyled: list[DOMNode] = []
    original = App.update_styles

    def recording(self: App[object], node: DOMNode, animate: bool = True) -> None:
        restyled.append(node)
        original(self, node, animate)

    monkeypatch.setattr(App, "update_styles", recording)
    app = make_app(story[0])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReadingSetup)
        assert screen not in restyled
        screen.post_message(events.ScreenResume())  # as Textual sends after a switch back
        await settle(pilot)
        assert screen in restyled


def test_the_app_works_out_the_theme_colours_once_and_for_its_own_theme(
    make_app: Callable[..., ReaderApp], story: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual's ``__init__`` works out the variables of its own default theme, which the
    reader's theme then replaces: the app skips that first, unused colour system."""
    generated: list[ColorSystem] = []
    original = ColorSystem.generate

    def counting(self: ColorSystem) -> dict[str, str]:
        generated.append(self)
        return original(self)

    monkeypatch.setattr(ColorSystem, "generate", counting)
    app = make_app(story[0], "reader-light")
    assert len(generated) == 1
    theme = app.get_theme("reader-light")
    assert theme is not None and theme.background is not None
    assert app.theme_variables["background"].lower() == theme.background.lower()


async def test_later_screens_rules_come_after_the_first_screen_and_before_any_dialog(
    make_app: Callable[..., ReaderApp], story: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``screens.tcss`` and ``library.tcss`` are not parsed for a document's first frame; a
    dialog opened at once (before the reading screen completes itself) is styled all the
    same, and the library's rules come with it."""

    async def not_yet(self: ReadingSetup) -> None:
        return None

    monkeypatch.setattr(ReadingSetup, "complete", not_yet)
    app = make_app(story[0])
    later, library = str(LATER_CSS_PATH), str(LIBRARY_CSS_PATH)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReadingSetup)
        assert not app.stylesheet.has_source(later, "")
        assert not app.stylesheet.has_source(library, "")
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.stylesheet.has_source(later, "")
        assert app.stylesheet.has_source(library, "")
        box = app.screen.query_one(".dialog")
        assert box.styles.width is not None and box.styles.width.value == 84  # .help
        assert box.styles.border_top[0] == "round"


async def test_the_library_as_first_screen_has_its_rules_and_not_the_later_ones(
    make_app: Callable[..., ReaderApp],
) -> None:
    """``reader`` alone: ``library.tcss`` is read before the library, ``screens.tcss`` not."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.until_first_screen(pilot)
        assert app.stylesheet.has_source(str(LIBRARY_CSS_PATH), "")
        assert not app.stylesheet.has_source(str(LATER_CSS_PATH), "")
        title = app.screen.query_one("#library-title")
        assert title.styles.text_style.bold and title.styles.height is not None
        table_height = app.screen.query_one("#library-table").styles.height
        assert table_height is not None and table_height.unit.name == "FRACTION"


def test_the_private_textual_hooks_the_start_overrides_still_exist() -> None:
    """``ReaderApp`` and the article override two private Textual methods to keep the first
    frame cheap (``app_styles``, ``article_highlights``). Textual is pinned to 8.x, but a
    release that renamed one would silently leave later screens unstyled or every highlight
    class styled early: this fails first, naming the hook."""
    from textual.scroll_view import ScrollView

    assert callable(getattr(App, "_load_screen_css", None)), "App._load_screen_css"
    assert callable(getattr(ScrollView, "_get_component_classes", None)), (
        "Widget._get_component_classes"
    )
