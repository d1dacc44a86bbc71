"""Service part: search over every annotation, and tag tidying (list, rename, merge).

The part keeps one in-memory ``SearchIndex`` per service and rebuilds it when the store
changed. Every store write replaces a file inside the store directory or its annotation
directory (an atomic rename), which changes that directory's modification time; three
``stat`` calls tell whether the index is current. File times are coarse (a few ms), so a
snapshot read within ``RACY_NS`` of the last change is not trusted for the next query
(as git does for its index).
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.models import Annotation, Document, normalise_tags
from reader.core.search import SearchHit, SearchIndex, parse, run_query
from reader.core.store import Store
from reader.errors import BadInputError, NotFoundError

if TYPE_CHECKING:
    from reader.core.analysis.results import Analysis
    from reader.core.service.analysis import AnalysisPart

RACY_NS = 100_000_000
"""Changes this close (in ns) to the moment the index read the store may have been missed."""

Signature = tuple[int, ...]


class SearchPart:
    """The search operations of the facade."""

    def __init__(self, store: Store, analysis: AnalysisPart) -> None:
        self.store = store
        self.analysis = analysis
        self._search_index: SearchIndex | None = None
        self._annotations_signature: Signature | None = None
        self._documents_signature: Signature | None = None

    def search(
        self, query: str, limit: int | None = None, prefix_last: bool = False
    ) -> list[SearchHit]:
        """Annotations matching ``query`` (see docs/SEARCH.md), best first.

        ``QueryError`` (with the column) for a malformed query. ``limit`` caps the hits;
        ``prefix_last`` lets the last unquoted word match as a prefix (search as you type).
        """
        node = parse(query, prefix_last=prefix_last)
        return run_query(self.search_index(), node, self._analysis_or_none, limit)

    def search_index(self) -> SearchIndex:
        """The index over the store as it is now (rebuilt only when annotations changed).

        When only document records changed (a saved reading position, a new title), the
        index takes the new records and keeps everything it built from the annotations.
        """
        annotations_signature = self._signature(self.store.annotations_dir)
        documents_signature = self._signature(self.store.directory, self.store.db_path)
        started = time.time_ns()
        if self._search_index is None or annotations_signature != self._annotations_signature:
            documents = self.store.list_documents()
            annotations = list(self.store.all_annotations())
            self._search_index = SearchIndex(annotations, documents)
            self._annotations_signature = _trusted(annotations_signature, started)
        elif documents_signature != self._documents_signature:
            self._search_index.replace_documents(self.store.list_documents())
        else:
            return self._search_index
        self._documents_signature = _trusted(documents_signature, started)
        return self._search_index

    @staticmethod
    def _signature(*paths: Path) -> Signature:
        """Modification times (ns) of ``paths``; 0 for a missing one."""
        times: list[int] = []
        for path in paths:
            try:
                times.append(os.stat(path).st_mtime_ns)
            except FileNotFoundError:
                times.append(0)
        return tuple(times)

    def _analysis_or_none(self, document: Document) -> Analysis | None:
        """A document's analysis, computed and cached when missing; None without its text."""
        cached = self.analysis.cached_analysis(document)
        if cached is not None:
            return cached
        try:
            return self.analysis.analysis_for(document)
        except NotFoundError:
            return None  # the text is gone from the store: nothing to match in

    def tag_counts(self) -> list[tuple[str, int]]:
        """Every tag with its number of annotations, most used first, then by name.

        Tags compare case-insensitively; the spelling shown is the first one used (by
        annotation creation time). Read from the search index, so repeated calls (the TUI's
        tag completion) cost nothing until the annotations change.
        """
        spelling, counts = _tag_spellings(self.search_index().annotations)
        ordered = sorted(counts, key=lambda key: (-counts[key], key))
        return [(spelling[key], counts[key]) for key in ordered]

    def rename_tag(self, old: str, new: str) -> int:
        """Rename tag ``old`` to ``new`` on every annotation; returns how many changed.

        ``NotFoundError`` if no annotation has ``old``; ``BadInputError`` if ``new`` is empty
        or is another existing tag (use ``merge_tags`` for that). A change of case is fine.
        """
        wanted = _clean_tag(new, "new tag")
        with self.store.transaction():
            annotations = list(self.store.all_annotations())
            spelling, _ = _tag_spellings(annotations)
            old_key = _existing_key(old, spelling)
            if wanted.casefold() != old_key and wanted.casefold() in spelling:
                raise BadInputError(
                    f"tag '{spelling[wanted.casefold()]}' already exists; "
                    f"use 'reader tags merge {old} {wanted}' to merge them"
                )
            return self._retag(annotations, {old_key}, wanted)

    def merge_tags(self, source: str, target: str) -> int:
        """Merge tag ``source`` into ``target`` (both must exist); returns how many changed.

        Afterwards no annotation has ``source`` and ``target`` has one spelling everywhere
        (its first-used spelling); an annotation that had both keeps one.
        """
        with self.store.transaction():
            annotations = list(self.store.all_annotations())
            spelling, _ = _tag_spellings(annotations)
            source_key = _existing_key(source, spelling)
            target_key = _existing_key(target, spelling)
            if source_key == target_key:
                raise BadInputError(f"cannot merge tag '{spelling[source_key]}' into itself")
            return self._retag(annotations, {source_key, target_key}, spelling[target_key])

    def _retag(self, annotations: list[Annotation], keys: set[str], wanted: str) -> int:
        """Replace every tag whose folded form is in ``keys`` by ``wanted``; write changes."""
        changed: list[Annotation] = []
        for annotation in annotations:
            if not any(tag.casefold() in keys for tag in annotation.tags):
                continue
            tags = normalise_tags([wanted if t.casefold() in keys else t for t in annotation.tags])
            if tags != annotation.tags:
                changed.append(annotation.edited(tags=tags))
        if changed:
            self.store.update_annotations(changed)
        return len(changed)


def _trusted(signature: Signature, read_started: int) -> Signature | None:
    """``signature``, or None when a change so close to the read may have been missed."""
    return None if max(signature, default=0) >= read_started - RACY_NS else signature


def _tag_spellings(
    annotations: list[Annotation],
) -> tuple[dict[str, str], dict[str, int]]:
    """Per case-folded tag: its first-used spelling and its number of annotations."""
    spelling: dict[str, str] = {}
    counts: dict[str, int] = {}
    for annotation in sorted(annotations, key=lambda a: (a.created, a.id)):
        for tag in annotation.tags:
            key = tag.casefold()
            spelling.setdefault(key, tag)
            counts[key] = counts.get(key, 0) + 1
    return spelling, counts


def _clean_tag(tag: str, what: str) -> str:
    cleaned = " ".join(tag.split())
    if not cleaned:
        raise BadInputError(f"the {what} is empty")
    return cleaned


def _existing_key(tag: str, spelling: dict[str, str]) -> str:
    key = _clean_tag(tag, "tag").casefold()
    if key not in spelling:
        raise NotFoundError(f"no annotation has the tag '{tag}' (see 'reader tags')")
    return key
