"""Preferences persist atomically and never stop the reader when broken."""

from __future__ import annotations

from pathlib import Path

from reader.core.settings import Settings, load_settings, save_settings


def test_settings_round_trip_and_create_the_directory(tmp_path: Path) -> None:
    path = tmp_path / "config" / "settings.json"
    save_settings(path, Settings(theme="reader-light", measure=72))
    assert load_settings(path) == Settings(theme="reader-light", measure=72)
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]


def test_missing_or_corrupt_settings_fall_back_to_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    assert load_settings(path) == Settings()
    path.write_text("{not json", encoding="utf-8")
    assert load_settings(path) == Settings()
    path.write_text('{"theme": "x", "unknown": 1, "measure": "wide"}', encoding="utf-8")
    assert load_settings(path) == Settings(theme="x", measure=88)
