"""The scripting commands through the real ``reader`` CLI (subprocesses and ``main``)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main
from reader.core.index.schema import index_path
from reader.core.text import sha256_of

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
ARTICLE = "The minister said the talks were long.\nThe talks were hard, the envoy said.\n"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """The real ``reader`` in a subprocess (env from the autouse fixture: a temp store)."""
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "COLUMNS": "200"},
    )


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``reader.cli.main`` in this process: exit code, stdout, stderr."""
    with pytest.raises(SystemExit) as exited:
        main(list(args))
    captured = capsys.readouterr()
    code = exited.value.code
    return (code if isinstance(code, int) else 1), captured.out, captured.err


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every store file's bytes (the lock file's contents do not matter)."""
    return {
        str(p.relative_to(directory)): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _show(capsys: pytest.CaptureFixture[str], ref: str) -> Any:
    code, out, err = call(capsys, "show", ref, "--json")
    assert (code, err) == (0, "")
    return json.loads(out)


def test_annotate_prints_only_the_new_id_and_show_json_has_it(
    capsys: pytest.CaptureFixture[str], article: Path
) -> None:
    code, out, err = call(
        capsys,
        "annotate",
        str(article),
        "--quote",
        "talks",
        "--occurrence",
        "2",
        "--note",
        "second",
        "--tag",
        " Diplomacy ",
        "--tag",
        "diplomacy",
        "--color",
        "green",
    )
    assert (code, err) == (0, "")
    annotation_id = out.strip()
    assert UUID.match(annotation_id) and out == annotation_id + "\n"
    data = _show(capsys, str(article))
    document = data["document"]
    assert document["source"] == str(article) and document["sha256"] == sha256_of(ARTICLE)
    (annotation,) = data["annotations"]
    assert annotation["id"] == annotation_id
    assert annotation["selector"]["exact"] == "talks"
    assert annotation["selector"]["start"] == ARTICLE.index("The talks") + 4
    assert (annotation["note"], annotation["tags"], annotation["color"]) == (
        "second",
        ["Diplomacy"],
        "green",
    )
    assert annotation["status"] == "anchored" and annotation["history"] == []
    assert {
        "id",
        "note",
        "tags",
        "color",
        "created",
        "modified",
        "status",
        "selector",
        "history",
    } <= set(annotation)
    assert set(annotation["selector"]) == {"exact", "prefix", "suffix", "start", "end"}


def test_show_human_output_is_a_title_line_and_a_table(
    capsys: pytest.CaptureFixture[str], article: Path
) -> None:
    _, out, _ = call(capsys, "annotate", str(article), "--quote", "envoy", "--note", "who?")
    code, shown, _ = call(capsys, "show", str(article))
    assert code == 0
    first_line = shown.splitlines()[0]
    assert (
        first_line.startswith("The minister said the talks were long")
        and "1 annotation)" in first_line
    )
    assert out.strip()[:8] in shown and "envoy" in shown and "who?" in shown


def test_show_by_document_id_prefix(capsys: pytest.CaptureFixture[str], article: Path) -> None:
    call(capsys, "annotate", str(article), "--quote", "minister")
    document_id = _show(capsys, str(article))["document"]["id"]
    assert _show(capsys, document_id[:6])["document"]["id"] == document_id


def test_show_reopens_a_changed_source(capsys: pytest.CaptureFixture[str], article: Path) -> None:
    call(capsys, "annotate", str(article), "--quote", "envoy")
    article.write_text("A new opening line.\n" + ARTICLE, encoding="utf-8")
    document = _show(capsys, str(article))["document"]
    assert document["sha256"] == sha256_of("A new opening line.\n" + ARTICLE)
    assert len(document["versions"]) == 2


def test_edit_changes_note_tags_and_colour(
    capsys: pytest.CaptureFixture[str], article: Path
) -> None:
    _, out, _ = call(capsys, "annotate", str(article), "--quote", "envoy", "--tag", "People")
    annotation_id = out.strip()
    code, edited, err = call(
        capsys,
        "edit",
        annotation_id[:8],
        "--note",
        "the envoy",
        "--tag",
        "Europe",
        "--untag",
        "PEOPLE",
        "--color",
        "Blue",
    )
    assert (code, edited, err) == (0, annotation_id + "\n", "")
    (annotation,) = _show(capsys, str(article))["annotations"]
    assert (annotation["note"], annotation["tags"], annotation["color"]) == (
        "the envoy",
        ["Europe"],
        "blue",
    )


def test_edit_without_changes_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], article: Path
) -> None:
    _, out, _ = call(capsys, "annotate", str(article), "--quote", "envoy")
    code, _, err = call(capsys, "edit", out.strip())
    assert code == 2
    assert err == "reader: nothing to change: give --note, --tag, --untag or --color\n"


def test_list_shows_documents_with_counts(
    capsys: pytest.CaptureFixture[str],
    article: Path,
    sample_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # wide enough that no cell wraps
    call(capsys, "annotate", str(article), "--quote", "envoy")
    call(capsys, "annotate", str(article), "--quote", "minister")
    call(capsys, "annotate", str(sample_path), "--quote", "Wang Yi")
    code, out, _ = call(capsys, "list", "--json")
    assert code == 0
    rows = json.loads(out)["documents"]
    assert [(r["source"], r["annotations"]) for r in rows] == [
        (str(sample_path), 1),
        (str(article), 2),
    ]
    assert set(rows[0]) == {
        "id",
        "title",
        "source",
        "sha256",
        "words",
        "annotations",
        "first_opened",
        "last_opened",
        "author",
        "published",
        "site",
        "url",
        "state",
        "tags",
        "progress",
    }
    _, human, _ = call(capsys, "list")
    assert "US Secretary of State" in human and rows[1]["id"][:8] in human


def test_list_on_an_empty_store(capsys: pytest.CaptureFixture[str]) -> None:
    assert call(capsys, "list", "--json")[:2] == (0, '{\n  "documents": []\n}\n')


def test_delete_removes_the_annotation(capsys: pytest.CaptureFixture[str], article: Path) -> None:
    _, out, _ = call(capsys, "annotate", str(article), "--quote", "envoy")
    code, deleted, _ = call(capsys, "delete", out.strip(), "--json")
    assert code == 0 and json.loads(deleted)["selector"]["exact"] == "envoy"
    assert _show(capsys, str(article))["annotations"] == []


def test_paths_json(capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
    code, out, _ = call(capsys, "paths", "--json")
    config = Path(os.environ["READER_CONFIG_DIR"])
    assert code == 0 and json.loads(out) == {
        "db": str(db_path),
        "store_dir": str(db_path.parent),
        "config_dir": str(config),
        "themes_dir": str(config / "themes"),
        "cache_dir": os.environ["READER_CACHE_DIR"],
        "index": str(index_path(Path(os.environ["READER_CACHE_DIR"]), db_path.parent)),
    }


def test_annotate_from_stdin_files_it_under_its_hash() -> None:
    text = "Piped text says the quiet part out loud.\n"
    first = run("annotate", "-", "--quote", "quiet part", stdin=text)
    second = run("annotate", "-", "--quote", "out loud", stdin=text)
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    listed = json.loads(run("list", "--json").stdout)["documents"]
    assert [(d["source"], d["annotations"]) for d in listed] == [(f"stdin:{sha256_of(text)}", 2)]


# Bad input through the real CLI: one line on stderr, exit 2, the store unchanged.


def _assert_refused(result: subprocess.CompletedProcess[str], fragment: str) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith("reader: ") and result.stderr.count("\n") == 1
    assert fragment in result.stderr and "Traceback" not in result.stderr


def test_a_db_in_a_missing_directory(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "dir"
    result = run("--db", str(missing / "annotations.json"), "list")
    _assert_refused(result, f"store directory {missing} does not exist")
    assert not (tmp_path / "no").exists()


def test_a_corrupt_db_file(db_path: Path, article: Path) -> None:
    db_path.write_bytes(b'{"documents": {"1": ')
    result = run("annotate", str(article), "--quote", "envoy")
    _assert_refused(result, f"store file {db_path} is corrupt")
    assert db_path.read_bytes() == b'{"documents": {"1": '
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["annotations.json"]


def test_a_db_from_a_newer_reader(db_path: Path) -> None:
    db_path.write_text('{"meta": {"1": {"schema": 9}}, "documents": {}}', encoding="utf-8")
    before = snapshot(db_path.parent)
    result = run("list")
    _assert_refused(result, "written by a newer reader (schema 9); this reader knows up to 2")
    assert snapshot(db_path.parent) == before


@pytest.mark.parametrize("command", [["edit", "deadbeef", "--note", "x"], ["delete", "deadbeef"]])
def test_an_unknown_annotation_id(db_path: Path, article: Path, command: list[str]) -> None:
    assert run("annotate", str(article), "--quote", "envoy").returncode == 0
    before = snapshot(db_path.parent)
    _assert_refused(run(*command), "no annotation with id 'deadbeef'")
    assert snapshot(db_path.parent) == before


def test_a_quote_not_found(db_path: Path, article: Path) -> None:
    assert run("annotate", str(article), "--quote", "envoy").returncode == 0
    before = snapshot(db_path.parent)
    result = run("annotate", str(article), "--quote", "ambassador")
    _assert_refused(result, "quote not found in The minister said the talks were long")
    assert result.stderr.endswith(": 'ambassador'\n")
    assert snapshot(db_path.parent) == before


def test_a_quote_not_found_in_a_new_source_files_nothing(db_path: Path, article: Path) -> None:
    _assert_refused(run("annotate", str(article), "--quote", "ambassador"), "quote not found")
    assert json.loads(run("list", "--json").stdout) == {"documents": []}


def test_a_corrupt_document_file_names_its_backup(db_path: Path, article: Path) -> None:
    first = run("annotate", str(article), "--quote", "envoy")
    assert run("annotate", str(article), "--quote", "minister").returncode == 0
    (path,) = (db_path.parent / "annotations.d").glob("*.json")
    path.write_bytes(b"\x00" * 10)
    before = snapshot(db_path.parent)
    result = run("edit", first.stdout.strip(), "--note", "x")
    _assert_refused(result, f"store file {path} is corrupt")
    assert result.stderr.endswith(f"restore it from {path}.bak, or run `reader doctor`\n")
    assert snapshot(db_path.parent) == before
