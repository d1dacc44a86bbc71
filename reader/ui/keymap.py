"""The reader's key map in one table: the help screen renders it and the README mirrors it."""

from __future__ import annotations

KEYMAP: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Moving",
        (
            ("j / k, ↓ / ↑", "cursor down / up a line (the view follows)"),
            ("h / l, ← / →", "cursor left / right a character"),
            ("w / b", "next / previous word"),
            ("( / )", "previous / next sentence"),
            ("{ / }", "previous / next paragraph"),
            ("space, PgDn, ctrl+f", "page down"),
            ("PgUp, ctrl+b", "page up"),
            ("g / G", "top / bottom"),
            ("] / [", "next / previous quotation"),
            ("> / <", "next / previous annotation"),
        ),
    ),
    (
        "Finding",
        (
            ("/", "find in the article (Enter closes the bar, cursor on the match)"),
            ("n / N", "next / previous match"),
            ("escape", "clear the find highlights (the cursor stays)"),
            ("s", "search all annotations in every document"),
            ("P", "people: who appears and who said what, across the library"),
        ),
    ),
    (
        "Selecting and annotating",
        (
            ("v", "start a selection at the cursor; motions extend it; escape cancels"),
            ("S / E / Q", "select the sentence / entity / quotation under the cursor"),
            ("a", "annotate the selection (or the sentence under the cursor)"),
            ("m", "highlight the selection without a note"),
            ("e / d / u", "edit / delete / undo, for the annotation under the cursor"),
            ("y", "copy the selection or annotation as a citation"),
            ("A", "attach the orphan chosen in the Notes tab to the selection"),
            ("c", "correct the quotation or entity under the cursor (also in the lists)"),
        ),
    ),
    (
        "Documents and the library",
        (
            ("D", "document panel: its note, tags, state, author and date"),
            ("/ (library)", "filter by title or author as you type; #tag for a tag"),
            ("S / f (library)", "next sort order / next reading-state filter"),
            ("e / x (library)", "edit the document's record / mark it done"),
        ),
    ),
    (
        "View",
        (
            ("1 / 2 / 3", "toggle entities / quotes / annotations"),
            ("p", "show or hide the side panel"),
            ("+ / -", "wider / narrower text"),
            ("T", "next theme"),
        ),
    ),
    (
        "Everywhere",
        (
            ("?", "this help"),
            ("q", "back to the library (quit when opened on a file)"),
            ("ctrl+p", "command palette: export, themes, layers…"),
            ("ctrl+q", "quit"),
        ),
    ),
)
