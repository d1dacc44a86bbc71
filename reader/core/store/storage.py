"""Crash-safe files for the store: atomic replaces with a ``.bak`` of the previous version.

Every file the store writes goes through ``atomic_write``: the previous version is
hard-linked to ``<name>.bak``, then ``reader.core.atomic_file.write_atomically`` writes the new
bytes to a temporary file in the same directory, fsyncs it, replaces the target with
``os.replace`` and fsyncs the directory. A crash at any moment leaves either the old or the
new file, never a torn one.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

from reader.core.atomic_file import write_atomically
from reader.errors import StoreError, StoreWriteError

BACKUP_SUFFIX = ".bak"


def backup_path(path: Path) -> Path:
    """Where the previous good version of ``path`` is kept."""
    return path.with_name(path.name + BACKUP_SUFFIX)


def looks_whole(path: Path) -> bool:
    """Whether ``path`` looks like a complete store file: a JSON object, not cut short.

    Only the first and last bytes are read (the file can be large and was parsed just
    before). A truncated or emptied file fails this; so does ``{}`` (nothing to keep).
    """
    try:
        with path.open("rb") as handle:
            size = handle.seek(0, os.SEEK_END)
            if size < 3:
                return False
            handle.seek(0)
            head = handle.read(1)
            handle.seek(max(0, size - 16))
            tail = handle.read().rstrip()
    except OSError:
        return False
    return head == b"{" and tail.endswith(b"}")


def _keep_backup(path: Path) -> None:
    """Hard-link the current ``path`` to its ``.bak`` (replacing an older backup atomically).

    A current file that does not look whole is never rotated over the backup: the ``.bak``
    may be the only good copy left (see ``reader doctor``).
    """
    if not looks_whole(path):
        return
    staging = path.with_name(f".{path.name}.{os.getpid()}.baktmp")
    with contextlib.suppress(FileNotFoundError):
        staging.unlink()
    try:
        os.link(path, staging)
    except FileNotFoundError:
        return
    except OSError:
        # Some file systems refuse hard links; a copy is slower but keeps the promise.
        staging.write_bytes(path.read_bytes())
    os.replace(staging, backup_path(path))


def atomic_write(path: Path, data: bytes, *, keep_backup: bool = True) -> None:
    """Replace ``path`` with ``data`` atomically and durably (see the module docstring)."""
    directory = path.parent
    try:
        # The backup rotates only once the new bytes are written: a failed write keeps it.
        write_atomically(
            path, data, before_replace=(lambda: _keep_backup(path)) if keep_backup else None
        )
    except FileNotFoundError as error:
        if directory.is_dir():
            raise
        raise StoreError(f"store directory {directory} does not exist") from error
    except PermissionError as error:
        raise StoreError(f"cannot write in store directory {directory}: {error}") from error
    except OSError as error:
        # A full disk or an I/O error: the temporary file is gone, the old file untouched.
        reason = error.strerror or str(error)
        raise StoreWriteError(f"could not write {path}: {reason}; nothing was changed") from error


def corrupt_file_error(path: Path, reason: str) -> StoreError:
    """The one-line error for an unreadable store file, with how to recover."""
    backup = backup_path(path)
    hint = f"restore it from {backup}" if backup.is_file() else "move it aside to start afresh"
    return StoreError(
        f"store file {path} is corrupt ({reason}); it was left unchanged: {hint}, "
        "or run `reader doctor`"
    )


def read_json_file(path: Path) -> dict[str, Any] | None:
    """Parse a store file; ``None`` when it does not exist (an empty file is corrupt).

    Anything unreadable raises ``StoreError`` naming the file and never touches it.
    """
    raw = read_file_bytes(path)
    return None if raw is None else parse_json_bytes(path, raw)


def read_file_bytes(path: Path) -> bytes | None:
    """The bytes of a store file; ``None`` when it does not exist, ``StoreError`` if unreadable."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError as error:
        raise StoreError(f"store file {path} is a directory, not a file") from error
    except OSError as error:
        raise StoreError(f"cannot read store file {path}: {error.strerror}") from error


def parse_json_bytes(path: Path, raw: bytes) -> dict[str, Any] | None:
    """Parse the raw bytes of store file ``path`` (see ``read_json_file``)."""
    if not raw or raw.isspace():  # not raw.strip(): that copies the whole file
        # The store never writes an empty file (every write is atomic): it was truncated.
        raise corrupt_file_error(path, "empty: truncated?")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise corrupt_file_error(path, "not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise corrupt_file_error(path, f"invalid JSON at line {error.lineno}") from None
    if not isinstance(data, dict) or not all(_is_table(table) for table in data.values()):
        raise corrupt_file_error(path, "not a set of tables of records")
    if not data and backup_path(path).is_file():
        # The store never writes "{}": beside a backup it is a wiped file, not a new one.
        raise corrupt_file_error(path, "it holds no tables")
    return data


def _is_table(table: Any) -> bool:
    return isinstance(table, dict) and all(isinstance(r, dict) for r in table.values())


def dump_json(data: Any) -> bytes:
    """The on-disk encoding of store files (UTF-8 JSON, readable, stable key order)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")
