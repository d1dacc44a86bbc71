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
from typing import Any, NamedTuple, TypeVar

# Documents live in their own module; the rest of the core imports them from here.
from reader.core.document_models import META_FIELDS as META_FIELDS
from reader.core.document_models import Document as Document
from reader.core.document_models import DocumentVersion as DocumentVersion
from reader.core.document_models import LoadedText as LoadedText
from reader.core.document_models import ReadingPosition as ReadingPosition
from reader.core.document_models import ReadingState as ReadingState
from reader.core.document_models import SourceMeta as SourceMeta
from reader.core.document_models import normalise_tags as normalise_tags

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


class AnchorMove(NamedTuple):
    """One earlier position of an annotation, kept when re-anchoring moved it.

    A ``NamedTuple`` (immutable, compared and hashed by value like a frozen dataclass):
    creating a dataclass costs about 0.4 ms at import, on every start.
    """

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


NOTE_KIND = "note"
CORRECTION_KIND = "correction"
"""An annotation's ``kind``: a note (the default; records without the field are notes), or
a correction of the analysis (see ``reader.core.corrections``)."""


class Correction(NamedTuple):
    """What a correction changes about the analysed item at its passage.

    ``target`` is ``speaker``, ``quote`` or ``entity``; ``action`` says what the reader
    states (``speaker``; ``not-a-quote`` or ``add``; ``label``, ``not-entity``, ``same-as``
    or ``split``); ``value`` is the speaker's name (empty: nobody known), the label or the
    entity merged with. ``form`` is an added quote's form; ``scope`` is ``all`` identical
    mentions of an entity or ``only-this`` one. A ``NamedTuple`` as ``AnchorMove`` is.
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
