"""The shared atomic replace: new content in place, old content kept on failure, no litter."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.atomic_file import write_atomically


@pytest.mark.parametrize("durable", [True, False])
def test_replaces_the_content_and_leaves_no_temporary_file(tmp_path: Path, durable: bool) -> None:
    directory = tmp_path / "files"
    directory.mkdir()
    target = directory / "file.json"
    target.write_bytes(b"old")
    write_atomically(target, b"new", durable=durable)
    assert target.read_bytes() == b"new"
    assert [p.name for p in directory.iterdir()] == ["file.json"]


def test_a_failed_replace_keeps_the_target_and_removes_the_temporary_file(
    tmp_path: Path,
) -> None:
    # os.replace cannot put a file over a non-empty directory: the write fails at the rename.
    directory = tmp_path / "files"
    target = directory / "taken"
    target.mkdir(parents=True)
    (target / "inside").write_bytes(b"kept")
    with pytest.raises(OSError):
        write_atomically(target, b"new")
    assert (target / "inside").read_bytes() == b"kept"
    assert [p.name for p in directory.iterdir()] == ["taken"]


def test_a_missing_directory_is_an_os_error_for_the_caller(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_atomically(tmp_path / "missing" / "file", b"x")


@given(st.binary(max_size=2048))
def test_any_bytes_round_trip(data: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as directory:
        target = Path(directory) / "file.bin"
        write_atomically(target, data, durable=False)
        assert target.read_bytes() == data
