"""People: the people and organisations of the whole library, with what they said.

The table lists every person and organisation of the analysed documents with counts; Enter
shows, on the right, the documents it appears in, its quotations and who appears with it
most. Enter on a quotation (or a document) opens that document at the passage.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, OptionList, Static
from textual.widgets.option_list import Option

from reader.core.analysis.results import label_group
from reader.errors import ReaderError
from reader.ui.data_text import data_text
from reader.ui.failures import GuardedHandlers
from reader.ui.keymap import bindings
from reader.ui.widgets.side_panel import middle_ellipsis

if TYPE_CHECKING:
    from reader.core.index import PersonRow
    from reader.core.index.results import PersonDetail
    from reader.ui.app import ReaderApp

GROUPS = ("person", "org")
QUOTE_CHARS = 110
HEADERS = ("Name", "Kind", "Docs", "Mentions", "Quotes")
SHORT_HEADERS = ("Name", "Kind", "Docs", "Ment", "Qts")
"""Below ``WIDE_TABLE`` columns (an 80-column terminal) the counts take short headers."""
WIDE_TABLE = 60
NARROW_SCREEN = 100
GUTTER = 2 * len(HEADERS) + 2
"""A cell's padding on both sides, and the vertical scrollbar."""


def column_widths(rows: Sequence[PersonRow], width: int) -> tuple[tuple[str, ...], list[int]]:
    """Headers and column widths that fit ``width`` cells: every count whole, the kind
    whole, and the name with what is left (at least 8; cut in the middle when longer)."""
    headers = HEADERS if width >= WIDE_TABLE else SHORT_HEADERS
    counts = [
        max(len(header), *(len(str(value)) for value in values))
        for header, values in zip(
            headers[2:],
            ([0, *[r.documents for r in rows]], [0, *[r.mentions for r in rows]],
             [0, *[r.quotes for r in rows]]),
            strict=True,
        )
    ]  # fmt: skip
    kind = max(len(headers[1]), *(len(label_group(r.label)) for r in rows)) if rows else 6
    longest = max((len(" ".join(r.name.split())) for r in rows), default=len(headers[0]))
    name = max(8, min(longest, width - GUTTER - kind - sum(counts)))
    return headers, [name, kind, *counts]


def detail_options(detail: PersonDetail) -> list[Option]:
    """The right pane: documents, quotations and companions; ids say what Enter opens."""
    options: list[Option] = [Option(data_text(f"{detail.name} ({detail.label})", "bold"))]
    options.append(Option(Text(f"Documents ({len(detail.documents)})", style="underline")))
    for document_id, title, mentions, first in detail.documents:
        line = data_text(title or document_id[:8]).append(f"  {mentions} mention(s)", "dim")
        options.append(Option(line, id=f"open:{document_id}:{first}"))
    options.append(Option(Text(f"Quotations ({len(detail.quotes)})", style="underline")))
    for quote in detail.quotes:
        text = " ".join(quote.text.split())
        text = text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1] + "…"
        line = data_text(text).append(f"  [{quote.form}] ", "dim")
        line.append_text(data_text(quote.document_title, "italic"))
        options.append(Option(line, id=f"open:{quote.document_id}:{quote.start}"))
    options.append(Option(Text("Appears most with", style="underline")))
    for name, label, shared in detail.companions:
        options.append(Option(data_text(f"{name} ({label})").append(f"  {shared} doc(s)", "dim")))
    return options


class PeopleScreen(GuardedHandlers, Screen[None]):
    """Every person and organisation of the library; Enter for details, again to open."""

    BINDINGS = bindings("people")

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[PersonRow] = []

    @property
    def reader_app(self) -> ReaderApp:
        """The app, typed."""
        return cast("ReaderApp", self.app)

    def compose(self) -> ComposeResult:
        """Title, status, the people table beside the details, the footer."""
        yield Static("People", id="people-title")
        yield Static("", id="people-status")
        with Horizontal(id="people-panes"):
            yield DataTable(id="people-table", cursor_type="row", zebra_stripes=True)
            yield OptionList(id="people-detail")
        yield Footer()

    def on_mount(self) -> None:
        """Columns, then the rows from a worker; follow the background analysis."""
        table = self.query_one(DataTable)
        table.add_columns(*HEADERS)
        self.watch(self.app, "library_status", self._on_library_status, init=False)
        self.load_people()

    def _on_library_status(self, status: str) -> None:
        self.show_status()
        if status.startswith("Analysed"):
            self.load_people()

    @work(thread=True, exclusive=True, group="people")
    def load_people(self) -> None:
        """Read the people from the index (it picks up new analyses first)."""
        try:
            rows = self.reader_app.service.people()
        except ReaderError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error")
            return
        wanted = [row for row in rows if label_group(row.label) in GROUPS]
        self.app.call_from_thread(self.show_people, wanted)

    def show_people(self, rows: list[PersonRow]) -> None:
        """Fill the table, its columns fitted to its width (readable from 80 columns)."""
        self.rows = rows
        self._fill_table()
        self.show_status()

    def _fill_table(self) -> None:
        table = self.query_one(DataTable)
        headers, widths = column_widths(self.rows, self._table_width())
        cursor = table.cursor_row
        table.clear(columns=True)
        for header, width in zip(headers, widths, strict=True):
            table.add_column(header, width=width)
        for number, row in enumerate(self.rows):
            name = data_text(middle_ellipsis(row.name, widths[0]))
            cells = (name, label_group(row.label), str(row.documents))
            table.add_row(*cells, str(row.mentions), str(row.quotes), key=str(number))
        if self.rows:
            table.move_cursor(row=min(cursor, len(self.rows) - 1))

    def _table_width(self) -> int:
        """The table's share of the screen (app.tcss): known before the table's layout."""
        width = self.app.size.width
        return width * 3 // 5 if width < NARROW_SCREEN else width // 2

    def on_resize(self) -> None:
        """A new width: below 100 columns the table takes 3/5 of it (``-narrow``), and the
        columns are fitted again (from the rows in memory)."""
        self.set_class(self.app.size.width < NARROW_SCREEN, "-narrow")
        if self.rows:
            self.call_after_refresh(self._fill_table)

    def show_status(self) -> None:
        """How many, and what the background analysis is doing."""
        status = f"{len(self.rows)} people and organisations"
        if not self.rows:
            status = "No people yet: open articles (they are analysed in the background)."
        progress = self.reader_app.library_status
        line = data_text(status + (f" · {progress}" if progress else ""))
        self.query_one("#people-status", Static).update(line)

    @on(DataTable.RowSelected, "#people-table")
    def _on_person_chosen(self, event: DataTable.RowSelected) -> None:
        row = self.rows[int(event.row_key.value or 0)]
        self.load_detail(row.name, row.label)

    @work(thread=True, exclusive=True, group="person")
    def load_detail(self, name: str, label: str) -> None:
        """One entity's documents, quotations and companions, from the index."""
        detail = self.reader_app.service.person(name, label)
        self.app.call_from_thread(self.show_detail, detail)

    def show_detail(self, detail: PersonDetail) -> None:
        """Fill the right pane and move there."""
        pane = self.query_one("#people-detail", OptionList)
        pane.set_options(detail_options(detail))
        pane.focus()
        pane.highlighted = 2 if pane.option_count > 2 else 0

    @on(OptionList.OptionSelected, "#people-detail")
    def _on_detail_chosen(self, event: OptionList.OptionSelected) -> None:
        target = event.option.id or ""
        if not target.startswith("open:"):
            return
        _, document_id, offset = target.split(":")
        self.dismiss(None)
        self.reader_app.open_source(document_id, offset=int(offset))

    def action_switch_pane(self) -> None:
        """Tab between the table and the details."""
        table = self.query_one(DataTable)
        detail = self.query_one("#people-detail", OptionList)
        (detail if table.has_focus else table).focus()

    def action_close(self) -> None:
        """Back to where you were."""
        self.dismiss(None)
