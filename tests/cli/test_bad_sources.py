"""Every unusable source, through the real CLI: one line on stderr, exit 2, store unchanged."""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.test_doc_cmds import ARTICLE, run, snapshot


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _missing(tmp: Path) -> str:
    return str(tmp / "no-such-article.txt")


def _directory(tmp: Path) -> str:
    (tmp / "folder").mkdir()
    return str(tmp / "folder")


def _binary(tmp: Path) -> str:
    path = tmp / "photo.txt"
    path.write_bytes(bytes(range(256)) * 64)
    return str(path)


def _empty(tmp: Path) -> str:
    path = tmp / "empty.txt"
    path.write_text("  \n\n", encoding="utf-8")
    return str(path)


def _huge(tmp: Path) -> str:
    path = tmp / "huge.txt"
    with path.open("wb") as stream:  # sparse: 51 MB on paper, nothing on disk
        stream.truncate(51 * 1024 * 1024)
    return str(path)


def _ftp(tmp: Path) -> str:
    return "ftp://example.org/article.txt"


def _unreachable(tmp: Path) -> str:
    return f"http://127.0.0.1:{_closed_port()}/article.html"


BAD_SOURCES: dict[str, tuple[Callable[[Path], str], str]] = {
    "missing path": (_missing, "no-such-article.txt"),
    "directory": (_directory, "folder"),
    "binary file": (_binary, "photo.txt"),
    "empty file": (_empty, "empty.txt"),
    "file over 50 MB": (_huge, "huge.txt"),
    "unsupported scheme": (_ftp, "ftp"),
    "unreachable URL": (_unreachable, "127.0.0.1"),
}


@pytest.fixture
def filled_store(db_path: Path, tmp_path: Path) -> dict[str, bytes]:
    """A store holding one annotated document; returns its files' bytes."""
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert run("annotate", str(article), "--quote", "envoy", "--note", "keep me").returncode == 0
    return snapshot(db_path.parent)


@pytest.mark.parametrize("command", ["annotate", "show", "analyze"])
@pytest.mark.parametrize("case", sorted(BAD_SOURCES))
def test_a_bad_source_is_one_line_exit_2_and_changes_nothing(
    case: str, command: str, tmp_path: Path, db_path: Path, filled_store: dict[str, bytes]
) -> None:
    make, named = BAD_SOURCES[case]
    source = make(tmp_path)
    extra = ["--quote", "anything"] if command == "annotate" else []
    result = run(command, source, *extra)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("reader: "), result.stderr
    assert named in lines[0]
    assert "Traceback" not in result.stderr
    assert snapshot(db_path.parent) == filled_store


def test_mostly_text_with_invalid_utf8_is_read_with_a_warning(
    tmp_path: Path, db_path: Path
) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(b"The envoy said the caf\xe9 was closed.\n")
    result = run("annotate", str(path), "--quote", "envoy")
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.split()) == 1  # only the new id
    assert result.stderr.startswith("reader: warning: ")
    assert "not valid UTF-8" in result.stderr and "1 byte was replaced" in result.stderr
