"""Ask for a path or URL to open."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from reader.ui.dialogs.backdrop import Dialog
from reader.ui.keymap import bindings


class OpenSourceDialog(Dialog[str | None]):
    """An input for a file path or an http(s) URL; dismisses with it, or None on escape."""

    BINDINGS = bindings("open-source")

    def compose(self) -> ComposeResult:
        """A label and the input."""
        with Vertical(classes="dialog"):
            yield Static("Open a file path or an http(s) URL:", classes="dialog-question")
            yield Input(placeholder="~/articles/story.html or https://…", id="source-input")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Open what was typed (nothing typed: cancel)."""
        value = event.value.strip()
        self.dismiss(value or None)

    def action_cancel(self) -> None:
        """Close without opening anything."""
        self.dismiss(None)
