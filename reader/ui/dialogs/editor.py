"""The annotation editor: a Markdown note, tags completed from existing ones, a colour.

The editor writes through a ``save`` function given by the screen, inside the ctrl+s key
handler: the annotation is durable before the key press returns, and a refused save (bad
input, a vanished annotation) keeps the dialog open with everything typed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.suggester import Suggester
from textual.widgets import Input, Select, Static, TextArea

from reader.core.models import normalise_tags
from reader.core.sanitize import safe, safe_line
from reader.core.text import quoted
from reader.errors import ReaderError, StaleEditError
from reader.ui.data_text import data_text
from reader.ui.dialogs.backdrop import Dialog
from reader.ui.dialogs.confirm import ConfirmDialog
from reader.ui.dialogs.stale import StaleChoice, StaleDialog
from reader.ui.failures import GuardedHandlers
from reader.ui.keymap import bindings
from reader.ui.palette import ANNOTATION_COLORS

COLORS = ANNOTATION_COLORS
DEFAULT_COLOR = "yellow"
COMPACT_BELOW_ROWS = 34


@dataclass(frozen=True)
class AnnotationDraft:
    """What the editor returns: the note, tags and colour to save."""

    note: str
    tags: tuple[str, ...]
    color: str


SaveDraft = Callable[[AnnotationDraft], object]
"""Writes a draft to the store; raises ``ReaderError`` to refuse it."""


class TagSuggester(Suggester):
    """Completes the tag being typed (after the last comma) from known tags.

    Tags already typed earlier in the list are not offered again.
    """

    def __init__(self, known: Sequence[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.known = list(dict.fromkeys(known))

    async def get_suggestion(self, value: str) -> str | None:
        """Complete the last comma-separated part of ``value`` (case-insensitively)."""
        head, comma, current = value.rpartition(",")
        typed = current.lstrip()
        if not typed:
            return None
        taken = {tag.casefold() for tag in parse_tags(head)}
        lead = current[: len(current) - len(typed)]
        for tag in self.known:
            folded = tag.casefold()
            if (
                folded.startswith(typed.casefold())
                and len(tag) > len(typed)
                and folded not in taken
            ):
                # The typed prefix takes the known tag's spelling when the completion is taken;
                # Textual shows the part of the suggestion past the value's length.
                return f"{head}{comma}{lead}{tag}"
        return None


class TagInput(GuardedHandlers, Input):
    """The tags field: Tab takes the suggested completion, or else moves the focus on."""

    BINDINGS = bindings("tags")

    def action_complete_or_next(self) -> None:
        """Accept the grey completion when there is one at the cursor; else focus the next field."""
        if self._suggestion and self.cursor_at_end and len(self._suggestion) > len(self.value):
            self.value = self._suggestion
            self.cursor_position = len(self.value)
        else:
            self.screen.focus_next()


def parse_tags(value: str) -> tuple[str, ...]:
    """Tags typed as a comma-separated list (a leading ``#`` is dropped)."""
    return normalise_tags([part.strip().removeprefix("#") for part in value.split(",")])


class AnnotationEditor(Dialog[AnnotationDraft | None]):
    """Edit a note; ctrl+s saves, escape cancels (asking first when something was typed)."""

    DEFAULT_CSS = """
    AnnotationEditor .editor-title {
        text-style: bold;
        color: $primary;
        margin-bottom: 1;
    }
    AnnotationEditor.-compact .editor-title {
        margin-bottom: 0;
    }
    AnnotationEditor .editor-label {
        color: $text-muted;
    }
    AnnotationEditor .editor-error {
        color: $error;
        display: none;
    }
    AnnotationEditor .editor-error.-shown {
        display: block;
    }
    """

    BINDINGS = bindings("editor")

    def __init__(
        self,
        passage: str,
        draft: AnnotationDraft | None = None,
        known_tags: Sequence[str] = (),
        suggested_tags: Sequence[str] = (),
        save: SaveDraft | None = None,
        save_copy: SaveDraft | None = None,
    ) -> None:
        super().__init__()
        self.passage = passage
        self.editing = draft is not None
        self.initial = draft or AnnotationDraft(note="", tags=(), color=DEFAULT_COLOR)
        self.known_tags = list(known_tags)
        self.suggested_tags = list(suggested_tags)
        self.save_draft = save
        self.save_copy = save_copy
        """Saves the draft as a new annotation: offered when the save was stale."""
        self._shown_note = self._shown_tags = ""
        """The note and tags as first shown (sanitised); set in ``compose``."""

    def compose(self) -> ComposeResult:
        """Title, passage, note, tags (with suggestions), colour and the keys."""
        with Vertical(classes="dialog editor"):
            title = "Edit note" if self.editing else "New note"
            yield Static(title, classes="editor-title")
            # The passage is data: "[@click=app.quit]" must show, not quit (data_text).
            yield Static(data_text(quoted(_shorten(self.passage))), classes="editor-passage")
            yield Static("Note (Markdown)", classes="editor-label")
            # Shown safely (control characters as U+FFFD), stored faithfully: an untouched
            # field gives back the stored text (``current_draft``).
            note = TextArea(
                safe(self.initial.note), id="note", soft_wrap=True, show_line_numbers=False
            )
            self._shown_note = note.text
            yield note
            yield Static("Tags (comma separated; Tab or → completes)", classes="editor-label")
            self._shown_tags = safe_line(", ".join(self.initial.tags))
            yield TagInput(
                self._shown_tags,
                placeholder="tags, comma separated",
                id="tags",
                suggester=TagSuggester([*self.known_tags, *self.suggested_tags]),
            )
            if self.suggested_tags:
                hint = "  ".join(f"#{tag}" for tag in self.suggested_tags)
                yield Static(data_text(f"In this passage: {hint}"), classes="editor-hint")
            yield Static("", id="editor-error", classes="editor-error")
            with Horizontal(classes="editor-footer"):
                # A colour set from the CLI may be none of ours: offered too, so an untouched
                # edit keeps it (and escape does not ask about a change nobody made).
                colors = dict.fromkeys([*COLORS, self.initial.color])
                yield Select(
                    [(_swatch(color), color) for color in colors],
                    value=self.initial.color,
                    allow_blank=False,
                    id="color",
                )
                yield Static("ctrl+s save · escape cancel", classes="editor-keys")

    def on_resize(self) -> None:
        """Below 34 rows the editor drops its spacing (``-compact`` in app.tcss)."""
        self.set_class(self.app.size.height < COMPACT_BELOW_ROWS, "-compact")

    def on_mount(self) -> None:
        """The focus starts in the note, at its end."""
        self.set_class(self.app.size.height < COMPACT_BELOW_ROWS, "-compact")
        note = self.query_one("#note", TextArea)
        note.focus()
        note.move_cursor(note.document.end)

    def current_draft(self) -> AnnotationDraft:
        """What the fields hold now; a field left as shown keeps the stored text exactly
        (the display replaced its control characters, the store must not)."""
        color = self.query_one("#color", Select).value
        note = self.query_one("#note", TextArea).text
        tags = self.query_one("#tags", Input).value
        return AnnotationDraft(
            note=self.initial.note if note == self._shown_note else note.strip(),
            tags=self.initial.tags if tags == self._shown_tags else parse_tags(tags),
            color=color if isinstance(color, str) else DEFAULT_COLOR,
        )

    def action_save(self) -> None:
        """Write the draft (through ``save``) and close with it; on a refusal, stay open.

        An edit that changed nothing closes with None and writes nothing.
        """
        draft = self.current_draft()
        if self.editing and draft == self.initial:
            self.dismiss(None)
            return
        if self.save_draft is not None:
            try:
                # ``save`` holds off the garbage collector (``service.quiet_write``).
                self.save_draft(draft)
            except StaleEditError as error:
                self._show_error(str(error))
                self.app.push_screen(StaleDialog(f"{error}."), self._after_stale)
                return
            except (ReaderError, OSError) as error:
                # Refused, stale or a full disk: say why and keep everything typed.
                self._show_error(str(error))
                self.notify(f"Not saved: {error}", severity="error", timeout=8)
                return
        self.dismiss(draft)

    def _after_stale(self, choice: StaleChoice | None) -> None:
        """Save as a copy (a new annotation on the passage), or reload (drop the draft)."""
        draft = self.current_draft()
        if choice == "copy" and self.save_copy is not None:
            try:
                self.save_copy(draft)
            except (ReaderError, OSError) as error:
                self._show_error(str(error))
                return
            self.notify("Saved as a copy: both versions are kept.", timeout=4)
            self.dismiss(None)
        elif choice == "reload":
            self.notify("Reloaded: the newer version is shown; your draft was dropped.")
            self.dismiss(None)

    def _show_error(self, message: str) -> None:
        error = self.query_one("#editor-error", Static)
        error.update(data_text(f"Not saved: {message}"))
        error.add_class("-shown")

    def action_cancel(self) -> None:
        """Close without saving; ask first if anything changed."""
        if self.current_draft() == self.initial:
            self.dismiss(None)
            return

        def discard(answer: bool | None) -> None:
            if answer:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog("Discard this note?", yes="Discard", no="Keep"), discard)


def _swatch(color: str) -> Content:
    """A colour's name after a block of the theme's highlight for it (``$annotation-<colour>``).

    Markup, not a fixed style: the block follows the theme, and changes with it. The
    colour's name is data (set from the CLI or an import): appended as plain content.
    """
    # The article shows a colour of no theme as the default one; so does its swatch.
    shown = color if color in COLORS else DEFAULT_COLOR
    block = Content.from_markup(f"[on $annotation-{shown}]   [/] ")  # markup: constants
    return block + Content(safe_line(color))


def _shorten(text: str, limit: int = 240) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
