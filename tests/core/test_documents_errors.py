"""load_source refuses unusable sources with one clear SourceError line naming the source."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from reader.core.documents import load_source
from reader.core.sources.decoding import MAX_SOURCE_BYTES
from reader.errors import BadInputError, SourceError


def _refused(source: str, *expected: str) -> str:
    """Load ``source``, expecting a one-line SourceError that mentions every ``expected``."""
    with pytest.raises(SourceError) as caught:
        load_source(source)
    message = str(caught.value)
    assert "\n" not in message
    for part in expected:
        assert part in message, (part, message)
    assert isinstance(caught.value, BadInputError) and caught.value.exit_code == 2
    return message


def test_a_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"
    _refused(str(missing), "no such file", str(missing))


def test_a_path_under_a_file_is_missing(tmp_path: Path) -> None:
    (tmp_path / "file.txt").write_text("text here\n")
    _refused(str(tmp_path / "file.txt" / "child.txt"), "no such file")


def test_a_directory(tmp_path: Path) -> None:
    _refused(str(tmp_path), "is a directory", str(tmp_path))


def test_a_binary_file_with_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    _refused(str(path), "binary", str(path))


def test_invalid_utf8_that_is_mostly_binary(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 8 + b"some text")
    _refused(str(path), "binary", "not valid UTF-8", str(path))


def test_control_characters_without_nul_are_binary(tmp_path: Path) -> None:
    path = tmp_path / "data.bin"
    path.write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15]) * 50)
    _refused(str(path), "binary", str(path))


def test_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    _refused(str(path), "is empty", str(path))


def test_a_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.md"
    path.write_bytes(b"\xef\xbb\xbf \r\n\t\n   \n")
    _refused(str(path), "is empty", str(path))


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        # A sparse file: its size is over the limit, but it takes no disk space or read time.
        stream.truncate(MAX_SOURCE_BYTES + 1)
    started = time.perf_counter()
    _refused(str(path), "too large", "52,428,801 bytes", "50 MB limit", str(path))
    assert time.perf_counter() - started < 1.0


def test_a_fifo_over_the_limit_is_noticed_while_reading(tmp_path: Path) -> None:
    from reader.core.sources.decoding import read_file_bytes

    path = tmp_path / "pipe"
    os.mkfifo(path)
    # Opened for writing too, so that opening it to read does not wait for a writer.
    writer_fd = os.open(path, os.O_RDWR)
    os.write(writer_fd, b"x" * 20)
    with pytest.raises(SourceError, match="too large: over the 10 bytes limit"):
        read_file_bytes(path, "'pipe'", limit=10)
    os.close(writer_fd)
    # A pipe reports size 0, so only the bounded read can have noticed the 20 bytes.
    assert path.stat().st_size == 0


@pytest.mark.parametrize("scheme", ["ftp", "gopher", "S3"])
def test_an_unsupported_url_scheme(scheme: str) -> None:
    message = _refused(
        f"{scheme}://example.com/story.txt", f"unsupported URL scheme '{scheme.lower()}'"
    )
    assert "example.com/story.txt" in message


def test_a_file_url_names_a_local_path(tmp_path: Path) -> None:
    path = tmp_path / "local story.txt"
    path.write_text("A story read through a file URL today.\n")
    loaded = load_source(path.as_uri())
    assert loaded.source == str(path) and loaded.kind == "text"


def test_a_file_url_on_another_host_is_refused() -> None:
    _refused("file://server/share/story.txt", "local file")


@pytest.mark.parametrize("source", ["", "   "])
def test_no_source(source: str) -> None:
    _refused(source, "no source given")


def test_a_name_with_a_newline_stays_one_line(tmp_path: Path) -> None:
    _refused(str(tmp_path / "two\nlines.txt"), "no such file", "two\\nlines.txt")


def test_a_stream_read_waiting_for_its_writer_stops_when_cancelled(tmp_path: Path) -> None:
    import threading

    from reader.core.service import ReaderService
    from reader.core.sources.streams import read_stream_path

    path = tmp_path / "feed"
    os.mkfifo(path)
    assert ReaderService.reads_slowly(str(path))
    assert not ReaderService.reads_slowly(str(tmp_path))
    failures: list[BaseException] = []

    def read() -> None:
        try:
            read_stream_path(path, "'feed'", 100, timeout=60)
        except SourceError as error:
            failures.append(error)

    reader = threading.Thread(target=read)
    reader.start()
    while not failures and reader.is_alive():
        ReaderService.cancel_fetches()  # also stops stream reads (the TUI's Escape)
        reader.join(0.05)
    reader.join(5)
    assert not reader.is_alive()
    assert "reading 'feed' was cancelled" in str(failures[0])
