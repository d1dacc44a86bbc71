"""The reading screen's part of the key map (``reader.ui.keymap`` puts the table together):
moving in the article, finding, selecting and annotating. Rows as in ``keymap``: what a
reader sees, then the Textual bindings behind it.
"""

from __future__ import annotations

from reader.ui.keymap_rows import Bind, KeyRow, Section
from reader.ui.keymap_rows import article as _article

READING_SECTIONS: tuple[Section, ...] = (
    (
        "Moving",
        (
            KeyRow(
                "j / k, ↓ / ↑",
                "cursor down / up a line (the view follows)",
                (_article("j,down", "line(1)"), _article("k,up", "line(-1)")),
            ),
            KeyRow(
                "h / l, ← / →",
                "cursor left / right a character",
                (
                    _article("h,left", "move('previous_char')"),
                    _article("l,right", "move('next_char')"),
                ),
            ),
            KeyRow(
                "w / b",
                "next / previous word (while selecting, the selection ends on a word's end)",
                (_article("w", "move('next_word')"), _article("b", "move('previous_word')")),
            ),
            KeyRow(
                "e (selecting)",
                "extend the selection to the end of the word",
                (_article("e", "word_end"),),
            ),
            KeyRow(
                "( / )",
                "previous / next sentence",
                (
                    _article("left_parenthesis", "move('previous_sentence')"),
                    _article("right_parenthesis", "move('next_sentence')"),
                ),
            ),
            KeyRow(
                "{ / }",
                "previous / next paragraph",
                (
                    _article("left_curly_bracket", "move('previous_paragraph')"),
                    _article("right_curly_bracket", "move('next_paragraph')"),
                ),
            ),
            KeyRow(
                "space, PgDn, ctrl+f", "page down", (_article("space,pagedown,ctrl+f", "page(1)"),)
            ),
            KeyRow("PgUp, ctrl+b", "page up", (_article("pageup,ctrl+b", "page(-1)"),)),
            KeyRow("g / G", "top / bottom", (_article("g", "top"), _article("G", "bottom"))),
            KeyRow(
                "] / [",
                "next / previous quotation (its speaker shows in the status line)",
                (
                    _article("right_square_bracket", "quote(1)"),
                    _article("left_square_bracket", "quote(-1)"),
                ),
            ),
            KeyRow(
                "> / <",
                "next / previous annotation (its note shows in the status line)",
                (
                    _article("greater_than_sign", "annotation(1)"),
                    _article("less_than_sign", "annotation(-1)"),
                ),
            ),
        ),
    ),
    (
        "Finding",
        (
            KeyRow(
                "/",
                "find in the article (Enter closes the bar, cursor on the match)",
                (Bind("reading", "slash", "find", "Find"),),
            ),
            KeyRow(
                "n / N",
                "next / previous match (says when it wraps)",
                (_article("n", "find_next"), _article("N", "find_previous")),
            ),
            KeyRow(
                "escape",
                "clear the find highlights (the cursor stays); stop a slow filing safely",
                (
                    _article("escape", "cancel"),
                    # Only while waiting for a worker; else the key goes on (SkipAction).
                    Bind("reading", "escape", "cancel_pending", priority=True),
                    # From the find bar or the side panel: back to the article.
                    Bind("reading", "escape", "close_find"),
                    Bind("library", "escape", "stop_scan"),
                    Bind("library", "escape", "clear_text_search"),
                ),
            ),
            KeyRow(
                "s",
                "search all annotations in every document",
                (Bind("app", "s", "search", "Search"),),
            ),
            KeyRow(
                "P",
                "people: who appears and who said what, across the library",
                (Bind("app", "P", "people"),),
            ),
        ),
    ),
    (
        "Selecting and annotating",
        (
            KeyRow(
                "v",
                "start a selection at the cursor; motions extend it; escape cancels",
                (_article("v", "visual"),),
            ),
            KeyRow(
                "S / E / Q",
                "select the sentence / entity / quotation under the cursor",
                (
                    _article("S", "select_sentence"),
                    _article("E", "select_entity"),
                    _article("Q", "select_quote"),
                ),
            ),
            KeyRow(
                "a",
                "annotate the selection (or the sentence under the cursor)",
                (Bind("reading", "a", "annotate", "Annotate"),),
            ),
            KeyRow("m", "highlight the selection without a note", (Bind("reading", "m", "mark"),)),
            KeyRow(
                "e / d",
                "edit / delete the annotation under the cursor",
                (Bind("reading", "e", "edit"), Bind("reading", "d", "delete")),
            ),
            KeyRow(
                "u / ctrl+r",
                "undo / redo the last change (jumps to it and says what it did)",
                (Bind("reading", "u", "undo"), Bind("reading", "ctrl+r", "redo")),
            ),
            KeyRow(
                "y",
                "copy the selection or annotation as a citation (“passage” — Author, Title)",
                (Bind("reading", "y", "copy_citation"),),
            ),
            KeyRow(
                "A",
                "attach the orphan chosen in the Notes tab to the selection",
                (Bind("reading", "A", "attach_orphan"),),
            ),
            KeyRow(
                "c",
                "correct the quotation or entity under the cursor (also in the side panel's lists)",
                (Bind("reading", "c", "correct"),),
            ),
        ),
    ),
)
