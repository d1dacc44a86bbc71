"""ArticleView in a small harness app: keys, selection, find, layers, mouse and position."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from rich.color import Color
from rich.style import Style
from textual.app import App, ComposeResult
from textual.message import Message
from textual.pilot import Pilot

from reader.core.analysis.results import EntityMention, ParagraphResult, Quote, QuoteKind
from reader.core.text import paragraph_spans
from reader.ui.messages import (
    CursorMoved,
    FindChanged,
    SelectionChanged,
    SelectionCleared,
    ViewportChanged,
)
from reader.ui.palette import palette_defaults
from reader.ui.widgets.article_view import AnnotationSpan, ArticleView

PALETTE_DEFAULTS = palette_defaults()

P0 = "One two three four five six seven eight nine ten."
P1 = "Ann said “we win” today. Then she left."
P2 = "Last paragraph\nhere."
TEXT = f"{P0}\n\n{P1}\n\n{P2}"
S1 = TEXT.index(P1)
S2 = TEXT.index(P2)
# At a measure of 30 cells P0 wraps after "six " (28 characters): "seven" starts line 1.
SEVEN = TEXT.index("seven")
QUOTE = (TEXT.index("“"), TEXT.index("”") + 1)


class Harness(App[None]):
    """Mounts one ArticleView and records the messages it posts."""

    def __init__(self, text: str = TEXT) -> None:
        super().__init__()
        self.text = text
        self.messages: list[Message] = []

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(PALETTE_DEFAULTS)

    def compose(self) -> ComposeResult:
        yield ArticleView()

    def on_mount(self) -> None:
        view = self.query_one(ArticleView)
        view.measure = 30
        view.load(self.text, paragraph_spans(self.text))
        view.focus()

    def on_cursor_moved(self, message: CursorMoved) -> None:
        self.messages.append(message)

    def on_selection_changed(self, message: SelectionChanged) -> None:
        self.messages.append(message)

    def on_selection_cleared(self, message: SelectionCleared) -> None:
        self.messages.append(message)

    def on_find_changed(self, message: FindChanged) -> None:
        self.messages.append(message)

    def on_viewport_changed(self, message: ViewportChanged) -> None:
        self.messages.append(message)


@asynccontextmanager
async def running(
    text: str = TEXT, size: tuple[int, int] = (50, 12)
) -> AsyncIterator[tuple[Harness, Pilot[None], ArticleView]]:
    app = Harness(text)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        yield app, pilot, app.query_one(ArticleView)


def style_at(view: ArticleView, y: int, text_index: int) -> Style:
    """Style of the cell showing character ``text_index`` of the line's text (no padding)."""
    strip = view.render_line(y)
    pad = len(strip.text) - len(strip.text.lstrip(" "))
    column = 0
    for segment in strip:
        if column + len(segment.text) > pad + text_index:
            return segment.style or Style()
        column += len(segment.text)
    raise AssertionError("cell out of range")


def line_text(view: ArticleView, y: int) -> str:
    return view.render_line(y).text.strip()


async def test_first_screen_is_wrapped_at_the_measure() -> None:
    async with running() as (_, _, view):
        assert line_text(view, 0) == "One two three four five six"
        assert line_text(view, 1) == "seven eight nine ten."
        assert line_text(view, 2) == ""
        assert line_text(view, 3).startswith("Ann said")
        assert view.cursor == 0


async def test_line_motions_keep_the_column_and_skip_blank_lines() -> None:
    async with running() as (app, pilot, view):
        await pilot.press("l", "l")
        assert view.cursor == 2
        await pilot.press("j")
        assert view.cursor == SEVEN + 2
        await pilot.press("down")
        assert view.cursor == S1 + 2
        await pilot.press("k")
        assert view.cursor == SEVEN + 2
        await pilot.press("up", "h", "left")
        assert view.cursor == 0
        await pilot.press("right")
        assert view.cursor == 1
        assert [m.offset for m in app.messages if isinstance(m, CursorMoved)][-1] == 1


async def test_the_column_is_remembered_across_a_short_line() -> None:
    async with running() as (_, pilot, view):
        await pilot.press(*["l"] * 25)
        assert view.cursor == 25
        # Line 1 ("seven eight nine ten.") is 21 characters: the cursor stops on its last.
        await pilot.press("j")
        assert view.cursor == SEVEN + 20
        await pilot.press("k")
        assert view.cursor == 25


async def test_character_motion_crosses_paragraphs() -> None:
    async with running() as (_, pilot, view):
        view.cursor = len(P0) - 1
        await pilot.press("l")
        assert view.cursor == S1
        await pilot.press("h")
        assert view.cursor == len(P0) - 1


async def test_word_paragraph_and_sentence_motions() -> None:
    async with running() as (_, pilot, view):
        await pilot.press("w", "w")
        assert view.cursor == TEXT.index("three")
        await pilot.press("b")
        assert view.cursor == TEXT.index("two")
        await pilot.press("}")
        assert view.cursor == S1
        await pilot.press("}")
        assert view.cursor == S2
        await pilot.press("{")
        assert view.cursor == S1
        await pilot.press("w")
        await pilot.press("{")
        assert view.cursor == S1
        await pilot.press(")")
        assert view.cursor == TEXT.index("Then")
        await pilot.press(")")
        assert view.cursor == S2
        await pilot.press("(")
        assert view.cursor == TEXT.index("Then")
        await pilot.press("(", "(")
        assert view.cursor == 0


async def test_top_bottom_quote_and_annotation_jumps() -> None:
    async with running() as (_, pilot, view):
        view.set_quotes([Quote(*QUOTE, "“we win”", QuoteKind.SPOKEN)])
        view.set_annotations([AnnotationSpan("a1", S2, S2 + 4, "green")])
        await pilot.press("]")
        assert view.cursor == QUOTE[0]
        await pilot.press("]")
        assert view.cursor == QUOTE[0]
        await pilot.press(">")
        assert view.cursor == S2
        await pilot.press("<")
        assert view.cursor == S2
        await pilot.press("G")
        # P2 ("Last paragraph here.", 20 cells) is one line: its start.
        assert view.cursor == S2
        await pilot.press("[")
        assert view.cursor == QUOTE[0]
        await pilot.press("g")
        assert view.cursor == 0


async def test_visual_selection_follows_motions_and_escape_cancels() -> None:
    async with running() as (app, pilot, view):
        await pilot.press("w", "v", "w")
        # The cursor is on "three"; the selection ends with "two", never inside "three".
        assert view.selection == (TEXT.index("two"), TEXT.index("two") + 3)
        # Column 8 ("t" of "three") on the next line is the "g" of "eight".
        await pilot.press("j")
        assert view.selection == (TEXT.index("two"), TEXT.index("eight") + 3)
        await pilot.press("escape")
        assert view.selection is None
        assert view.cursor == TEXT.index("eight") + 2
        kinds = [type(m) for m in app.messages if not isinstance(m, CursorMoved)]
        assert kinds[-1] is SelectionCleared and SelectionChanged in kinds


async def test_text_objects_select_sentence_entity_and_quote() -> None:
    async with running() as (_, pilot, view):
        view.set_entities([EntityMention(S1, S1 + 3, "Ann", "PERSON", "e1")])
        view.set_quotes([Quote(*QUOTE, "“we win”", QuoteKind.SPOKEN)])
        view.cursor = TEXT.index("she")
        await pilot.press("S")
        assert view.selection == (TEXT.index("Then"), TEXT.index("left.") + 5)
        view.cursor = S1 + 1
        await pilot.press("E")
        assert view.selection == (S1, S1 + 3)
        view.cursor = TEXT.index("win")
        await pilot.press("Q")
        assert view.selection == QUOTE
        await pilot.press("escape")
        assert view.selection is None


async def test_find_matches_across_a_wrap_and_a_newline() -> None:
    async with running() as (app, pilot, view):
        assert view.find("SIX   seven") == 1
        assert view.find("paragraph here") == 1
        assert view.find("e") == TEXT.lower().count("e")
        assert view.current_match is None
        await pilot.press("n")
        assert view.cursor == TEXT.index("e")
        assert view.current_match == 0
        await pilot.press("N")
        assert view.cursor == TEXT.rindex("e")
        assert view.current_match == view.match_count - 1
        finds = [m for m in app.messages if isinstance(m, FindChanged)]
        assert finds[-1].current == view.match_count - 1


async def test_escape_after_find_clears_highlights_and_never_moves_the_cursor() -> None:
    async with running() as (_, pilot, view):
        view.cursor = 5
        view.find("seven")
        await pilot.pause()
        match_bg = Color.parse(PALETTE_DEFAULTS["find-match-background"])
        assert style_at(view, 1, 0).bgcolor == match_bg
        await pilot.press("escape")
        assert view.cursor == 5
        assert view.match_count == 0
        assert style_at(view, 1, 0).bgcolor != match_bg


async def test_layer_toggles_change_an_entity_cells_style() -> None:
    async with running() as (_, pilot, view):
        view.set_entities([EntityMention(S1, S1 + 3, "Ann", "PERSON", "e1")])
        view.set_quotes([Quote(*QUOTE, "“we win”", QuoteKind.SPOKEN)])
        await pilot.pause()
        person = Color.parse(PALETTE_DEFAULTS["entity-person"])
        quote_column = QUOTE[0] - S1 + 1
        assert style_at(view, 3, 1).color == person and style_at(view, 3, 1).underline
        assert style_at(view, 3, quote_column).italic
        await pilot.press("1")
        assert not view.show_entities
        assert style_at(view, 3, 1).color != person and not style_at(view, 3, 1).underline
        await pilot.press("2")
        assert not style_at(view, 3, quote_column).italic
        await pilot.press("1", "2")
        assert style_at(view, 3, 1).underline and style_at(view, 3, quote_column).italic


async def test_nested_annotations_show_the_innermost_colour_and_mark_the_overlap() -> None:
    async with running() as (_, pilot, view):
        view.set_annotations(
            [AnnotationSpan("outer", 0, 13, "yellow"), AnnotationSpan("inner", 4, 7, "blue")]
        )
        await pilot.press("3", "3")
        yellow = Color.parse(PALETTE_DEFAULTS["annotation-yellow"])
        blue = Color.parse(PALETTE_DEFAULTS["annotation-blue"])
        outer_only, both = style_at(view, 0, 1), style_at(view, 0, 5)
        assert outer_only.bgcolor == yellow and not outer_only.underline2
        assert both.bgcolor == blue and both.underline2
        await pilot.press("3")
        assert style_at(view, 0, 5).bgcolor not in (yellow, blue)
        await pilot.press("3")
        # Equal spans: the latest annotation's colour wins, and they still count as overlap.
        view.set_annotations([AnnotationSpan("a", 0, 3, "blue"), AnnotationSpan("b", 0, 3, "pink")])
        pink = Color.parse(PALETTE_DEFAULTS["annotation-pink"])
        assert style_at(view, 0, 1).bgcolor == pink and style_at(view, 0, 1).underline2


async def test_streamed_paragraph_results_merge_into_the_highlights() -> None:
    async with running() as (_, pilot, view):
        view.set_entities([EntityMention(0, 3, "One", "CARDINAL", "e0")])
        await pilot.pause()
        first_line, ann_line = view.render_line(0), view.render_line(3)
        mention = EntityMention(S1, S1 + 3, "Ann", "PERSON", "e1")
        view.add_paragraph_result(ParagraphResult(1, S1, S1 + len(P1), (mention,)))
        await pilot.pause()
        # Only the streamed paragraph's lines were rebuilt; the first line is the cached one.
        assert view.render_line(0) is first_line
        assert view.render_line(3) is not ann_line
        assert style_at(view, 3, 0).color == Color.parse(PALETTE_DEFAULTS["entity-person"])
        assert style_at(view, 0, 0).color == Color.parse(PALETTE_DEFAULTS["entity-number"])


async def test_the_cursor_is_a_static_style_on_its_cell() -> None:
    async with running() as (_, pilot, view):
        await pilot.press("l")
        assert style_at(view, 0, 1).reverse
        assert not style_at(view, 0, 0).reverse
        first = view.render_line(0)
        await pilot.pause(0.6)
        assert view.render_line(0).text == first.text
        assert list(view.render_line(0)) == list(first)


async def test_mouse_drag_selects_exact_document_offsets() -> None:
    async with running() as (app, pilot, view):
        strip_text = view.render_line(0).text
        pad = len(strip_text) - len(strip_text.lstrip(" "))
        two = TEXT.index("two")
        await pilot.mouse_down(view, offset=(pad + two, 0))
        assert view.cursor == two
        await pilot.hover(view, offset=(pad + 2, 1))
        await pilot.mouse_up(view, offset=(pad + 2, 1))
        # From "t" of "two" to "v" of "seven" on the next line, inclusive.
        assert view.selection == (two, SEVEN + 3)
        assert app.screen.get_selected_text() == TEXT[two : SEVEN + 3]
        changed = [m for m in app.messages if isinstance(m, SelectionChanged)]
        assert (changed[-1].start, changed[-1].end) == (two, SEVEN + 3)


async def test_a_click_moves_the_cursor() -> None:
    async with running() as (_, pilot, view):
        strip_text = view.render_line(3).text
        pad = len(strip_text) - len(strip_text.lstrip(" "))
        await pilot.click(view, offset=(pad + 4, 3))
        assert view.cursor == S1 + 4
        assert view.selection is None


async def test_measure_changes_by_four_and_never_below_thirty() -> None:
    async with running(size=(80, 12)) as (_, pilot, view):
        await pilot.press("plus")
        assert view.measure == 34
        # 34 cells: "One two three four five six seven " is 34 characters.
        assert line_text(view, 0) == "One two three four five six seven"
        await pilot.press("minus", "minus", "minus")
        assert view.measure == 30
        assert line_text(view, 0) == "One two three four five six"


async def test_find_from_an_offset_and_move_cursor_to() -> None:
    async with running() as (_, _, view):
        assert view.find("e") == TEXT.lower().count("e")
        assert view.find_matches[0] == (TEXT.index("e"), TEXT.index("e") + 1)
        seven_e = TEXT.index("e", SEVEN)
        # From an offset that is itself a match start: that match (at or after).
        view.find_next(from_offset=seven_e)
        assert view.cursor == seven_e
        view.find_previous(from_offset=seven_e - 1)
        assert view.cursor == TEXT.rindex("e", 0, seven_e)
        view.move_cursor_to(S2 + 2)
        assert view.cursor == S2 + 2
        view.widen()
        assert view.measure == 34
        view.narrow()
        view.narrow()
        assert view.measure == 30
