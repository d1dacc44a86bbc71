"""Reading W3C Web Annotations back: our own collections and other tools' annotations.

Items are checked one by one; every problem is reported with its JSON path. Which document an
item belongs to is decided later, with the store at hand (see ``importing``).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from reader.core.exporting.fastcheck import correction_problem
from reader.core.exporting.problems import (
    RECORD_ID,
    PathParts,
    Problems,
    check_annotation,
    check_document,
    check_text,
)
from reader.core.exporting.records import DocumentExport
from reader.core.exporting.schema import document_records_schema, schema_problems
from reader.core.models import (
    CORRECTION_KIND,
    AnchorMove,
    Annotation,
    AnnotationStatus,
    Correction,
    Document,
    Selector,
    normalise_tags,
)

W3C_TYPES = ("AnnotationCollection", "AnnotationPage", "Annotation")
_UNKNOWN = ""
"""Placeholder document id / SHA-256 for an item that does not name them (resolved later)."""


@dataclass(frozen=True)
class W3CItem:
    """One imported annotation, with what is known about its document."""

    path: PathParts
    annotation: Annotation
    source: str | None
    """The document's source (``reader:source`` or from a URL/file URI), if known."""
    source_uri: str


@dataclass(frozen=True)
class W3CPayload:
    """A parsed W3C file: document records it carries, and its annotations."""

    documents: list[DocumentExport]
    items: list[W3CItem]


class _Invalid(Exception):
    """One item's first problem (internal: turned into a ``Problems`` entry)."""

    def __init__(self, path: PathParts, reason: str) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason


def is_w3c(data: Any) -> bool:
    """Whether ``data`` looks like W3C Web Annotation JSON (a collection, page or annotation)."""
    if isinstance(data, list):
        return bool(data) and all(
            isinstance(x, dict) and x.get("type") == "Annotation" for x in data
        )
    return isinstance(data, dict) and data.get("type") in W3C_TYPES


def from_w3c(data: Any) -> W3CPayload:
    """Parse W3C JSON; ``ImportFormatError`` names the first problems."""
    problems = Problems()
    documents = _documents(data, problems)
    raw_items = _raw_items(data, problems)
    problems.raise_if_any()
    items: list[W3CItem] = []
    for path, raw in raw_items:
        try:
            items.append(_item(raw, path))
        except _Invalid as invalid:
            problems.add(invalid.path, invalid.reason)
    for item in items:
        check_annotation(item.annotation, item.path, problems)
    problems.raise_if_any()
    return W3CPayload(documents, items)


def _documents(data: Any, problems: Problems) -> list[DocumentExport]:
    if not isinstance(data, dict) or "reader:documents" not in data:
        return []
    records = data["reader:documents"]
    found = schema_problems(records, document_records_schema(), ("reader:documents",))
    problems.extend(found)
    if found:
        return []
    bundles = [
        DocumentExport(Document.from_dict(r["document"]), r.get("text"), ()) for r in records
    ]
    for index, bundle in enumerate(bundles):
        check_document(bundle.document, ("reader:documents", index, "document"), problems)
        check_text(bundle, ("reader:documents", index), problems)
    return bundles


def _raw_items(data: Any, problems: Problems) -> list[tuple[PathParts, Any]]:
    if isinstance(data, list):
        return [((index,), item) for index, item in enumerate(data)]
    if data.get("type") == "Annotation":
        return [((), data)]
    page: Any = data.get("first") if data.get("type") == "AnnotationCollection" else data
    path: PathParts = ("first",) if page is not data else ()
    if page is None and data.get("total") == 0:
        return []
    if not isinstance(page, dict) or not isinstance(page.get("items"), list):
        problems.add((*path, "items"), "expected an embedded AnnotationPage with a list of items")
        return []
    return [((*path, "items", index), item) for index, item in enumerate(page["items"])]


def _item(raw: Any, path: PathParts) -> W3CItem:
    if not isinstance(raw, dict):
        raise _Invalid(path, "expected an Annotation object")
    kind = raw.get("type")
    if kind != "Annotation" and not (isinstance(kind, list) and "Annotation" in kind):
        raise _Invalid((*path, "type"), "expected 'Annotation'")
    uri = _string(raw, "id", path)
    if not RECORD_ID.fullmatch(annotation_id_from_uri(uri)):
        raise _Invalid((*path, "id"), f"{uri!r} cannot be used as an annotation id")
    target, target_path = _target(raw, path)
    source_uri = _string(target, "source", target_path)
    selector = _selector(target, target_path)
    kind = _correction(raw, path)
    note, tags = _bodies(raw.get("body", []), (*path, "body"), skip_editing=bool(kind))
    created = _string(raw, "created", path, raw.get("modified"))
    annotation = Annotation(
        id=annotation_id_from_uri(uri),
        document_id=_string(raw, "reader:documentId", path, _UNKNOWN),
        sha256=_string(raw, "reader:sha256", path, _UNKNOWN),
        selector=selector,
        note=note,
        tags=normalise_tags(tags),
        color=_color(raw, path),
        created=created,
        modified=_string(raw, "modified", path, created),
        status=_status(raw, path),
        history=_history(raw, path),
        **kind,
    )
    source = raw.get("reader:source") or source_from_uri(source_uri)
    return W3CItem(path, annotation, source if isinstance(source, str) else None, source_uri)


def annotation_id_from_uri(uri: str) -> str:
    """``urn:uuid:<id>`` -> ``<id>``; any other URI maps to a stable UUID derived from it."""
    if uri.lower().startswith("urn:uuid:"):
        try:
            return str(uuid.UUID(uri[len("urn:uuid:") :]))
        except ValueError:
            pass
    if uri.startswith("urn:annotated-reader:annotation:"):
        return unquote(uri[len("urn:annotated-reader:annotation:") :])
    return str(uuid.uuid5(uuid.NAMESPACE_URL, uri))


def source_from_uri(uri: str) -> str | None:
    """The document source a target URI names: a URL, or an absolute path for ``file:`` URIs."""
    if uri.startswith(("http://", "https://")):
        return uri
    if uri.startswith("file://"):
        return unquote(uri[len("file://") :])
    return None


_COLOR_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")


def _color(raw: dict[str, Any], path: PathParts) -> str:
    """A colour is a name, as ``reader annotate --color`` accepts: never free text."""
    color = _string(raw, "reader:color", path, "yellow")
    if not _COLOR_NAME.match(color):
        raise _Invalid((*path, "reader:color"), "expected a colour name such as 'yellow'")
    return color


def _string(raw: dict[str, Any], key: str, path: PathParts, default: Any = None) -> str:
    value = raw.get(key, default)
    if value is None:
        raise _Invalid((*path, key), "missing")
    if not isinstance(value, str):
        raise _Invalid((*path, key), f"expected string, got {type(value).__name__}")
    return value


def _target(raw: dict[str, Any], path: PathParts) -> tuple[dict[str, Any], PathParts]:
    target = raw.get("target")
    target_path: PathParts = (*path, "target")
    if isinstance(target, list) and len(target) == 1:
        target, target_path = target[0], (*target_path, 0)
    if not isinstance(target, dict):
        raise _Invalid(target_path, "expected one SpecificResource target with selectors")
    return target, target_path


def _selector(target: dict[str, Any], path: PathParts) -> Selector:
    raw = target.get("selector")
    selectors = raw if isinstance(raw, list) else [raw]
    by_type = {
        s["type"]: (i, s)
        for i, s in enumerate(selectors)
        if isinstance(s, dict) and isinstance(s.get("type"), str)
    }
    if "TextQuoteSelector" not in by_type or "TextPositionSelector" not in by_type:
        raise _Invalid((*path, "selector"), "needs a TextQuoteSelector and a TextPositionSelector")
    quote_index, quote = by_type["TextQuoteSelector"]
    position_index, position = by_type["TextPositionSelector"]
    quote_path = (*path, "selector", quote_index) if isinstance(raw, list) else (*path, "selector")
    spot_path = (
        (*path, "selector", position_index) if isinstance(raw, list) else (*path, "selector")
    )
    return Selector(
        exact=_string(quote, "exact", quote_path),
        prefix=_string(quote, "prefix", quote_path, ""),
        suffix=_string(quote, "suffix", quote_path, ""),
        start=_offset(position, "start", spot_path),
        end=_offset(position, "end", spot_path),
    )


def _offset(raw: dict[str, Any], key: str, path: PathParts) -> int:
    value = raw.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        got = "nothing" if value is None else type(value).__name__
        raise _Invalid((*path, key), f"expected integer, got {got}")
    if value < 0:
        raise _Invalid((*path, key), f"expected a number >= 0, got {value}")
    return value


def _bodies(raw: Any, path: PathParts, skip_editing: bool = False) -> tuple[str, list[str]]:
    bodies = raw if isinstance(raw, list) else [raw]
    notes: list[str] = []
    tags: list[str] = []
    for index, body in enumerate(bodies):
        body_path = (*path, index) if isinstance(raw, list) else path
        if isinstance(body, str):
            continue  # a body that is only a URI carries no text we could keep
        if not isinstance(body, dict):
            raise _Invalid(body_path, "expected a body object or URI")
        value = _string(body, "value", body_path, "")
        if skip_editing and body.get("purpose") == "editing":
            continue  # a correction's change in words: ``reader:correction`` holds it
        (tags if body.get("purpose") == "tagging" else notes).append(value)
    note = "\n\n".join(text for text in notes if text)
    return note, tags


def _correction(raw: dict[str, Any], path: PathParts) -> dict[str, Any]:
    """``kind`` and ``correction`` of an item carrying ``reader:correction`` (else a note)."""
    body = raw.get("reader:correction")
    if body is None:
        return {}
    where = (*path, "reader:correction")
    if not isinstance(body, dict):
        raise _Invalid(where, "expected object")
    problem = correction_problem(body)
    if problem is not None:
        inner, reason = problem
        raise _Invalid((*where, *inner[1:]), reason)
    return {"kind": CORRECTION_KIND, "correction": Correction.from_dict(body)}


def _status(raw: dict[str, Any], path: PathParts) -> AnnotationStatus:
    value = _string(raw, "reader:status", path, "anchored")
    try:
        return AnnotationStatus(value)
    except ValueError:
        raise _Invalid((*path, "reader:status"), f"unknown status {value!r}") from None


def _history(raw: dict[str, Any], path: PathParts) -> tuple[AnchorMove, ...]:
    moves = raw.get("reader:history", [])
    if not isinstance(moves, list):
        raise _Invalid((*path, "reader:history"), "expected list")
    history = []
    for index, move in enumerate(moves):
        move_path = (*path, "reader:history", index)
        if not isinstance(move, dict):
            raise _Invalid(move_path, "expected object")
        history.append(
            AnchorMove(
                sha256=_string(move, "sha256", move_path),
                start=_offset(move, "start", move_path),
                end=_offset(move, "end", move_path),
                moved=_string(move, "moved", move_path),
            )
        )
    return tuple(history)
