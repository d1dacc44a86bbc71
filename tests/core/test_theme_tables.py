"""The cache of parsed theme files: a warm start parses no TOML, and the cache never changes
what a theme file means (changed files are parsed again, bad themes are never kept, a
tampered or damaged cache is validated or passed over)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core import theme_tables, themes
from reader.core.themes import ThemeError, load_theme_file, load_themes
from reader.paths import shipped_themes_dir

SHIPPED = shipped_themes_dir() / "reader-dark.toml"


@pytest.fixture
def theme(tmp_path: Path) -> Path:
    """A copy of a shipped theme under a name of its own."""
    path = tmp_path / "themes" / "mine.toml"
    path.parent.mkdir()
    path.write_text(SHIPPED.read_text(encoding="utf-8").replace("reader-dark", "mine"))
    return path


def new_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget what this process read of the cache, as a new process would."""
    monkeypatch.setattr(theme_tables, "_read", {})


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: Path) -> object:
        raise AssertionError(f"{path} was parsed")

    monkeypatch.setattr(themes, "_parse_file", refuse)


def test_an_unchanged_theme_comes_from_the_cache_unparsed_and_equal(
    theme: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache" / theme_tables.CACHE_NAME
    uncached = load_theme_file(theme)
    assert load_theme_file(theme, cache) == uncached
    assert cache.exists()
    new_run(monkeypatch)
    no_parsing(monkeypatch)
    assert load_theme_file(theme, cache) == uncached


def test_a_changed_theme_is_parsed_again(
    theme: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / theme_tables.CACHE_NAME
    load_theme_file(theme, cache)
    theme.write_text(theme.read_text(encoding="utf-8").replace("#142871", "#102a70"))
    os.utime(theme, ns=(1, 1))  # even a time set back: the size or the time differs
    new_run(monkeypatch)
    assert load_theme_file(theme, cache).annotations["blue"] == "#102a70"


def test_a_bad_theme_is_never_kept(tmp_path: Path) -> None:
    cache = tmp_path / theme_tables.CACHE_NAME
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "bad"\n[ui]\nprimary = "red"\n', encoding="utf-8")
    _, problems = load_themes([tmp_path], cache)
    assert problems and not cache.exists()


def test_a_tampered_cache_is_validated_like_a_file(
    theme: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / theme_tables.CACHE_NAME
    load_theme_file(theme, cache)
    entries = json.loads(cache.read_text(encoding="utf-8"))
    entries[str(theme)]["table"]["ui"]["primary"] = "\x1b]52;c;evil\x07"
    cache.write_text(json.dumps(entries), encoding="utf-8")
    new_run(monkeypatch)
    with pytest.raises(ThemeError, match="primary"):
        load_theme_file(theme, cache)


@pytest.mark.parametrize("content", [b"{not json", b"[1, 2]", b'{"x": 1}', b" " * 1_100_000])
def test_a_damaged_cache_is_passed_over_and_written_anew(
    theme: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes
) -> None:
    cache = tmp_path / theme_tables.CACHE_NAME
    cache.write_bytes(content)
    assert load_theme_file(theme, cache).name == "mine"
    new_run(monkeypatch)
    no_parsing(monkeypatch)
    assert load_theme_file(theme, cache).name == "mine"


def test_a_cache_that_cannot_be_written_changes_nothing(theme: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("", encoding="utf-8")
    assert load_theme_file(theme, blocker / theme_tables.CACHE_NAME).name == "mine"


def test_a_warm_start_imports_no_toml_parser(tmp_path: Path) -> None:
    """The TUI's start (palette defaults and the theme catalogue) in fresh processes."""
    script = (
        "import sys\n"
        "from reader.paths import resolve_paths\n"
        "from reader.ui.palette import palette_defaults\n"
        "from reader.ui.themes import load_catalogue, theme_cache\n"
        "paths = resolve_paths()\n"
        "palette_defaults(theme_cache(paths))\n"
        "assert len(load_catalogue(paths).specs) >= 4\n"
        "print('tomllib' in sys.modules)\n"
    )
    env = dict(os.environ, READER_CACHE_DIR=str(tmp_path / "cache"))
    env["READER_CONFIG_DIR"] = str(tmp_path / "config")
    runs = [
        subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        ).stdout.strip()
        for _ in range(2)
    ]
    assert runs == ["True", "False"]
