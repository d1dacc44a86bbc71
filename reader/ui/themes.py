"""Turns validated theme files (``reader.core.themes``) into Textual themes.

The reader's palette becomes Textual CSS variables, so widgets style highlights with
``$entity-person``, ``$entity-person-style`` and so on, and never hold a colour in Python.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.theme import Theme

from reader.core.theme_tables import CACHE_NAME
from reader.core.themes import DEFAULT_THEME, ThemeSpec, load_themes
from reader.paths import Paths, shipped_themes_dir

if TYPE_CHECKING:
    from pathlib import Path

# Theme files speak in plain words; Textual's text-style calls a double underline "uu".
_CUE_WORDS = {"underline2": "uu"}


def css_cue(cue: str) -> str:
    """A theme cue as a Textual ``text-style`` value."""
    return " ".join(_CUE_WORDS.get(word, word) for word in cue.split())


def palette_variables(spec: ThemeSpec) -> dict[str, str]:
    """CSS variables for the highlight palette of ``spec``, derived ones included."""
    variables: dict[str, str] = {}
    for kind, highlight in spec.highlights.items():
        variables[kind] = highlight.color
        variables[f"{kind}-style"] = css_cue(highlight.cue)
        variables[f"{kind}-background"] = highlight.background or "transparent"
    for name, colour in spec.annotations.items():
        variables[f"annotation-{name}"] = colour
    variables.update(_derived_variables(spec))
    return variables


def _derived_variables(spec: ThemeSpec) -> dict[str, str]:
    """Secondary colours a theme file need not spell out, taken from its own palette.

    The current find match (and the selection, when a theme names none) reuse annotation
    backgrounds under the theme's text colour: that pairing is held to WCAG AA by the theme
    tests. Shipped themes name a ``selection`` colour that no annotation colour shares, even
    after a terminal reduces colours to 256 or 16.
    """
    ui = spec.ui
    find = spec.highlights["find-match"]
    return {
        "find-current": ui["foreground"],
        "find-current-style": "bold underline",
        "find-current-background": spec.annotations["orange"],
        "selection-background": ui.get("selection", spec.annotations["blue"]),
        "marker-quote": spec.highlights["quote"].color,
        "marker-find": find.background or find.color,
        "marker-annotation": ui.get("accent", ui["primary"]),
        "marker-viewport-background": ui["panel"],
    }


def to_textual_theme(spec: ThemeSpec) -> Theme:
    """A Textual ``Theme`` with the UI colours and the palette variables of ``spec``."""
    ui = spec.ui
    return Theme(
        name=spec.name,
        primary=ui["primary"],
        secondary=ui.get("secondary"),
        accent=ui.get("accent"),
        warning=ui.get("warning"),
        error=ui.get("error"),
        success=ui.get("success"),
        foreground=ui["foreground"],
        background=ui["background"],
        surface=ui["surface"],
        panel=ui["panel"],
        dark=spec.dark,
        variables=palette_variables(spec),
    )


class ThemeCatalogue:
    """The themes a run can offer, and the problems met while loading them (a plain class: a
    dataclass costs 0.4 ms to create on the start path)."""

    def __init__(self, specs: dict[str, ThemeSpec], problems: list[str] | None = None) -> None:
        self.specs = specs
        self.problems = problems if problems is not None else []

    @property
    def names(self) -> list[str]:
        """Theme names, the default first."""
        return sorted(self.specs, key=lambda name: (name != DEFAULT_THEME, name))

    def next_after(self, name: str) -> str:
        """The theme that follows ``name`` in the cycle (for the ``T`` key)."""
        names = self.names
        if name not in names:
            return names[0]
        return names[(names.index(name) + 1) % len(names)]


def theme_cache(paths: Paths) -> Path:
    """The cache of parsed theme files (``reader.core.theme_tables``)."""
    return paths.cache_dir / CACHE_NAME


def load_catalogue(paths: Paths) -> ThemeCatalogue:
    """Shipped themes, then the user's ``themes/`` dir (a user theme overrides a shipped one)."""
    specs, problems = load_themes([shipped_themes_dir(), paths.user_themes_dir], theme_cache(paths))
    return ThemeCatalogue(specs=specs, problems=problems)
