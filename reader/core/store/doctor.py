"""``reader doctor``: repair a store whose files were truncated, corrupted or left half-done.

The store refuses to open a main file that does not parse (nothing writes until the user
acts); this is how the user acts. Under the store's lock, without opening it as a ``Store``:

1. leftover temporary files of interrupted writes (``.NAME.*.tmp``, ``*.baktmp``) are removed;
2. a per-document annotation file that does not parse is restored from its ``.bak`` (or,
   when that is bad too, moved aside to ``.corrupt`` so the rest of the store opens);
3. a main file that does not parse is restored from its ``.bak``; when that is bad too, a
   new one is written (the bad one moved aside to ``.corrupt``);
4. every annotation file whose document is missing from the main file gets its document
   record back, rebuilt from its annotations and its stored text;
5. a stored text that no longer matches its SHA-256 is moved aside to ``.corrupt`` (opening
   the source again stores the right text).

Nothing that could hold a record is deleted: what cannot be used is renamed.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.core.atomic_file import write_atomically
from reader.core.models import Annotation, Document, DocumentVersion
from reader.core.store import files
from reader.core.store.migrations import DOCUMENTS_TABLE, META_TABLE, SCHEMA_KEY, SCHEMA_VERSION
from reader.core.store.storage import backup_path, dump_json, parse_json_bytes
from reader.errors import StoreError

_LEFTOVER = re.compile(r"^\..+\.(?:tmp|baktmp)$")
RECOVERED_PREFIX = "recovered:"
"""The source of a document rebuilt without its record (its path or URL is unknown)."""
CORRUPT_SUFFIX = ".corrupt"


@dataclass
class DoctorReport:
    """What ``reader doctor`` did (or, with ``dry_run``, would do), one line per action."""

    actions: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        """Whether the store needed nothing."""
        return not self.actions and not self.problems


class StoreDoctor:
    """Checks and repairs the store whose main file is ``db_path``."""

    def __init__(self, db_path: Path, dry_run: bool = False) -> None:
        self.db_path = db_path
        self.directory = db_path.parent
        self.dry_run = dry_run
        self.report = DoctorReport()

    def run(self) -> DoctorReport:
        """Every repair, in order, under the store's lock."""
        if not self.directory.is_dir():
            raise StoreError(f"store directory {self.directory} does not exist")
        lock = files.make_lock(self.directory / f"{self.db_path.name}.lock")
        with files.holding(lock):
            self._remove_leftovers()
            annotations = self._check_annotation_files()
            tables = self._check_main_file()
            self._rebuild_documents(tables, annotations)
            self._check_texts()
        return self.report

    def _act(self, message: str) -> bool:
        """Record an action; whether to carry it out (not in a dry run)."""
        self.report.actions.append(("would " if self.dry_run else "") + message)
        return not self.dry_run

    def _remove_leftovers(self) -> None:
        for directory in (self.directory, self.directory / "annotations.d", self._texts):
            if not directory.is_dir():
                continue
            for path in sorted(directory.iterdir()):
                if _LEFTOVER.match(path.name) and self._act(f"remove leftover {path}"):
                    path.unlink(missing_ok=True)

    @property
    def _texts(self) -> Path:
        return self.directory / files.TEXTS_DIR

    def _parsed(self, path: Path) -> dict[str, Any] | None:
        """The file's tables, or None when it is missing or does not parse."""
        try:
            return parse_json_bytes(path, path.read_bytes())
        except (OSError, StoreError):
            return None

    def _restore_or_set_aside(self, path: Path) -> dict[str, Any] | None:
        """Replace a bad ``path`` with its good ``.bak``; else move it aside. Its tables."""
        backup = backup_path(path)
        tables = self._parsed(backup)
        if tables is not None:
            if self._act(f"restore {path} from {backup}"):
                write_atomically(path, backup.read_bytes())
            return tables
        aside = path.with_name(path.name + CORRUPT_SUFFIX)
        if self._act(f"move {path} aside to {aside} (its .bak is missing or bad too)"):
            os.replace(path, aside)
        return None

    def _check_annotation_files(self) -> dict[str, list[Annotation]]:
        """Each document id with its annotations, after restoring bad files."""
        found: dict[str, list[Annotation]] = {}
        for path in files.annotation_files(self.directory):
            if self._parsed(path) is None:
                self._restore_or_set_aside(path)
            try:
                found[path.stem] = files.read_annotations(path) if path.exists() else []
            except StoreError as error:
                self.report.problems.append(str(error))
        return found

    def _check_main_file(self) -> dict[str, Any]:
        if self.db_path.exists() and self._parsed(self.db_path) is not None:
            return self._parsed(self.db_path) or {}
        if self.db_path.exists():
            tables = self._restore_or_set_aside(self.db_path)
            if tables is not None:
                return tables
        return {META_TABLE: {"1": {SCHEMA_KEY: SCHEMA_VERSION}}, DOCUMENTS_TABLE: {}}

    def _rebuild_documents(
        self, tables: dict[str, Any], annotations: dict[str, list[Annotation]]
    ) -> None:
        documents = tables.setdefault(DOCUMENTS_TABLE, {})
        tables.setdefault(META_TABLE, {"1": {SCHEMA_KEY: SCHEMA_VERSION}})
        known = {str(record.get("id")) for record in documents.values()}
        missing = [doc_id for doc_id, notes in annotations.items() if doc_id not in known]
        for document_id in missing:
            document = self._recovered(document_id, annotations[document_id])
            key = str(max((int(k) for k in documents if k.isdigit()), default=0) + 1)
            documents[key] = files.record_of(document)
            self._act(f"rebuild the record of document {document_id} from its annotations")
        if (missing or not self.db_path.exists()) and not self.dry_run:
            write_atomically(self.db_path, dump_json(tables))

    def _recovered(self, document_id: str, annotations: list[Annotation]) -> Document:
        """A document record made from its annotations and the text they were made on."""
        sha256 = Counter(a.sha256 for a in annotations).most_common(1)[0][0] if annotations else ""
        text = self._text(sha256)
        first = next((line.strip() for line in (text or "").splitlines() if line.strip()), "")
        times = sorted(t for a in annotations for t in (a.created, a.modified))
        now = times[-1] if times else "1970-01-01T00:00:00.000Z"
        words = len(text.split()) if text else 0
        return Document(
            id=document_id,
            title=first[:90] or f"Recovered document {document_id[:8]}",
            source=f"{RECOVERED_PREFIX}{document_id}",
            sha256=sha256 or "0" * 64,
            versions=(DocumentVersion(sha256 or "0" * 64, times[0] if times else now, words),),
            first_opened=times[0] if times else now,
            last_opened=now,
            words=words,
            text_missing=text is None,
        )

    def _text(self, sha256: str) -> str | None:
        path = self._texts / f"{sha256}.txt"
        try:
            raw = path.read_bytes()
        except (OSError, ValueError):
            return None
        if hashlib.sha256(raw).hexdigest() != sha256:
            return None
        return raw.decode("utf-8", errors="replace")

    def _check_texts(self) -> None:
        if not self._texts.is_dir():
            return
        for path in sorted(self._texts.glob("*.txt")):
            if hashlib.sha256(path.read_bytes()).hexdigest() == path.stem:
                continue
            aside = path.with_name(path.name + CORRUPT_SUFFIX)
            message = f"move {path} aside to {aside}: it does not match its SHA-256"
            if self._act(message):
                os.replace(path, aside)
