"""The native ``reader-annotations`` JSON format (version 1): complete enough to restore a store."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from reader.core.exporting.fastcheck import annotation_problem
from reader.core.exporting.problems import (
    PathParts,
    Problems,
    check_annotation,
    check_document,
    check_text,
)
from reader.core.exporting.records import DocumentExport
from reader.core.exporting.schema import schema_problems
from reader.core.models import Annotation, Document

FORMAT_NAME = "reader-annotations"
FORMAT_VERSION = 1


def to_native(bundles: Iterable[DocumentExport], exported: str) -> dict[str, Any]:
    """The native export of ``bundles``; ``exported`` is the export's ISO time."""
    documents: list[dict[str, Any]] = []
    for bundle in bundles:
        entry: dict[str, Any] = {"document": bundle.document.to_dict()}
        if bundle.text is not None:
            entry["text"] = bundle.text
        entry["annotations"] = [annotation.to_dict() for annotation in bundle.annotations]
        documents.append(entry)
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported": exported,
        "documents": documents,
    }


def from_native(data: Any) -> list[DocumentExport]:
    """Read a native export, checking all of it first; ``ImportFormatError`` names the problems."""
    problems = Problems()
    if isinstance(data, dict) and data.get("format") == FORMAT_NAME:
        version = data.get("version")
        if version != FORMAT_VERSION:
            problems.add(("version",), f"unsupported version {version!r} (expected 1)")
            problems.raise_if_any()
    native_problems(data, problems)
    problems.raise_if_any()
    bundles = [_bundle(entry, index, problems) for index, entry in enumerate(data["documents"])]
    check_unique_ids(bundles, problems)
    problems.raise_if_any()
    return bundles


def native_problems(data: Any, problems: Problems) -> None:
    """Check ``data`` against the export schema: annotations fast, the rest with jsonschema."""
    entries = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        problems.extend(schema_problems(data))
        return
    skeleton = {**data, "documents": [_without_annotations(entry) for entry in entries]}
    problems.extend(schema_problems(skeleton))
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("annotations"), list):
            continue
        for position, record in enumerate(entry["annotations"]):
            problem = annotation_problem(record)
            if problem is not None:
                inner, reason = problem
                problems.add(("documents", index, "annotations", position, *inner), reason)


def _without_annotations(entry: Any) -> Any:
    """A document entry with an empty annotation list (when it has a list at all)."""
    if isinstance(entry, dict) and isinstance(entry.get("annotations"), list):
        return {**entry, "annotations": []}
    return entry


def _bundle(entry: dict[str, Any], index: int, problems: Problems) -> DocumentExport:
    document = Document.from_dict(entry["document"])
    text: str | None = entry.get("text")
    path: PathParts = ("documents", index)
    check_document(document, (*path, "document"), problems)
    check_text(DocumentExport(document, text, ()), path, problems)
    annotations = []
    for position, raw in enumerate(entry["annotations"]):
        annotation = Annotation.from_dict(raw)
        annotation_path = (*path, "annotations", position)
        if annotation.document_id != document.id:
            problems.add(
                (*annotation_path, "document_id"),
                f"{annotation.document_id!r} is not the enclosing document's id",
            )
        check_annotation(annotation, annotation_path, problems)
        annotations.append(annotation)
    return DocumentExport(document, text, tuple(annotations))


def check_unique_ids(bundles: list[DocumentExport], problems: Problems) -> None:
    """Each document id and each annotation id appears once in the whole file."""
    documents: set[str] = set()
    annotations: set[str] = set()
    for index, bundle in enumerate(bundles):
        if bundle.document.id in documents:
            problems.add(("documents", index, "document", "id"), "duplicate document id")
        documents.add(bundle.document.id)
        for position, annotation in enumerate(bundle.annotations):
            if annotation.id in annotations:
                problems.add(
                    ("documents", index, "annotations", position, "id"),
                    f"duplicate annotation id {annotation.id!r}",
                )
            annotations.add(annotation.id)
