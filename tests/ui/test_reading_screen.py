"""The reading screen driven by keys, as a user would: cursor, find, layers, panel, screens.

A short document whose paragraphs never wrap (each is one display line, with a blank line
between paragraphs) makes every expected cursor offset easy to check by hand; its analysis
is written by hand into the test's cache, so no spaCy process starts.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content
from textual.widgets import Input

from reader.core.service import ReaderService
from reader.core.settings import load_settings
from reader.paths import resolve_paths
from reader.ui.app import ReaderApp
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.search import SearchScreen
from reader.ui.widgets.side_panel import SidePanel
from tests.ui.conftest import SIZE
from tests.ui.test_reading_screen_helpers import (
    PARAGRAPHS,
    article,
    notices,
    reading,
    settle,
)


def starts(text: str) -> list[int]:
    """Where each paragraph of the story starts."""
    return [text.index(paragraph) for paragraph in PARAGRAPHS]


async def test_the_text_and_its_cached_highlights_show_on_mount(
    make_app: Callable[..., ReaderApp], story: tuple[str, str]
) -> None:
    path, text = story
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reading(app)
        assert screen.analysis is not None
        assert screen.job is None  # a cache hit starts no analysis process
        title = screen.document.title
        assert str(app.screen.query_one("#status").render()).startswith(title)
        assert [q.start for q in screen.analysis.quotes] == [
            text.index("“we"),
            text.index("“It"),
            text.index("“urgent"),
            text.index("“We"),
            text.index("“closed"),
        ]


async def test_line_character_and_word_motions(
    make_app: Callable[..., ReaderApp], story: tuple[str, str]
) -> None:
    path, text = story
    p = starts(text)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = article(app)
        assert view.cursor == 0
        await pilot.press("j")
        assert view.cursor == p[1]  # the blank line between paragraphs is skipped
        await pilot.press("down", "down")
        assert view.cursor == p[3]
        await pilot.press("k", "up")
        assert view.cursor == p[1]
        await pilot.press("l", "right", "l")
        assert view.cursor == p[1] + 3
        await pilot.press("h")
        assert view.cursor == p[1] + 2
        await pilot.press("left")
        assert view.cursor == p[1] + 1
        # The column is kept across lines: "n" of "Ann" -> "“I" is column 1 of paragraph 2.
        await pilot.press("j")
        assert view.cursor == p[2] + 1
        await pilot.press("g", "j", "w")
        assert view.cursor == p[1] + len("Ann ")
        await pilot.press("w")
        assert view.cursor == p[1] + len("Ann Lee ")
        await pilot.press("b", "b")
        assert view.cursor == p[1]


async def test_paragraph_top_and_bottom_motions(
    make_app: Callable[..., ReaderApp], story: tuple[str, str]
) -> None:
    path, text = story
    p = starts(text)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = article(app)
        await pilot.press("right_curly_bracket")
        assert view.cursor == p[1]
        await pilot.press("right_curly_bracket", "right_curly_bracket")
        assert view.cursor == p[3]
        await pilot.press("left_curly_bracket")
        assert view.cursor == p[2]
        await pilot.press("G")
        assert view.cursor == p[5]
        await pilot.press("g")
        assert view.cursor == 0


async def test_quotation_jumps_and_annotation_jumps(
    make_app: Callable[..., ReaderApp], service: ReaderService, story: tuple[str, str]
) -> None:
    path, text = story
    document = service.open_document(path).document
    late = text.index("all week")
    early = text.index("Bob Ray")
    service.add_annotation(document.id, late, late + len("all week"), note="late")
    service.add_annotation(document.id, early, early + len("Bob Ray"), note="early")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = article(app)
        await pilot.press("right_square_bracket")
        assert view.cursor == text.index("“we will")
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert view.cursor == text.index("“urgent")
        await pilot.press("left_square_bracket")
        assert view.cursor == text.index("“It costs")
        await pilot.press("g", "greater_than_sign")
        assert view.cursor == early
        await pilot.press("greater_than_sign")
        assert view.cursor == late
        await pilot.press("less_than_sign")
        assert view.cursor == early


async def test_find_enter_puts_the_cursor_on_the_match_and_escape_keeps_it(
    make_app: Callable[..., ReaderApp], story: tuple[str, str]
) -> None:
    path, text = story
    first = text.index("Ann Lee")
    second = text.index("Ann Lee", first + 1)
    third = text.index("Ann Lee", second + 1)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = article(app)
        bar = app.screen.query_one("#find-bar")
        assert not bar.display
        await pilot.press("slash")
        assert bar.display and bar.has_focus
        await pilot.press(*"ANN lee")  # case-insensitive
        await settle(pilot)
        assert view.match_count == 3
        assert view.cursor == 0  # typing highlights, it does not move the cursor
        assert "3 matches" in str(app.screen.query_one("#status").render())
        await pilot.press("enter")
        await settle(pilot)
        assert not bar.display and view.has_focus
        assert view.cursor == first
        await pilot.press("n")
        assert view.cursor == second
        await pilot.press("n", "n")
        assert view.cursor == first  # wraps around
        await pilot.press("N")
        assert view.cursor == third
        assert "match 3/3" in str(app.screen.query_one("#status").render())
        await pilot.press("escape")
        await settle(pilot)
        assert view.match_count == 0
        assert view.cursor == third


async def test_find_enter_goes_to_the_first_match_after_the_cursor(
    make_app: Callable[..., ReaderApp], story: tuple[str, str]
) -> None:
    path, text = story
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = article(app)
        await pilot.press("right_curly_bracket", "right_curly_bracket", "slash", *"said")
        await pilot.press("enter")
        await settle(pilot)
        # From "“It costs…" the next "said" is Bob Ray's, not Ann Lee's before it.
        assert view.cursor == text.index("said.")
        await pilot.press("slash", "escape")
        await settle(pilot)
        # Escape in the find bar closes it; the highlights stay until escape in the article.
        assert not app.screen.query_one("#find-bar").display
        assert view.has_focus and view.match_count == 3


async def test_layer_keys_toggle_highlights_say_so_and_update_the_legend(
    make_app: Callable[..., ReaderApp], story: tuple[str, str]
) -> None:
    path, _ = story
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = article(app)
        legend = app.screen.query_one("#legend")

        def struck_words() -> list[str]:
            content = legend.render()
            assert isinstance(content, Content)
            return [
                content.plain[span.start : span.end]
                for span in content.spans
                if "strike" in str(span.style)
            ]

        assert struck_words() == []
        await pilot.press("1")
        await settle(pilot)
        assert (view.show_entities, view.show_quotes, view.show_annotations) == (
            False,
            True,
            True,
        )
        assert "Entities: hidden" in notices(app)
        assert struck_words() == ["person", "org", "place", "group", "date", "number", "other"]
        await pilot.press("2", "3")
        await settle(pilot)
        assert not view.show_quotes and not view.show_annotations
        assert {"Quotes: hidden", "Notes: hidden"} <= set(notices(app))
        await pilot.press("1", "2", "3")
        await settle(pilot)
        assert view.show_entities and view.show_quotes and view.show_annotations
        assert "Entities: shown" in notices(app)


async def test_p_hides_and_shows_the_side_panel_and_the_text_widens(
    make_app: Callable[..., ReaderApp], story: tuple[str, str]
) -> None:
    path, _ = story
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(SidePanel)
        view = article(app)
        narrow = view.size.width
        assert panel.display
        await pilot.press("p")
        await settle(pilot)
        assert not panel.display and view.has_focus
        assert view.size.width > narrow
        await pilot.press("p")
        await settle(pilot)
        assert panel.display


async def test_plus_and_minus_change_the_measure_and_it_is_remembered(
    make_app: Callable[..., ReaderApp], story: tuple[str, str]
) -> None:
    path, _ = story
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = article(app)
        assert view.measure == 88
        await pilot.press("plus")
        assert view.measure == 92
        await pilot.press("minus", "minus", "minus")
        await settle(pilot)
        assert view.measure == 80
    assert load_settings(resolve_paths().settings_file).measure == 80
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert article(app).measure == 80


async def test_help_search_and_palette_open_from_the_reading_screen(
    make_app: Callable[..., ReaderApp], story: tuple[str, str]
) -> None:
    path, _ = story
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        reading(app)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("escape")
        reading(app)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert type(app.screen).__name__ == "ReaderCommandPalette"  # keeps the colours


async def test_keys_typed_into_the_find_bar_are_text_not_commands(
    make_app: Callable[..., ReaderApp], story: tuple[str, str]
) -> None:
    path, _ = story
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"s? q p1T")
        await settle(pilot)
        screen = reading(app)
        assert screen.query_one("#find-bar", Input).value == "s? q p1T"
        assert screen.query_one(SidePanel).display
        assert article(app).show_entities
        assert app.return_code is None


async def test_sentence_motions(make_app: Callable[..., ReaderApp], story: tuple[str, str]) -> None:
    path, text = story
    p = starts(text)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = article(app)
        # Each paragraph of the story is one sentence.
        await pilot.press("right_parenthesis")
        assert view.cursor == p[1]
        await pilot.press("right_parenthesis", "right_parenthesis")
        assert view.cursor == p[3]
        await pilot.press("left_parenthesis")
        assert view.cursor == p[2]


async def test_t_restyles_the_article_in_the_next_theme(
    make_app: Callable[..., ReaderApp], story: tuple[str, str]
) -> None:
    path, _ = story
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = article(app)
        row = 2  # "Ann Lee said “we will rebuild” on Monday."

        def person_colour() -> object:
            segment = next(s for s in view.render_line(row) if s.text.startswith("Ann Lee"))
            assert segment.style is not None
            return segment.style.color

        before_theme, before = app.theme, person_colour()
        await pilot.press("T")
        await settle(pilot)
        assert app.theme != before_theme
        assert person_colour() != before
