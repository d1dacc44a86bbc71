"""Service part: search over every annotation, and tag tidying (list, rename, merge).

Searches run in the derived SQLite index (``reader.core.index.LibraryIndex``), which brings
itself up to date with the store before every read; the store stays the record.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from reader.core.index import LibraryIndex, SearchHit, UnusableIndex, queries
from reader.core.index.compile import compile_query
from reader.core.models import Annotation, Document, normalise_tags
from reader.core.search import parse
from reader.core.store import Store
from reader.errors import BadInputError, NotFoundError, SearchIndexError

if TYPE_CHECKING:
    from reader.core.analysis.results import Analysis
    from reader.core.index.driver import sqlite3
    from reader.core.service.analysis import AnalysisPart

T = TypeVar("T")


def read_index(index: LibraryIndex, read: Callable[[sqlite3.Connection], T]) -> T:
    """``read`` on the up-to-date index; once more on a rebuilt one if it was damaged.

    Any other SQLite error (a full disk, a read-only cache, a lock held too long) is a
    ``SearchIndexError``: one line for the user, and the index is not rebuilt for nothing.
    """
    from reader.core.index.driver import sqlite3

    try:
        return _read_or_rebuild(index, read)
    except (sqlite3.DatabaseError, UnusableIndex) as error:
        raise SearchIndexError(
            f"the search index ({index.path}) cannot be used: {error}; the store is unchanged"
        ) from None


def _read_or_rebuild(index: LibraryIndex, read: Callable[[sqlite3.Connection], T]) -> T:
    from reader.core.index.driver import sqlite3
    from reader.core.index.schema import is_damage

    try:
        return read(index.current())
    except UnusableIndex:  # damage met while bringing it up to date: rebuilt already
        pass
    except sqlite3.DatabaseError as error:
        if not is_damage(error):
            raise
        index.rebuild()  # damaged inside (a page, a record): it is only derived
    return read(index.current())


class SearchPart:
    """The search operations of the facade."""

    def __init__(self, store: Store, analysis: AnalysisPart, index: LibraryIndex) -> None:
        self.store = store
        self.analysis = analysis
        self.index = index

    def search(
        self, query: str, limit: int | None = None, prefix_last: bool = False
    ) -> list[SearchHit]:
        """Annotations matching ``query`` (see docs/SEARCH.md), best first.

        ``QueryError`` (with the column) for a malformed query. ``limit`` caps the hits;
        ``prefix_last`` lets the last unquoted word match as a prefix (search as you type).
        A query with ``entity:``, ``label:`` or ``speaker:`` first analyses the annotated
        documents that have no analysis yet (cached, as ``reader analyze`` does).
        """
        node = parse(query, prefix_last=prefix_last)
        compiled = compile_query(node)
        if compiled.analysis:
            self.index.add_analyses(self._analysis_or_none, only_annotated=True)
        return read_index(
            self.index, lambda db: queries.search_annotations(db, node, limit, compiled)
        )

    def search_index(self) -> LibraryIndex:
        """The index, up to date with the store."""
        read_index(self.index, lambda db: None)
        return self.index

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
        annotation creation time). Read from the index.
        """
        return read_index(self.index, queries.tag_counts)

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
