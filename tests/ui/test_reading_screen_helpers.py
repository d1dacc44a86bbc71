"""Shared helpers for the reading-screen tests (no tests here).

The sample's real spaCy analysis is computed once per test process (``sample_analysis``)
and copied into each test's temporary cache (``prime_sample_analysis``), so the reading
screen finds it on mount exactly as it would after a first run. Small documents get a
hand-written ``Analysis`` whose offsets are computed from their text, so expected values
can be checked by eye.
"""

from __future__ import annotations

import contextlib
import functools
import tempfile
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path

import pytest
from textual.pilot import Pilot

from reader.core.analysis.pipeline import model_info_without_loading
from reader.core.analysis.results import (
    Analysis,
    Entity,
    EntityMention,
    Quote,
    QuoteKind,
    Speaker,
)
from reader.core.service import ReaderService
from reader.core.service.documents import OpenedDocument
from reader.ui.app import ReaderApp
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.article_view import ArticleView
from tests.conftest import SAMPLE_PATH


@functools.cache
def sample_analysis() -> Analysis:
    """The sample's analysis by the installed model, computed once per process."""
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as patch:
        root = Path(tmp)
        (root / "store").mkdir()
        patch.setenv("READER_DB", str(root / "store" / "annotations.json"))
        patch.setenv("READER_CONFIG_DIR", str(root / "config"))
        patch.setenv("READER_CACHE_DIR", str(root / "cache"))
        service = ReaderService.open()
        opened = service.open_document(str(SAMPLE_PATH))
        return service.analysis_for(opened.document, text=opened.text)


def prime_sample_analysis(service: ReaderService) -> Analysis:
    """Put the sample's analysis into this test's cache; return it."""
    analysis = sample_analysis()
    service.analysis_cache.store(analysis, model_info_without_loading(None))
    return analysis


def prime_analysis(service: ReaderService, analysis: Analysis) -> None:
    """Put a (hand-made) analysis into this test's cache."""
    service.analysis_cache.store(analysis, model_info_without_loading(None))


def mention(text: str, word: str, label: str, entity: str, occurrence: int = 1) -> EntityMention:
    """The ``occurrence``-th mention of ``word`` in ``text``."""
    start = -1
    for _ in range(occurrence):
        start = text.index(word, start + 1)
    return EntityMention(start, start + len(word), word, label, entity)


def quote(text: str, words: str, kind: QuoteKind, speaker: str | None) -> Quote:
    """The quotation ``“words”`` of ``text`` (marks included), said by ``speaker``."""
    start = text.index(f"“{words}”")
    who = Speaker(speaker, 0, len(speaker), speaker) if speaker else None
    return Quote(start, start + len(words) + 2, f"“{words}”", kind, who)


def hand_analysis(
    opened: OpenedDocument,
    mentions: Sequence[EntityMention],
    quotes: Sequence[Quote],
) -> Analysis:
    """An analysis of ``opened`` with these mentions (grouped by entity id) and quotes."""
    groups: dict[str, list[EntityMention]] = {}
    for item in mentions:
        groups.setdefault(item.entity, []).append(item)
    index = tuple(
        Entity(
            id=key,
            name=items[0].text,
            label=items[0].label,
            count=len(items),
            mentions=tuple((m.start, m.end) for m in items),
        )
        for key, items in groups.items()
    )
    return Analysis(
        sha256=opened.document.sha256,
        model=model_info_without_loading(None),
        entities=tuple(sorted(mentions, key=lambda m: m.start)),
        entity_index=index,
        quotes=tuple(sorted(quotes, key=lambda q: q.start)),
    )


PARAGRAPHS = [
    "Harbour news",
    "Ann Lee said “we will rebuild” on Monday.",
    "“It costs too much,” Bob Ray said.",
    "Ann Lee called it “urgent” again.",
    "“We are pleased,” Ann Lee said in Portsmouth.",
    "A sign read “closed” all week.",
]


def write_story(tmp_path: Path, service: ReaderService) -> tuple[str, str]:
    """A six-paragraph story on disk with its hand-made analysis cached: (path, text).

    Its paragraphs never wrap at the test size, so each is one display line."""
    path = tmp_path / "harbour.txt"
    path.write_text("\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    opened = service.open_document(str(path))
    text = opened.text
    mentions = [
        mention(text, "Ann Lee", "PERSON", "ann", 1),
        mention(text, "Ann Lee", "PERSON", "ann", 2),
        mention(text, "Ann Lee", "PERSON", "ann", 3),
        mention(text, "Bob Ray", "PERSON", "bob"),
        mention(text, "Monday", "DATE", "monday"),
        mention(text, "Portsmouth", "GPE", "portsmouth"),
    ]
    quotes = [
        quote(text, "we will rebuild", QuoteKind.SPOKEN, "Ann Lee"),
        quote(text, "It costs too much,", QuoteKind.SPOKEN, "Bob Ray"),
        quote(text, "urgent", QuoteKind.TERM, "Ann Lee"),
        quote(text, "We are pleased,", QuoteKind.SPOKEN, "Ann Lee"),
        quote(text, "closed", QuoteKind.WRITTEN, None),
    ]
    prime_analysis(service, hand_analysis(opened, mentions, quotes))
    return str(path), text


def reading(app: ReaderApp) -> ReadingScreen:
    """The active screen, which must be the reading screen."""
    screen = app.screen
    assert isinstance(screen, ReadingScreen), f"expected the reading screen, got {screen!r}"
    return screen


def article(app: ReaderApp) -> ArticleView:
    """The article widget of the active reading screen."""
    return reading(app).view


def notices(app: ReaderApp) -> list[str]:
    """The text of every notification shown so far."""
    logged: list[str] | None = app.__dict__.get("notice_log")
    return list(logged) if logged is not None else [str(n.message) for n in app._notifications]


def line_text(view: ArticleView, y: int) -> str:
    """What row ``y`` of the article shows, as plain text."""
    return "".join(segment.text for segment in view.render_line(y))


async def settle(pilot: Pilot[None], rounds: int = 3) -> None:
    """Let posted messages, refresh callbacks and timers run; wait for the app's first screen
    (pushed just after its start) and for a reading screen to complete itself after its first
    paint (its document is filed in a thread worker)."""
    for _ in range(rounds):
        await pilot.pause()
    for _ in range(500):
        screen = pilot.app.screen
        started = not isinstance(pilot.app, ReaderApp) or screen.id != "_default"
        reading_done = started and (not isinstance(screen, ReadingScreen) or screen.settled)
        scanning = getattr(screen, "scan_pending", False) or any(
            w.group in STORE_GROUPS and w.is_running for w in pilot.app.workers
        )
        if reading_done and not scanning:
            break
        await pilot.pause(0.01)
    await pilot.pause()


STORE_GROUPS = frozenset({"file", "library-scan"})
"""Worker groups the UI reads or writes the store in (settle waits for them)."""


@contextlib.asynccontextmanager
async def settled(
    app: ReaderApp, size: tuple[int, int] = (120, 36), *, notifications: bool = False
) -> AsyncIterator[Pilot[None]]:
    """Run ``app`` at ``size`` and hand over its pilot once the first screen has settled
    (``settle``): the opening every reading-screen test shares."""
    async with app.run_test(size=size, notifications=notifications) as pilot:
        await settle(pilot)
        yield pilot


async def wait_until(
    pilot: Pilot[None], done: Callable[[], object], rounds: int = 200, pause: float = 0.02
) -> None:
    """Let the app run until ``done()`` holds (a worker's answer, a notice), at most
    ``rounds`` pauses; the test then asserts what it waited for."""
    for _ in range(rounds):
        await pilot.pause(pause)
        if done():
            return
