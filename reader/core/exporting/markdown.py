"""Markdown export, ready for Obsidian: a section per document, a blockquote per annotation."""

from __future__ import annotations

from collections.abc import Iterable

from reader.core.exporting.records import DocumentExport
from reader.core.models import Annotation
from reader.core.sanitize import safe


def markdown_tag(tag: str) -> str:
    """``#tag`` with whitespace runs turned into ``-`` (Obsidian tags cannot hold spaces)."""
    return "#" + "-".join(tag.replace("#", "").split())


def to_markdown(bundles: Iterable[DocumentExport], exported: str) -> str:
    """The whole export as one Markdown text, sanitised: it is read on terminals (``cat``)."""
    parts = [f"# Annotations\n\nExported {exported}.\n"]
    for bundle in bundles:
        parts.append(document_section(bundle))
    return safe("\n".join(parts))


def document_section(bundle: DocumentExport) -> str:
    """``## Title``, a source line, then each annotation separated by blank lines."""
    document = bundle.document
    title = " ".join(document.title.split()) or document.source
    lines = [f"## {title}", "", f"Source: {document.source}", ""]
    for annotation in bundle.annotations:
        lines.extend(annotation_block(annotation))
    return "\n".join(lines)


def annotation_block(annotation: Annotation) -> list[str]:
    """The passage as a blockquote, a correction's change and the note below it, then the
    tags, then a blank line."""
    lines = [f"> {line}" if line else ">" for line in annotation.selector.exact.split("\n")]
    lines.append("")
    if annotation.correction is not None:
        from reader.core.corrections import describe

        lines.extend([f"Correction: {describe(annotation.correction)}", ""])
    if annotation.note:
        lines.extend([annotation.note.strip("\n"), ""])
    tags = [markdown_tag(tag) for tag in annotation.tags]
    tags = [tag for tag in tags if tag != "#"]
    if tags:
        lines.extend([" ".join(tags), ""])
    return lines
