"""``reader search`` through the real CLI: table, JSON shape, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.service import ReaderService


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The real ``reader`` in a subprocess (the autouse fixture's env points at a temp store)."""
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
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


@pytest.fixture
def store(db_path: Path, sample_path: Path) -> dict[str, str]:
    """Three annotations on the sample article; returns note -> annotation id."""
    service = ReaderService.open(db_path)
    source = str(sample_path)
    made = [
        service.annotate_quote(
            source, "surveillance balloon", note="The balloon, again a balloon", tags=("China",)
        ),
        service.annotate_quote(source, "Ned Worth", note="Zoë says: paraphrased name"),
        service.annotate_quote(source, "Wang Yi", note="", tags=("china", "people")),
    ]
    return {a.note: a.id for a in made}


def test_json_hits_have_the_documented_shape(
    capsys: pytest.CaptureFixture[str], store: dict[str, str]
) -> None:
    code, out, err = call(capsys, "search", "balloon", "--json")
    assert (code, err) == (0, "")
    hits = json.loads(out)
    assert len(hits) == 1
    hit = hits[0]
    assert set(hit) == {"annotation", "document", "score", "snippet"}
    assert hit["annotation"]["id"] == store["The balloon, again a balloon"]
    assert hit["annotation"]["selector"]["exact"] == "surveillance balloon"
    assert hit["document"]["id"] == hit["annotation"]["document_id"]
    assert hit["document"]["title"].startswith("US Secretary of State")
    assert hit["snippet"] == "The balloon, again a balloon"
    assert hit["score"] > 0


def test_words_across_arguments_exclusions_and_accents(
    capsys: pytest.CaptureFixture[str], store: dict[str, str]
) -> None:
    code, out, _ = call(capsys, "search", "tag:china", "-tag:people", "--json")
    assert code == 0
    assert [h["annotation"]["id"] for h in json.loads(out)] == [
        store["The balloon, again a balloon"]
    ]
    code, out, _ = call(capsys, "search", "ZOE", "--json")
    assert [h["annotation"]["id"] for h in json.loads(out)] == [store["Zoë says: paraphrased name"]]


def test_last_word_is_a_prefix_unless_quoted(
    capsys: pytest.CaptureFixture[str], store: dict[str, str]
) -> None:
    code, out, _ = call(capsys, "search", "paraphr", "--json")
    assert code == 0 and len(json.loads(out)) == 1
    code, out, err = call(capsys, "search", '"paraphr"', "--json")
    assert (code, json.loads(out), err) == (1, [], "no matches\n")


def test_no_query_lists_all_newest_first_and_limit_cuts(
    capsys: pytest.CaptureFixture[str], store: dict[str, str]
) -> None:
    code, out, _ = call(capsys, "search", "--json")
    ids = [h["annotation"]["id"] for h in json.loads(out)]
    assert code == 0
    assert ids == list(reversed(store.values()))
    code, out, _ = call(capsys, "search", "--json", "--limit", "1")
    assert [h["annotation"]["id"] for h in json.loads(out)] == ids[:1]


@pytest.mark.parametrize("query", [(), ("balloon OR Wang",)])
def test_a_limit_beyond_any_integer_size_shows_every_match(
    capsys: pytest.CaptureFixture[str], store: dict[str, str], query: tuple[str, ...]
) -> None:
    # Past sys.maxsize: this used to fail inside itertools.islice with exit 3.
    huge = str(2**70)
    code, out, err = call(capsys, "search", *query, "--json", "--limit", huge)
    assert (code, err) == (0, "")
    expected = 3 if not query else 2
    assert len(json.loads(out)) == expected


def test_no_match_exits_1_with_a_short_message(
    capsys: pytest.CaptureFixture[str], store: dict[str, str]
) -> None:
    assert call(capsys, "search", "nothingmatchesthis") == (1, "", "no matches\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("balloon colour:red",), "reader: unknown field 'colour:' at column 9; fields are: "),
        (('"unclosed',), "reader: unbalanced quote: the '\"' at column 1 is never closed"),
        (("after:2024-13-01",), "reader: bad date '2024-13-01'"),
        (("a OR",), "reader: dangling OR at column 3"),
        (("--limt", "3"), "reader: No such option"),
        (("--limit", "0"), "reader: Invalid value for '--limit'"),
    ],
)
def test_bad_queries_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], store: dict[str, str], args: tuple[str, ...], message: str
) -> None:
    code, out, err = call(capsys, "search", *args)
    assert code == 2
    assert out == ""
    assert err.startswith(message)
    assert err.count("\n") == 1


def test_table_in_a_real_process_shows_title_snippet_tags_and_id(
    store: dict[str, str],
) -> None:
    result = run("search", "balloon")
    assert result.returncode == 0, result.stderr
    assert "Snippet" in result.stdout and "Tags" in result.stdout
    assert "The balloon, again a balloon" in result.stdout
    assert "China" in result.stdout
    assert store["The balloon, again a balloon"][:8] in result.stdout
    assert "US Secretary of State" in result.stdout
    bad = run("search", "(balloon")
    assert bad.returncode == 2
    assert bad.stderr == "reader: unbalanced parenthesis: '(' at column 1 is never closed\n"
    assert "Traceback" not in bad.stderr


def test_matches_are_bold_on_a_terminal(
    capsys: pytest.CaptureFixture[str], store: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    code, out, _ = call(capsys, "search", "balloon")
    assert code == 0
    assert "\x1b[1mballoon\x1b[0m" in out or "\x1b[1mballoon" in out
    assert "\x1b[1mThe" not in out


@pytest.mark.slow
def test_entity_search_works_on_annotations_made_from_the_cli(sample_path: Path) -> None:
    made = run(
        "annotate",
        str(sample_path),
        "--quote",
        "Antony Blinken met with China’s high diplomat Wang Yi",
        "--note",
        "meeting",
    )
    assert made.returncode == 0, made.stderr
    result = run("search", "entity:Blinken", "--json")
    assert result.returncode == 0, result.stderr
    assert [h["annotation"]["note"] for h in json.loads(result.stdout)] == ["meeting"]
    assert run("search", "speaker:Blinken").returncode == 1


def test_an_index_that_cannot_be_opened_is_one_line_and_left_alone(
    db_path: Path, store: dict[str, str]
) -> None:
    """Not damage (rebuilding would fail the same way): exit 3, one line, nothing deleted."""
    path = ReaderService.open(db_path).index_path
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.mkdir()  # SQLite cannot open a directory: SQLITE_CANTOPEN
    (path / "kept").write_text("")
    found = run("search", "balloon")
    assert found.returncode == 3 and found.stdout == ""
    assert found.stderr.count("\n") == 1 and "search index" in found.stderr, found.stderr
    assert "Traceback" not in found.stderr and (path / "kept").exists()
