"""A yes/no question."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from reader.ui.data_text import data_block, data_text
from reader.ui.dialogs.backdrop import Dialog
from reader.ui.keymap import bindings


class ConfirmDialog(Dialog[bool]):
    """Ask a question; dismisses with True for yes, False for no or escape."""

    BINDINGS = bindings("confirm")

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.yes_label = yes
        self.no_label = no

    def compose(self) -> ComposeResult:
        """The question and two buttons."""
        with Vertical(classes="dialog"):
            yield Static(data_block(self.question), classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(data_text(f"{self.yes_label} (y)"), variant="error", id="yes")
                yield Button(data_text(f"{self.no_label} (n)"), variant="primary", id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Answer with the button pressed."""
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        """Answer from the keyboard."""
        self.dismiss(answer)
