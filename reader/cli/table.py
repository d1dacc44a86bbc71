"""The CLI's tables, drawn as rich draws its default table, without rich's renderables.

A `reader search` process spent about 45 ms printing 20 rows through ``rich.table``:
importing rich's console and table (20 ms) and measuring and wrapping every cell through
its renderables (25 ms). This module draws the same output from plain strings: rich's box
(``HEAVY_HEAD``, or ``ASCII`` when the output cannot encode it), its column widths (each
column measured by its longest word and line, then the widest shrunk first), its word
wrapping with over-long words folded, bold headers and italic titles on a terminal only.
``tests/cli/test_table.py`` checks the output against rich's for varied cells and widths.
Cells are sanitised by the caller (``reader.cli.output``); nothing here is markup.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

BOX = ("┏━┳┓", "┃ ┃┃", "┡━╇┩", "│ ││", "└─┴┘")
"""rich's ``box.HEAVY_HEAD``: top, header row, header rule, body row, bottom."""
ASCII_BOX = ("+--+", "| ||", "|-+|", "| ||", "+--+")
_SIMPLE = frozenset(
    chr(c)
    for start, end in [(0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0x2FF), (0x370, 0x482),
                       (0x2010, 0x2027), (0x2030, 0x205E), (0x2500, 0x25FC), (0xFFFD, 0xFFFD)]
    for c in range(start, end + 1)
)  # fmt: skip
"""Characters one cell wide (checked against rich's table in the tests): a text of only
these is measured by its length, anything else by ``rich.cells`` (imported then)."""
_WORD = re.compile(r"\s*\S+\s*")
_TRAILING_SPACE = re.compile(r"\s+$")
BOLD, ITALIC, RESET = "\x1b[1m", "\x1b[3m", "\x1b[0m"


@dataclass(frozen=True)
class Cell:
    """A cell's text with spans ``(start, end)`` shown in bold (matched words)."""

    text: str
    bold: tuple[tuple[int, int], ...] = ()


class Table:
    """Rows of cells under headers, rendered by ``render`` (``print_table`` in output)."""

    def __init__(self, *headers: str, title: str | None = None) -> None:
        self.headers = [Cell(header) for header in headers]
        self.title = title
        self.rows: list[list[Cell]] = []

    def add_row(self, *cells: Cell) -> None:
        """Append a row (missing cells are empty)."""
        row = list(cells[: len(self.headers)])
        self.rows.append(row + [Cell("")] * (len(self.headers) - len(row)))

    def render(self, width: int, styled: bool = False, ascii_only: bool = False) -> list[str]:
        """The lines of the table for a console ``width`` cells wide."""
        box = ASCII_BOX if ascii_only else BOX
        widths = _widths([[self.headers[n], *(r[n] for r in self.rows)] for n in range(
            len(self.headers))], width - len(self.headers) - 1)  # fmt: skip
        lines = []
        if self.title:
            for _, line in _wrap(self.title, sum(widths) + len(widths) + 1):
                lines.append(f"{ITALIC}{line}{RESET}" if styled else line)
        lines.append(_rule(box[0], widths))
        lines += _row(box[1], self.headers, widths, styled, header=True)
        lines.append(_rule(box[2], widths))
        for row in self.rows:
            lines += _row(box[3], row, widths, styled)
        lines.append(_rule(box[4], widths))
        return lines


def console_shape() -> tuple[int, bool, bool]:
    """Width, whether to style, whether ASCII only: as rich's ``Console`` decides them."""
    out, environ = sys.stdout, os.environ
    width = 0
    for descriptor in (0, 1, 2):
        try:
            width = os.get_terminal_size(descriptor).columns
            break
        except (AttributeError, ValueError, OSError):
            continue
    columns = environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        width = int(columns)
    terminal = _is_terminal(out, environ)
    dumb = environ.get("TERM", "").lower() in ("dumb", "unknown") and terminal
    encoding = (getattr(out, "encoding", None) or "utf-8").lower()
    return (80 if dumb else width or 80), terminal and not dumb, not encoding.startswith("utf")


def _is_terminal(out: object, environ: os._Environ[str]) -> bool:
    compatible = environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    if environ.get("FORCE_COLOR") is not None:
        return environ.get("FORCE_COLOR") != ""
    try:
        return bool(out.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        return False


def _rule(edges: str, widths: list[int]) -> str:
    return edges[0] + edges[2].join(edges[1] * w for w in widths) + edges[3]


def _row(
    edges: str, cells: list[Cell], widths: list[int], styled: bool, header: bool = False
) -> list[str]:
    """A row's lines: cells top-aligned, header cells bottom-aligned (as rich does)."""
    wrapped = [_cell_lines(c, w, styled, header) for c, w in zip(cells, widths, strict=True)]
    height = max(len(lines) for lines in wrapped)
    if header:
        wrapped = [
            [" " * w] * (height - len(ls)) + ls for ls, w in zip(wrapped, widths, strict=True)
        ]
    blank = [" " * w for w in widths]
    return [
        edges[0]
        + edges[2].join(ls[n] if n < len(ls) else blank[i] for i, ls in enumerate(wrapped))
        + edges[3]
        for n in range(height)
    ]


def _cell_lines(cell: Cell, width: int, styled: bool, header: bool) -> list[str]:
    if width < 3:  # no room inside the padding: rich draws nothing there
        return [" " * width]
    lines = []
    for start, line in _wrap(cell.text, width - 2):
        if styled and (header or cell.bold):
            spans = [(0, len(line))] if header else [
                (max(a - start, 0), min(b - start, len(line))) for a, b in cell.bold]  # fmt: skip
            line = _embolden(line, [(a, b) for a, b in spans if a < b])
        lines.append(f" {line} ")
    return lines


def _embolden(line: str, spans: list[tuple[int, int]]) -> str:
    for a, b in sorted(spans, reverse=True):
        line = f"{line[:a]}{BOLD}{line[a:b]}{RESET}{line[b:]}"
    return line


def _widths(columns: list[list[Cell]], available: int) -> list[int]:
    """rich's ``Table._calculate_column_widths`` (no fixed widths, no expand)."""
    widths = [_measure(cells, available)[1] or 1 for cells in columns]
    if sum(widths) > available:
        widths = _collapse(widths, available)
        if sum(widths) > available:
            widths = _ratio_reduce(sum(widths) - available, [1] * len(widths), widths, widths)
        widths = [_measure(cells, w)[1] or 0 for cells, w in zip(columns, widths, strict=True)]
    return widths


def _measure(cells: list[Cell], limit: int) -> tuple[int, int]:
    """A column's narrowest and widest useful width (rich's ``Measurement``s)."""
    if limit < 1:
        return 0, 0
    found = [_measure_padded(cell.text, limit) for cell in cells]
    return min(max(low for low, _ in found), limit), min(max(high for _, high in found), limit)


def _measure_padded(text: str, limit: int) -> tuple[int, int]:
    if limit - 2 < 1:
        return limit, limit
    lines, words = text.splitlines(), text.split()
    high = max(map(cells, lines)) if lines else 0
    low = max(map(cells, words)) if words else high
    low, high = _normal(min(low, limit), min(high, limit))
    if high < 1:
        low = high = 0
    low, high = _normal(min(low + 2, limit), min(high + 2, limit))
    return (0, 0) if high < 1 else (low, high)


def _normal(low: int, high: int) -> tuple[int, int]:
    low = min(max(0, low), high)
    return max(0, low), max(0, low, high)


def _collapse(widths: list[int], limit: int) -> list[int]:
    """rich's ``Table._collapse_widths``: shrink the widest columns towards the next."""
    excess = sum(widths) - limit
    while sum(widths) and excess > 0:
        widest = max(widths)
        second = max((w for w in widths if w != widest), default=0)
        ratios = [1 if w == widest else 0 for w in widths]
        if not widest - second:
            break
        widths = _ratio_reduce(excess, ratios, [min(excess, widest - second)] * len(widths), widths)
        excess = sum(widths) - limit
    return widths


def _ratio_reduce(
    total: int, ratios: list[int], maximums: list[int], values: list[int]
) -> list[int]:
    """rich's ``_ratio.ratio_reduce``."""
    ratios = [r if m else 0 for r, m in zip(ratios, maximums, strict=True)]
    left, share, result = total, sum(ratios), []
    for ratio, maximum, value in zip(ratios, maximums, values, strict=True):
        if ratio and share > 0:
            cut = min(maximum, round(ratio * left / share))
            result.append(value - cut)
            left, share = left - cut, share - ratio
        else:
            result.append(value)
    return result if sum(ratios) else values[:]


def _wrap(text: str, width: int) -> list[tuple[int, str]]:
    """rich's ``Text.wrap`` (left, fold): ``(offset in text, line padded to width)``."""
    lines = []
    for line_start, line in _split_lines(text):
        bounds = [0, *_divide(line, width), len(line)]
        for a, b in pairwise(bounds):
            piece = line[a:b]
            if len(piece) > width and (space := _TRAILING_SPACE.search(piece)):
                piece = piece[: len(piece) - min(len(space.group()), len(piece) - width)]
            lines.append((line_start + a, _fit(piece, width)))
    return lines


def _split_lines(text: str) -> list[tuple[int, str]]:
    found, start = [], 0
    for line in text.split("\n"):
        found.append((start, line))
        start += len(line) + 1
    return found


def _divide(text: str, width: int) -> list[int]:
    """rich's ``_wrap.divide_line`` with folding: where ``text`` breaks into lines."""
    breaks: list[int] = []
    offset, position = 0, 0
    while (match := _WORD.match(text, position)) is not None:
        start, position = match.span()
        word = match.group()
        length = cells(word.rstrip())
        if width - offset >= length:
            offset += cells(word)
        elif length > width:
            pieces = _chop(word, width)
            for n, piece in enumerate(pieces):
                if start:
                    breaks.append(start)
                if n == len(pieces) - 1:
                    offset = cells(piece)
                else:
                    start += len(piece)
        elif offset and start:
            breaks.append(start)
            offset = cells(word)
    return breaks


def cells(text: str) -> int:
    """How many terminal cells ``text`` takes."""
    if _SIMPLE.issuperset(text):
        return len(text)
    return int(_rich_cells().cell_len(text))


def _chop(text: str, width: int) -> list[str]:
    if _SIMPLE.issuperset(text):
        return [text[n : n + width] for n in range(0, len(text), width)]
    return list(_rich_cells().chop_cells(text, width))


def _fit(text: str, width: int) -> str:
    """``text`` cropped or padded with spaces to ``width`` cells."""
    if _SIMPLE.issuperset(text):
        return text[:width] + " " * (width - len(text))
    return str(_rich_cells().set_cell_size(text, max(width, 0)))


@lru_cache(maxsize=1)
def _rich_cells():  # type: ignore[no-untyped-def]
    """rich's measures of wide and combining characters (16 ms to import: only for them)."""
    from rich import cells as rich_cells

    return rich_cells
