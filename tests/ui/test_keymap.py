"""One key map: every binding, the footer, the help screen and the README's key table are
made from ``reader.ui.keymap``; this test keeps the README equal to it."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding

from reader.ui.app import ReaderApp
from reader.ui.keymap import KEYMAP, bindings, readme_table
from reader.ui.screens.library import LibraryScreen
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.article_view import ArticleView

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_readme_key_table_is_the_key_map() -> None:
    text = README.read_text(encoding="utf-8")
    start = text.index("| keys | action |")
    end = text.index("\n\n", start)
    assert text[start:end] == readme_table(), "regenerate the README table from keymap.py"


def test_every_class_takes_its_bindings_from_the_key_map() -> None:
    for owner, scope in (
        (ReaderApp, "app"),
        (ReadingScreen, "reading"),
        (ArticleView, "article"),
        (LibraryScreen, "library"),
    ):
        assert bindings(scope) == owner.BINDINGS, owner


def test_footer_labels_and_keys_are_unique_per_scope() -> None:
    for scope in ("app", "reading", "article", "library"):
        shown = [b for b in bindings(scope) if isinstance(b, Binding) and b.show]
        labels = [b.description for b in shown]
        assert len(labels) == len(set(labels)), scope


def test_every_row_says_something_and_most_rows_are_bound() -> None:
    rows = [row for _, section in KEYMAP for row in section]
    assert all(row.keys and row.does for row in rows)
    unbound = [row.keys for row in rows if not row.binds]
    assert unbound == ["ctrl+p"]  # Textual's own command palette key
