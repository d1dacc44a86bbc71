"""Service part: export annotations in four formats and import native or W3C exports back."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from reader.core.exporting.records import EXPORT_FORMATS, DocumentExport
from reader.core.models import Annotation, now_iso
from reader.core.sanitize import safe_json_dumps
from reader.core.store import Store
from reader.errors import BadInputError, ImportFormatError, SourceError

if TYPE_CHECKING:
    from reader.core.exporting.importing import ImportSummary


class _Hit(Protocol):
    """What export needs of a search hit."""

    @property
    def annotation(self) -> Annotation: ...


class _Searcher(Protocol):
    """What export needs of the search part: a query's hits."""

    def search(self, query: str, limit: int | None = None) -> Sequence[_Hit]: ...


class TransferPart:
    """The export and import operations of the facade."""

    def __init__(self, store: Store, searcher: _Searcher) -> None:
        self.store = store
        self.searcher = searcher

    def export_bundles(
        self, query: str | None = None, document_ref: str | None = None, with_text: bool = False
    ) -> list[DocumentExport]:
        """The documents and annotations an export holds, optionally narrowed.

        ``query`` keeps the annotations the search finds (and their documents); ``document_ref``
        (id, id prefix or source) keeps one document. Without either, everything is exported.
        """
        if document_ref is not None:
            documents = [self.store.resolve_document(document_ref)]
        else:
            documents = self.store.list_documents()
        wanted: set[str] | None = None
        if query is not None:
            hits = self.searcher.search(query, limit=None)
            wanted = {hit.annotation.id for hit in hits}
        bundles = []
        for document in documents:
            annotations = self.store.annotations_for(document.id)
            if wanted is not None:
                annotations = [a for a in annotations if a.id in wanted]
                if not annotations:
                    continue
            text = self.store.load_text(document.sha256) if with_text else None
            bundles.append(DocumentExport(document, text, tuple(annotations)))
        return bundles

    def export_text(
        self,
        export_format: str = "json",
        query: str | None = None,
        document_ref: str | None = None,
        with_text: bool = False,
    ) -> str:
        """The export as text in ``export_format`` (``json``, ``w3c``, ``markdown``, ``csv``)."""
        if export_format not in EXPORT_FORMATS:
            raise BadInputError(
                f"unknown export format {export_format!r} (choose {', '.join(EXPORT_FORMATS)})"
            )
        bundles = self.export_bundles(query, document_ref, with_text)
        return render_export(export_format, bundles, now_iso())

    def import_file(self, path: Path, dry_run: bool = False) -> ImportSummary:
        """Import a native or W3C export, all or nothing; ``dry_run`` only counts the changes."""
        from reader.core.exporting.importing import apply_plan, parse_import, plan_import

        text = read_import_file(path)
        try:
            parsed = parse_import(text)
        except ImportFormatError as error:
            raise ImportFormatError(f"{path}: {error} (nothing was imported)") from None
        with self.store.transaction():
            try:
                plan = plan_import(parsed, self.store)
            except ImportFormatError as error:
                raise ImportFormatError(f"{path}: {error} (nothing was imported)") from None
            if not dry_run:
                apply_plan(plan, self.store)
        return plan.summary()


def render_export(export_format: str, bundles: list[DocumentExport], exported: str) -> str:
    """Serialise ``bundles`` in ``export_format``; JSON formats are compact, one line."""
    if export_format == "markdown":
        from reader.core.exporting.markdown import to_markdown

        return to_markdown(bundles, exported)
    if export_format == "csv":
        from reader.core.exporting.csv_format import to_csv

        return to_csv(bundles)
    data: dict[str, Any]
    if export_format == "w3c":
        from reader.core.exporting.w3c import to_w3c

        data = to_w3c(bundles, exported)
    else:
        from reader.core.exporting.native import to_native

        data = to_native(bundles, exported)
    # Compact: json's C encoder is only used without indentation, and exports can be large
    # (10,000 annotations take seconds to indent). `jq .` pretty-prints one.
    # C1 and bidi controls as \\u escapes: an export printed on a terminal is harmless.
    return safe_json_dumps(data, separators=(",", ":")) + "\n"


MAX_IMPORT_BYTES = 512 * 2**20
"""The largest import file read (an export of a big library with its texts fits)."""


def read_import_file(path: Path) -> str:
    """An import file's text; a one-line error for a missing, unreadable or non-UTF-8 file."""
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise ImportFormatError(
                f"{path}: too large ({size:,} bytes; an import is at most "
                f"{MAX_IMPORT_BYTES // 2**20} MB); nothing was imported"
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise SourceError(f"{path}: is a directory, not an export file") from None
    except OSError as error:
        raise SourceError(f"{path}: cannot read it ({error.strerror})") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFormatError(
            f"{path}: not UTF-8 text (byte {error.start}); nothing was imported"
        ) from None


__all__ = ["TransferPart", "render_export"]
