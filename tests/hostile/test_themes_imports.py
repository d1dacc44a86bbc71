"""Case 9 (themes: depth, size, names) and case 3's imported colours."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.core.themes import MAX_THEME_BYTES, ThemeError, load_theme_file, load_themes
from tests.hostile.corpus import native_export, run_bytes


def test_a_theme_with_deeply_nested_arrays_is_a_message_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(ThemeError, match="nested too deeply"):
        load_theme_file(path)
    shallow = tmp_path / "shallow.toml"
    shallow.write_text("x = [[[[1]]]]\n", encoding="utf-8")
    with pytest.raises(ThemeError, match="nested too deeply"):
        load_theme_file(shallow)


def test_a_huge_theme_and_a_markup_name_are_refused(tmp_path: Path) -> None:
    huge = tmp_path / "huge.toml"
    huge.write_text("# " + "x" * MAX_THEME_BYTES + "\n", encoding="utf-8")
    (tmp_path / "[@click=app.quit]x.toml").write_text('name = "x"\n', encoding="utf-8")
    themes, problems = load_themes([tmp_path])
    assert themes == {}
    assert any("larger than" in p for p in problems)
    assert any("a theme name is letters" in p for p in problems)


def test_the_tui_starts_with_a_deep_user_theme(tmp_path: Path) -> None:
    # Case 9 through the real CLI: `reader --theme deep list` never parses themes, so the
    # check is the catalogue the TUI loads (Pilot test: test_hostile_screens.py).
    deep = tmp_path / "deep.toml"
    deep.write_text("x = " + "[" * 3000 + "]" * 3000 + "\n", encoding="utf-8")
    _, problems = load_themes([tmp_path])
    assert problems and "nested too deeply" in problems[0]


def test_an_imported_colour_must_be_a_colour_name(tmp_path: Path) -> None:
    export = native_export("colour", "plain words")
    export["documents"][0]["annotations"][0]["color"] = "[@click=app.quit]x[/]"
    path = tmp_path / "colour.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    done = run_bytes("import", str(path))
    assert done.returncode == 2
    assert b"colour" in done.stderr
