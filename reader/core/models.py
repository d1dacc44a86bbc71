"""Typed records shared by the whole core: documents, annotations, selectors, analysis results.

Every record converts to and from plain JSON-ready dicts (``to_dict``/``from_dict``); the store,
the CLI's ``--json`` output and the exports all use these shapes. Offsets are character offsets
into the document's *normalised* text (see ``reader.core.text``), end exclusive.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, TypeVar

CONTEXT_CHARS = 32
"""How many characters of prefix and suffix a selector keeps around its exact text."""


def now_iso() -> str:
    """The current UTC time as an ISO 8601 string with milliseconds and a ``Z`` suffix."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def new_id() -> str:
    """A fresh random UUID string, used for documents and annotations."""
    return str(uuid.uuid4())


class AnnotationStatus(StrEnum):
    """Where an annotation stands after the last (re-)anchoring."""

    ANCHORED = "anchored"
    MOVED = "moved"
    ORPHANED = "orphaned"


_STATUS_OF_VALUE = {status.value: status for status in AnnotationStatus}


def _status(value: Any) -> AnnotationStatus:
    """``AnnotationStatus(value)`` (``ValueError`` if unknown), with a dict lookup first."""
    status = _STATUS_OF_VALUE.get(value) if isinstance(value, str) else None
    return status if status is not None else AnnotationStatus(value)


_Record = TypeVar("_Record")


def _built(cls: type[_Record], fields: dict[str, Any]) -> _Record:
    """An instance of the frozen dataclass ``cls`` holding ``fields`` (every one of them).

    The same object ``cls(**fields)`` makes, without the generated ``__init__``, which sets
    each field through ``object.__setattr__`` and is several times slower: reading a store
    of 10,000 annotations makes 20,000 of these records.
    """
    record = object.__new__(cls)
    record.__dict__.update(fields)
    return record


@dataclass(frozen=True)
class Selector:
    """A passage of a text: its exact words, their context, and their offsets."""

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int

    @classmethod
    def from_text(cls, text: str, start: int, end: int) -> Selector:
        """Build a selector for ``text[start:end]`` with ``CONTEXT_CHARS`` of context each side."""
        if not 0 <= start <= end <= len(text):
            raise ValueError(f"span {start}:{end} is outside a text of {len(text)} characters")
        return cls(
            exact=text[start:end],
            prefix=text[max(0, start - CONTEXT_CHARS) : start],
            suffix=text[end : end + CONTEXT_CHARS],
            start=start,
            end=end,
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "exact": self.exact,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "start": self.start,
            "end": self.end,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Selector:
        """Inverse of ``to_dict``."""
        return _built(
            cls,
            {
                "exact": str(data["exact"]),
                "prefix": str(data.get("prefix", "")),
                "suffix": str(data.get("suffix", "")),
                "start": int(data["start"]),
                "end": int(data["end"]),
            },
        )


@dataclass(frozen=True)
class AnchorMove:
    """One earlier position of an annotation, kept when re-anchoring moved it."""

    sha256: str
    start: int
    end: int
    moved: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {"sha256": self.sha256, "start": self.start, "end": self.end, "moved": self.moved}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AnchorMove:
        """Inverse of ``to_dict``."""
        return cls(
            sha256=str(data["sha256"]),
            start=int(data["start"]),
            end=int(data["end"]),
            moved=str(data["moved"]),
        )


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


NOTE_KIND = "note"
CORRECTION_KIND = "correction"
"""An annotation's ``kind``: a note (the default; records without the field are notes), or
a correction of the analysis (see ``reader.core.corrections``)."""


@dataclass(frozen=True)
class Correction:
    """What a correction changes about the analysed item at its passage.

    ``target`` is ``speaker``, ``quote`` or ``entity``; ``action`` says what the reader
    states (``speaker``; ``not-a-quote`` or ``add``; ``label``, ``not-entity``, ``same-as``
    or ``split``); ``value`` is the speaker's name (empty: nobody known), the label or the
    entity merged with. ``form`` is an added quote's form; ``scope`` is ``all`` identical
    mentions of an entity or ``only-this`` one.
    """

    target: str
    action: str
    value: str = ""
    form: str = ""
    scope: str = "all"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (every key, so the shape is stable)."""
        return {
            "target": self.target,
            "action": self.action,
            "value": self.value,
            "form": self.form,
            "scope": self.scope,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Correction:
        """Inverse of ``to_dict`` (missing optional keys take their defaults)."""
        return cls(
            target=str(data["target"]),
            action=str(data["action"]),
            value=str(data.get("value", "")),
            form=str(data.get("form", "")),
            scope=str(data.get("scope", "all")),
        )


@dataclass(frozen=True)
class Annotation:
    """A note (possibly empty) with tags and a colour on one passage of one document version.

    A correction is an annotation too (``kind`` ``correction`` with its ``correction``): it
    is stored, re-anchored, exported and imported like a note.
    """

    id: str
    document_id: str
    sha256: str
    selector: Selector
    note: str = ""
    tags: tuple[str, ...] = ()
    color: str = "yellow"
    created: str = field(default_factory=now_iso)
    modified: str = field(default_factory=now_iso)
    status: AnnotationStatus = AnnotationStatus.ANCHORED
    history: tuple[AnchorMove, ...] = ()
    kind: str = NOTE_KIND
    correction: Correction | None = None

    @property
    def is_correction(self) -> bool:
        """Whether this annotation corrects the analysis rather than noting something."""
        return self.correction is not None

    def has_tag(self, tag: str) -> bool:
        """Tags match case-insensitively."""
        wanted = tag.strip().casefold()
        return any(t.casefold() == wanted for t in self.tags)

    def edited(self, **changes: Any) -> Annotation:
        """A copy with ``changes`` applied and ``modified`` set to now."""
        if "tags" in changes:
            changes["tags"] = normalise_tags(changes["tags"])
        return replace(self, modified=now_iso(), **changes)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (the shape of ``reader show --json``).

        A note's record has no ``kind``: records written before corrections existed and
        records written now are the same.
        """
        record: dict[str, Any] = {
            "id": self.id,
            "document_id": self.document_id,
            "sha256": self.sha256,
            "note": self.note,
            "tags": list(self.tags),
            "color": self.color,
            "created": self.created,
            "modified": self.modified,
            "status": self.status.value,
            "selector": self.selector.to_dict(),
            "history": [move.to_dict() for move in self.history],
        }
        if self.correction is not None:
            record["kind"] = CORRECTION_KIND
            record["correction"] = self.correction.to_dict()
        return record

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Annotation:
        """Inverse of ``to_dict``: converts each field's type and normalises the tags.

        Raises ``KeyError``, ``TypeError`` or ``ValueError`` for a malformed record.
        """
        tags = data.get("tags", ())
        history = data.get("history", ())
        return _built(
            cls,
            {
                "id": str(data["id"]),
                "document_id": str(data["document_id"]),
                "sha256": str(data["sha256"]),
                "selector": Selector.from_dict(data["selector"]),
                "note": str(data.get("note", "")),
                "tags": normalise_tags([str(t) for t in tags]) if tags else (),
                "color": str(data.get("color", "yellow")),
                "created": str(data["created"]),
                "modified": str(data["modified"]),
                "status": _status(data.get("status", "anchored")),
                "history": tuple(AnchorMove.from_dict(m) for m in history) if history else (),
                **_kind_fields(data),
            },
        )


def _kind_fields(data: dict[str, Any]) -> dict[str, Any]:
    """``kind`` and ``correction`` of a record; ``ValueError`` for a correction without body."""
    kind = str(data.get("kind", NOTE_KIND))
    if kind == NOTE_KIND:
        return {"kind": NOTE_KIND, "correction": None}
    body = data.get("correction")
    if kind != CORRECTION_KIND or not isinstance(body, dict):
        raise ValueError(f"unknown annotation kind {kind!r} or a correction without its body")
    return {"kind": CORRECTION_KIND, "correction": Correction.from_dict(body)}


@dataclass(frozen=True)
class DocumentVersion:
    """One distinct text of a document, identified by the SHA-256 of its normalised text."""

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


@dataclass(frozen=True)
class ReadingPosition:
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


class ReadingState(StrEnum):
    """Where a document stands in the reader's reading life (``reader doc --state``)."""

    UNREAD = "unread"
    READING = "reading"
    DONE = "done"
    ARCHIVED = "archived"


META_FIELDS = ("author", "published", "site", "url", "description")
"""Document fields that come from the source's metadata (and that the user may correct)."""


@dataclass(frozen=True)
class SourceMeta:
    """Who wrote a source and when, as its markup declared it (all optional, ``""`` if not).

    ``published`` is an ISO date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``); ``tags`` come from
    Markdown front matter.
    """

    author: str = ""
    published: str = ""
    site: str = ""
    url: str = ""
    description: str = ""
    tags: tuple[str, ...] = ()


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
    position: ReadingPosition = ReadingPosition(0)
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
    """A source read and normalised, before it is filed in the store."""

    source: str
    text: str
    title: str
    sha256: str
    words: int
    kind: str
    """One of ``text``, ``markdown``, ``html``, ``url``, ``stdin``, ``epub``, ``pdf``."""
    warnings: tuple[str, ...] = ()
    meta: SourceMeta = SourceMeta()
    pages: tuple[int, ...] = ()
    """Offsets in ``text`` where each page starts (PDFs only)."""
