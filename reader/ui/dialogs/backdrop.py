"""The backdrop of every dialog: the article's colours stay recognisable under it.

Textual dims the screen under a modal by blending every colour, backgrounds included, 60%
towards the theme's background. The annotation colours of the dark themes are already dark;
blended, a 256-colour terminal rounds them to other hues (a yellow note turned dark red, a
purple one pink). The reader's dialogs fade only the text under them: backgrounds, and so
the annotation colours, keep their exact colour in truecolor and their own reduction in 256
and 16 colours, while the faded text still says "this is behind the dialog".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from rich.console import RenderableType
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.command import CommandPalette
from textual.renderables.background_screen import BackgroundScreen
from textual.screen import ModalScreen

from reader.ui.failures import GuardedHandlers

ResultType = TypeVar("ResultType")


class TextFadingBackdrop(BackgroundScreen):
    """The screen under a dialog with its text faded and its backgrounds unchanged."""

    @classmethod
    def process_segments(cls, segments: Iterable[Segment], color: Color) -> Iterable[Segment]:
        """Blend each foreground colour with ``color``; keep every background colour."""
        null = Style()
        for text, style, control in segments:
            if control:
                yield Segment(text, style, control)
                continue
            plain = null if style is None else style.clear_meta_and_links()
            if plain.color is None or color.a == 0:
                yield Segment(text, plain)
                continue
            faded = (Color.from_rich_color(plain.color) + color).rich_color
            yield Segment(text, plain + Style(color=faded))


def fade_text_only(rendered: RenderableType) -> RenderableType:
    """The backdrop Textual would draw, fading text only (anything else as it was)."""
    if isinstance(rendered, BackgroundScreen) and not isinstance(rendered, TextFadingBackdrop):
        return TextFadingBackdrop(rendered.screen, rendered.color)
    return rendered


class Dialog(GuardedHandlers, ModalScreen[ResultType]):
    """A modal dialog over the reader: the screen under it keeps its colours (text fades)."""

    def render(self) -> RenderableType:
        """Textual's backdrop, with backgrounds kept."""
        return fade_text_only(super().render())


class ReaderCommandPalette(CommandPalette):
    """The command palette, with the same backdrop as the reader's dialogs."""

    def render(self) -> RenderableType:
        """Textual's backdrop, with backgrounds kept."""
        return fade_text_only(super().render())
