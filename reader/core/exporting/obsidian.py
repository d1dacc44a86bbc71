"""One Obsidian note per document: YAML front matter, then reader's block between markers.

The front matter holds reader's keys (``title``, ``author``, ``published``, ``source``,
``tags``, ``state``, ``reader-id``) followed by any keys the user added, kept as they were.
The body between ``BEGIN`` and ``END`` is reader's: the document note, then each annotation
as a blockquote of its passage, a block id (``^`` + the annotation id's first characters, so
links to it survive), its note and its tags. Text outside the markers is the user's, kept
byte for byte. Every string is escaped: YAML values are double-quoted with escapes, passages
have Markdown's active characters escaped, and no data line can look like a marker.
"""

from __future__ import annotations

import json
import re

from reader.core.exporting.records import DocumentExport
from reader.core.models import Annotation, Document

BEGIN = "<!-- reader:begin (reader rewrites this part on export; write outside it) -->"
END = "<!-- reader:end -->"
BLOCK_ID_CHARS = 8
READER_KEYS = ("title", "author", "published", "source", "url", "tags", "state", "reader-id")
_YAML_EXTRA = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]")
_MARKDOWN_ACTIVE = re.compile(r"([\\`*_\[\]<>#|~=$^%{}!])")
_TAG_CHAR = re.compile(r"[^\w/-]")


def yaml_string(value: str) -> str:
    """``value`` as a YAML double-quoted scalar (JSON escapes plus YAML's own line breaks)."""
    quoted = json.dumps(value, ensure_ascii=False)
    return _YAML_EXTRA.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def escape_markdown(text: str) -> str:
    """Document text as literal Markdown: active characters backslash-escaped."""
    return _MARKDOWN_ACTIVE.sub(r"\\\1", text)


def obsidian_tag(tag: str) -> str:
    """``#tag`` as Obsidian reads one: letters, digits, ``_``, ``-`` and ``/`` only, never
    only digits; ``""`` when nothing is left."""
    cleaned = "-".join(part for part in _TAG_CHAR.sub("-", tag).split("-") if part)
    if not cleaned:
        return ""
    return "#" + (cleaned if not cleaned.replace("/", "").isdigit() else f"_{cleaned}")


def user_markdown(text: str) -> str:
    """A note (the user's Markdown) kept as written, but no line can be one of our markers
    or close the front matter: a leading ``<`` or ``---`` is escaped."""
    lines = []
    for line in text.strip("\n").split("\n"):
        if line.lstrip().startswith("<") or line.startswith("---"):
            line = "\\" + line
        lines.append(line)
    return "\n".join(lines)


def front_matter(document: Document) -> list[str]:
    """Reader's front matter keys, one per line, every value escaped."""
    lines = [f"title: {yaml_string(document.title)}"]
    if document.author:
        lines.append(f"author: {yaml_string(document.author)}")
    if document.published:
        lines.append(f"published: {document.published}")
    lines.append(f"source: {yaml_string(document.source)}")
    if document.url:
        lines.append(f"url: {yaml_string(document.url)}")
    tags = [tag for tag in (obsidian_tag(t)[1:] for t in document.tags) if tag]
    lines.append(f"tags: [{', '.join(yaml_string(tag) for tag in tags)}]")
    lines.append(f"state: {document.state.value}")
    lines.append(f"reader-id: {yaml_string(document.id)}")
    return lines


def body(bundle: DocumentExport) -> str:
    """Reader's part of the note, markers included, ending with a newline."""
    document = bundle.document
    lines = [BEGIN, f"# {escape_markdown(' '.join(document.title.split()))}", ""]
    if document.note.strip():
        lines += [user_markdown(document.note), ""]
    if bundle.annotations:
        lines += ["## Highlights", ""]
    for annotation in bundle.annotations:
        lines += annotation_block(annotation)
    lines.append(END)
    return "\n".join(lines) + "\n"


def block_id(annotation: Annotation) -> str:
    """``^`` + the first characters of the id (letters, digits and dashes only)."""
    return "^" + re.sub(r"[^A-Za-z0-9-]", "", annotation.id)[:BLOCK_ID_CHARS]


def annotation_block(annotation: Annotation) -> list[str]:
    """The passage as a blockquote with its block id, then the note, then the tags."""
    passage = [escape_markdown(line) for line in annotation.selector.exact.strip().split("\n")]
    lines = [f"> {line}" if line.strip() else ">" for line in passage]
    lines += ["", block_id(annotation), ""]
    if annotation.note.strip():
        lines += [user_markdown(annotation.note), ""]
    tags = [tag for tag in map(obsidian_tag, annotation.tags) if tag]
    if tags:
        lines += [" ".join(tags), ""]
    return lines
