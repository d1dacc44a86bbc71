"""The highlight palette: every theme variable the reading widgets use, with a default.

Widgets style highlights only through these variables (``$entity-person``,
``$entity-person-style``, ``$entity-person-background``, ...), so a theme can restyle the
reader without touching Python. An App returns ``PALETTE_DEFAULTS`` from
``get_theme_variable_defaults()``: a variable a theme leaves out falls back to its default
here, and CSS that names it always parses.

Naming follows the theme files (``reader.core.themes``): for each highlight kind ``K`` there
is ``K`` (text colour), ``K-style`` (the non-colour cue, a Textual ``text-style``) and
``K-background``. Annotation colours are backgrounds, ``annotation-<colour>``.
"""

from __future__ import annotations

ENTITY_GROUPS = ("person", "org", "place", "norp", "time", "number", "other")
"""Display groups of entity labels (see ``reader.core.analysis.results.label_group``)."""

ANNOTATION_COLORS = ("yellow", "green", "blue", "pink", "purple", "orange")
"""Colours an annotation may have; anything else is shown as yellow."""

_TRANSPARENT = "transparent"

# Defaults suit a dark background; the shipped themes override every colour.
_HIGHLIGHTS: dict[str, tuple[str, str, str]] = {
    "entity-person": ("#e69f00", "underline", _TRANSPARENT),
    "entity-org": ("#56b4e9", "underline", _TRANSPARENT),
    "entity-place": ("#2bbf8f", "underline", _TRANSPARENT),
    "entity-norp": ("#dd8fbb", "underline", _TRANSPARENT),
    "entity-time": ("#f0e442", "bold", _TRANSPARENT),
    "entity-number": ("#f08a4b", "bold", _TRANSPARENT),
    "entity-other": ("#c0c0c0", "underline", _TRANSPARENT),
    "quote": ("#c3b8ff", "italic", _TRANSPARENT),
    "find-match": ("#000000", "bold", "#f0e442"),
    "find-current": ("#000000", "bold underline", "#ff8c1a"),
}

_ANNOTATION_BACKGROUNDS = {
    "yellow": "#5a4a00",
    "green": "#1f4d2e",
    "blue": "#1d3f66",
    "pink": "#5e2748",
    "purple": "#432e66",
    "orange": "#5e3310",
}


def _palette_defaults() -> dict[str, str]:
    defaults: dict[str, str] = {}
    for kind, (colour, cue, background) in _HIGHLIGHTS.items():
        defaults[kind] = colour
        defaults[f"{kind}-style"] = cue
        defaults[f"{kind}-background"] = background
    for name, background in _ANNOTATION_BACKGROUNDS.items():
        defaults[f"annotation-{name}"] = background
    defaults["annotation-overlap-style"] = "uu"
    defaults["cursor-style"] = "reverse"
    defaults["selection-background"] = "#3d5a80"
    defaults["marker-quote"] = "#c3b8ff"
    defaults["marker-find"] = "#f0e442"
    defaults["marker-annotation"] = "#e69f00"
    defaults["marker-viewport-background"] = "#3a3f4b"
    return defaults


PALETTE_DEFAULTS: dict[str, str] = _palette_defaults()
"""Theme variable name (without ``$``) -> default value."""
