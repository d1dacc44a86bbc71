"""Ask where an export goes: an input holding the default path, which the reader may change."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from reader.ui.data_text import data_text
from reader.ui.dialogs.backdrop import Dialog
from reader.ui.keymap import bindings


def default_export_dir() -> Path:
    """The user's documents folder when there is one, else the current directory."""
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.cwd()


class ExportPathDialog(Dialog[Path | None]):
    """Shows the default path (editable); Enter exports there, escape cancels."""

    BINDINGS = bindings("export-path")

    def __init__(self, what: str, default: Path) -> None:
        super().__init__()
        self.what = what
        self.default = default

    def compose(self) -> ComposeResult:
        """The question, the path and a hint."""
        with Vertical(classes="dialog"):
            yield Static(data_text(f"Export {self.what} to:"), classes="dialog-question")
            yield Input(str(self.default), id="export-path")
            yield Static("Enter exports · escape cancels", classes="editor-hint")

    def on_mount(self) -> None:
        """The cursor at the end of the default path."""
        field = self.query_one("#export-path", Input)
        field.focus()
        field.cursor_position = len(field.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Export to the path typed (``~`` expanded; nothing typed: cancel)."""
        value = event.value.strip()
        self.dismiss(Path(value).expanduser() if value else None)

    def action_cancel(self) -> None:
        """Close without exporting."""
        self.dismiss(None)
