"""One key map: every binding, the footer, the help screen and the README's key table are
made from ``reader.ui.keymap``; these tests keep the README equal to it and every class with
keys (screens, dialogs, lists) taking them from it."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding

from reader.ui.app import ReaderApp
from reader.ui.dialogs.confirm import ConfirmDialog
from reader.ui.dialogs.correction import CorrectionDialog
from reader.ui.dialogs.document_editor import DocumentEditor
from reader.ui.dialogs.editor import AnnotationEditor, TagInput
from reader.ui.dialogs.export_path import ExportPathDialog
from reader.ui.dialogs.open_source import OpenSourceDialog
from reader.ui.dialogs.stale import StaleDialog
from reader.ui.keymap import KEYMAP, SCOPES, bindings, readme_table
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.library import LibraryScreen
from reader.ui.screens.library_shelf import FilterInput
from reader.ui.screens.people import PeopleScreen
from reader.ui.screens.reading import ReadingScreen
from reader.ui.screens.search import SearchScreen
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.library_table import LibraryTable
from reader.ui.widgets.side_panel import PanelList, SidePanel

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
OWNERS: dict[str, type] = {
    "app": ReaderApp,
    "reading": ReadingScreen,
    "article": ArticleView,
    "library": LibraryScreen,
    "shelf": FilterInput,
    "table": LibraryTable,
    "people": PeopleScreen,
    "search": SearchScreen,
    "list": PanelList,
    "panel": SidePanel,
    "editor": AnnotationEditor,
    "document-editor": DocumentEditor,
    "open-source": OpenSourceDialog,
    "export-path": ExportPathDialog,
    "correction": CorrectionDialog,
    "tags": TagInput,
    "confirm": ConfirmDialog,
    "stale": StaleDialog,
    "help": HelpScreen,
}


def test_the_readme_key_table_is_the_key_map() -> None:
    text = README.read_text(encoding="utf-8")
    start = text.index("| keys | action |")
    end = text.index("\n\n", start)
    assert text[start:end] == readme_table(), "regenerate the README table from keymap.py"


def test_every_class_takes_its_bindings_from_the_key_map() -> None:
    assert set(OWNERS) == set(SCOPES)
    for scope, owner in OWNERS.items():
        assert bindings(scope), scope
        assert bindings(scope) == owner.BINDINGS, owner  # type: ignore[attr-defined]


def test_no_binding_is_made_outside_the_key_map() -> None:
    sources = sorted((ROOT / "reader" / "ui").rglob("*.py"))
    outside = [
        path.name
        for path in sources
        if path.name not in {"keymap.py", "keymap_rows.py"}
        and ("Binding(" in path.read_text(encoding="utf-8")
             or "BINDINGS = [" in path.read_text(encoding="utf-8"))
    ]  # fmt: skip
    assert outside == []


def test_every_scope_of_the_table_is_a_class() -> None:
    used = {bind.scope for _, rows in KEYMAP for row in rows for bind in row.binds}
    assert used == set(SCOPES)


def test_footer_labels_and_keys_are_unique_per_scope() -> None:
    for scope in SCOPES:
        shown = [b for b in bindings(scope) if isinstance(b, Binding) and b.show]
        labels = [b.description for b in shown]
        assert len(labels) == len(set(labels)), scope


def test_every_row_says_something_and_most_rows_are_bound() -> None:
    rows = [row for _, section in KEYMAP for row in section]
    assert all(row.keys and row.does for row in rows)
    unbound = [row.keys for row in rows if not row.binds]
    assert unbound == ["ctrl+p", "Enter"]  # Textual's own keys: the palette, a list's choice


def test_the_library_table_has_only_the_keys_of_the_key_map() -> None:
    """Not ``ScrollView``'s too (ctrl+PgUp and the like, in neither the help nor the README)."""
    documented = {
        key
        for binding in bindings("table")
        if isinstance(binding, Binding)
        for key in binding.key.split(",")
    }
    assert set(LibraryTable._merged_bindings.key_to_bindings) == documented  # type: ignore[union-attr]
