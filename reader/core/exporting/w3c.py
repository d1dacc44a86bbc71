"""W3C Web Annotation export: an ``AnnotationCollection`` of ``Annotation`` items (JSON-LD).

Reader-specific fields (document id, title, source, SHA-256, colour, status, history) travel in
the ``reader:`` namespace so an import restores everything; the collection also carries the
full document records (and their texts with ``--with-text``) under ``reader:documents``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from reader.core.exporting.records import DocumentExport
from reader.core.models import Annotation, Document

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
READER_NAMESPACE = "urn:annotated-reader:"
READER_CONTEXT: dict[str, Any] = {
    "reader": READER_NAMESPACE,
    # JSON-valued extensions stay opaque JSON literals rather than JSON-LD nodes.
    "reader:history": {"@id": "reader:history", "@type": "@json"},
    "reader:documents": {"@id": "reader:documents", "@type": "@json"},
    "reader:correction": {"@id": "reader:correction", "@type": "@json"},
}
CONTEXT: list[Any] = [ANNO_CONTEXT, READER_CONTEXT]
COLLECTION_FORMAT = "reader-annotations-w3c"
_URI_SAFE = ":/?#[]@!$&'()*+,;=%~"
"""Characters a URI may keep as they are; everything else is percent-encoded."""


def annotation_uri(annotation_id: str) -> str:
    """``urn:uuid:<id>`` for a UUID id; another URN for any other id."""
    try:
        return uuid.UUID(annotation_id).urn
    except ValueError:
        return "urn:annotated-reader:annotation:" + quote(annotation_id, safe="")


def source_uri(document: Document) -> str:
    """The document as a URI: its URL, ``file:///path`` for a file, else ``urn:sha256:<sha>``."""
    source = document.source
    if source.startswith(("http://", "https://")):
        return quote(source, safe=_URI_SAFE)
    if source.startswith("/"):
        return "file://" + quote(str(PurePosixPath(source)), safe="/")
    return f"urn:sha256:{document.sha256}"


def to_w3c(bundles: Iterable[DocumentExport], exported: str) -> dict[str, Any]:
    """An ``AnnotationCollection`` whose first (and only) page holds every annotation."""
    items: list[dict[str, Any]] = []
    documents: list[dict[str, Any]] = []
    for bundle in bundles:
        entry: dict[str, Any] = {"document": bundle.document.to_dict()}
        if bundle.text is not None:
            entry["text"] = bundle.text
        documents.append(entry)
        items.extend(annotation_item(a, bundle.document) for a in bundle.annotations)
    return {
        "@context": CONTEXT,
        "id": uuid.uuid4().urn,
        "type": "AnnotationCollection",
        "label": "reader annotations",
        "total": len(items),
        "reader:format": COLLECTION_FORMAT,
        "reader:version": 1,
        "reader:exported": exported,
        "reader:documents": documents,
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def annotation_item(annotation: Annotation, document: Document) -> dict[str, Any]:
    """One W3C ``Annotation`` for ``annotation`` on ``document``."""
    selector = annotation.selector
    bodies = note_and_tag_bodies(annotation)
    item: dict[str, Any] = {
        "@context": CONTEXT,
        "id": annotation_uri(annotation.id),
        "type": "Annotation",
        "motivation": _motivation(annotation),
        "created": annotation.created,
        "modified": annotation.modified,
    }
    if bodies:
        item["body"] = bodies
    item["target"] = {
        "type": "SpecificResource",
        "source": source_uri(document),
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": selector.exact,
                "prefix": selector.prefix,
                "suffix": selector.suffix,
            },
            {"type": "TextPositionSelector", "start": selector.start, "end": selector.end},
        ],
    }
    item.update(
        {
            "reader:documentId": annotation.document_id,
            "reader:title": document.title,
            "reader:source": document.source,
            "reader:sha256": annotation.sha256,
            "reader:color": annotation.color,
            "reader:status": annotation.status.value,
            "reader:history": [move.to_dict() for move in annotation.history],
        }
    )
    if annotation.correction is not None:
        item["reader:correction"] = annotation.correction.to_dict()
    return item


def _motivation(annotation: Annotation) -> str:
    """``editing`` for a correction, ``commenting`` for a note, else ``highlighting``."""
    if annotation.correction is not None:
        return "editing"
    return "commenting" if annotation.note else "highlighting"


def note_and_tag_bodies(annotation: Annotation) -> list[dict[str, Any]]:
    """A correction's editing body, the note as a Markdown commenting body (when not empty),
    then one tagging body per tag."""
    bodies: list[dict[str, Any]] = []
    if annotation.correction is not None:
        from reader.core.corrections import describe

        # The change in words; ``reader:correction`` holds it exactly, for import.
        bodies.append(
            {
                "type": "TextualBody",
                "value": describe(annotation.correction),
                "format": "text/plain",
                "purpose": "editing",
            }
        )
    if annotation.note:
        bodies.append(
            {
                "type": "TextualBody",
                "value": annotation.note,
                "format": "text/markdown",
                "purpose": "commenting",
            }
        )
    bodies.extend(
        {"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in annotation.tags
    )
    return bodies
