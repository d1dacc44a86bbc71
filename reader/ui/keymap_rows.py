"""The rows of the key map (``reader.ui.keymap``) and what is made from them: the Textual
bindings of each class and the README's key table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from textual.binding import Binding, BindingType


class Bind(NamedTuple):
    """One Textual binding of a row: ``scope`` is the class that holds it (a named tuple, not
    a frozen dataclass: it is created on the start path, in a fifth of the time)."""

    scope: str
    """Which class holds it: ``app``, ``reading`` (the reading screen), ``article`` (the
    article view), ``library``, ``people``, a dialog's name... (see ``SCOPES``)."""
    keys: str
    action: str
    footer: str = ""
    """The footer's label; empty: not shown in the footer."""
    priority: bool = False


class KeyRow(NamedTuple):
    """A line of the help screen and of the README's key table (a named tuple, like ``Bind``)."""

    keys: str
    does: str
    binds: tuple[Bind, ...] = ()


Section = tuple[str, tuple[KeyRow, ...]]


def article(keys: str, action: str) -> Bind:
    """A binding of the article view."""
    return Bind("article", keys, action)


def scope_bindings(keymap: Sequence[Section], scope: str) -> list[BindingType]:
    """The Textual bindings of ``scope``, in table order (footer labels included)."""
    return [
        Binding(bind.keys, bind.action, bind.footer or bind.action, show=bool(bind.footer),
                priority=bind.priority)
        for _, rows in keymap
        for row in rows
        for bind in row.binds
        if bind.scope == scope
    ]  # fmt: skip


def markdown_table(keymap: Sequence[Section], where: dict[str, str]) -> str:
    """The README's key table: one line per row; a section in ``where`` names its place."""
    lines = ["| keys | action |", "|---|---|"]
    for section, rows in keymap:
        suffix = f" ({where[section]})" if section in where else ""
        for row in rows:
            keys = row.keys.replace("|", "\\|")
            lines.append(f"| {keys}{suffix} | {row.does} |")
    return "\n".join(lines)
