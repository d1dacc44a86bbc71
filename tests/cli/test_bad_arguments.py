"""Odd command-line input: one line on stderr, exit 2, and the store left as it was."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from tests.cli.test_doc_cmds import snapshot

ARTICLE = "He said it “mustn’t ever happen” again.\nShe said “no”.\n"


def run(*args: str | bytes) -> subprocess.CompletedProcess[bytes]:
    """The real ``reader`` in a subprocess; ``bytes`` arguments reach it as raw argv bytes."""
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        timeout=60,
        env={**os.environ, "COLUMNS": "200"},
    )


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def assert_one_line_error(result: subprocess.CompletedProcess[bytes], fragment: str) -> None:
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2, err
    assert err.startswith("reader: ") and err.count("\n") == 1, err
    assert fragment in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("option", "value"),
    [("--note", b"caf\xe9 au lait"), ("--tag", b"\xff"), ("--quote", b"he\xffld")],
)
def test_non_utf8_bytes_in_an_option_are_refused_and_named(
    db_path: Path, article: Path, option: str, value: bytes
) -> None:
    assert run("annotate", str(article), "--quote", "said").returncode == 0
    before = snapshot(db_path.parent)
    args: list[str | bytes] = ["annotate", str(article), "--quote", "said", option, value]
    if option == "--quote":
        args = ["annotate", str(article), option, value]
    result = run(*args)
    assert_one_line_error(result, f"(after {option}) holds bytes that are not UTF-8")
    assert snapshot(db_path.parent) == before


def test_a_source_path_with_non_utf8_bytes_is_refused(db_path: Path, tmp_path: Path) -> None:
    raw_path = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    Path(os.fsdecode(raw_path)).write_text("Some text here.\n", encoding="utf-8")
    result = run("annotate", raw_path, "--quote", "text")
    assert_one_line_error(result, "holds bytes that are not UTF-8")
    assert not db_path.exists()


def test_an_empty_db_option_is_refused_not_the_default_store(
    capsys: pytest.CaptureFixture[str], article: Path
) -> None:
    # An empty --db used to fall back to the user's real store under the data dir.
    with pytest.raises(SystemExit) as exited:
        main(["--db", "", "annotate", str(article), "--quote", "said"])
    err = capsys.readouterr().err
    assert exited.value.code == 2
    assert err == "reader: --db is empty: give the path of the store's main file\n"


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int | str | None, str]:
    """``reader.cli.main`` in this process: exit code and stdout."""
    with pytest.raises(SystemExit) as exited:
        main(list(args))
    return exited.value.code, capsys.readouterr().out


def test_a_straight_apostrophe_finds_the_curly_one(
    capsys: pytest.CaptureFixture[str], article: Path
) -> None:
    code, out = call(capsys, "annotate", str(article), "--quote", "mustn't ever happen")
    assert code == 0
    code, out = call(capsys, "show", str(article), "--json")
    (annotation,) = json.loads(out)["annotations"]
    assert annotation["selector"]["exact"] == "mustn’t ever happen"
    assert ARTICLE[annotation["selector"]["start"] :].startswith("mustn’t ever")


def test_straight_double_quotes_find_curly_ones_in_order(
    capsys: pytest.CaptureFixture[str], article: Path
) -> None:
    code, _ = call(capsys, "annotate", str(article), "--quote", 'said "no"')
    assert code == 0
    code, out = call(capsys, "show", str(article), "--json")
    (annotation,) = json.loads(out)["annotations"]
    assert annotation["selector"]["exact"] == "said “no”"
    assert annotation["selector"]["start"] == ARTICLE.index("said “no”")


def test_an_exact_match_is_never_replaced_by_a_folded_one(tmp_path: Path) -> None:
    # The text has both spellings: the typed one is found, not the first folded match.
    from reader.core.service import ReaderService

    path = tmp_path / "both.txt"
    path.write_text("It’s here. It's there.\n", encoding="utf-8")
    service = ReaderService.open(None)
    annotation = service.annotate_quote(str(path), "It's")
    assert annotation.selector.start == len("It’s here. ")
