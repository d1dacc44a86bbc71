"""The store's files: schema migration, newer schemas, corrupt files and their backups."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.models import AnnotationStatus
from reader.core.store import Store
from reader.errors import StoreError
from tests.core.test_store_support import TEXT, make_annotation, make_document

SHA = "a" * 64


def _schema1_tables() -> dict[str, object]:
    """A store as reader 0.0.x wrote it: one file, tags as one string, no status."""
    document = {
        "id": "doc-1",
        "title": "An article",
        "source": "/tmp/article.txt",
        "sha256": SHA,
        "versions": [{"sha256": SHA, "added": "2024-01-01T00:00:00.000Z", "words": 13}],
        "first_opened": "2024-01-01T00:00:00.000Z",
        "last_opened": "2024-01-02T00:00:00.000Z",
        "words": 13,
    }
    annotation = {
        "id": "ann-1",
        "document_id": "doc-1",
        "sha256": SHA,
        "selector": {
            "exact": "met",
            "prefix": "The secretary ",
            "suffix": " the",
            "start": 14,
            "end": 17,
        },
        "note": "a meeting",
        "tags": "diplomacy, China ,,china",
        "color": "green",
        "created": "2024-01-01T00:00:00.000Z",
        "modified": "2024-01-01T00:00:00.000Z",
    }
    return {"documents": {"1": document}, "annotations": {"1": annotation}}


def test_a_schema_1_store_is_migrated_after_a_backup(db_path: Path) -> None:
    original = json.dumps(_schema1_tables()).encode()
    db_path.write_bytes(original)
    store = Store(db_path)
    assert store.migrated_from == 1
    assert store.migration_backup == db_path.with_name("annotations.json.schema1.bak")
    assert store.migration_backup.read_bytes() == original
    (annotation,) = store.annotations_for("doc-1")
    assert annotation.tags == ("diplomacy", "China")
    assert annotation.status is AnnotationStatus.ANCHORED
    assert annotation.history == ()
    assert (annotation.note, annotation.color, annotation.selector.start) == (
        "a meeting",
        "green",
        14,
    )
    assert store.get_document("doc-1").title == "An article"
    main = json.loads(db_path.read_text("utf-8"))
    assert main["meta"] == {"1": {"schema": 2}}
    assert "annotations" not in main
    assert Store(db_path).migrated_from is None  # migrated once, not again


def test_a_newer_schema_is_refused_and_left_unchanged(db_path: Path) -> None:
    db_path.write_text(json.dumps({"meta": {"1": {"schema": 7}}, "documents": {}}))
    before = db_path.read_bytes()
    with pytest.raises(StoreError) as raised:
        Store(db_path)
    assert str(raised.value) == (
        f"store file {db_path} was written by a newer reader (schema 7); "
        "this reader knows up to 2. Upgrade reader."
    )
    assert db_path.read_bytes() == before


def test_a_newer_record_in_a_document_file_is_refused(db_path: Path) -> None:
    store = Store(db_path)
    document = make_document(store)
    store.add_annotation(make_annotation(document, 0, 3))
    path = store.annotations_dir / f"{document.id}.json"
    tables = json.loads(path.read_text("utf-8"))
    for record in tables["annotations"].values():
        record["schema"] = 3
    path.write_text(json.dumps(tables))
    with pytest.raises(StoreError, match="newer reader"):
        store.annotations_for(document.id)


@pytest.mark.parametrize(
    "garbage",
    [b"{not json", b"\xff\xfe\x00binary", b"[1, 2, 3]", b'{"documents": {"1": 5}}'],
)
def test_a_corrupt_main_file_is_named_and_never_overwritten(db_path: Path, garbage: bytes) -> None:
    db_path.write_bytes(garbage)
    with pytest.raises(StoreError) as raised:
        Store(db_path)
    message = str(raised.value)
    assert message.startswith(f"store file {db_path} is corrupt")
    assert "\n" not in message
    assert db_path.read_bytes() == garbage


def test_a_corrupt_document_file_is_named_and_never_overwritten(db_path: Path) -> None:
    store = Store(db_path)
    document = make_document(store)
    store.add_annotation(make_annotation(document, 0, 3))
    path = store.annotations_dir / f"{document.id}.json"
    path.write_bytes(b'{"annotations": {"1": {"id": "trunc')
    before = path.read_bytes()
    for attempt in (
        lambda: store.annotations_for(document.id),
        lambda: store.add_annotation(make_annotation(document, 4, 13)),
        lambda: list(store.all_annotations()),
    ):
        with pytest.raises(StoreError, match=f"store file {path} is corrupt"):
            attempt()
        assert path.read_bytes() == before


def test_a_record_missing_fields_is_reported_as_corrupt(db_path: Path) -> None:
    store = Store(db_path)
    document = make_document(store)
    path = store.annotations_dir / f"{document.id}.json"
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps({"annotations": {"1": {"id": "x"}}}))
    with pytest.raises(StoreError, match="bad annotation record"):
        store.annotations_for(document.id)


def test_the_error_names_the_backup_and_the_backup_restores(db_path: Path) -> None:
    store = Store(db_path)
    document = make_document(store, source="/a")
    make_document(store, source="/b")
    good = db_path.read_bytes()
    backup = db_path.with_name("annotations.json.bak")
    db_path.write_bytes(good[:40])  # a torn write the store itself would never make
    with pytest.raises(StoreError) as raised:
        Store(db_path)
    assert str(raised.value).endswith(f"restore it from {backup}, or run `reader doctor`")
    shutil.copy(backup, db_path)
    assert [d.id for d in Store(db_path).list_documents()] == [document.id]


def test_without_a_backup_the_error_says_to_move_the_file_aside(db_path: Path) -> None:
    db_path.write_bytes(b"oops")
    with pytest.raises(StoreError, match="move it aside to start afresh"):
        Store(db_path)


def test_each_replaced_file_keeps_its_previous_version(db_path: Path) -> None:
    store = Store(db_path)
    document = make_document(store)
    first = make_annotation(document, 0, 3)
    store.add_annotation(first)
    path = store.annotations_dir / f"{document.id}.json"
    previous = path.read_bytes()
    store.add_annotation(make_annotation(document, 4, 13, text=TEXT))
    assert path.with_name(path.name + ".bak").read_bytes() == previous


def test_a_directory_in_place_of_the_main_file_is_an_error(db_path: Path) -> None:
    db_path.mkdir()
    with pytest.raises(StoreError, match="is a directory"):
        Store(db_path)


def test_an_empty_object_main_file_is_initialised(db_path: Path) -> None:
    db_path.write_text("{}", encoding="utf-8")
    Store(db_path)
    assert json.loads(db_path.read_text("utf-8")) == {"meta": {"1": {"schema": 2}}, "documents": {}}


def _imported_after(db: Path, sample_path: Path, steps: str, prefix: str) -> list[str]:
    """Modules whose names contain ``prefix`` once a fresh process ran ``steps`` (Python code
    with ``service`` open on ``db``), after one ``reader annotate`` filed the sample."""
    annotate = ["annotate", str(sample_path), "--quote", "Blinken"]
    filer = subprocess.run(
        [sys.executable, "-m", "reader", "--db", str(db), *annotate],
        capture_output=True,
        text=True,
    )
    assert filer.returncode == 0, filer.stderr
    code = (
        "import sys\n"
        "from reader.core.service import ReaderService\n"
        f"service = ReaderService.open({str(db)!r})\n"
        f"{steps}"
        f"print('\\n'.join(sorted(name for name in sys.modules if {prefix!r} in name)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.split()


def test_reading_a_store_imports_no_tinydb(tmp_path: Path, sample_path: Path) -> None:
    """A start that only reads (open the store, look the source up, list documents and
    annotations) parses the JSON itself: TinyDB comes with the first write."""
    steps = (
        f"preview = service.preview_source({str(sample_path)!r})\n"
        "assert preview.known is not None and not preview.changed\n"
        "assert service.list_documents()\n"
        "assert service.store.annotations_for(preview.known.id)\n"
    )
    assert _imported_after(tmp_path / "annotations.json", sample_path, steps, "tinydb") == []


def test_the_first_frames_store_work_imports_no_hashlib(tmp_path: Path, sample_path: Path) -> None:
    """``hashlib`` (OpenSSL, about 3 ms to import) is not needed until the filing worker
    hashes the text: opening the store, previewing a known source and listing the library
    import none of it (``reader.core.text.sha256_hex`` imports it on first use)."""
    steps = (
        "from reader.ui.app import build_app\n"
        f"app = build_app(service, {str(sample_path)!r})\n"
        "assert app.opened is not None and app.opened.known is not None\n"
        "assert service.recent_documents(5)\n"
    )
    assert _imported_after(tmp_path / "annotations.json", sample_path, steps, "hashlib") == []
