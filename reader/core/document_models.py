"""Documents as the core records them: versions, reading position and state, metadata,
and the loaded text a source gives (``reader.core.models`` re-exports every name here).

Kept apart from the annotation records so each module stays small; this one imports nothing
from the rest of the core, so either can be imported first.
"""

from __future__ import annotations

from dataclasses import InitVar, dataclass
from enum import StrEnum
from functools import cached_property
from typing import Any, NamedTuple


def normalise_tags(tags: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Trim tags, drop empty ones and case-insensitive duplicates, keeping first-seen order."""
    seen: set[str] = set()
    result: list[str] = []
    for tag in tags:
        cleaned = " ".join(tag.split())
        key = cleaned.casefold()
        if cleaned and key not in seen:
            seen.add(key)
            result.append(cleaned)
    return tuple(result)


class DocumentVersion(NamedTuple):
    """One distinct text of a document, identified by the SHA-256 of its normalised text.

    This and ``ReadingPosition`` are ``NamedTuple``s (immutable, compared and hashed by value
    as frozen dataclasses are; ``_replace`` instead of ``dataclasses.replace``): creating a
    dataclass costs about 0.5 ms at import, on every start, a ``NamedTuple`` a fifth of it.
    """

    sha256: str
    added: str
    words: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {"sha256": self.sha256, "added": self.added, "words": self.words}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentVersion:
        """Inverse of ``to_dict``."""
        return cls(sha256=str(data["sha256"]), added=str(data["added"]), words=int(data["words"]))


class ReadingPosition(NamedTuple):
    """Where the reader was: a text anchor (offset plus a little text), not a scroll fraction."""

    offset: int
    context: str = ""
    progress: float = 0.0
    """Percent of the document read (0-100), for the library's progress column."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {"offset": self.offset, "context": self.context, "progress": self.progress}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ReadingPosition:
        """Inverse of ``to_dict``."""
        return cls(
            offset=int(data.get("offset", 0)),
            context=str(data.get("context", "")),
            progress=float(data.get("progress", 0.0)),
        )


_AT_START = ReadingPosition(0)


class ReadingState(StrEnum):
    """Where a document stands in the reader's reading life (``reader doc --state``)."""

    UNREAD = "unread"
    READING = "reading"
    DONE = "done"
    ARCHIVED = "archived"


META_FIELDS = ("author", "published", "site", "url", "description")
"""Document fields that come from the source's metadata (and that the user may correct)."""


class SourceMeta(NamedTuple):
    """Who wrote a source and when, as its markup declared it (all optional, ``""`` if not).

    ``published`` is an ISO date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``); ``tags`` come from
    Markdown front matter. A ``NamedTuple`` as ``DocumentVersion`` is.
    """

    author: str = ""
    published: str = ""
    site: str = ""
    url: str = ""
    description: str = ""
    tags: tuple[str, ...] = ()


NO_META = SourceMeta()
"""The metadata of a source that declared none (one shared, immutable value)."""


def _str_tuple(value: Any) -> tuple[str, ...]:
    return tuple(str(item) for item in value) if value else ()


@dataclass(frozen=True)
class Document:
    """A document in the library: one source, one stable id, one or more text versions.

    Everything after ``text_missing`` is optional (records written before it existed load
    with the defaults): the source's metadata, the user's own note, tags and reading state,
    the fields the user corrected (a re-open never overwrites them) and, for PDFs, the
    offsets where each page starts in the current text.
    """

    id: str
    title: str
    source: str
    sha256: str
    versions: tuple[DocumentVersion, ...]
    first_opened: str
    last_opened: str
    words: int
    position: ReadingPosition = _AT_START
    text_missing: bool = False
    author: str = ""
    published: str = ""
    site: str = ""
    url: str = ""
    description: str = ""
    note: str = ""
    tags: tuple[str, ...] = ()
    state: ReadingState = ReadingState.UNREAD
    corrected: tuple[str, ...] = ()
    pages: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (the ``document`` object of ``reader show --json``)."""
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "sha256": self.sha256,
            "versions": [v.to_dict() for v in self.versions],
            "first_opened": self.first_opened,
            "last_opened": self.last_opened,
            "words": self.words,
            "position": self.position.to_dict(),
            "text_missing": self.text_missing,
            "author": self.author,
            "published": self.published,
            "site": self.site,
            "url": self.url,
            "description": self.description,
            "note": self.note,
            "tags": list(self.tags),
            "state": self.state.value,
            "corrected": list(self.corrected),
            "pages": list(self.pages),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """Inverse of ``to_dict``; the optional fields default when a record lacks them."""
        return cls(
            id=str(data["id"]),
            title=str(data["title"]),
            source=str(data["source"]),
            sha256=str(data["sha256"]),
            versions=tuple(DocumentVersion.from_dict(v) for v in data.get("versions", [])),
            first_opened=str(data["first_opened"]),
            last_opened=str(data["last_opened"]),
            words=int(data.get("words", 0)),
            position=ReadingPosition.from_dict(data.get("position") or {}),
            text_missing=bool(data.get("text_missing", False)),
            author=str(data.get("author") or ""),
            published=str(data.get("published") or ""),
            site=str(data.get("site") or ""),
            url=str(data.get("url") or ""),
            description=str(data.get("description") or ""),
            note=str(data.get("note") or ""),
            tags=normalise_tags([str(t) for t in data.get("tags") or ()]),
            state=ReadingState(data.get("state") or ReadingState.UNREAD.value),
            corrected=_str_tuple(data.get("corrected")),
            pages=tuple(int(page) for page in data.get("pages") or ()),
        )


@dataclass(frozen=True)
class LoadedText:
    """A source read and normalised, before it is filed in the store.

    Its hash and word count are worked out from ``text`` when first asked for, not when the
    source is read: on a 3 MB text they take about 20 ms, and the first screen needs neither
    (a stored source is found by its path). Filing asks for them, after the first paint. A
    loader that knows them already (the book cache) passes them in as ``sha256_known`` and
    ``words_known``.
    """

    source: str
    text: str
    title: str
    kind: str
    """One of ``text``, ``markdown``, ``html``, ``url``, ``stdin``, ``epub``, ``pdf``."""
    warnings: tuple[str, ...] = ()
    meta: SourceMeta = NO_META
    pages: tuple[int, ...] = ()
    """Offsets in ``text`` where each page starts (PDFs only)."""
    sha256_known: InitVar[str | None] = None
    words_known: InitVar[int | None] = None

    def __post_init__(self, sha256_known: str | None, words_known: int | None) -> None:
        # cached_property keeps its value in the instance's __dict__: filling it in here
        # is what a first computation would do (a frozen dataclass refuses setattr).
        if sha256_known is not None:
            self.__dict__["sha256"] = sha256_known
        if words_known is not None:
            self.__dict__["words"] = words_known

    @cached_property
    def sha256(self) -> str:
        """Hex SHA-256 of the text's UTF-8 bytes (``reader.core.text.sha256_of``)."""
        from reader.core.text import sha256_of

        return sha256_of(self.text)

    @cached_property
    def words(self) -> int:
        """Whitespace-separated words of the text (``reader.core.text.word_count``)."""
        from reader.core.text import word_count

        return word_count(self.text)
