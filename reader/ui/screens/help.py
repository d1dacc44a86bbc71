"""The help screen: every key of the reader, from ``reader.ui.keymap``."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.ui.keymap import KEYMAP


def keymap_table() -> Table:
    """The key map as a rich table, one section after another."""
    table = Table(show_header=False, box=None, padding=(0, 2), expand=True)
    table.add_column("keys", no_wrap=True, style="bold")
    table.add_column("action")
    for index, (section, rows) in enumerate(KEYMAP):
        if index:
            table.add_row("", "")
        table.add_row(f"[u]{section}[/u]", "")
        for keys, action in rows:
            table.add_row(keys, action)
    return table


class HelpScreen(ModalScreen[None]):
    """Lists every key; any of escape, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]

    def compose(self) -> ComposeResult:
        """The key table in a scrollable box."""
        with VerticalScroll(classes="dialog help"):
            yield Static("reader — keys", classes="dialog-title")
            yield Static(keymap_table())

    def action_close(self) -> None:
        """Back to where you were."""
        self.dismiss(None)
