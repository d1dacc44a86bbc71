"""Shared output helpers for the CLI: rich tables for people, stable JSON for scripts.

Human output goes through one ``rich`` console on stdout (colour only on a terminal, and
never with ``NO_COLOR``); ``--json`` output is written with ``print_json`` so every command
produces the same encoding (UTF-8, two-space indent, a trailing newline).

Every string from data passes the one sanitiser (``reader.core.sanitize``) on its way out:
``print_line`` and ``warn`` call it, table cells become ``Text`` (never markup) from
``safe_line``, and ``print_json`` escapes what ``json.dumps`` leaves raw (C1 and bidi
controls) as ``\\uXXXX``. Rule: nothing in ``reader/cli`` writes data with ``click.echo``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from reader.core.sanitize import safe, safe_json_dumps, safe_line

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

SHORT_ID_CHARS = 8
"""How much of an id human output shows (any unique 4+ character prefix is accepted)."""


def print_json(data: Any) -> None:
    """Write ``data`` as JSON on stdout."""
    click.echo(safe_json_dumps(data, indent=2))


def warn(message: str) -> None:
    """``reader: warning: message`` on stderr, sanitised to one line."""
    click.echo(f"reader: warning: {safe_line(message)}", err=True)


def console() -> Console:
    """A rich console on stdout (rich itself honours ``NO_COLOR`` and non-terminal output)."""
    from rich.console import Console

    return Console(highlight=False)


def new_table(*columns: str, title: str | None = None) -> Table:
    """A plain rich table with ``columns`` (headers) and an optional title.

    Its ``add_row`` takes plain strings and shows them literally: each cell becomes a
    ``Text`` of the sanitised string, so a title such as ``[/quote]`` is never markup.
    """
    from rich.table import Table
    from rich.text import Text

    class DataTable(Table):
        def add_row(self, *cells: Any, **options: Any) -> None:
            texts = [Text(safe_line(c)) if isinstance(c, str) else c for c in cells]
            super().add_row(*texts, **options)

    table = DataTable(title=title, title_justify="left", show_lines=False, expand=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def print_table(table: Table) -> None:
    """Render a table on stdout."""
    console().print(table)


def print_line(text: str) -> None:
    """Plain text on stdout (no markup interpretation), sanitised."""
    click.echo(safe(text))


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
