"""What a reference names (a source or a stored id) and what a colour name may be.

Small checks the documents part and the UI share; kept apart so neither needs the other.
"""

from __future__ import annotations

import re
from pathlib import Path

from reader.errors import BadInputError

STDIN_SOURCE = "-"
STDIN_PREFIX = "stdin:"
_COLOR_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")


def is_url(value: str) -> bool:
    """Whether ``value`` is an http(s) URL."""
    return value.startswith(("http://", "https://"))


_URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def looks_like_source(value: str) -> bool:
    """Whether ``value`` names a source (not a stored id); bad schemes get the loader's error."""
    if value == STDIN_SOURCE or _URL_SCHEME.match(value):
        return True
    return Path(value).expanduser().exists()


def check_color(color: str) -> str:
    """A colour name: lower-case letters, digits, ``-`` or ``_`` (the UI maps names to styles)."""
    cleaned = color.strip().lower()
    if not _COLOR_NAME.match(cleaned):
        raise BadInputError(f"invalid colour name {color!r} (use a name such as 'yellow')")
    return cleaned
