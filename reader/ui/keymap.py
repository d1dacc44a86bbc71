"""The reader's key map in one table: bindings, the footer, the help screen and the README's
key table are all made from it (``tests/ui/test_keymap.py`` checks the README against it and
that every class with keys takes them from here). The reading screen's sections are in
``reader.ui.keymap_reading``; the row types and the table's functions in ``keymap_rows``.

Each row is what a reader sees (the keys as written, what they do) plus the Textual bindings
behind it: where the binding lives (``scope``), the key names, the action, and the footer
label when the footer shows it. Rows without bindings are Textual's own keys (the command
palette, Enter in a list).
"""

from __future__ import annotations

from textual.binding import BindingType

from reader.ui.keymap_reading import READING_SECTIONS
from reader.ui.keymap_rows import Bind, KeyRow, Section, markdown_table, scope_bindings
from reader.ui.keymap_rows import article as _article

__all__ = ["KEYMAP", "SCOPES", "Bind", "KeyRow", "bindings", "readme_table"]

KEYMAP: tuple[Section, ...] = (
    *READING_SECTIONS,
    (
        "Documents and the library",
        (
            KeyRow(
                "D",
                "document panel: its note, tags, state, author and date",
                (Bind("reading", "D", "edit_document"),),
            ),
            KeyRow(  # the library's first row: its footer shows Open first
                "Enter (library)",
                "open the highlighted document",
                (Bind("library", "enter", "open_selected", "Open", priority=True),),
            ),
            KeyRow(
                "/ (library)",
                "filter by title or author as you type; #tag for a tag",
                (Bind("library", "slash", "focus_filter", "Filter"),),
            ),
            KeyRow(
                "S / f (library)",
                "next sort order / next reading-state filter",
                (
                    Bind("library", "S", "next_sort", "Sort"),
                    Bind("library", "f", "next_state_filter", "State"),
                ),
            ),
            KeyRow(
                "e / x (library)",
                "edit the document's record / mark it done",
                (
                    Bind("library", "e", "edit_document", "Edit doc"),
                    Bind("library", "x", "mark_done"),
                ),
            ),
        ),
    ),
    (
        "View",
        (
            KeyRow(
                "1 / 2 / 3",
                "toggle entities / quotes / annotations",
                tuple(
                    Bind(scope, key, f"toggle_layer('show_{layer}')")
                    for scope in ("article", "reading")
                    for key, layer in (("1", "entities"), ("2", "quotes"), ("3", "annotations"))
                ),
            ),
            KeyRow(
                "p", "show or hide the side panel", (Bind("reading", "p", "toggle_panel", "Panel"),)
            ),
            KeyRow(
                "+ / -",
                "wider / narrower text",
                (
                    _article("plus,equals_sign", "widen"),
                    _article("minus", "narrow"),
                    Bind("reading", "plus", "widen"),
                    Bind("reading", "minus", "narrow"),
                ),
            ),
            KeyRow("T", "next theme", (Bind("app", "T", "next_theme"),)),
        ),
    ),
    (
        "Everywhere",
        (
            KeyRow(
                "?", "show every key (this help)", (Bind("app", "question_mark", "help", "Help"),)
            ),
            KeyRow(
                "q",
                "back to the library (quit when opened on a file)",
                (Bind("reading", "q", "back", "Back"), Bind("library", "q", "app.quit")),
            ),
            KeyRow("ctrl+p", "command palette: export, themes, layers…"),
            KeyRow("ctrl+q", "quit", (Bind("app", "ctrl+q", "quit", "Quit", priority=True),)),
            KeyRow(
                "escape (opening)",
                "stop reading a URL or a FIFO (the screens' own escape comes first)",
                (Bind("app", "escape", "cancel_fetch"),),
            ),
        ),
    ),
    (
        "Library",
        (
            KeyRow(
                "F",
                "search the text of every document (escape clears)",
                (Bind("library", "F", "find_text", "Search text"),),
            ),
            KeyRow(
                "o",
                "open a file path or URL",
                (Bind("library", "o", "open_source", "Open file/URL"),),
            ),
            KeyRow(
                "d",
                "delete the highlighted document (asks first)",
                (Bind("library", "d", "delete_selected", "Delete"),),
            ),
            KeyRow(
                "↑ / ↓, PgUp / PgDn",
                "move in the list (ctrl+Home / ctrl+End: first / last; ← / →, Home / End "
                "scroll a list wider than the window)",
                (
                    Bind("table", "up", "cursor(-1)"),
                    Bind("table", "down", "cursor(1)"),
                    Bind("table", "pageup", "page(-1)"),
                    Bind("table", "pagedown", "page(1)"),
                    Bind("table", "ctrl+home", "first"),
                    Bind("table", "ctrl+end", "last"),
                    Bind("table", "left", "sideways(-1)"),
                    Bind("table", "right", "sideways(1)"),
                    Bind("table", "home", "edge(False)"),
                    Bind("table", "end", "edge(True)"),
                ),
            ),
            KeyRow(
                "↓ / escape in filter",
                "from the filter back to the list",
                (Bind("shelf", "down,escape", "to_table"),),
            ),
        ),
    ),
    (
        "People",
        (
            KeyRow(
                "escape / q",
                "back to where you were",
                (Bind("people", "escape", "close", "Back"), Bind("people", "q", "close")),
            ),
            KeyRow("tab", "the list / the details", (Bind("people", "tab", "switch_pane"),)),
        ),
    ),
    (
        "Search",
        (
            KeyRow("escape", "back", (Bind("search", "escape", "close", "Back"),)),
            KeyRow("↓", "into the results", (Bind("search", "down", "focus_results"),)),
        ),
    ),
    (
        "Side panel",
        (
            KeyRow("Enter", "go to the entry in the text (the cursor's keys work again)"),
            KeyRow(
                "a / c",
                "annotate / correct the highlighted entry",
                (Bind("list", "a", "annotate_item"), Bind("list", "c", "correct_item")),
            ),
            KeyRow(
                "← / →",
                "previous / next tab",
                (Bind("list", "left", "switch_tab(-1)"), Bind("list", "right", "switch_tab(1)")),
            ),
            KeyRow("↓ on the tabs", "into the list", (Bind("panel", "down", "focus_list"),)),
        ),
    ),
    (
        "Dialogs",
        (
            KeyRow(
                "ctrl+s",
                "save the note or the document panel",
                tuple(
                    Bind(scope, "ctrl+s", "save", "Save", priority=True)
                    for scope in ("editor", "document-editor")
                ),
            ),
            KeyRow(
                "escape",
                "cancel: nothing is changed",
                (
                    Bind("editor", "escape", "cancel", "Cancel", priority=True),
                    Bind("document-editor", "escape", "cancel", "Cancel", priority=True),
                    Bind("open-source", "escape", "cancel", "Cancel"),
                    Bind("export-path", "escape", "cancel", "Cancel"),
                    Bind("correction", "escape", "cancel", "Cancel"),
                ),
            ),
            KeyRow(
                "tab in the tags field",
                "complete the tag, else the next field",
                (Bind("tags", "tab", "complete_or_next"),),
            ),
            KeyRow(
                "y / n, escape",
                "yes / no when asked",
                (
                    Bind("confirm", "escape,n", "answer(False)", "No"),
                    Bind("confirm", "y", "answer(True)", "Yes"),
                ),
            ),
            KeyRow(
                "c / r, escape",
                "a note changed elsewhere: save yours as a copy / reload theirs / back",
                (
                    Bind("stale", "escape", "choose(None)", "Back"),
                    Bind("stale", "c", "choose('copy')", "Save as a copy"),
                    Bind("stale", "r", "choose('reload')", "Reload"),
                ),
            ),
            KeyRow(
                "escape / q / ?",
                "close the help",
                (Bind("help", "escape,q,question_mark", "close", "Close"),),
            ),
        ),
    ),
)

SCOPES = (
    "app", "reading", "article", "library", "shelf", "table", "people", "search", "list", "panel",
    "editor", "document-editor", "open-source", "export-path", "correction", "tags", "confirm",
    "stale", "help",
)  # fmt: skip
"""Every class with keys, by scope (``tests/ui/test_keymap.py`` maps each to its class)."""

WHERE = {
    "Library": "library",
    "People": "People screen",
    "Search": "search screen",
    "Side panel": "side panel",
    "Dialogs": "dialogs",
}
"""Sections whose keys work in one place: the README's table says where."""


def bindings(scope: str) -> list[BindingType]:
    """The Textual bindings of ``scope``, in table order (footer labels included)."""
    return scope_bindings(KEYMAP, scope)


def readme_table() -> str:
    """The README's key table (markdown), one line per row."""
    return markdown_table(KEYMAP, WHERE)
