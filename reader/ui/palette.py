"""The highlight palette: every theme variable the reading widgets use, with a default.

Widgets style highlights only through these variables (``$entity-person``,
``$entity-person-style``, ``$entity-person-background``, ...), so a theme can restyle the
reader without touching Python. An App returns ``palette_defaults()`` from
``get_theme_variable_defaults()``: a variable a theme leaves out falls back to its default
here, and CSS that names it always parses.

Naming follows the theme files (``reader.core.themes``): for each highlight kind ``K`` there
is ``K`` (text colour), ``K-style`` (the non-colour cue, a Textual ``text-style``) and
``K-background``. Annotation colours are backgrounds, ``annotation-<colour>``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

ENTITY_GROUPS = ("person", "org", "place", "norp", "time", "number", "other")
"""Display groups of entity labels (see ``reader.core.analysis.results.label_group``)."""

ANNOTATION_COLORS = ("yellow", "green", "blue", "pink", "purple", "orange")
"""Colours an annotation may have; anything else is shown as yellow."""

STYLE_DEFAULTS: dict[str, str] = {
    "annotation-overlap-style": "uu",
    "cursor-style": "reverse",
    "find-current-style": "bold underline",
    "corrected-style": "bold overline",
}
"""Cues that no theme file sets: text styles only, never colours."""


def palette_defaults(cache: Path | None = None) -> dict[str, str]:
    """Theme variable name (without ``$``) -> default value: the cues above and the shipped
    default theme's palette (read through ``cache``, see ``reader.core.theme_tables``)."""
    # Colours live only in theme files: the defaults are the default theme's own palette.
    from reader.core.themes import DEFAULT_THEME, load_theme_file
    from reader.paths import shipped_themes_dir
    from reader.ui.themes import palette_variables

    spec = load_theme_file(shipped_themes_dir() / f"{DEFAULT_THEME}.toml", cache)
    return {**STYLE_DEFAULTS, **palette_variables(spec)}
