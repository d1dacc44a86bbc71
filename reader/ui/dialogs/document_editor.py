"""The document panel: a document's own record (title, author, date, tags, state, note).

Like the annotation editor it writes through a ``save`` function inside the ctrl+s handler,
so a refused edit (a date that is not one) keeps the dialog open with everything typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Select, Static, TextArea

from reader.core.models import Document, ReadingState
from reader.core.service.library import DocumentEdit
from reader.errors import ReaderError
from reader.ui.data_text import data_text
from reader.ui.dialogs.backdrop import Dialog
from reader.ui.dialogs.editor import parse_tags
from reader.ui.keymap import bindings

SaveEdit = Callable[[DocumentEdit], Document]
"""Writes an edit to the store and returns the new record; raises ``ReaderError`` to refuse."""
FIELDS = ("title", "author", "published", "site", "url")


class DocumentEditor(Dialog[Document | None]):
    """Edit a document's record; ctrl+s saves, escape closes without saving."""

    DEFAULT_CSS = """
    DocumentEditor {
        align: center middle;
        background: $background 60%;
    }
    DocumentEditor .doc-row {
        height: 1;
        margin-bottom: 1;
    }
    DocumentEditor .doc-row Static {
        width: 12;
        color: $text-muted;
    }
    DocumentEditor .doc-row Input {
        width: 1fr;
        height: 1;
        border: none;
        padding: 0 1;
    }
    DocumentEditor .doc-row Select {
        width: 24;
    }
    DocumentEditor .doc-row SelectCurrent {
        border: none;
        height: 1;
        padding: 0 1;
    }
    DocumentEditor .editor-label {
        color: $text-muted;
    }
    DocumentEditor #doc-note {
        height: 6;
    }
    DocumentEditor #doc-error {
        color: $error;
        text-style: bold;
    }
    """

    BINDINGS = bindings("document-editor")

    def __init__(self, document: Document, save: SaveEdit) -> None:
        super().__init__()
        self.document = document
        self.save_edit = save

    def compose(self) -> ComposeResult:
        """One input per field, the state, tags and the note."""
        document = self.document
        with Vertical(classes="dialog editor"):
            yield Static("Document", classes="dialog-title")
            for name in FIELDS:
                placeholder = "YYYY-MM-DD" if name == "published" else ""
                with Horizontal(classes="doc-row"):
                    yield Static(name.capitalize() if name != "url" else "URL")
                    yield Input(getattr(document, name), placeholder=placeholder, id=f"doc-{name}")
            with Horizontal(classes="doc-row"):
                yield Static("Tags")
                yield Input(", ".join(document.tags), placeholder="comma separated", id="doc-tags")
            with Horizontal(classes="doc-row"):
                yield Static("State")
                states = [(state.value, state.value) for state in ReadingState]
                yield Select(states, value=document.state.value, allow_blank=False, id="doc-state")
            yield Static("Note on the whole document (Markdown)", classes="editor-label")
            yield TextArea(document.note, id="doc-note", soft_wrap=True)
            yield Static("", id="doc-error")
            with Horizontal(classes="dialog-buttons"):
                yield Static("ctrl+s save · escape cancel")

    def on_mount(self) -> None:
        """Start in the note: the field a reader changes most."""
        self.query_one("#doc-note", TextArea).focus()

    def current_edit(self) -> DocumentEdit:
        """What the fields hold, as an edit of every field."""
        values = {name: self.query_one(f"#doc-{name}", Input).value for name in FIELDS}
        state = self.query_one("#doc-state", Select).value
        return DocumentEdit(
            title=values["title"],
            author=values["author"],
            published=values["published"],
            site=values["site"],
            url=values["url"],
            note=self.query_one("#doc-note", TextArea).text,
            tags=parse_tags(self.query_one("#doc-tags", Input).value),
            state=state if isinstance(state, str) else None,
        )

    def _unchanged(self, edit: DocumentEdit) -> bool:
        document = self.document
        same_fields = all(getattr(edit, name) == getattr(document, name) for name in FIELDS)
        return (
            same_fields
            and (edit.note or "").strip("\n") == document.note
            and tuple(edit.tags or ()) == document.tags
            and edit.state == document.state.value
        )

    def action_save(self) -> None:
        """Write the edit and close with the new record; on a refusal, say why and stay."""
        edit = self.current_edit()
        if self._unchanged(edit):
            self.dismiss(None)
            return
        try:
            saved = self.save_edit(_only_changes(edit, self.document))
        except ReaderError as error:
            self.query_one("#doc-error", Static).update(data_text(f"Not saved: {error}"))
            return
        self.dismiss(saved)

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)


def _only_changes(edit: DocumentEdit, document: Document) -> DocumentEdit:
    """``edit`` with the fields the user left alone set to None: only real changes count
    as corrections (and survive re-opening the source)."""
    changed: dict[str, str | None] = {
        name: None if getattr(edit, name) == getattr(document, name) else getattr(edit, name)
        for name in FIELDS
    }
    return replace(
        edit,
        title=changed["title"],
        author=changed["author"],
        published=changed["published"],
        site=changed["site"],
        url=changed["url"],
        note=edit.note if (edit.note or "").strip("\n") != document.note else None,
        tags=edit.tags if tuple(edit.tags or ()) != document.tags else None,
        state=edit.state if edit.state != document.state.value else None,
    )
