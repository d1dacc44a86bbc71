"""The app's styling at start: its theme set before anything is parsed, the theme's colours
worked out once, and the rules of later screens parsed after the first one is up.

Kept apart from ``reader.ui.app`` (the app's behaviour) so each module stays small.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App

if TYPE_CHECKING:
    from textual.screen import Screen

    _App = App[None]
else:
    _App = object  # a plain mixin: Textual takes 0.4 ms to create an App class

LATER_CSS_PATH = Path(__file__).parent / "screens.tcss"
"""The rules of the screens and dialogs opened after the first screen (``load_later_rules``)."""
LIBRARY_CSS_PATH = Path(__file__).parent / "library.tcss"
"""The library's rules (``load_library_rules``)."""


class StyledApp(_App):
    """Mixin of ``ReaderApp``: how its styles start."""

    _theme_started = False
    _later_rules = False
    _library_rules = False
    _first_screen_shown = False
    _palette_defaults: dict[str, str]

    def _start_on_theme(self, name: str) -> None:
        """Start on theme ``name`` as Textual's theme watcher would, without its re-parse.

        Setting ``App.theme`` re-parses every stylesheet after the next message, and then
        the first screen parses them again (``app.tcss`` alone takes 5-8 ms): before the first
        frame nothing is parsed yet, so setting the variables is enough.
        """
        self.set_reactive(App.theme, name)
        self._theme_started = True
        dark = self.current_theme.dark
        self.set_class(dark, "-dark-mode", update=False)
        self.set_class(not dark, "-light-mode", update=False)
        self.set_class(True, f"-theme-{name}", update=False)
        self._refresh_truecolor_filter(self.ansi_theme)
        self.stylesheet.set_variables(self.get_css_variables())

    def load_later_rules(self) -> None:
        """Add ``screens.tcss`` to the stylesheet, once: after the first screen is up, before
        any other screen or dialog. Parsing it before the first frame would cost 2-3 ms; no
        node of the first screen matches its rules, so nothing is restyled, and only this
        file is parsed (a screen's own ``CSS_PATH`` would make Textual parse everything again
        and restyle the whole app)."""
        if not self._later_rules:
            self._later_rules = True
            self.load_library_rules()
            self.stylesheet.read(LATER_CSS_PATH)

    def load_library_rules(self) -> None:
        """Add ``library.tcss`` to the stylesheet, once: before the library when it is the
        first screen, else with the later rules. A document's start (the library is not
        under it) then parses none of them (about 0.7 ms)."""
        if not self._library_rules:
            self._library_rules = True
            self.stylesheet.read(LIBRARY_CSS_PATH)

    def _load_screen_css(self, screen: Screen[Any]) -> None:
        """Textual's hook for every screen pushed: any screen after the first brings the
        later rules in."""
        if self._first_screen_shown:
            self.load_later_rules()
        super()._load_screen_css(screen)

    def get_css_variables(self) -> dict[str, str]:
        """Textual's CSS variables, but none while Textual's ``__init__`` makes the stylesheet
        (for Textual's own theme, about 1 ms): ``_start_on_theme`` sets the reader's."""
        return super().get_css_variables() if self._theme_started else {}

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """Palette variables every theme may override (so CSS always parses)."""
        return dict(self._palette_defaults)
