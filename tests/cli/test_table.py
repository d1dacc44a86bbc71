"""The CLI's own tables (``reader.cli.table``) look exactly as rich drew them before.

rich stays the reference: each case is drawn by ``rich.table.Table`` (as ``output`` made it
until the process cost mattered) and by the CLI's table, at the same width, and the lines
must be equal: box, column widths, wrapping, folded long words, wide characters, titles.
"""

from __future__ import annotations

import io

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.cells import get_character_cell_size
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from reader.cli import output
from reader.cli.table import _SIMPLE, BOLD, RESET, Table

WORDS = ["a", "balloon", "Zoë", "“quoted”", "…", "surveillance-balloon-over-montana",
         "中国外交部", "x" * 45, "", "  ", "42", "e\u0301", "🎈", "\u2028", "a\u200db",
         "ﬁ"]  # fmt: skip


def _rich(headers: list[str], rows: list[list[str]], width: int, title: str | None) -> list[str]:
    console = Console(file=io.StringIO(), width=width, highlight=False, color_system=None)
    table = RichTable(title=title, title_justify="left", show_lines=False, expand=False)
    for header in headers:
        table.add_column(header, overflow="fold")
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    console.print(table)
    return console.file.getvalue().split("\n")[:-1]  # type: ignore[attr-defined]


def _ours(headers: list[str], rows: list[list[str]], width: int, title: str | None) -> list[str]:
    table = Table(*headers, title=title)
    for row in rows:
        table.add_row(*(output._cell(cell) for cell in row))
    return table.render(width)


_text = st.lists(st.sampled_from(WORDS), max_size=6).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(_text, min_size=1, max_size=5),
    st.lists(st.lists(_text, min_size=5, max_size=5), max_size=5),
    st.integers(20, 140),
    st.one_of(st.none(), _text),
)
@example(["Document", "Snippet", "Tags", "Id"], [["a " * 30, "b" * 90, "c", "d"]], 80, None)
@example(["A"], [["中国外交部 中国外交部"]], 20, "Entities")
def test_the_table_is_drawn_as_rich_draws_it(
    headers: list[str], rows: list[list[str]], width: int, title: str | None
) -> None:
    rows = [row[: len(headers)] for row in rows]
    assert _ours(headers, rows, width, title) == _rich(headers, rows, width, title)


def test_simple_characters_are_one_cell_wide_for_rich() -> None:
    assert all(get_character_cell_size(c) == 1 for c in _SIMPLE)


def test_bold_marks_only_on_a_terminal_and_data_is_never_markup() -> None:
    table = output.new_table("Document", "Snippet")
    table.add_row("[bold]x[/bold]\x1b[2J", output.Cell("a balloon here", ((2, 9),)))
    plain = table.render(60)
    assert "[bold]x[/bold]\ufffd[2J" in plain[3] and "\x1b" not in "".join(plain)
    styled = table.render(60, styled=True)
    assert f"a {BOLD}balloon{RESET} here" in styled[3]
    assert f"{BOLD}Document" in styled[1]


def test_ascii_box_when_the_output_cannot_encode_lines() -> None:
    lines = Table("A", "B").render(20, ascii_only=True)
    assert lines == ["+-------+", "| A | B |", "|---+---|", "+-------+"]
