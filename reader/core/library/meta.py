"""Document metadata: dates in ISO form, merging a source's metadata, the user's corrections.

A source's metadata fills a document's fields each time it is opened, except those the user
corrected (``Document.corrected``): a correction always wins over what the markup says.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from typing import Any

from reader.core.models import META_FIELDS, Document, ReadingState, SourceMeta, normalise_tags
from reader.errors import BadInputError

_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?$")
_PDF_DATE = re.compile(r"^D:(\d{4})(\d{2})?(\d{2})?")
_WRITTEN_FORMATS = ("%d %B %Y", "%B %d, %Y", "%B %d %Y", "%d %b %Y", "%b %d, %Y", "%Y/%m/%d")
_FIELD_MAX = 2000


def iso_date(value: str) -> str | None:
    """``value`` as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; None when it is not a date.

    Accepts ISO dates and date-times, PDF dates (``D:20240305...``) and a few written forms
    ("5 March 2024", "March 5, 2024").
    """
    text = " ".join(str(value).split())
    if not text:
        return None
    match = _ISO_DATE.match(text) or _PDF_DATE.match(text)
    if match is not None:
        return _checked(*match.groups())
    for pattern in _WRITTEN_FORMATS:
        try:
            parsed = datetime.strptime(text, pattern)
        except ValueError:
            continue
        return parsed.date().isoformat()
    return None


def _checked(year: str, month: str | None, day: str | None) -> str | None:
    """The date of these parts, if it exists in the calendar."""
    try:
        if day is not None and month is not None:
            return datetime(int(year), int(month), int(day)).date().isoformat()
        if month is not None:
            return datetime(int(year), int(month), 1).strftime("%Y-%m")
    except ValueError:
        return None
    return year


def parse_published(value: str) -> str:
    """A date the user typed, as an ISO date; ``""`` clears it. ``BadInputError`` otherwise."""
    if not value.strip():
        return ""
    date = iso_date(value)
    if date is None:
        raise BadInputError(
            f"invalid date {value!r}: use YYYY-MM-DD (or YYYY-MM, YYYY; '' to clear it)"
        )
    return date


def parse_state(value: str) -> ReadingState:
    """A reading state by name; ``BadInputError`` naming the choices otherwise."""
    try:
        return ReadingState(value.strip().lower())
    except ValueError:
        choices = ", ".join(state.value for state in ReadingState)
        raise BadInputError(f"invalid state {value!r}: choose one of {choices}") from None


def clean_field(value: str) -> str:
    """One line of metadata: whitespace folded, capped in length."""
    return " ".join(str(value).split())[:_FIELD_MAX]


def meta_from_values(values: dict[str, Any]) -> SourceMeta:
    """A ``SourceMeta`` from loosely typed values (front matter, JSON-LD, PDF info)."""
    author = values.get("author") or ""
    if isinstance(author, list | tuple):
        author = " and ".join(clean_field(str(name)) for name in author if str(name).strip())
    date = iso_date(str(values.get("published") or "")) or ""
    tags = values.get("tags") or ()
    if isinstance(tags, str):
        tags = [tag for tag in re.split(r"[,\s]+", tags) if tag]
    return SourceMeta(
        author=clean_field(str(author)),
        published=date,
        site=clean_field(str(values.get("site") or "")),
        url=clean_field(str(values.get("url") or "")),
        description=clean_field(str(values.get("description") or "")),
        tags=normalise_tags([str(tag).lstrip("#") for tag in tags]),
    )


def with_source_meta(document: Document, meta: SourceMeta) -> Document:
    """``document`` with the source's metadata in every field the user did not correct.

    A field the source leaves empty keeps what the document had. Tags from the source are
    added to the document's own (never removed: the user may have removed one on purpose,
    so only a new document takes them all).
    """
    changes: dict[str, Any] = {}
    for name in META_FIELDS:
        value = getattr(meta, name)
        if value and name not in document.corrected and getattr(document, name) != value:
            changes[name] = value
    if meta.tags and not document.tags and "tags" not in document.corrected:
        changes["tags"] = meta.tags
    return replace(document, **changes) if changes else document


FINISHED_PERCENT = 99.5
"""Progress at which a document counts as read to the end."""


def advanced_state(state: ReadingState, offset: int, progress: float) -> ReadingState:
    """The state after saving a reading position: unread becomes reading once past the
    start, and reading becomes done at the end. Done and archived stay as they are."""
    if state in (ReadingState.DONE, ReadingState.ARCHIVED) or offset <= 0:
        return state
    return ReadingState.DONE if progress >= FINISHED_PERCENT else ReadingState.READING
