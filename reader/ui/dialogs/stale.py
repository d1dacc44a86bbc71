"""A save refused because the note changed elsewhere: save as a copy, reload, or go back."""

from __future__ import annotations

from typing import Literal

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from reader.ui.data_text import data_block
from reader.ui.dialogs.backdrop import Dialog
from reader.ui.keymap import bindings

StaleChoice = Literal["copy", "reload"]


class StaleDialog(Dialog[StaleChoice | None]):
    """Nothing is overwritten silently: the reader chooses. Escape goes back to the editor."""

    BINDINGS = bindings("stale")

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        """Why, and the three ways on."""
        with Vertical(classes="dialog"):
            yield Static(data_block(self.message), classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save as a copy (c)", variant="primary", id="copy")
                yield Button("Reload (r)", variant="error", id="reload")
                yield Button("Back (esc)", id="back")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The button's choice (Back: None)."""
        self.action_choose(event.button.id if event.button.id in ("copy", "reload") else None)

    def action_choose(self, choice: str | None) -> None:
        """Close with ``choice``."""
        self.dismiss("copy" if choice == "copy" else "reload" if choice == "reload" else None)
