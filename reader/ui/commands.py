"""The reader's commands in the command palette (ctrl+p): export, themes, layers, search."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from reader.ui.app import ReaderApp

EXPORT_FORMATS = ("json", "w3c", "markdown", "csv")


class ReaderCommands(Provider):
    """Commands offered by name; the reading screen's layer toggles appear when it is open."""

    @property
    def reader_app(self) -> ReaderApp:
        """The app, typed."""
        return cast("ReaderApp", self.app)

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app = self.reader_app
        commands: list[tuple[str, Callable[[], object], str]] = [
            ("Search annotations", app.action_search, "Search every note, quote and tag"),
            ("People", app.action_people, "People and organisations of the whole library"),
            ("Help: keys", app.action_help, "Every key of the reader"),
            ("Next theme", app.action_next_theme, "Cycle through the reader's themes"),
        ]
        for name in app.catalogue.names:
            commands.append((f"Theme: {name}", partial(setattr, app, "theme", name), "Switch"))
        for fmt in EXPORT_FORMATS:
            commands.append(
                (f"Export annotations as {fmt}", partial(app.export_annotations, fmt), "to a file")
            )
        for fmt in ("bibtex", "csl-json", "ris"):
            commands.append(
                (f"Cite document as {fmt}", partial(app.copy_citation, fmt), "to the clipboard")
            )
        screen = self.screen
        for action, label in (
            ("toggle_layer('show_entities')", "Toggle entity highlights"),
            ("toggle_layer('show_quotes')", "Toggle quotation highlights"),
            ("toggle_layer('show_annotations')", "Toggle annotation highlights"),
            ("toggle_panel", "Toggle side panel"),
            ("correct", "Correct the quotation or entity under the cursor"),
        ):
            if hasattr(screen, f"action_{action.split('(')[0]}"):
                run = partial(screen.run_action, action)
                commands.append((label, run, "Reading view"))
        return commands

    async def discover(self) -> Hits:
        """All commands, shown before anything is typed."""
        for name, command, help_text in self._commands():
            yield DiscoveryHit(name, command, help=help_text)

    async def search(self, query: str) -> Hits:
        """Commands matching what was typed."""
        matcher = self.matcher(query)
        for name, command, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), command, help=help_text)
