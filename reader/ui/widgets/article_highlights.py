"""How the article view styles its highlights: each a component class styled by the theme's
CSS variables, turned into a Rich style once per distinct stack of classes.

Textual styles each component class as a node of its own on every restyle (twice before the
first frame: on register and on the screen's resume; about 2.5 ms for twenty classes), and
parses their rules with the widget's CSS (1.3 ms). The first frame can show none of them but
the cursor: the text is painted before any note, analysis, find or selection. So until
``style_highlights`` (after the first paint) only the cursor's class is styled, and the
other rules are not in the stylesheet.
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from textual.cache import LRUCache
from textual.strip import Strip

from reader.ui.widgets.article_styles import CURSOR_CLASS

if TYPE_CHECKING:
    from textual.scroll_view import ScrollView as _Widget
else:
    _Widget = object  # a plain mixin: Textual takes 0.4 ms to create a widget class

FIRST_FRAME_CLASSES = frozenset({CURSOR_CLASS})
"""The only highlight a first frame can show (its rule is in the widget's DEFAULT_CSS)."""


class HighlightStyles(_Widget):
    """Mixin of ``ArticleCanvas``: highlight classes to Rich styles, the cursor's first."""

    HIGHLIGHT_CSS: ClassVar[str] = ""
    """The rules of every highlight class but the cursor's (added by ``style_highlights``)."""
    _highlights_styled = False
    _styles: dict[tuple[str, ...], Style]
    _strips: LRUCache[tuple[int, int], Strip]

    def notify_style_update(self) -> None:
        """A theme or CSS change restyles every line."""
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    def _get_component_classes(self) -> frozenset[str]:  # type: ignore[override]
        """Textual styles each component class as a node of its own on every restyle (twice
        before the first frame: on register and on the screen's resume), about 2.5 ms for
        the twenty highlight classes: until ``style_highlights`` only the cursor's."""
        if self._highlights_styled:
            return super()._get_component_classes()
        return FIRST_FRAME_CLASSES

    def style_highlights(self) -> None:
        """Add the highlights' CSS and style every highlight class (the reading screen calls
        this after its first paint; a highlight drawn before that calls it too)."""
        if self._highlights_styled or not self.is_attached:
            return
        self._highlights_styled = True
        stylesheet = self.app.stylesheet
        # Beside the class's DEFAULT_CSS, as Textual places it (Textual parses only new CSS).
        owner = next(cls for cls in type(self).__mro__ if "HIGHLIGHT_CSS" in cls.__dict__)
        path, name = inspect.getfile(owner), owner.__name__
        known = stylesheet.source.get((path, f"{name}.DEFAULT_CSS"))
        tie_breaker, scope = (known.tie_breaker, known.scope) if known else (0, "")
        stylesheet.add_source(
            self.HIGHLIGHT_CSS,
            read_from=(path, f"{name}.HIGHLIGHT_CSS"),
            is_default_css=True,
            tie_breaker=tie_breaker,
            scope=scope,
        )
        stylesheet.apply(self)

    def _base_style(self) -> Style:
        # The DOM walk behind ``rich_style`` is slow; once per style update is enough.
        style = self._styles.get(())
        if style is None:
            style = self._styles[()] = self.rich_style
        return style

    def _style_of(self, stack: tuple[str, ...]) -> Style:
        style = self._styles.get(stack)
        if style is None:
            style = self._base_style()
            for name in stack:
                style += self._layer_style(name)
            self._styles[stack] = style
        return style

    def _layer_style(self, name: str) -> Style:
        """What one component class adds: only the properties its CSS sets."""
        if name not in FIRST_FRAME_CLASSES:
            self.style_highlights()
        styles = self.get_component_styles(name)
        full = self.get_component_rich_style(name)
        colour = full.color if styles.has_rule("color") else None
        has_background = styles.has_rule("background") and styles.background.a > 0
        style = Style(color=colour, bgcolor=full.bgcolor if has_background else None)
        if styles.has_rule("text_style"):
            cue = styles.text_style
            style += Style(
                bold=cue.bold or None,
                italic=cue.italic or None,
                underline=cue.underline or None,
                underline2=cue.underline2 or None,
                strike=cue.strike or None,
                reverse=cue.reverse or None,
                overline=cue.overline or None,
                dim=cue.dim or None,
            )
        return style
