"""Shared output helpers for the CLI: rich tables for people, stable JSON for scripts.

Human output goes through one ``rich`` console on stdout (colour only on a terminal, and
never with ``NO_COLOR``); ``--json`` output is written with ``print_json`` so every command
produces the same encoding (UTF-8, two-space indent, a trailing newline).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

SHORT_ID_CHARS = 8
"""How much of an id human output shows (any unique 4+ character prefix is accepted)."""


def print_json(data: Any) -> None:
    """Write ``data`` as JSON on stdout."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def console() -> Console:
    """A rich console on stdout (rich itself honours ``NO_COLOR`` and non-terminal output)."""
    from rich.console import Console

    return Console(highlight=False)


def new_table(*columns: str, title: str | None = None) -> Table:
    """A plain rich table with ``columns`` (headers) and an optional title."""
    from rich.table import Table

    table = Table(title=title, title_justify="left", show_lines=False, expand=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def print_table(table: Table) -> None:
    """Render a table on stdout."""
    console().print(table)


def print_line(text: str) -> None:
    """One line of plain text on stdout (no markup interpretation)."""
    click.echo(text)


def short_id(identifier: str) -> str:
    """The first characters of an id, as shown in tables."""
    return identifier[:SHORT_ID_CHARS]


def shorten(text: str, limit: int = 60) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def when(timestamp: str) -> str:
    """An ISO timestamp shortened to minutes for tables (``2024-05-01 14:03``)."""
    return timestamp[:16].replace("T", " ")
