"""The side panel from the keyboard: tabs, entity jumps, quote jumps, the speaker chart, notes.

The story's analysis is written by hand (see ``write_story``): Ann Lee is mentioned three
times and speaks twice (plus one scare quote), Bob Ray speaks once, a sign is unattributed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual.pilot import Pilot
from textual.widgets import OptionList, TabbedContent

from reader.core.service import ReaderService
from reader.ui.app import ReaderApp
from reader.ui.widgets.side_panel import BAR_WIDTH, excerpt, legend_markup
from tests.ui.conftest import SIZE
from tests.ui.test_reading_screen_helpers import (
    article,
    notices,
    reading,
    settle,
)


def _prompts(app: ReaderApp, list_id: str) -> list[str]:
    options = app.screen.query_one(f"#{list_id}", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def _focus_list(pilot: Pilot[None], tab_steps: int = 0) -> None:
    """Tab into the panel's tab bar, go right ``tab_steps`` tabs, then down into the list."""
    await pilot.press("tab")
    for _ in range(tab_steps):
        await pilot.press("right")
    await pilot.press("down")
    await settle(pilot)


async def test_entities_are_grouped_by_label_and_sorted_by_count(
    make_app: Callable[..., ReaderApp], story: tuple[str, str]
) -> None:
    path, _ = story
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert _prompts(app, "entity-list") == [
            "People",
            "  Ann Lee  (3)",
            "  Bob Ray  (1)",
            "Places",
            "  Portsmouth  (1)",
            "Dates and times",
            "  Monday  (1)",
        ]


async def test_choosing_an_entity_cycles_through_its_mentions(
    make_app: Callable[..., ReaderApp], story: tuple[str, str]
) -> None:
    path, text = story
    first = text.index("Ann Lee")
    second = text.index("Ann Lee", first + 1)
    third = text.index("Ann Lee", second + 1)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _focus_list(pilot)
        entities = app.screen.query_one("#entity-list", OptionList)
        assert entities.has_focus
        assert entities.highlighted_option is not None
        assert entities.highlighted_option.id == "ann"  # the first item, not the heading
        view = article(app)
        visited = []
        for _ in range(4):
            entities.focus()  # Enter hands the focus to the article (j/k move from there)
            await pilot.press("enter")
            await settle(pilot)
            assert view.has_focus
            visited.append(view.cursor)
        assert visited == [first, second, third, first]
        assert "Ann Lee: mention 2 of 3" in notices(app)
        entities.focus()
        await pilot.press("down", "enter")
        await settle(pilot)
        assert view.cursor == text.index("Bob Ray")


async def test_the_quotes_tab_lists_quotes_in_order_and_jumps_to_them(
    make_app: Callable[..., ReaderApp], story: tuple[str, str]
) -> None:
    path, text = story
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert _prompts(app, "quote-list") == [
            "Ann Lee — “we will rebuild”",
            "Bob Ray — “It costs too much,”",
            "Ann Lee — “urgent” (term)",
            "Ann Lee — “We are pleased,”",
            "unattributed — “closed”",
        ]
        await _focus_list(pilot, tab_steps=1)
        assert app.screen.query_one(TabbedContent).active == "tab-quotes"
        assert app.screen.query_one("#quote-list", OptionList).has_focus
        await pilot.press("down", "down", "down", "enter")
        await settle(pilot)
        assert article(app).cursor == text.index("“We are pleased")
        assert article(app).has_focus
        app.screen.query_one("#quote-list", OptionList).focus()
        await pilot.press("down", "enter")
        await settle(pilot)
        assert article(app).cursor == text.index("“closed")


async def test_the_speaker_chart_counts_quotes_per_speaker(
    make_app: Callable[..., ReaderApp], story: tuple[str, str]
) -> None:
    path, _ = story
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        chart = str(app.screen.query_one("#speaker-chart").render())
    # Ann Lee: two spoken quotes (her scare quote "urgent" is not speech); the longest bar
    # is BAR_WIDTH blocks and one quote is half of it. Names are padded to the longest.
    full, half = "█" * BAR_WIDTH, "█" * (BAR_WIDTH // 2)
    assert chart.splitlines() == [
        f"Ann Lee      {full} 2",
        f"Bob Ray      {half} 1",
        f"unattributed {half} 1",
    ]


async def test_left_and_right_in_a_list_switch_tabs_and_escape_returns_to_the_text(
    make_app: Callable[..., ReaderApp], story: tuple[str, str]
) -> None:
    path, _ = story
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tabs = app.screen.query_one(TabbedContent)
        await _focus_list(pilot)
        await pilot.press("right")
        await settle(pilot)
        assert tabs.active == "tab-quotes"
        assert app.screen.query_one("#quote-list").has_focus
        await pilot.press("right")
        await settle(pilot)
        assert tabs.active == "tab-annotations"
        await pilot.press("right")
        await settle(pilot)
        assert tabs.active == "tab-entities"  # wraps around
        await pilot.press("left")
        await settle(pilot)
        assert tabs.active == "tab-annotations"
        await pilot.press("escape")
        await settle(pilot)
        assert article(app).has_focus


async def test_the_notes_tab_lists_annotations_made_with_the_cli(
    make_app: Callable[..., ReaderApp], service: ReaderService, story: tuple[str, str]
) -> None:
    path, text = story
    from reader.cli import main

    for passage, note in (("all week", "how long?"), ("Bob Ray", "the sceptic")):
        with pytest.raises(SystemExit) as exit_info:
            main(["annotate", path, "--quote", passage, "--note", note, "--tag", "harbour"])
        assert exit_info.value.code == 0
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # In text order, whatever the order they were made in.
        assert _prompts(app, "annotation-list") == [
            "“Bob Ray”  the sceptic  #harbour",
            "“all week”  how long?  #harbour",
        ]
        await _focus_list(pilot, tab_steps=2)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert article(app).cursor == text.index("all week")


async def test_while_analysing_the_lists_say_so(
    make_app: Callable[..., ReaderApp], tmp_path: Path
) -> None:
    path = tmp_path / "fresh.txt"
    path.write_text("Nobody has analysed this yet.\n", encoding="utf-8")
    app = make_app(str(path))
    async with app.run_test(size=SIZE) as pilot:
        screen = reading(app)
        screen.stop_analysis()  # this test is about the moment before any result
        await settle(pilot)
        assert screen.analysis is None
        assert _prompts(app, "entity-list") == ["Analysing…"]
        assert _prompts(app, "quote-list") == ["Analysing…"]


def test_the_legend_strikes_out_hidden_layers() -> None:
    shown = legend_markup(True, True, True)
    assert "strike" not in shown
    assert "[$entity-person $entity-person-style]person[/]" in shown
    hidden = legend_markup(False, True, True)
    assert "[dim strike]person[/]" in hidden
    assert "[$quote $quote-style]“quote”[/]" in hidden


@given(st.lists(st.text(alphabet="ab \n", min_size=1, max_size=6), max_size=20))
def test_an_excerpt_keeps_the_first_words_on_one_line(words: list[str]) -> None:
    text = " ".join(words)
    cut = excerpt(text, 5)
    assert "\n" not in cut
    kept = cut.removesuffix("…").split()
    assert kept == text.split()[:5]
    assert cut.endswith("…") == (len(text.split()) > 5)
