"""``reader tags``: list with counts, rename and merge, through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.core.service import ReaderService
from tests.cli.test_search_cmds import call, run


@pytest.fixture
def store(db_path: Path, sample_path: Path) -> ReaderService:
    service = ReaderService.open(db_path)
    source = str(sample_path)
    service.annotate_quote(source, "surveillance balloon", note="one", tags=("China", "balloon"))
    service.annotate_quote(source, "Ned Worth", note="two", tags=("names", "CHINA"))
    service.annotate_quote(source, "Wang Yi", note="three", tags=("china",))
    return service


def _store_bytes(db_path: Path) -> dict[str, bytes]:
    return {
        str(p): p.read_bytes()
        for p in sorted(db_path.parent.rglob("*.json"))
        if p.is_file() and not p.name.endswith(".lock")
    }


def _tags(capsys: pytest.CaptureFixture[str]) -> list[tuple[str, int]]:
    code, out, err = call(capsys, "tags", "--json")
    assert (code, err) == (0, "")
    return [(item["tag"], item["count"]) for item in json.loads(out)]


def test_tags_lists_counts_case_insensitively(
    capsys: pytest.CaptureFixture[str], store: ReaderService
) -> None:
    assert _tags(capsys) == [("China", 3), ("balloon", 1), ("names", 1)]


def test_tags_table_in_a_real_process(store: ReaderService) -> None:
    result = run("tags")
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if "China" in line]
    assert len(lines) == 1 and "3" in lines[0]


def test_rename_then_search_finds_the_new_name(
    capsys: pytest.CaptureFixture[str], store: ReaderService
) -> None:
    code, out, _ = call(capsys, "tags", "rename", "balloon", "airship")
    assert (code, out) == (0, "renamed tag 'balloon' to 'airship' on 1 annotation\n")
    assert _tags(capsys) == [("China", 3), ("airship", 1), ("names", 1)]
    code, out, _ = call(capsys, "search", "tag:airship", "--json")
    assert [h["annotation"]["note"] for h in json.loads(out)] == ["one"]
    assert call(capsys, "search", "tag:balloon")[0] == 1


def test_merge_keeps_target_spelling_and_leaves_no_duplicates(
    capsys: pytest.CaptureFixture[str], store: ReaderService
) -> None:
    code, out, _ = call(capsys, "tags", "merge", "names", "china", "--json")
    assert (code, json.loads(out)) == (0, {"changed": 2})  # "one" already says "China"
    assert _tags(capsys) == [("China", 3), ("balloon", 1)]
    tags = sorted(a.tags for a in store.store.all_annotations())
    assert tags == [("China",), ("China",), ("China", "balloon")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("rename", "nope", "x"), "reader: no annotation has the tag 'nope'"),
        (("merge", "nope", "china"), "reader: no annotation has the tag 'nope'"),
        (("merge", "china", "nope"), "reader: no annotation has the tag 'nope'"),
        (("rename", "names", "China"), "reader: tag 'China' already exists"),
        (("rename", "names", " "), "reader: the new tag is empty"),
        (("merge", "china", "CHINA"), "reader: cannot merge tag 'China' into itself"),
        (("rename", "names"), "reader: Missing argument 'NEW'"),
    ],
)
def test_bad_tag_commands_exit_2_and_change_nothing(
    capsys: pytest.CaptureFixture[str],
    store: ReaderService,
    db_path: Path,
    args: tuple[str, ...],
    message: str,
) -> None:
    before = _store_bytes(db_path)
    code, out, err = call(capsys, "tags", *args)
    assert code == 2
    assert out == ""
    assert err.startswith(message) and err.count("\n") == 1
    assert _store_bytes(db_path) == before


def test_empty_store_lists_no_tags(capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
    assert call(capsys, "tags", "--json") == (0, "[]\n", "")
