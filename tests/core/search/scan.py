"""A linear scan of annotations: the reference the index's answers are checked against.

Written from docs/SEARCH.md, independently of the index: each annotation is tested against
the query by reading its fields, as a search without an index would.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

from reader.core.analysis.results import Analysis, label_group
from reader.core.models import Annotation, AnnotationStatus, Document
from reader.core.search import And, Node, Not, Or, Term, parse

TOKEN = re.compile(r"[^\W_]+")
Lookup = Callable[[Document], Analysis | None]


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokens(text: str) -> list[str]:
    return [fold(word) for word in TOKEN.findall(text)]


def has_phrase(texts: Iterable[str], value: str, prefix: bool) -> bool:
    wanted = tokens(value)
    for text in texts:
        words = tokens(text)
        for start in range(len(words) - len(wanted) + 1):
            window = words[start : start + len(wanted)]
            if window[:-1] == wanted[:-1] and (
                window[-1].startswith(wanted[-1]) if prefix else window[-1] == wanted[-1]
            ):
                return True
    return False


def facts(annotation: Annotation, analysis: Analysis | None) -> dict[str, list[str]]:
    if (
        analysis is None
        or annotation.sha256 != analysis.sha256
        or annotation.status == AnnotationStatus.ORPHANED
    ):
        return {"entity": [], "label": [], "speaker": []}
    start, end = annotation.selector.start, annotation.selector.end
    names = {entity.id: entity.name for entity in analysis.entity_index}
    touched = [m for m in analysis.entities if m.start < end and start < m.end]
    return {
        "entity": [names.get(m.entity, m.text) for m in touched],
        "label": [x for m in touched for x in (m.label, label_group(m.label))],
        "speaker": [
            name
            for q in analysis.quotes
            if q.speaker is not None and q.start <= start and end <= q.end
            for name in (q.speaker.name, q.speaker.text)
        ],
    }


def matches(
    node: Node, annotation: Annotation, document: Document | None, found: dict[str, list[str]]
) -> bool:
    if isinstance(node, Not):
        return not matches(node.child, annotation, document, found)
    if isinstance(node, And):
        return all(matches(c, annotation, document, found) for c in node.children)
    if isinstance(node, Or):
        return any(matches(c, annotation, document, found) for c in node.children)
    return term_matches(node, annotation, document, found)


def term_matches(
    term: Term, annotation: Annotation, document: Document | None, found: dict[str, list[str]]
) -> bool:
    field, value = term.field, term.value
    texts = {
        None: [annotation.note, annotation.selector.exact, *annotation.tags],
        "note": [annotation.note],
        "quote": [annotation.selector.exact],
        **found,
    }
    if field == "tag":
        keys = [" ".join(tokens(tag)) for tag in annotation.tags]
        wanted = " ".join(tokens(value))
        return any(k.startswith(wanted) if term.prefix else k == wanted for k in keys)
    if field in texts:
        if not tokens(value):
            raw = [annotation.note, annotation.selector.exact, "".join(annotation.tags)]
            chosen = {None: raw, "note": raw[:1], "quote": raw[1:2]}.get(field, [])
            return bool(value.strip()) and any(value in text for text in chosen)
        return has_phrase(texts[field], value, term.prefix)
    if field == "color":
        color, wanted = fold(annotation.color.strip()), fold(value.strip())
        return color.startswith(wanted) if term.prefix else color == wanted
    if field == "after":
        return annotation.created >= value
    if field == "before":
        return annotation.created < value
    if field == "is":
        return annotation.status.value == ("orphaned" if value == "orphan" else value)
    assert field == "doc"
    title = document.title if document else ""
    return annotation.document_id.casefold().startswith(value.strip().casefold()) or (
        bool(tokens(value)) and has_phrase([title], value, term.prefix)
    )


def scan(
    query: str,
    annotations: Iterable[Annotation],
    documents: Iterable[Document],
    lookup: Lookup | None = None,
    prefix_last: bool = False,
) -> set[str]:
    """The ids of the annotations ``query`` matches."""
    node = parse(query, prefix_last=prefix_last)
    by_id = {document.id: document for document in documents}
    analyses = {d: (lookup(doc) if lookup else None) for d, doc in by_id.items()}
    return {
        a.id
        for a in annotations
        if matches(node, a, by_id.get(a.document_id), facts(a, analyses.get(a.document_id)))
    }
