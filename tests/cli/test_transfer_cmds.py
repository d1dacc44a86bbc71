"""``reader export`` and ``reader import`` through the real command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main
from reader.core.models import Annotation
from reader.core.store import Store
from tests.core.exporting.factory import malformed_files, populate, store_files


@pytest.fixture
def annotations(db_path: Path, sample_text: str, sample_path: Path) -> list[Annotation]:
    """The test's store (READER_DB) filled with three documents and six annotations."""
    return populate(Store(db_path), sample_text, sample_path)


def run_reader(*args: str) -> subprocess.CompletedProcess[str]:
    """The real ``reader`` in a subprocess (the environment points at the test's store)."""
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "120"},
        timeout=60,
    )


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``reader.cli.main`` in-process: (exit code, stdout, stderr)."""
    with pytest.raises(SystemExit) as raised:
        main(list(args))
    captured = capsys.readouterr()
    code = raised.value.code
    return (code if isinstance(code, int) else 0), captured.out, captured.err


def _annotation_ids(native: dict[str, Any]) -> set[str]:
    return {a["id"] for entry in native["documents"] for a in entry["annotations"]}


def test_export_writes_native_json_to_stdout(annotations: list[Annotation]) -> None:
    result = run_reader("export")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["format"] == "reader-annotations"
    assert _annotation_ids(data) == {a.id for a in annotations}
    assert all("text" not in entry for entry in data["documents"])


def test_export_to_a_file_then_import_into_another_store(
    annotations: list[Annotation], tmp_path: Path
) -> None:
    out = tmp_path / "export.w3c.json"
    result = run_reader("export", "--format", "w3c", "--with-text", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Exported 6 annotations from 3 documents to {out} (w3c)."
    other = tmp_path / "other"
    other.mkdir()
    result = run_reader("--db", str(other / "annotations.json"), "import", str(out))
    assert result.returncode == 0, result.stderr
    assert "new annotations" in result.stdout and "w3c format" in result.stdout
    imported = sorted(a.id for a in Store(other / "annotations.json").all_annotations())
    assert imported == sorted(a.id for a in annotations)


def test_export_query_keeps_only_matching_annotations(
    annotations: list[Annotation], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = call(capsys, "export", "--query", "tag:politics")
    assert (code, err) == (0, "")
    data = json.loads(out)
    tagged = {a.id for a in annotations if a.has_tag("politics")}
    assert len(tagged) == 1 and _annotation_ids(data) == tagged
    assert len(data["documents"]) == 1


def test_export_doc_keeps_one_document(
    annotations: list[Annotation], capsys: pytest.CaptureFixture[str]
) -> None:
    web = next(a for a in annotations if a.note == "about the café")
    code, out, _ = call(capsys, "export", "--doc", web.document_id[:8], "--format", "csv")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("id,document_id,title") and len(lines) == 2
    assert lines[1].startswith(f"{web.id},{web.document_id},Web,")


def test_export_markdown(annotations: list[Annotation], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = call(capsys, "export", "--format", "markdown")
    assert code == 0
    assert "## Blinken in Beijing" in out and "#us-relations" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("export", "--doc", "no-such-doc"), "reader: no document matches 'no-such-doc'"),
        (("export", "--format", "pdf"), "reader: Invalid value for '--format'"),
        (("export", "-o", "/nonexistent-dir/x.json"), "directory /nonexistent-dir does not exist"),
        (("export", "--query", "tag:("), "reader: "),
        (("import", "/nonexistent-file.json"), "reader: /nonexistent-file.json: no such file"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    annotations: list[Annotation],
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    message: str,
) -> None:
    code, out, err = call(capsys, *args)
    assert code == 2
    assert out == ""
    assert message in err and err.count("\n") == 1


def test_import_dry_run_json_counts_and_writes_nothing(
    annotations: list[Annotation], db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, exported, _ = call(capsys, "export", "--with-text")
    assert code == 0
    path = tmp_path / "export.json"
    path.write_text(exported, encoding="utf-8")
    other = tmp_path / "other"
    other.mkdir()
    Store(other / "annotations.json")
    before = store_files(other)
    code, out, _ = call(
        capsys, "--db", str(other / "annotations.json"), "import", str(path), "--dry-run", "--json"
    )
    assert code == 0
    assert json.loads(out) == {
        "format": "json",
        "new_documents": 3,
        "new_annotations": 6,
        "updated": 0,
        "unchanged": 0,
        "dry_run": True,
    }
    assert store_files(other) == before
    code, out, _ = call(capsys, "import", str(path), "--dry-run")
    assert code == 0
    assert "Would import" in out and "Dry run: nothing was written." in out


def test_reimport_into_the_same_store_reports_all_unchanged(
    annotations: list[Annotation], db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "export.json"
    code, out, _ = call(capsys, "export", "-o", str(path))
    assert code == 0
    before = store_files(db_path.parent)
    code, out, _ = call(capsys, "import", str(path), "--json")
    assert code == 0
    assert json.loads(out)["unchanged"] == 6 and json.loads(out)["new_annotations"] == 0
    assert store_files(db_path.parent) == before


def test_malformed_import_exits_2_with_one_line_and_no_traceback(
    annotations: list[Annotation], db_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"format": "reader-annotations", "version": 1, "documents": [', "utf-8")
    before = store_files(db_path.parent)
    result = run_reader("import", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"reader: {path}: not valid JSON (line 1")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert store_files(db_path.parent) == before


def test_partly_invalid_import_names_the_json_path(
    annotations: list[Annotation], db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, exported, _ = call(capsys, "export")
    data = json.loads(exported)
    entry = next(e for e in data["documents"] if len(e["annotations"]) > 1)
    index = data["documents"].index(entry)
    entry["annotations"][1]["selector"]["start"] = "12"
    path = tmp_path / "partly.json"
    path.write_text(json.dumps(data), "utf-8")
    before = store_files(db_path.parent)
    code, _, err = call(capsys, "import", str(path))
    assert code == 2
    assert err == (
        f"reader: {path}: documents[{index}].annotations[1].selector.start: "
        "expected integer, got string (nothing was imported)\n"
    )
    assert store_files(db_path.parent) == before


def test_every_malformed_file_exits_2_and_leaves_the_store_alone(
    annotations: list[Annotation], db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    native = json.loads(call(capsys, "export", "--with-text")[1])
    w3c = json.loads(call(capsys, "export", "--format", "w3c")[1])
    before = store_files(db_path.parent)
    for name, (content, expected) in malformed_files(native, w3c).items():
        path = tmp_path / "bad.json"
        path.write_text(content, encoding="utf-8")
        code, out, err = call(capsys, "import", str(path))
        assert (code, out) == (2, ""), name
        assert err.startswith(f"reader: {path}: ") and err.count("\n") == 1, name
        assert expected in err, (name, err)
        assert store_files(db_path.parent) == before, name
