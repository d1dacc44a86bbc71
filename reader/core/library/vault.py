"""Writing documents into an Obsidian vault, again and again, without losing the user's text.

Each document has one file whose name comes from its title the first time and is then kept
(in ``MAP_FILE`` in the vault), so a renamed document does not leave a second note behind.
A file is rewritten only when its bytes change: a second export with nothing new leaves every
file, and its modification time, as it was.
"""

from __future__ import annotations

import json
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.atomic_file import write_atomically
from reader.core.exporting.obsidian import BEGIN, END, READER_KEYS, body, front_matter
from reader.core.exporting.records import DocumentExport
from reader.core.sanitize import safe
from reader.errors import BadInputError

MAP_FILE = ".reader-vault.json"
"""In the vault: document id -> file name (relative to the vault)."""
NAME_MAX = 80
NEW_FILE_MODE = 0o644
_BEGIN_LINE = re.compile(f"^{re.escape(BEGIN)}$", re.M)
_END_LINE = re.compile(f"^{re.escape(END)}$", re.M)
_UNSAFE_NAME = re.compile(
    r'[\\/:*?"<>|#^\[\]\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]'
)
_KEY_LINE = re.compile(r"^([A-Za-z_][\w-]*):")


@dataclass
class VaultReport:
    """What an export to a vault did, file by file."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def note_name(title: str, taken: set[str]) -> str:
    """A file name from ``title``: no path or link characters, short, unique in ``taken``."""
    stem = " ".join(_UNSAFE_NAME.sub(" ", title).split())[:NAME_MAX].strip(" .") or "Untitled"
    name, number = f"{stem}.md", 2
    while name.casefold() in taken:
        name, number = f"{stem} ({number}).md", number + 1
    return name


def export_to_vault(vault: Path, bundles: list[DocumentExport]) -> VaultReport:
    """Write one note per bundle into ``vault`` (an existing directory)."""
    if not vault.is_dir():
        raise BadInputError(f"vault {vault} is not a directory (create it first)")
    names = _read_map(vault)
    taken = {name.casefold() for name in names.values()}
    report = VaultReport()
    for bundle in bundles:
        name = names.get(bundle.document.id)
        if name is None:
            name = names[bundle.document.id] = note_name(bundle.document.title, taken)
            taken.add(name.casefold())
        _write_note(vault / name, bundle, name, report)
    _write_map(vault, names)
    return report


def _read_map(vault: Path) -> dict[str, str]:
    try:
        data = json.loads((vault / MAP_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        str(key): str(value)
        for key, value in data.items()
        if isinstance(value, str) and value.endswith(".md") and "/" not in value
    }


def _write_map(vault: Path, names: dict[str, str]) -> None:
    data = (json.dumps(names, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()
    _write_if_changed(vault / MAP_FILE, data)


def _write_if_changed(path: Path, data: bytes) -> bool:
    """Replace ``path`` only when ``data`` differs, keeping its permissions (new: 0644)."""
    mode = NEW_FILE_MODE
    try:
        if path.read_bytes() == data:
            return False
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        pass
    except OSError as error:
        raise BadInputError(f"cannot read {path}: {error.strerror}") from None
    try:
        write_atomically(path, data, durable=False)
        os.chmod(path, mode)
    except OSError as error:
        raise BadInputError(f"cannot write {path}: {error.strerror}") from None
    return True


def _write_note(path: Path, bundle: DocumentExport, name: str, report: VaultReport) -> None:
    existed = path.exists()
    old = path.read_bytes().decode("utf-8", "surrogateescape") if existed else ""
    new = merged_note(old, bundle)
    changed = _write_if_changed(path, new.encode("utf-8", "surrogateescape"))
    bucket = report.updated if changed and existed else report.created if changed else None
    (bucket if bucket is not None else report.unchanged).append(name)


def merged_note(old: str, bundle: DocumentExport) -> str:
    """The note's new text: reader's front matter and block replaced, the rest kept."""
    user_keys, rest = _split_front_matter(old)
    # Reader's parts are sanitised (issue #10): a note is read with `cat` and `less` too.
    head = "---\n" + safe("\n".join(front_matter(bundle.document))) + "\n" + user_keys + "---\n"
    block = safe(body(bundle))
    begin = _BEGIN_LINE.search(rest)
    end = _END_LINE.search(rest, begin.end()) if begin is not None else None
    if begin is None or end is None:
        # A new note, or the user removed the markers: reader's block goes first.
        return head + block + (("\n" + rest) if rest.strip() else "")
    after = rest[end.end() :]
    after = after[1:] if after.startswith("\n") else after
    return head + rest[: begin.start()] + block + after


def _split_front_matter(text: str) -> tuple[str, str]:
    """The user's own front matter lines (reader's keys dropped) and the text after it."""
    if not text.startswith("---\n"):
        return "", text
    close = text.find("\n---\n", 3)
    if close < 0:
        return "", text
    kept: list[str] = []
    skipping = False
    for line in text[4 : close + 1].splitlines(keepends=True):
        key = _KEY_LINE.match(line)
        if key is not None:
            skipping = key.group(1) in READER_KEYS
        if not skipping:
            kept.append(line)
    return "".join(kept), text[close + 5 :]
