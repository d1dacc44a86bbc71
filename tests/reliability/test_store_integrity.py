"""Cases 4 and 10 (store integrity) through the real CLI, and ``reader doctor``.

A truncated main file is an error naming the file and its .bak, and nothing is written until
the user acts; a failed command changes no byte; a stored text that was replaced is noticed;
``reader doctor`` restores, rebuilds and tidies.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_doc_cmds import ARTICLE, run, snapshot


@pytest.fixture
def filed(tmp_path: Path, db_path: Path) -> str:
    """A store with one document and two annotations (so main and .bak both hold it)."""
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    for quote in ("the talks", "the envoy"):
        done = run("annotate", str(article), "--quote", quote, "--note", f"on {quote}")
        assert done.returncode == 0, done.stderr
    run("list")  # the main file is rewritten at least once more: its .bak holds the document
    return str(article)


def test_a_truncated_main_file_is_an_error_and_nothing_is_written(
    filed: str, db_path: Path
) -> None:
    db_path.write_bytes(b"")
    before = snapshot(db_path.parent)
    for args in (("list",), ("search",), ("annotate", filed, "--quote", "the talks")):
        done = run(*args)
        assert done.returncode == 2, (args, done.stdout)
        assert str(db_path) in done.stderr and f"{db_path}.bak" in done.stderr
        assert "Traceback" not in done.stderr
        assert snapshot(db_path.parent) == before  # the .bak, the only copy, is intact


def test_doctor_restores_the_main_file_from_its_backup(filed: str, db_path: Path) -> None:
    db_path.write_bytes(b'{"documents": {"1": {"id": "x"')  # cut short
    done = run("doctor")
    assert done.returncode == 0, done.stderr
    assert f"restore {db_path} from {db_path}.bak" in done.stdout
    listed = run("list", "--json")
    assert listed.returncode == 0
    assert len(json.loads(listed.stdout)["documents"]) == 1
    assert run("doctor").stdout.startswith("The store is healthy")


def test_doctor_rebuilds_the_documents_list_from_annotation_files_and_texts(
    filed: str, db_path: Path
) -> None:
    db_path.write_bytes(b"garbage")
    Path(f"{db_path}.bak").write_bytes(b"")
    leftover = db_path.parent / f".{db_path.name}.abc123.tmp"
    leftover.write_bytes(b"half a write")
    done = run("doctor")
    assert done.returncode == 0, done.stderr
    assert "rebuild the record of document" in done.stdout
    assert not leftover.exists()
    documents = json.loads(run("list", "--json").stdout)["documents"]
    assert len(documents) == 1 and documents[0]["annotations"] == 2
    assert documents[0]["title"] == ARTICLE.splitlines()[0]
    hits = json.loads(run("search", "--json").stdout)
    assert sorted(hit["annotation"]["note"] for hit in hits) == ["on the envoy", "on the talks"]


def test_doctor_dry_run_changes_nothing(filed: str, db_path: Path) -> None:
    db_path.write_bytes(b"")
    before = snapshot(db_path.parent)
    done = run("doctor", "--dry-run")
    assert done.returncode == 0 and "would restore" in done.stdout
    assert snapshot(db_path.parent) == before


@pytest.mark.parametrize(
    "args",
    [
        ("--quote", "not in the article"),
        ("--quote", "the talks", "--color", "not a colour!"),
        ("--quote", "the talks", "--occurrence", "9"),
        ("--quote", "   "),
    ],
    ids=["missing quote", "bad colour", "no such occurrence", "empty quote"],
)
def test_a_failed_annotate_changes_no_byte_of_the_store(
    filed: str, db_path: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    fresh = tmp_path / "fresh.txt"
    fresh.write_text("A different article about the talks and the envoy.\n", encoding="utf-8")
    before = snapshot(db_path.parent)
    for source in (filed, str(fresh)):
        done = run("annotate", source, *args)
        assert done.returncode == 2, done.stderr
        assert snapshot(db_path.parent) == before


def test_a_replaced_stored_text_is_noticed_and_never_exported(filed: str, db_path: Path) -> None:
    text_file = next((db_path.parent / "texts").glob("*.txt"))
    text_file.write_text("Somebody else's words entirely.\n", encoding="utf-8")
    exported = run("export", "--with-text")
    assert exported.returncode == 2
    assert str(text_file) in exported.stderr and "SHA-256" in exported.stderr
    # `reader doctor` sets the bad text aside; opening the source stores the right one.
    assert run("doctor").returncode == 0
    assert run("show", filed).returncode == 0
    again = run("export", "--with-text")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["documents"][0]["text"] == ARTICLE


def test_doctor_sets_aside_a_tampered_text(filed: str, db_path: Path) -> None:
    text_file = next((db_path.parent / "texts").glob("*.txt"))
    text_file.write_text("tampered\n", encoding="utf-8")
    done = run("doctor")
    assert "does not match its SHA-256" in done.stdout
    assert not text_file.exists()
    assert text_file.with_name(text_file.name + ".corrupt").exists()
