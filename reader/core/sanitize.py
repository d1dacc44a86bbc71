"""The one sanitiser between data and the terminal.

Anything that came from a document, a note, a tag, an import, a theme or a path may hold
terminal control sequences (``ESC ] 52`` writes the clipboard, ``ESC [ 2 J`` clears the
screen), C1 controls that some terminals obey (``\\x9b`` is a one-byte CSI), bidi overrides
that make text read differently from what it is, or lone surrogates that cannot be encoded.
Every such string passes :func:`safe` (or :func:`safe_line`) before the CLI prints it or the
TUI shows it. Each bad code point becomes one visible placeholder, so offsets into the text
stay valid: the output has exactly as many code points as the input.

JSON output needs no call: ``json.dumps`` escapes controls as ``\\u001b``. Lone surrogates
are the exception, and :func:`safe_json_value` handles them.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

PLACEHOLDER = "\ufffd"
"""What a control, bidi or surrogate code point is shown as: the replacement character."""

_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_UNSAFE_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}\ud800-\udfff]")
_LINE_WHITESPACE = frozenset("\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85")


@cache
def _unsafe() -> re.Pattern[str]:
    # Compiled on first use, like the JSON patterns below: the TUI's first frame needs only
    # ``safe_line`` (compiling the three others takes about 1 ms).
    return re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}\ud800-\udfff]")


def safe(text: str) -> str:
    """``text`` with every control (but newline and tab), bidi control and lone surrogate
    replaced by :data:`PLACEHOLDER`; same length as ``text``."""
    unsafe = _unsafe()
    if not unsafe.search(text):
        return text
    return unsafe.sub(PLACEHOLDER, text)


def _line_replacement(match: re.Match[str]) -> str:
    return " " if match.group() in _LINE_WHITESPACE else PLACEHOLDER


def safe_line(text: str) -> str:
    """``text`` for a one-line place (a table cell, a title, a status line): like
    :func:`safe`, and line breaks and tabs become spaces; same length as ``text``."""
    if not _UNSAFE_LINE.search(text):
        return text
    return _UNSAFE_LINE.sub(_line_replacement, text)


def has_unsafe(text: str) -> bool:
    """Whether :func:`safe` would change ``text``."""
    return _unsafe().search(text) is not None


def safe_json_value(value: Any) -> Any:
    """``value`` with lone surrogates in its strings replaced, so ``json.dumps`` output can
    be encoded as UTF-8 (controls are left: JSON escapes them itself)."""
    if isinstance(value, str):
        return re.sub("[\ud800-\udfff]", PLACEHOLDER, value)
    if isinstance(value, dict):
        return {safe_json_value(k): safe_json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [safe_json_value(item) for item in value]
    return value


@cache
def _json_raw() -> re.Pattern[str]:
    return re.compile(f"[\x7f-\x9f{_BIDI}]")


def safe_json_dumps(
    data: Any, indent: int | None = None, separators: tuple[str, str] | None = None
) -> str:
    """``data`` as JSON text that is safe on a terminal and loses nothing.

    ``json.dumps`` escapes C0 controls itself; C1 and bidi controls are escaped here as
    ``\\uXXXX`` (they can only occur inside strings, where the escape means the same), and
    lone surrogates are replaced (they cannot be written as UTF-8).
    """
    return safe_json_text(
        json.dumps(data, ensure_ascii=False, indent=indent, separators=separators)
    )


@cache
def _surrogate() -> re.Pattern[str]:
    return re.compile("[\ud800-\udfff]")


def safe_json_text(text: str) -> str:
    """JSON text written with ``ensure_ascii=False`` made safe: C1 and bidi controls
    escaped, lone surrogates replaced (JSON leaves both raw, and only inside strings, so
    this equals sanitising every string first, without walking the data)."""
    text = _surrogate().sub(PLACEHOLDER, text)
    return _json_raw().sub(lambda match: f"\\u{ord(match.group()):04x}", text)
