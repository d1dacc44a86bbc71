"""The Textual application: themes, screens, global keys and the command palette.

The app owns no document logic: it asks the service facade (``ReaderService``) and hands the
results to screens. ``build_app`` is the one factory both the CLI and the tests use.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App
from textual.dom import DOMNode
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.theme import Theme

from reader.core.atomic_file import write_atomically
from reader.core.sanitize import safe, safe_line
from reader.core.service import ReaderService, SourcePreview
from reader.core.service.documents import OpenedDocument, looks_like_source
from reader.core.settings import Settings, load_settings, save_settings
from reader.core.themes import DEFAULT_THEME
from reader.errors import ReaderError
from reader.ui import collection
from reader.ui.app_styles import StyledApp
from reader.ui.commands import ReaderCommands
from reader.ui.failures import (
    GuardedHandlers,
    failure_message,
    guarded_action,
    guarded_callback,
    log_failure,
)
from reader.ui.fetching import cancel_fetch, start_fetch
from reader.ui.keymap import bindings
from reader.ui.palette import palette_defaults
from reader.ui.service_lock import serialised
from reader.ui.themes import ThemeCatalogue, load_catalogue, theme_cache, to_textual_theme

if TYPE_CHECKING:
    from textual.pilot import Pilot

EXPORT_SUFFIXES = {"json": "json", "w3c": "jsonld", "markdown": "md", "csv": "csv"}


class ReaderApp(GuardedHandlers, StyledApp, App[None]):
    """A terminal reader for news articles: entities, attributed quotes, notes and tags."""

    CSS_PATH = "app.tcss"
    TITLE = "reader"
    COMMANDS = App.COMMANDS | {ReaderCommands}
    BINDINGS = bindings("app")
    library_status: reactive[str] = reactive("")
    """What the background analysis of the library is doing (the People screen shows it)."""

    def __init__(
        self,
        service: ReaderService,
        opened: OpenedDocument | SourcePreview | None = None,
        theme_name: str | None = None,
        start_offset: int | None = None,
    ) -> None:
        self._palette_defaults = palette_defaults(theme_cache(service.paths))
        super().__init__()
        self.service = serialised(service)
        self.opened = opened
        self.start_offset = start_offset
        self.failures: list[BaseException] = []  # survived by report_failure, for tests
        self.catalogue: ThemeCatalogue = load_catalogue(service.paths)
        self.settings: Settings = load_settings(service.paths.settings_file)
        self._install_themes(theme_name)
        from reader.ui.library_analysis import IdleAnalysis

        self.idle_analysis = IdleAnalysis(self)

    def _install_themes(self, requested: str | None) -> None:
        for name in list(self.available_themes):
            self.unregister_theme(name)
        for spec in self.catalogue.specs.values():
            self.register_theme(to_textual_theme(spec))
        self._startup_notes = list(self.catalogue.problems)
        self._first_screen_shown = False
        wanted = requested or os.environ.get("READER_THEME") or self.settings.theme
        chosen = wanted if wanted in self.catalogue.specs else DEFAULT_THEME
        if wanted and wanted not in self.catalogue.specs:
            self._startup_notes.append(self._unknown_theme_message(wanted))
        self._start_on_theme(chosen if chosen in self.catalogue.specs else self.catalogue.names[0])

    def _unknown_theme_message(self, name: str) -> str:
        for problem in self.catalogue.problems:
            if f"{name}.toml" in problem:
                return f"{problem} — using {DEFAULT_THEME}"
        available = ", ".join(self.catalogue.names)
        return f"unknown theme '{name}'; using {DEFAULT_THEME}; available: {available}"

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notice quotes data (titles, paths, errors): sanitised, and never markup."""
        del markup  # no notice of ours is markup; data must never be read as markup
        options = {} if timeout is None else {"timeout": timeout}
        super().notify(
            safe(message), title=safe_line(title), severity=severity, markup=False, **options
        )

    async def _dispatch_action(self, namespace: DOMNode, action_name: str, params: Any) -> bool:
        """Every action (key, palette, click) runs guarded: a failure is a notice, not an exit."""

        async def run() -> bool:
            return await super(ReaderApp, self)._dispatch_action(namespace, action_name, params)

        return await guarded_action(run, action_name.replace("_", " "), self.report_failure)

    def call_from_thread(self, callback: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Every worker's callback runs guarded: a failure is a notice, not an exit."""
        return super().call_from_thread(
            guarded_callback(callback, self.report_failure), *args, **kwargs
        )

    def report_failure(self, where: str, error: BaseException) -> None:
        """Log ``error`` to the cache's errors.log and show it; the app stays up."""
        log = log_failure(self.service.paths.cache_dir, where, error)
        self.failures.append(error)
        self.notify(failure_message(where, error, log), severity="error", timeout=10)

    def on_mount(self) -> None:
        """Show the document (or the library), then report theme problems.

        The library is not mounted under a document opened from the command line: ``q``
        quits there, and the first paint should not wait for a screen nobody sees. The first
        screen is pushed after Textual's start (``call_later``): a screen laid out during it
        is rendered once for nothing (the start holds every update back), then again.
        """
        self.call_later(self._show_first_screen)
        for note in self._startup_notes:
            self.notify(note, title="Theme", severity="warning", timeout=8)
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.idle_analysis.schedule()
        self.set_timer(collection.RESUME_AFTER_SECONDS, collection.resume)

    def _show_first_screen(self) -> None:
        """The document opened on the command line, else the library."""
        try:
            if self.opened is not None:
                self.show_document(self.opened, quit_on_back=True, offset=self.start_offset)
            else:
                from reader.ui.screens.library import LibraryScreen

                self.load_library_rules()
                self.push_screen(LibraryScreen())
        finally:
            self._first_screen_shown = True

    async def until_first_screen(self, pilot: Pilot[Any]) -> None:
        """Wait until the first screen is up, for automation (tests, screenshots).

        The first screen is pushed after Textual's start (see ``on_mount``), which is after
        the point where Textual hands a pilot over (``run_test``, ``auto_pilot``): a first key
        or pushed dialog could otherwise reach the empty default screen, by timing.
        """
        while not self._first_screen_shown and self.is_running:
            await pilot.pause()
        await pilot.pause()

    @asynccontextmanager
    async def run_test(self, **options: Any) -> AsyncIterator[Pilot[None]]:
        """``App.run_test``, handing the pilot over once the first screen is up."""
        async with super().run_test(**options) as pilot:
            await self.until_first_screen(pilot)
            yield pilot

    async def run_async(self, **options: Any) -> None:
        """``App.run_async``; an ``auto_pilot`` starts once the first screen is up."""
        given = options.pop("auto_pilot", None)
        if given is None:
            return await super().run_async(**options)

        async def auto_pilot(pilot: Pilot[object]) -> None:
            await self.until_first_screen(pilot)
            await given(pilot)

        return await super().run_async(auto_pilot=auto_pilot, **options)

    def _remember_theme(self, theme: Theme) -> None:
        """Persist a theme chosen live (``T`` or the command palette)."""
        self.settings = Settings(theme=theme.name, measure=self.settings.measure)
        try:
            save_settings(self.service.paths.settings_file, self.settings)
        except OSError as error:
            self.notify(f"could not save the theme choice: {error}", severity="warning")

    def show_document(
        self,
        opened: OpenedDocument | SourcePreview,
        *,
        quit_on_back: bool = False,
        offset: int | None = None,
    ) -> None:
        """Open the reading screen on an already loaded document."""
        from reader.ui.screens.reading import ReadingScreen

        self.push_screen(ReadingScreen(opened, quit_on_back=quit_on_back, offset=offset))

    def open_source(self, source: str, offset: int | None = None) -> None:
        """Load ``source`` (path, URL or document id) through the service and show it.

        A URL, a FIFO or a pipe is read in a worker (see ``reader.ui.fetching``): the app
        stays responsive, and Escape or ctrl+q cancels the read.
        """
        if self.service.reads_slowly(source):
            start_fetch(self, source, offset)
            return
        try:
            opened = self.service.open_reference(source)
        except ReaderError as error:
            self.notify(str(error), title="Cannot open", severity="error", timeout=8)
            return
        for warning in opened.warnings:
            self.notify(warning, severity="warning")
        self.show_document(opened, offset=offset)

    def export_annotations(self, export_format: str) -> None:
        """Export annotations (the open document's, else all): ask where, then write in a
        worker and say where they went."""
        from reader.ui.dialogs.export_path import ExportPathDialog, default_export_dir
        from reader.ui.screens.reading import ReadingScreen

        screen = self.screen
        document_ref = screen.document.id if isinstance(screen, ReadingScreen) else None
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        name = f"reader-annotations-{stamp}.{EXPORT_SUFFIXES[export_format]}"
        what = "this document's annotations" if document_ref else "all annotations"

        def chosen(target: Path | None) -> None:
            if target is not None:
                self.write_export(export_format, document_ref, target)

        self.push_screen(ExportPathDialog(what, default_export_dir() / name), chosen)

    @work(thread=True, exclusive=True, group="export")
    def write_export(self, export_format: str, document_ref: str | None, target: Path) -> None:
        """Thread worker: build the export and write it atomically (like ``reader export -o``:
        a failed export never leaves half a file)."""
        try:
            text = self.service.export_text(export_format, document_ref=document_ref)
            write_atomically(target, text.encode("utf-8"), durable=False)
        except (ReaderError, OSError) as error:
            self.call_from_thread(
                self.notify, f"Export failed: {error}", severity="error", timeout=8, markup=False
            )
            return
        self.call_from_thread(
            self.notify, f"Exported to {target}", title="Export", timeout=8, markup=False
        )

    def action_command_palette(self) -> None:
        """The command palette, over a backdrop that keeps the article's colours."""
        from reader.ui.dialogs.backdrop import ReaderCommandPalette

        if self.use_command_palette and not isinstance(self.screen, ReaderCommandPalette):
            self.push_screen(ReaderCommandPalette(id="--command-palette"))

    def action_cancel_fetch(self) -> None:
        """Escape: stop a URL fetch in progress (nothing else to do at the app level)."""
        cancel_fetch(self)

    async def action_quit(self) -> None:
        """Quit at once, even during a fetch (its thread would otherwise hold the exit)."""
        self.service.cancel_fetches()
        await super().action_quit()

    def copy_citation(self, citation_format: str) -> None:
        """Copy a citation of the open (or highlighted) document to the clipboard."""
        document_id = self._current_document_id()
        if document_id is None:
            self.notify("Open or highlight a document to cite it.", timeout=3)
            return
        try:
            citation = self.service.cite(document_id, citation_format)
        except ReaderError as error:
            self.notify(f"Cannot cite: {error}", severity="error", timeout=8)
            return
        self.copy_to_clipboard(citation)
        self.notify(f"Citation ({citation_format}) copied.", timeout=2)

    def _current_document_id(self) -> str | None:
        """The reading screen's document, else the library's highlighted one."""
        from reader.ui.screens.library_shelf import LibraryShelf
        from reader.ui.screens.reading import ReadingScreen

        for screen in reversed(self.screen_stack):
            if isinstance(screen, ReadingScreen):
                return screen.document.id
            if isinstance(screen, LibraryShelf):
                document = screen.selected_document()
                return document.id if document is not None else None
        return None

    def action_help(self) -> None:
        """Show every key."""
        from reader.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_search(self) -> None:
        """Search all annotations."""
        from reader.ui.screens.search import SearchScreen

        if not isinstance(self.screen, SearchScreen):
            self.push_screen(SearchScreen())

    def action_people(self) -> None:
        """People and organisations of the whole library."""
        from reader.ui.screens.people import PeopleScreen

        if not isinstance(self.screen, PeopleScreen):
            self.push_screen(PeopleScreen())

    def action_next_theme(self) -> None:
        """Switch to the next theme (the choice persists)."""
        self.theme = self.catalogue.next_after(self.theme)
        self.notify(f"Theme: {self.theme}", timeout=2)


def build_app(
    service: ReaderService,
    source: str | None = None,
    theme: str | None = None,
) -> ReaderApp:
    """The one factory for the CLI and the tests: read ``source`` first so errors stay CLI-side.

    A path, URL or ``-`` is only read here (``preview_source``); the reading screen files it
    in the store after its first paint. A stored document's id is opened as before.
    """
    opened: OpenedDocument | SourcePreview | None = None
    if source and looks_like_source(source):
        opened = service.preview_source(source)
    elif source:
        opened = service.open_reference(source)
    return ReaderApp(service, opened=opened, theme_name=theme)


def sample_article() -> Path | None:
    """The sample article offered on an empty library, if it is installed."""
    from reader.paths import shipped_seeds_dir

    seeds = sorted(shipped_seeds_dir().glob("*.txt"))
    return seeds[0].resolve() if seeds else None
