"""The YAML front matter of a Markdown file: the small subset notes apps write.

Supported: ``key: value`` (plain, 'single' or "double" quoted), flow lists ``[a, b]`` and
block lists (``- item`` lines under ``key:``); comments and anything else are ignored. This
covers what Obsidian, Jekyll and Hugo write for ``title``, ``author``, ``date``,
``source``/``url`` and ``tags`` without a YAML dependency.
"""

from __future__ import annotations

import re
from typing import Any

from reader.core.models import SourceMeta

_KEY_LINE = re.compile(r"^([A-Za-z_][\w-]*):[ \t]*(.*?)[ \t]*$")
_ITEM_LINE = re.compile(r"^[ \t]*-[ \t]+(.*?)[ \t]*$")
_KEYS = {
    "author": "author",
    "authors": "author",
    "date": "published",
    "published": "published",
    "source": "url",
    "url": "url",
    "link": "url",
    "site": "site",
    "description": "description",
    "summary": "description",
    "tags": "tags",
    "keywords": "tags",
}


def parse_front_matter(block: str) -> dict[str, Any]:
    """The keys of a front matter block: strings, or lists of strings."""
    values: dict[str, Any] = {}
    current: str | None = None
    for line in block.split("\n"):
        item = _ITEM_LINE.match(line)
        if item is not None and current is not None:
            listed = values.get(current)
            values[current] = [*(listed if isinstance(listed, list) else []), _scalar(item[1])]
            continue
        match = _KEY_LINE.match(line)
        if match is None:
            continue
        current = match[1].lower()
        values[current] = _value(match[2])
    return values


def _value(raw: str) -> Any:
    if raw.startswith("[") and raw.endswith("]"):
        return [_scalar(part) for part in raw[1:-1].split(",") if part.strip()]
    return _scalar(raw)


def _scalar(raw: str) -> str:
    """A plain or quoted scalar; a trailing `` # comment`` is not part of a plain one."""
    raw = raw.strip()
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "'\"":
        inner = raw[1:-1]
        return inner.replace("''", "'") if raw[0] == "'" else inner.replace('\\"', '"')
    return re.sub(r"\s+#.*$", "", raw)


def front_matter_meta(values: dict[str, Any]) -> SourceMeta:
    """The document metadata named by front matter keys (see ``_KEYS``)."""
    from reader.core.library.meta import meta_from_values

    mapped: dict[str, Any] = {}
    for key, value in values.items():
        target = _KEYS.get(key)
        if target is not None and target not in mapped and value:
            mapped[target] = value
    return meta_from_values(mapped)
