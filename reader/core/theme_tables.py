"""Theme files' parsed tables, kept in a small JSON file in the cache directory.

Every start of the TUI reads the theme files. Parsing them means importing ``tomllib`` (about
2.5 ms, most of it compiling its regular expressions) and parsing each file (0.3 ms a
file), all before the first frame; one JSON file read instead takes a tenth of that.

An entry holds a theme file's table with the file's size and modification time (in ns): a
file whose size or time differs is parsed again, as Python checks its bytecode. Only
tables of themes that loaded are kept, and every table is validated again on each load
(``reader.core.themes.load_theme_file``), so the cache cannot let a bad theme in. A
missing, unreadable, damaged or oversized cache file is passed over and written anew;
failing to write it changes nothing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from reader.core.atomic_file import write_atomically

CACHE_NAME = "themes.json"
"""The cache's file name in the cache directory (``Paths.cache_dir``)."""
MAX_CACHE_BYTES = 1024 * 1024
"""A cache file bigger than this is not read (a few themes take a few KB)."""

_read: dict[Path, dict[str, Any]] = {}
"""Cache file -> its entries, read once per process (a run loads the themes twice)."""


def _stamp(path: Path) -> list[int]:
    status = path.stat()
    return [status.st_size, status.st_mtime_ns]


def _entries(cache: Path) -> dict[str, Any]:
    entries = _read.get(cache)
    if entries is None:
        entries = {}
        try:
            if cache.stat().st_size <= MAX_CACHE_BYTES:
                loaded = json.loads(cache.read_bytes())
                entries = loaded if isinstance(loaded, dict) else {}
        except (OSError, ValueError, RecursionError):
            pass
        _read[cache] = entries
    return entries


def cached_table(path: Path, cache: Path) -> dict[str, Any] | None:
    """The table last kept for theme file ``path``, if the file has not changed since."""
    entry = _entries(cache).get(str(path.absolute()))
    if not isinstance(entry, dict) or not isinstance(entry.get("table"), dict):
        return None
    try:
        fresh = entry.get("stamp") == _stamp(path)
    except OSError:
        return None
    return entry["table"] if fresh else None


def keep_table(path: Path, cache: Path, table: dict[str, Any]) -> None:
    """Keep the table of theme file ``path`` (a theme that loaded) for the next runs."""
    entries = _entries(cache)
    try:
        entries[str(path.absolute())] = {"stamp": _stamp(path), "table": table}
        text = json.dumps(entries, ensure_ascii=False, sort_keys=True)
        os.makedirs(cache.parent, exist_ok=True)
        write_atomically(cache, text.encode("utf-8"), durable=False)
    except (OSError, TypeError, ValueError, RecursionError):
        entries.pop(str(path.absolute()), None)  # not JSON (a TOML date), or no room
