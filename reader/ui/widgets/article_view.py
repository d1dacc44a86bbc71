"""The article view: a Line-API widget with a cursor, visual selection, find and layers.

Attributes down, messages up: it posts ``CursorMoved``, ``SelectionChanged``/``SelectionCleared``
and ``FindChanged`` (``reader.ui.messages``); drawing and layout live in ``ArticleCanvas``.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.actions import SkipAction
from textual.binding import BindingType
from textual.geometry import Offset
from textual.reactive import var
from textual.selection import Selection

from reader.ui.failures import GuardedHandlers
from reader.ui.keymap import bindings
from reader.ui.messages import CursorMoved, FindChanged, SelectionChanged, SelectionCleared
from reader.ui.widgets import article_motions as motions
from reader.ui.widgets.article_canvas import ArticleCanvas
from reader.ui.widgets.article_styles import AnnotationSpan

__all__ = ["AnnotationSpan", "ArticleView"]

MEASURE_STEP = 4


class ArticleView(GuardedHandlers, ArticleCanvas, can_focus=True):
    """A scrollable, highlighted article with a vim-like cursor."""

    ALLOW_SELECT = True
    BINDINGS: ClassVar[list[BindingType]] = bindings("article")

    cursor = var(0)
    """The cursor's document offset (always on a character inside a paragraph)."""

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._anchor: int | None = None
        self._goal_column: int | None = None
        self._mouse_selection = False

    def watch_has_focus(self, _has_focus: bool) -> None:
        """No rule styles the article by focus (a test checks): skip Textual's restyle."""

    def load(self, text: str, paragraphs: list[tuple[int, int]]) -> None:
        """Show a new text; the cursor goes to its start, selection and find are cleared."""
        self._anchor = None
        self._set_selection(None)
        super().load(text, paragraphs)
        self.set_reactive(ArticleView.cursor, self._paragraphs.clamp(0))
        self._cursor_offset = self.cursor

    # -- cursor ---------------------------------------------------------------------------

    def validate_cursor(self, offset: int) -> int:
        """The cursor rests on a character of a paragraph."""
        return self._paragraphs.clamp(offset)

    def watch_cursor(self, old: int, new: int) -> None:
        """Repaint the two cursor cells, follow with the view, extend a visual selection."""
        self._cursor_offset = new
        self._invalidate(old, old + 1)
        self._invalidate(new, new + 1)
        if self._anchor is not None:
            anchor = self._anchor
            if new >= anchor:
                self._set_selection((anchor, motions.selection_end(self._text, anchor, new)))
            else:
                self._set_selection((new, anchor + 1))
        self.scroll_to_offset(new, top=False)
        self.post_message(CursorMoved(new))

    def _move_to(self, offset: int, *, keep_goal: bool = False) -> None:
        if not keep_goal:
            self._goal_column = None
        self.cursor = offset

    def action_move(self, motion: str) -> None:
        """Apply a motion of ``article_motions`` by name (characters, words, ...)."""
        self._move_to(getattr(motions, motion)(self._paragraphs, self.cursor))

    def action_word_end(self) -> None:
        """``e`` while selecting: extend to the end of the word (else ``e`` edits a note)."""
        if self._anchor is None:
            raise SkipAction()
        self._move_to(motions.word_end(self._paragraphs, self.cursor))

    def _line_target(self, lines: int) -> int:
        """The offset ``lines`` display lines away, at the remembered column."""
        layout = self._layout
        line, column = layout.position_of(self.cursor)
        if self._goal_column is None:
            self._goal_column = column
        last = layout.line_count - 1
        target = max(0, min(last, line + lines))
        if layout.locate_exact(target).line < 0:
            step = 1 if lines > 0 else -1
            target = target + step if 0 <= target + step <= last else target - step
        start, end = layout.line_span(target)
        return min(layout.offset_at(target, self._goal_column), max(start, end - 1))

    def action_line(self, lines: int) -> None:
        """Move the cursor ``lines`` display lines down (negative: up), keeping the column."""
        self._move_to(self._line_target(lines), keep_goal=True)

    def action_page(self, pages: int) -> None:
        """Scroll a page and move the cursor as many lines."""
        height = max(1, self.scrollable_content_region.height)
        target = self._line_target(pages * height)
        self.scroll_to(y=self.scroll_y + pages * height, animate=False)
        self._move_to(target, keep_goal=True)

    def action_top(self) -> None:
        """The start of the document (the view follows even if the cursor was already there,
        e.g. after scrolling with the mouse)."""
        self.move_cursor_to(0)

    def action_bottom(self) -> None:
        """The start of the last line."""
        if self._paragraphs.spans:
            line, _ = self._layout.position_of(self._paragraphs.spans[-1][1])
            self.move_cursor_to(self._layout.line_span(line)[0])

    def _jump(
        self, starts: list[int], direction: int, *, wrap: bool = False, origin: int | None = None
    ) -> int | None:
        """Move to the next/previous of ``starts`` after/before the cursor (or ``origin``)."""
        find = motions.next_start if direction > 0 else motions.previous_start
        target = find(starts, self.cursor if origin is None else origin, wrap=wrap)
        if target is not None:
            self._move_to(target)
            self.place_third(target)
        return target

    def place_third(self, offset: int) -> None:
        """A jump's target off the comfortable middle of the view goes a third of the way
        down: the lines before it (a quotation's speaker) show, and no edge hides it."""
        line, _ = self._layout.position_of(offset)
        height = max(1, self.scrollable_content_region.height)
        top = round(self.scroll_y)
        if not top + 2 <= line <= top + height - 4:
            self.scroll_to(y=max(0, line - height // 3), animate=False)

    def move_cursor_to(self, offset: int) -> None:
        """Put the cursor on ``offset`` (clamped into a paragraph) and bring it into view."""
        self._move_to(offset)
        self.scroll_to_offset(self.cursor, top=False)
        self.place_third(self.cursor)

    def action_quote(self, direction: int) -> None:
        """The start of the next (1) or previous (-1) quotation."""
        self._jump(self._quotes.starts, direction)

    def action_annotation(self, direction: int) -> None:
        """The start of the next (1) or previous (-1) annotation."""
        self._jump(self._annotations.starts, direction)

    def cursor_line_info(self) -> tuple[int, int]:
        """(cursor's display line, 1-based; total display lines) for a status bar."""
        if not self._paragraphs.spans:
            return 0, 0
        line, _ = self._layout.position_of(self.cursor)
        return line + 1, self._layout.line_count

    # -- selection ---------------------------------------------------------------------------

    @property
    def selection(self) -> tuple[int, int] | None:
        """The selected document offsets (end exclusive), from keys or the mouse."""
        return self._highlight_selection

    def _set_selection(self, selection: tuple[int, int] | None) -> None:
        old = self._highlight_selection
        if selection == old:
            return
        self._highlight_selection = selection
        spans = [s for s in (old, selection) if s is not None]
        self._invalidate(min(s[0] for s in spans), max(s[1] for s in spans))
        if selection is None:
            self.post_message(SelectionCleared())
        else:
            self.post_message(SelectionChanged(*selection))

    def _select(self, span: tuple[int, int] | None) -> None:
        """Select ``span`` as if by ``v`` and motions: the cursor on its last character."""
        if span is None or span[1] <= span[0]:
            self.app.bell()
            return
        self._end_mouse_selection()
        self._anchor = span[0]
        self._set_selection(span)
        self._move_to(span[1] - 1)

    def action_visual(self) -> None:
        """Start (or restart) a selection at the cursor."""
        self._end_mouse_selection()
        self._anchor = self.cursor
        self._set_selection((self.cursor, self.cursor + 1))

    def action_select_sentence(self) -> None:
        """Select the sentence under the cursor."""
        self._select(motions.sentence_at(self._paragraphs, self.cursor))

    def action_select_entity(self) -> None:
        """Select the entity under the cursor."""
        found = self._entities.containing(self.cursor)
        self._select((found[0].start, found[0].end) if found else None)

    def action_select_quote(self) -> None:
        """Select the (innermost) quotation under the cursor."""
        found = sorted(self._quotes.containing(self.cursor), key=lambda s: s.end - s.start)
        self._select((found[0].start, found[0].end) if found else None)

    def clear_selection(self) -> None:
        """Drop the selection (keyboard or mouse); the cursor stays."""
        self._anchor = None
        self._end_mouse_selection()
        self._set_selection(None)

    def action_cancel(self) -> None:
        """Escape: cancel the selection, or else clear the find highlights."""
        if self._highlight_selection is not None or self._anchor is not None:
            self.clear_selection()
        else:
            self.clear_find()

    def _end_mouse_selection(self) -> None:
        if self._mouse_selection:
            self._mouse_selection = False
            if self.is_attached:
                self.screen.clear_selection()

    def _point_offset(self, point: Offset | None, default: int) -> int:
        """A selection point (character index in a rendered line, line) as a document offset."""
        if point is None or not self._paragraphs.spans:
            return default
        start, end = self._layout.line_span(point.y)
        return start + max(0, min(point.x - self._left_pad(), end - start))

    def _mouse_span(self, selection: Selection) -> tuple[int, int]:
        start = self._point_offset(selection.start, 0)
        return start, max(start, self._point_offset(selection.end, len(self._text)))

    def selection_updated(self, selection: Selection | None) -> None:
        """Textual's mouse selection changed: map it to document offsets."""
        # Called from the screen's context: handle it in ours, so messages bubble to the app.
        self.call_next(self._apply_mouse_selection, selection)

    def _apply_mouse_selection(self, selection: Selection | None) -> None:
        if selection is None:
            if self._mouse_selection:
                self._mouse_selection = False
                self._set_selection(None)
            return
        start, end = self._mouse_span(selection)
        self._anchor = None
        self._mouse_selection = end > start
        self._set_selection((start, end) if end > start else None)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The selected text, for copying."""
        start, end = self._mouse_span(selection)
        return self._text[start:end], "\n"

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """A click puts the cursor on the character under the pointer."""
        point = event.get_content_offset(self)
        if point is None or not self._paragraphs.spans:
            return
        self._anchor = None
        line = round(self.scroll_y) + point.y
        start, end = self._layout.line_span(line)
        offset = self.offset_at_point(point)
        self._move_to(min(offset, max(start, end - 1)))

    # -- find ---------------------------------------------------------------------------------

    def find(self, query: str) -> int:
        """Highlight every case-insensitive match of ``query``; return how many.

        Whitespace in the query matches any run of whitespace, so a match may cross a line
        wrap or a hard-wrapped newline. The cursor does not move.
        """
        if not query.split():
            self.clear_find()
            return 0
        count = self._find.search(self._text, query)
        self._find_changed()
        return count

    @property
    def match_count(self) -> int:
        """How many matches the last ``find`` highlighted."""
        return self._find.count

    @property
    def find_matches(self) -> list[tuple[int, int]]:
        """Every match as (start, end) document offsets, in order."""
        return self._find.spans()

    @property
    def current_match(self) -> int | None:
        """0-based index of the match the cursor was last moved to, or None."""
        return self._find.current

    def find_next(self, from_offset: int | None = None) -> None:
        """Move the cursor to the next match's first character (wrapping around).

        With ``from_offset``, to the first match starting at or after it instead.
        """
        origin = None if from_offset is None else from_offset - 1
        self._step_match(1, origin)

    def find_previous(self, from_offset: int | None = None) -> None:
        """Move the cursor to the previous match's first character (wrapping around).

        With ``from_offset``, to the last match starting at or before it instead.
        """
        origin = None if from_offset is None else from_offset + 1
        self._step_match(-1, origin)

    def _step_match(self, direction: int, origin: int | None) -> None:
        before = self.cursor if origin is None else origin
        target = self._jump(self._find.starts, direction, wrap=True, origin=origin)
        if target is not None and (target - before) * direction <= 0:
            where = "top" if direction > 0 else "bottom"
            self.notify(f"Find wrapped to the {where}.", timeout=1.5)
        if target is not None:
            self._find.reach(target)
            self._find_changed()

    def clear_find(self) -> None:
        """Remove the find highlights; never moves the cursor."""
        if self._find.clear():
            self._find_changed()

    def _find_changed(self) -> None:
        self._invalidate()
        self.post_message(FindChanged(self._find.count, self._find.current))

    def action_find_next(self) -> None:
        """``n``."""
        self._say_if_no_match()
        self.find_next()

    def _say_if_no_match(self) -> None:
        if not self._find.count:
            self.notify("No match (press / to find).", timeout=2)

    def action_find_previous(self) -> None:
        """``N``."""
        self._say_if_no_match()
        self.find_previous()

    # -- view ---------------------------------------------------------------------------------

    def action_toggle_layer(self, layer: str) -> None:
        """Show or hide a highlight layer (``show_entities``, ...)."""
        setattr(self, layer, not getattr(self, layer))

    def watch_show_entities(self) -> None:
        """Layer toggles restyle every line."""
        self._invalidate()

    def watch_show_quotes(self) -> None:
        """Layer toggles restyle every line."""
        self._invalidate()

    def watch_show_annotations(self) -> None:
        """Layer toggles restyle every line."""
        self._invalidate()

    def widen(self) -> None:
        """A wider measure (``+``)."""
        self.measure += MEASURE_STEP

    def narrow(self) -> None:
        """A narrower measure (``-``), never below the minimum."""
        self.measure -= MEASURE_STEP

    def action_widen(self) -> None:
        """``+``."""
        self.widen()

    def action_narrow(self) -> None:
        """``-``."""
        self.narrow()
