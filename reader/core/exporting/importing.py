"""Importing an export back: detect the format, check everything, plan the merge, then write.

Merging is by annotation id: a new id is added, an existing id is replaced only when the
file's ``modified`` is newer, anything else is left as it is, so importing a file twice
changes nothing. Planning reads the store and writes nothing; ``apply_plan`` does the writes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from reader.core.exporting.native import FORMAT_NAME, from_native
from reader.core.exporting.problems import Problems, parse_timestamp
from reader.core.exporting.records import DocumentExport
from reader.core.exporting.w3c import source_uri
from reader.core.exporting.w3c_import import W3CItem, W3CPayload, from_w3c, is_w3c
from reader.core.models import Annotation, Document
from reader.core.store import Store
from reader.errors import ImportFormatError


@dataclass(frozen=True)
class ImportSummary:
    """What an import changes (or would change, for a dry run)."""

    format: str
    new_documents: int
    new_annotations: int
    updated: int
    unchanged: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (the shape of ``reader import --json``)."""
        return {
            "format": self.format,
            "new_documents": self.new_documents,
            "new_annotations": self.new_annotations,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


@dataclass
class ImportPlan:
    """The writes an import needs, decided before any of them is made."""

    format: str
    texts: dict[str, str] = field(default_factory=dict)
    documents: list[Document] = field(default_factory=list)
    restored: list[Document] = field(default_factory=list)
    """Stored documents whose missing text the file supplies (not counted as changes)."""
    added: list[Annotation] = field(default_factory=list)
    updated: list[Annotation] = field(default_factory=list)
    unchanged: int = 0

    def summary(self) -> ImportSummary:
        """The counts of this plan."""
        return ImportSummary(
            self.format, len(self.documents), len(self.added), len(self.updated), self.unchanged
        )


@dataclass(frozen=True)
class ParsedImport:
    """A checked import file: native bundles, or W3C items still to be tied to documents."""

    format: str
    bundles: list[DocumentExport]
    w3c: W3CPayload | None = None


def parse_import(text: str) -> ParsedImport:
    """Parse and check an import file's text; ``ImportFormatError`` names the first problems."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFormatError(
            f"not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    except RecursionError:
        data = _TOO_DEEP  # deeper than Python's parser goes: refused just below
    if data is _TOO_DEEP or _too_deep(data):
        raise ImportFormatError(f"nested too deeply (an export is at most {MAX_DEPTH} levels)")
    _refuse_lone_surrogates(text, data)
    if isinstance(data, dict) and data.get("format") == FORMAT_NAME:
        return ParsedImport("json", from_native(data))
    if is_w3c(data):
        return ParsedImport("w3c", [], from_w3c(data))
    raise ImportFormatError(
        f'not a reader export: expected a JSON object with "format": "{FORMAT_NAME}" '
        "or a W3C AnnotationCollection, AnnotationPage or Annotation"
    )


_TOO_DEEP = object()
MAX_DEPTH = 16
"""An export nests about six levels (file, documents, entry, annotation, selector...)."""


def _too_deep(data: Any) -> bool:
    """Whether objects and arrays nest deeper than ``MAX_DEPTH`` (iterative: no recursion)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        children = value.values() if isinstance(value, dict) else value
        if isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                return True
            stack.extend((child, depth + 1) for child in children)
    return False


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _refuse_lone_surrogates(text: str, data: Any) -> None:
    """Refuse a ``\\udXXX`` escape that is not half of a pair: it decodes to no character.

    The store is UTF-8 and could not write it. Paired escapes (emoji written by an ASCII-only
    encoder) are fine, so the costly check runs only when the text has such escapes at all.
    """
    if not _SURROGATE_ESCAPE.search(text):
        return
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise ImportFormatError(
            "holds a \\u escape of half a UTF-16 surrogate pair, which is not text"
        ) from None


class _StoreSnapshot:
    """What planning needs to know about the store, read once."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.documents = {document.id: document for document in store.list_documents()}
        self.by_source = {document.source: document for document in self.documents.values()}
        self.annotations = {annotation.id: annotation for annotation in store.all_annotations()}


def plan_import(parsed: ParsedImport, store: Store) -> ImportPlan:
    """Decide every write of importing ``parsed`` into ``store`` (reads only)."""
    snapshot = _StoreSnapshot(store)
    bundles = parsed.bundles
    if parsed.w3c is not None:
        bundles = resolve_w3c(parsed.w3c, snapshot.documents)
    plan = ImportPlan(parsed.format)
    for bundle in bundles:
        _check_offsets(bundle, snapshot.store)
        document_id = _plan_document(bundle, snapshot, plan)
        for annotation in bundle.annotations:
            _plan_annotation(replace(annotation, document_id=document_id), snapshot, plan)
    return plan


def _check_offsets(bundle: DocumentExport, store: Store) -> None:
    """Refuse passages that end past their text: they cannot be anchored where they say."""
    text = bundle.text
    if text is None and any(a.sha256 == bundle.document.sha256 for a in bundle.annotations):
        text = store.load_text(bundle.document.sha256)
    if text is None:
        return
    for annotation in bundle.annotations:
        if annotation.sha256 == bundle.document.sha256 and annotation.selector.end > len(text):
            raise ImportFormatError(
                f"annotation {annotation.id}: its passage ends at {annotation.selector.end}, "
                f"past the end of its text ({len(text)} characters); nothing was imported"
            )


def _plan_document(bundle: DocumentExport, snapshot: _StoreSnapshot, plan: ImportPlan) -> str:
    """File the bundle's document if the store lacks it; returns the id its annotations use."""
    document = bundle.document
    if bundle.text is not None and snapshot.store.load_text(document.sha256) is None:
        plan.texts[document.sha256] = bundle.text
    existing = snapshot.documents.get(document.id)
    if existing is not None:
        if existing.text_missing and existing.sha256 in plan.texts:
            # The file brings back the text this document was missing.
            plan.restored.append(replace(existing, text_missing=False))
        return document.id
    same_source = snapshot.by_source.get(document.source)
    if same_source is not None:
        # The same article filed under another id (e.g. opened on two machines): merge into it.
        return same_source.id
    has_text = (
        document.sha256 in plan.texts or snapshot.store.load_text(document.sha256) is not None
    )
    plan.documents.append(replace(document, text_missing=not has_text))
    snapshot.documents[document.id] = document
    snapshot.by_source[document.source] = document
    return document.id


def _plan_annotation(annotation: Annotation, snapshot: _StoreSnapshot, plan: ImportPlan) -> None:
    existing = snapshot.annotations.get(annotation.id)
    if existing is None:
        plan.added.append(annotation)
    elif is_newer(annotation.modified, existing.modified):
        plan.updated.append(replace(annotation, document_id=existing.document_id))
    else:
        plan.unchanged += 1


def is_newer(modified: str, than: str) -> bool:
    """Whether ISO time ``modified`` is later than ``than`` (unparsable times are never newer)."""
    new, old = parse_timestamp(modified), parse_timestamp(than)
    if new is None:
        return False
    return old is None or new > old


def resolve_w3c(payload: W3CPayload, stored: dict[str, Document]) -> list[DocumentExport]:
    """Tie each W3C item to a document of the file or the store, or report it unknown."""
    problems = Problems()
    from_file = {bundle.document.id: bundle for bundle in payload.documents}
    candidates = [*(b.document for b in payload.documents), *stored.values()]
    grouped: dict[str, list[Annotation]] = {}
    owners: dict[str, Document] = {}
    seen: set[str] = set()
    for item in payload.items:
        document = _document_of(item, from_file, stored, candidates)
        if document is None:
            named = item.annotation.document_id or item.source_uri
            problems.add(
                (*item.path, "target"), f"unknown document {named!r}: not in the file or the store"
            )
            continue
        if item.annotation.id in seen:
            problems.add((*item.path, "id"), f"duplicate annotation id {item.annotation.id!r}")
        seen.add(item.annotation.id)
        owners[document.id] = document
        annotation = replace(
            item.annotation,
            document_id=document.id,
            sha256=item.annotation.sha256 or document.sha256,
        )
        grouped.setdefault(document.id, []).append(annotation)
    problems.raise_if_any()
    return _bundles(from_file, owners, grouped)


def _bundles(
    from_file: dict[str, DocumentExport],
    owners: dict[str, Document],
    grouped: dict[str, list[Annotation]],
) -> list[DocumentExport]:
    """The file's documents (with texts) first, then stored ones that received annotations."""
    ordered = [*from_file, *(doc_id for doc_id in grouped if doc_id not in from_file)]
    return [
        DocumentExport(
            from_file[doc_id].document if doc_id in from_file else owners[doc_id],
            from_file[doc_id].text if doc_id in from_file else None,
            tuple(grouped.get(doc_id, [])),
        )
        for doc_id in ordered
    ]


def _document_of(
    item: W3CItem,
    from_file: dict[str, DocumentExport],
    stored: dict[str, Document],
    candidates: Iterable[Document],
) -> Document | None:
    """The item's document: by its reader id, else by its source (or the source's URI)."""
    document_id = item.annotation.document_id
    if document_id:
        if document_id in from_file:
            return from_file[document_id].document
        return stored.get(document_id)
    for document in candidates:
        if item.source is not None and document.source == item.source:
            return document
        # Also covers percent-encoded URLs and ``urn:sha256:`` sources of piped texts.
        if item.source_uri == source_uri(document):
            return document
    return None


def apply_plan(plan: ImportPlan, store: Store) -> None:
    """Make the plan's writes: texts first, then documents, then annotations."""
    with store.transaction():
        for sha256, text in plan.texts.items():
            store.save_text(sha256, text)
        store.put_documents([*plan.documents, *plan.restored])
        add_annotations(store, plan.added)
        if plan.updated:
            store.update_annotations(plan.updated)


def add_annotations(store: Store, annotations: list[Annotation]) -> None:
    """Add many new annotations in one write per document (their documents must exist)."""
    if annotations:
        store.add_annotations(annotations)
