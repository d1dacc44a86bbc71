"""Small persisted preferences (the chosen theme, the reading measure) in the config dir.

A missing or unreadable settings file is not an error: the reader falls back to defaults,
because losing a preference must never stop anyone from reading.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NamedTuple

from reader.core.atomic_file import write_atomically


class Settings(NamedTuple):
    """User preferences that persist across runs (a named tuple, not a frozen dataclass: the
    TUI's start creates the class, in a fifth of the time)."""

    theme: str | None = None
    measure: int = 88


def load_settings(path: Path) -> Settings:
    """Read settings, ignoring unknown keys and falling back to defaults on any problem."""
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    defaults = Settings()
    values: dict[str, Any] = {}
    for name in Settings._fields:
        value = data.get(name, getattr(defaults, name))
        expected = type(getattr(defaults, name))
        # A wrongly typed value falls back to its default instead of spreading garbage.
        if name == "theme":
            values["theme"] = value if isinstance(value, str) else None
        elif isinstance(value, expected) and not isinstance(value, bool):
            values[name] = value
    return Settings(**values)


def save_settings(path: Path, settings: Settings) -> None:
    """Write settings atomically and durably, creating the directory."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, json.dumps(settings._asdict(), indent=2).encode("utf-8"))
