"""Where the reader keeps its files: every path in one place (platformdirs + env overrides).

Environment variables:
- ``READER_DB``: the store's main file (its directory holds the whole store).
- ``READER_CONFIG_DIR``: the config directory (themes, settings).
- ``READER_CACHE_DIR``: the analysis cache directory.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

import platformdirs

from reader.errors import BadInputError

APP_NAME = "reader"
DB_FILENAME = "annotations.json"


class Paths(NamedTuple):
    """The resolved locations for one run (a named tuple, not a frozen dataclass: every start
    creates the class, in a fifth of the time)."""

    db: Path
    config_dir: Path
    cache_dir: Path

    @property
    def store_dir(self) -> Path:
        """The directory holding the store's main file and everything it writes."""
        return self.db.parent

    @property
    def user_themes_dir(self) -> Path:
        """User theme files: ``<config dir>/themes``."""
        return self.config_dir / "themes"

    @property
    def analysis_cache_dir(self) -> Path:
        """Cached analysis results."""
        return self.cache_dir / "analysis"

    @property
    def settings_file(self) -> Path:
        """Small persisted preferences (theme choice and the like)."""
        return self.config_dir / "settings.json"


def resolve_paths(db: str | os.PathLike[str] | None = None) -> Paths:
    """Resolve the run's paths: explicit ``db`` first, then env variables, then platformdirs.

    An explicit but empty ``db`` (``--db ""``) is an error: falling back to the default store
    would silently write where the user asked us not to. An empty ``READER_DB`` means unset.
    """
    if db is not None and not os.fspath(db).strip():
        raise BadInputError("--db is empty: give the path of the store's main file")
    db_value = db if db is not None else os.environ.get("READER_DB")
    if db_value:
        db_path = Path(db_value).expanduser().absolute()
    else:
        db_path = Path(platformdirs.user_data_dir(APP_NAME)) / DB_FILENAME
    config = os.environ.get("READER_CONFIG_DIR") or platformdirs.user_config_dir(APP_NAME)
    cache = os.environ.get("READER_CACHE_DIR") or platformdirs.user_cache_dir(APP_NAME)
    return Paths(db=db_path, config_dir=Path(config), cache_dir=Path(cache))


def _shipped_dir(name: str) -> Path:
    # A wheel maps the repo's top-level folder into the package (see pyproject's package-dir);
    # an editable install or a checkout finds it beside the package instead.
    packaged = Path(__file__).parent / name
    if packaged.is_dir():
        return packaged
    return Path(__file__).parent.parent / name


def shipped_themes_dir() -> Path:
    """Shipped themes: ``reader/themes`` in an installed wheel, ``themes/`` in a checkout."""
    return _shipped_dir("themes")


def shipped_seeds_dir() -> Path:
    """Sample articles: ``reader/seeds`` in an installed wheel, ``seeds/`` in a checkout."""
    return _shipped_dir("seeds")
