"""Annotation colours stay apart in 256- and 16-colour terminals, and from the selection.

A terminal without truecolor shows the nearest colour of its palette: Rich's own reduction
(``Color.downgrade``) is what Textual uses. In every shipped theme the six annotation colours,
the selection and the background must reduce to different colours, and text on each keeps
WCAG AA contrast."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.color import Color, ColorSystem

from reader.core.themes import WCAG_AA, contrast_ratio, load_theme_file
from reader.paths import shipped_themes_dir
from reader.ui.palette import ANNOTATION_COLORS
from reader.ui.themes import palette_variables

THEMES = sorted(shipped_themes_dir().glob("*.toml"))


def _reduced(colour: str, system: ColorSystem) -> int | None:
    return Color.parse(colour).downgrade(system).number


@pytest.mark.parametrize("path", THEMES, ids=lambda path: Path(path).stem)
@pytest.mark.parametrize("system", [ColorSystem.EIGHT_BIT, ColorSystem.STANDARD])
def test_annotations_selection_and_background_reduce_to_different_colours(
    path: Path, system: ColorSystem
) -> None:
    spec = load_theme_file(path)
    variables = palette_variables(spec)
    shown = {name: variables[f"annotation-{name}"] for name in ANNOTATION_COLORS}
    shown["selection"] = variables["selection-background"]
    shown["background"] = spec.ui["background"]
    reduced = {name: _reduced(colour, system) for name, colour in shown.items()}
    clashes = {(a, b) for a in reduced for b in reduced if a < b and reduced[a] == reduced[b]}
    assert not clashes, f"{spec.name} in {system.name}: {clashes} ({reduced})"


@pytest.mark.parametrize("path", THEMES, ids=lambda path: Path(path).stem)
def test_text_on_the_selection_keeps_aa_contrast(path: Path) -> None:
    spec = load_theme_file(path)
    selection = palette_variables(spec)["selection-background"]
    assert contrast_ratio(spec.ui["foreground"], selection) >= WCAG_AA
