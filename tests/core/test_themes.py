"""Theme files: every shipped theme validates and meets WCAG AA; broken files name the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.themes import (
    ANNOTATION_COLORS,
    HIGHLIGHT_KINDS,
    OPTIONAL_HIGHLIGHTS,
    ThemeError,
    contrast_problems,
    contrast_ratio,
    load_theme_file,
    load_themes,
)
from reader.paths import shipped_themes_dir

SHIPPED = sorted(shipped_themes_dir().glob("*.toml"))


def test_at_least_four_themes_ship_and_the_folder_holds_only_theme_files() -> None:
    assert len(SHIPPED) >= 4
    names = {path.stem for path in SHIPPED}
    assert {"reader-dark", "reader-light", "reader-high-contrast"} <= names
    assert all(path.suffix == ".toml" for path in shipped_themes_dir().iterdir())


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_theme_loads_with_every_highlight_and_annotation_colour(path: Path) -> None:
    theme = load_theme_file(path)
    assert theme.name == path.stem
    assert set(theme.highlights) == set(HIGHLIGHT_KINDS) | set(OPTIONAL_HIGHLIGHTS)
    assert set(theme.annotations) == set(ANNOTATION_COLORS)
    assert all(h.cue != "none" for k, h in theme.highlights.items() if k.startswith("entity"))
    assert theme.highlights["quote"].cue.split() != ["none"]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_highlight_meets_wcag_aa_on_its_background(path: Path) -> None:
    assert contrast_problems(load_theme_file(path)) == []


def test_no_two_shipped_themes_share_background_and_text_colours() -> None:
    pairs = [(t.ui["background"], t.ui["foreground"]) for t in map(load_theme_file, SHIPPED)]
    assert len(set(pairs)) == len(pairs)
    assert len({background for background, _ in pairs}) == len(pairs)


def test_there_is_a_light_and_a_dark_theme() -> None:
    darkness = {load_theme_file(path).dark for path in SHIPPED}
    assert darkness == {True, False}


def test_contrast_ratio_matches_the_wcag_reference_values() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    # #767676 on white is the classic "just passes AA" grey (4.54:1).
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def _write_broken(tmp_path: Path, replace: str, by: str) -> Path:
    text = (shipped_themes_dir() / "reader-dark.toml").read_text(encoding="utf-8")
    assert replace in text
    path = tmp_path / "reader-dark.toml"
    path.write_text(text.replace(replace, by, 1), encoding="utf-8")
    return path


def test_bad_colour_names_the_file_and_the_field(tmp_path: Path) -> None:
    path = _write_broken(tmp_path, 'color = "#e69f00"', 'color = "orange-ish"')
    with pytest.raises(ThemeError) as caught:
        load_theme_file(path)
    assert str(path) in str(caught.value)
    assert "highlights.entity-person.color" in str(caught.value)


def test_unknown_cue_and_missing_table_are_reported(tmp_path: Path) -> None:
    path = _write_broken(tmp_path, 'cue = "italic"', 'cue = "sparkly"')
    with pytest.raises(ThemeError, match=r"highlights\.quote\.cue"):
        load_theme_file(path)
    path = _write_broken(tmp_path, "[annotations]", "[annotationz]")
    with pytest.raises(ThemeError, match=r"\[annotations\]"):
        load_theme_file(path)


def test_invalid_toml_is_a_theme_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("name = \n", encoding="utf-8")
    with pytest.raises(ThemeError, match="not valid TOML"):
        load_theme_file(path)


def test_user_themes_override_shipped_ones_and_broken_ones_are_listed(tmp_path: Path) -> None:
    user = tmp_path / "themes"
    user.mkdir()
    light = (shipped_themes_dir() / "reader-light.toml").read_text(encoding="utf-8")
    (user / "mine.toml").write_text(light.replace('"reader-light"', '"mine"'), encoding="utf-8")
    (user / "bad.toml").write_text("dark = 3\n", encoding="utf-8")
    themes, problems = load_themes([shipped_themes_dir(), user])
    assert "mine" in themes and themes["mine"].path == user / "mine.toml"
    assert "bad" not in themes
    assert len(problems) == 1 and "bad.toml" in problems[0]


def test_a_theme_without_the_reported_speech_highlight_takes_the_quote_colour(
    tmp_path: Path,
) -> None:
    # Themes written before reported speech existed still load: the indirect-quote
    # highlight is the quotation's colour with no style cue (quieter than italic quotes).
    text = (shipped_themes_dir() / "reader-dark.toml").read_text(encoding="utf-8")
    start = text.index("[highlights.quote-indirect]")
    end = text.index("[", start + 1)
    path = tmp_path / "reader-dark.toml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    theme = load_theme_file(path)
    assert theme.highlights["quote-indirect"].color == theme.highlights["quote"].color
    assert theme.highlights["quote-indirect"].cue == "none"
