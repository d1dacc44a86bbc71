"""The source file changes under its annotations: re-placed on reopening, or orphaned and
shown in the Notes tab with quote and note, then attached to a new selection with ``A``.

The change is made through a real file: written, opened and annotated in the app, rewritten,
and opened again by a second app, as a reader editing a saved article would.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import TabbedContent

from reader.core.models import AnnotationStatus
from reader.core.service import ReaderService
from reader.ui.app import ReaderApp
from reader.ui.widgets.side_panel import PanelList
from tests.ui.conftest import SIZE
from tests.ui.test_annotating_helpers import (
    prime_analysis,
    put_cursor,
    reading_screen,
    stored_annotations,
    type_text,
)
from tests.ui.test_reading_screen_helpers import settle, wait_until

ORPHANED_SENTENCE = (
    "China maintains that its balloon, which US forces recognized after which downed earlier "
    "this month, was a civilian analysis plane by accident blown astray."
)
MOVED_PASSAGE = "unacceptable violation of US sovereignty"
CHANGED_PASSAGE = "made clear the US won’t stand for any violation of our sovereignty"


def rewrite(path: Path) -> str:
    """Edit the article: words outside and inside passages, and one paragraph deleted."""
    text = path.read_text(encoding="utf-8")
    text = text.replace("high diplomat", "top diplomat")
    text = text.replace("worldwide regulation", "international law")
    text = text.replace("won’t stand", "will never stand")
    lines = [line for line in text.split("\n") if not line.startswith("The diplomatic fallout")]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path.read_text(encoding="utf-8")


async def annotate_three(app: ReaderApp) -> str:
    """Through the keys: one note to orphan, one passage to move, one to change inside."""
    async with app.run_test(size=SIZE) as pilot:
        screen = reading_screen(app)
        await put_cursor(pilot, ORPHANED_SENTENCE)
        await pilot.press("S", "a")
        await type_text(pilot, "was it?")
        await pilot.press("ctrl+s")
        await put_cursor(pilot, MOVED_PASSAGE)
        await pilot.press("v", *"wwww", *"l" * 10, "m")
        await put_cursor(pilot, CHANGED_PASSAGE)
        await pilot.press("v", *"w" * 11, *"l" * 10, "m")
        return screen.document.id


async def test_reopening_a_changed_file_replaces_moves_and_orphans(
    make_app: Callable[..., ReaderApp], service: ReaderService, sample_path: Path, tmp_path: Path
) -> None:
    article = tmp_path / "article.txt"
    article.write_text(sample_path.read_text(encoding="utf-8"), encoding="utf-8")
    prime_analysis(service, article)
    document_id = await annotate_three(make_app(str(article)))
    db_path = service.paths.db
    before = {a.selector.exact: a for a in stored_annotations(db_path, document_id)}
    assert set(before) == {ORPHANED_SENTENCE, MOVED_PASSAGE, CHANGED_PASSAGE}

    new_text = rewrite(article)
    prime_analysis(service, article)
    app = make_app(str(article))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # the filing (re-anchoring) is a worker: wait for it, not for luck
        screen = reading_screen(app)
        assert screen.text == new_text
        after = {a.id: a for a in stored_annotations(db_path, document_id)}
        assert len(after) == 3, "re-anchoring never drops an annotation"

        moved = after[before[MOVED_PASSAGE].id]
        assert moved.status == AnnotationStatus.MOVED
        assert moved.selector.start == new_text.index(MOVED_PASSAGE)
        assert moved.selector.start == before[MOVED_PASSAGE].selector.start - 1

        changed = after[before[CHANGED_PASSAGE].id]
        assert changed.selector.exact == (
            "made clear the US will never stand for any violation of our sovereignty"
        )

        orphan = after[before[ORPHANED_SENTENCE].id]
        assert orphan.status == AnnotationStatus.ORPHANED
        assert (orphan.note, orphan.selector.exact) == ("was it?", ORPHANED_SENTENCE)
        notes_list = screen.query_one("#annotation-list", PanelList)
        await wait_until(pilot, lambda: len(notes_list.options) >= 2)
        notes = [str(o.prompt) for o in notes_list.options]
        assert notes.index("Orphans (passage not found)") == len(notes) - 2
        assert notes[-1] == "“China maintains that its balloon, which…”  was it?"


async def test_a_attaches_the_highlighted_orphan_to_the_selection_only(
    make_app: Callable[..., ReaderApp], service: ReaderService, sample_path: Path, tmp_path: Path
) -> None:
    article = tmp_path / "article.txt"
    article.write_text(sample_path.read_text(encoding="utf-8"), encoding="utf-8")
    prime_analysis(service, article)
    document_id = await annotate_three(make_app(str(article)))
    new_text = rewrite(article)
    prime_analysis(service, article)
    app = make_app(str(article))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # the changed text is re-anchored in a worker after the first paint
        screen = reading_screen(app)
        orphan = next(a for a in screen.annotations if a.status == AnnotationStatus.ORPHANED)
        before = [a.to_dict() for a in stored_annotations(service.paths.db, document_id)]
        await pilot.press("A")
        messages = [str(n.message) for n in app._notifications]
        assert any("select a passage, then press A" in m for m in messages)
        assert [a.to_dict() for a in stored_annotations(service.paths.db, document_id)] == before
        screen.query_one("#side-tabs", TabbedContent).active = "tab-annotations"
        notes = screen.query_one("#annotation-list", PanelList)
        notes.focus()
        await pilot.press("end")
        assert notes.highlighted_option is not None
        assert notes.highlighted_option.id == orphan.id
        screen.view.focus()
        target = await put_cursor(pilot, "Beijing, after the balloon")
        await pilot.press("v", *"www", "A")
        attached = {a.id: a for a in stored_annotations(service.paths.db, document_id)}[orphan.id]
        assert attached.status == AnnotationStatus.MOVED
        assert attached.selector.exact == "Beijing, after the"
        assert (attached.selector.start, attached.note) == (target, "was it?")
        assert attached.sha256 == screen.document.sha256
        assert attached.history[-1].start == orphan.selector.start
        assert new_text[target : target + 20] == "Beijing, after the b"
        assert all(a.status != AnnotationStatus.ORPHANED for a in screen.annotations)
