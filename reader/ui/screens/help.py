"""The help screen: every key of the reader, from ``reader.ui.keymap``."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from reader.ui.dialogs.backdrop import Dialog
from reader.ui.keymap import KEYMAP, bindings

KEYS_WIDTH = 22


def keymap_table() -> Group:
    """The key map as rich renderables: each section's title above a two-column table."""
    parts: list[Text | Table] = []
    for index, (section, rows) in enumerate(KEYMAP):
        title = Text(section, style="bold underline")
        if index:
            title = Text("\n") + title
        table = Table(show_header=False, box=None, padding=(0, 1), expand=True)
        table.add_column("keys", no_wrap=True, style="bold", width=KEYS_WIDTH)
        table.add_column("action", ratio=1)
        for row in rows:
            table.add_row(row.keys, row.does)
        parts += [title, table]
    return Group(*parts)


class HelpScreen(Dialog[None]):
    """Lists every key; any of escape, q or ? closes it."""

    BINDINGS = bindings("help")

    def compose(self) -> ComposeResult:
        """The key table in a scrollable box."""
        with VerticalScroll(classes="dialog help"):
            yield Static("reader — keys", classes="dialog-title")
            yield Static(keymap_table())
            yield Static(
                "The mouse wheel scrolls; dragging selects.  Escape, q or ? closes this.",
                classes="editor-hint",
            )

    def action_close(self) -> None:
        """Back to where you were."""
        self.dismiss(None)
