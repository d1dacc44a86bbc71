"""``LibraryIndex``: the derived SQLite index kept in step with the store.

TinyDB stays the record. Before every read, the index compares what it last read with the
store's files: the modification stamps (inode, time, size) of the store's two directories
answer "nothing changed" with two ``stat`` calls; otherwise each file's stamp tells which
documents and annotation files to read again. Every store write replaces a file (a new
inode), so a changed file never keeps its stamp. A stamp taken within ``RACY_NS`` of the
file's modification is not trusted (file times are coarse), as git does for its index.
The stamps are taken before the files are read, and all changes commit in one SQLite
transaction: a crash, or another process writing meanwhile, only means another sync.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.index import rows
from reader.core.index.driver import sqlite3
from reader.core.index.schema import UnusableIndex, connect, index_path, is_damage, remove
from reader.core.store import files

if TYPE_CHECKING:
    from reader.core.analysis.results import Analysis
    from reader.core.models import Annotation, Document
    from reader.core.store import Store

AnalysisLookup = Callable[["Document"], "Analysis | None"]
"""A document's analysis if there is one (the sync never computes one)."""
RACY_NS = 50_000_000
_DIRS, _MAIN, _FIXES = ":dirs", ":main", "#corrections"


def _corrections_digest(annotations: list[Annotation]) -> str:
    """What the corrections among ``annotations`` are (empty without any): the analyses
    the service returns are corrected by them, so a change re-indexes the analysis."""
    fixes = sorted(json.dumps(a.to_dict(), sort_keys=True) for a in annotations if a.is_correction)
    return hashlib.sha256("\n".join(fixes).encode()).hexdigest() if fixes else ""


def stamp(path: Path, now: int) -> str:
    """The file's identity and age, or ``racy`` when it changed too recently to trust."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return "missing"
    if now - st.st_mtime_ns < RACY_NS:
        return "racy"
    return f"{st.st_ino}:{st.st_mtime_ns}:{st.st_size}"


class LibraryIndex:
    """The index of one store; every read goes through ``current()``."""

    def __init__(self, store: Store, cache_dir: Path, lookup: AnalysisLookup) -> None:
        self.store = store
        self.path = index_path(cache_dir, store.directory)
        self.lookup = lookup
        self._local = threading.local()
        """One connection per thread (the TUI reads the index from several workers)."""

    def current(self) -> sqlite3.Connection:
        """The index connection, after bringing the index up to date with the store."""
        with self.guarded() as db:
            self._sync(db)
        return db

    @contextmanager
    def guarded(self) -> Iterator[sqlite3.Connection]:
        """The connection; an unusable index met inside is rebuilt and the block fails.

        Callers retry through ``current()``, which opens the rebuilt file.
        """
        db = self._connection()
        try:
            yield db
        except sqlite3.DatabaseError as error:
            if db.in_transaction:
                db.execute("ROLLBACK")
            if not is_damage(error):
                raise  # a full disk, a lock: a rebuilt file would fail the same way
            self.rebuild()
            raise UnusableIndex(str(error)) from None

    def _connection(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                db = connect(self.path, str(self.store.directory.absolute()))
            except UnusableIndex:
                remove(self.path)
                db = connect(self.path, str(self.store.directory.absolute()))
            self._local.db = db
        return db

    def close(self) -> None:
        """Close this thread's connection (the next read opens the file again)."""
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None

    def rebuild(self) -> None:
        """Delete the index file and start again (it is only derived from the store).

        Connections of other threads keep the old file until they meet an error; each
        still syncs itself with the store, so its answers stay right.
        """
        self.close()
        remove(self.path)
        self._connection()

    def _dirs_stamp(self, now: int) -> str:
        return stamp(self.store.directory, now) + "|" + stamp(self.store.annotations_dir, now)

    def _sync(self, db: sqlite3.Connection) -> None:
        now = time.time_ns()
        dirs = self._dirs_stamp(now)
        if "racy" not in dirs and self._stamp(db, _DIRS) == dirs:
            return
        db.execute("BEGIN IMMEDIATE")
        try:
            if "racy" in dirs or self._stamp(db, _DIRS) != dirs:
                written = db.total_changes
                self._sync_files(db, now)
                rows.merge_segments(db, db.total_changes - written)
                db.execute("INSERT OR REPLACE INTO stamps VALUES (?, ?)", (_DIRS, dirs))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    @staticmethod
    def _stamp(db: sqlite3.Connection, name: str) -> str | None:
        row = db.execute("SELECT stamp FROM stamps WHERE name = ?", (name,)).fetchone()
        return None if row is None else str(row[0])

    def _sync_files(self, db: sqlite3.Connection, now: int) -> None:
        known = dict(db.execute("SELECT name, stamp FROM stamps").fetchall())
        main = stamp(self.store.db_path, now)
        analysed: set[str] = set()
        if known.get(_MAIN) != main or main == "racy":
            analysed = self._sync_documents(db)
            db.execute("INSERT OR REPLACE INTO stamps VALUES (?, ?)", (_MAIN, main))
        seen, changed = set(), set()
        for path in files.annotation_files(self.store.directory):
            seen.add(path.name)
            current = stamp(path, now)
            if known.get(path.name) == current and current != "racy":
                continue
            annotations = files.read_annotations(path)
            rows.put_annotations(db, path.name, annotations)
            db.execute("INSERT OR REPLACE INTO stamps VALUES (?, ?)", (path.name, current))
            fixes = _corrections_digest(annotations)
            if known.get(path.name + _FIXES, "") != fixes:
                changed.add(path.stem)
                db.execute(
                    "INSERT OR REPLACE INTO stamps VALUES (?, ?)", (path.name + _FIXES, fixes)
                )
        seen |= {name + _FIXES for name in seen}
        for name in set(known) - seen - {_DIRS, _MAIN}:
            if not name.endswith(_FIXES):
                rows.put_annotations(db, name, [])
            db.execute("DELETE FROM stamps WHERE name = ?", (name,))
        self._reanalyse(db, changed - analysed)

    def _reanalyse(self, db: sqlite3.Connection, document_ids: set[str]) -> None:
        """Index again the analyses of documents whose annotations changed: corrections are
        annotations, and the service's analyses are corrected by them (issue 14)."""
        having = {
            r[0] for r in db.execute("SELECT id FROM documents WHERE analysed IS NOT NULL")
        } & document_ids
        if having:
            for document in self.store.list_documents():
                if document.id in having:
                    rows.put_analysis(db, document.id, self.lookup(document))

    def _sync_documents(self, db: sqlite3.Connection) -> set[str]:
        """Bring document records, texts and analyses in line with the main file; returns
        the documents whose analysis was indexed again."""
        known = {r[0]: (r[1], r[2]) for r in db.execute("SELECT id, sha256, title FROM documents")}
        documents = self.store.list_documents()
        changed = []
        for position, document in enumerate(documents):
            before = known.pop(document.id, None)
            rows.put_document(db, document, position)
            if before is None or before[0] != document.sha256:
                changed.append(document)
            if before is not None and before[1] != document.title:
                rows.retitle(db, document.id, document.title)
        for document in changed:
            rows.put_text(db, document.id, self.store.load_text(document.sha256))
            rows.put_analysis(db, document.id, self.lookup(document))
        for document_id in known:
            rows.delete_document(db, document_id)
        return {document.id for document in changed}

    def add_analyses(
        self, lookup: AnalysisLookup | None = None, only_annotated: bool = False
    ) -> int:
        """Index the analyses of documents that have none indexed; returns how many were added.

        ``lookup`` may compute (the default one only reads the cache); ``only_annotated``
        limits the work to documents with annotations (what annotation search needs).
        """
        db = self.current()
        sql = "SELECT id FROM documents WHERE analysed IS NOT sha256"
        if only_annotated:
            sql += " AND id IN (SELECT document_id FROM annotations)"
        missing = [r[0] for r in db.execute(sql)]
        if not missing:
            return 0
        documents = {document.id: document for document in self.store.list_documents()}
        added = 0
        for document_id in missing:
            document = documents.get(document_id)
            if document is None:
                continue
            analysis = (lookup or self.lookup)(document)
            if analysis is None or analysis.sha256 != document.sha256:
                continue
            with self.guarded():
                db.execute("BEGIN IMMEDIATE")
                written = db.total_changes
                rows.put_analysis(db, document_id, analysis)
                rows.merge_segments(db, db.total_changes - written)
                db.execute("COMMIT")
            added += 1
        return added
