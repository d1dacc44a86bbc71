"""The annotation editor: a Markdown note, tags completed from existing ones, a colour."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Select, Static, TextArea

from reader.core.models import normalise_tags
from reader.ui.dialogs.confirm import ConfirmDialog

COLORS = ("yellow", "green", "blue", "pink", "purple", "orange")


@dataclass(frozen=True)
class AnnotationDraft:
    """What the editor returns: the note, tags and colour to save."""

    note: str
    tags: tuple[str, ...]
    color: str


class TagSuggester(Suggester):
    """Completes the tag being typed (after the last comma) from known tags."""

    def __init__(self, known: Sequence[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self.known = list(known)

    async def get_suggestion(self, value: str) -> str | None:
        """Complete the last comma-separated part of ``value``."""
        head, _, current = value.rpartition(",")
        typed = current.lstrip().casefold()
        if not typed:
            return None
        for tag in self.known:
            if tag.casefold().startswith(typed):
                prefix = f"{head}, " if head else ""
                return prefix + tag
        return None


def parse_tags(value: str) -> tuple[str, ...]:
    """Tags typed as a comma-separated list (a leading ``#`` is dropped)."""
    return normalise_tags([part.strip().removeprefix("#") for part in value.split(",")])


class AnnotationEditor(ModalScreen[AnnotationDraft | None]):
    """Edit a note; ctrl+s saves, escape cancels (asking first when something was typed)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel", priority=True),
    ]

    def __init__(
        self,
        passage: str,
        draft: AnnotationDraft | None = None,
        known_tags: Sequence[str] = (),
        suggested_tags: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.passage = passage
        self.initial = draft or AnnotationDraft(note="", tags=(), color="yellow")
        self.known_tags = list(known_tags)
        self.suggested_tags = list(suggested_tags)

    def compose(self) -> ComposeResult:
        """Passage, note, tags, colour and the keys."""
        with Vertical(classes="dialog editor"):
            yield Static(f"“{_shorten(self.passage)}”", classes="editor-passage")
            yield TextArea(self.initial.note, id="note", soft_wrap=True, show_line_numbers=False)
            yield Input(
                ", ".join(self.initial.tags),
                placeholder="tags, comma separated",
                id="tags",
                suggester=TagSuggester([*self.known_tags, *self.suggested_tags]),
            )
            if self.suggested_tags:
                hint = "  ".join(f"#{tag}" for tag in self.suggested_tags)
                yield Static(f"Suggested: {hint}", classes="editor-hint")
            with Horizontal(classes="editor-footer"):
                yield Select(
                    [(color, color) for color in COLORS],
                    value=self.initial.color if self.initial.color in COLORS else "yellow",
                    allow_blank=False,
                    id="color",
                )
                yield Static("ctrl+s save · escape cancel", classes="editor-keys")

    def on_mount(self) -> None:
        """The focus starts in the note."""
        self.query_one("#note", TextArea).focus()

    def current_draft(self) -> AnnotationDraft:
        """What the fields hold now."""
        color = self.query_one("#color", Select).value
        return AnnotationDraft(
            note=self.query_one("#note", TextArea).text.strip(),
            tags=parse_tags(self.query_one("#tags", Input).value),
            color=str(color) if isinstance(color, str) else "yellow",
        )

    def action_save(self) -> None:
        """Return the draft to the screen, which writes it to the store."""
        self.dismiss(self.current_draft())

    def action_cancel(self) -> None:
        """Close without saving; ask first if anything changed."""
        if self.current_draft() == self.initial:
            self.dismiss(None)
            return

        def discard(answer: bool | None) -> None:
            if answer:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog("Discard this note?", yes="Discard", no="Keep"), discard)


def _shorten(text: str, limit: int = 240) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
