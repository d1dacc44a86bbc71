"""Benchmarks of the article view, headless (``App.run_test()``), printed as a markdown table.

Run: ``.venv/bin/python bench/view_bench.py [--runs 7]``. (The first paint of the real
``reader`` process in a terminal is ``bench/tui_bench.py``.)

What is measured, in the same run, as medians of ``--runs`` fresh apps each:

* **first paint**: from entering ``run_test()`` to the end of the first ``render_lines`` call
  of the measured widget (the first frame that contains its text). Three apps:
  a minimal Textual app showing a ``Static`` with the same first screen of text (the
  baseline), the ``ArticleView`` on the sample article, and on a generated 500,000-word
  document (the sample's words, curly quotes included).
* **page-down repaint**: ``action_page(1)`` plus rendering every visible line of the scrolled
  view (none cached), measured synchronously; and ``pilot.press("pagedown")`` end to end
  (includes the pilot's wait for the app to go idle).
* **peak RSS**: ``VmHWM`` (peak resident memory) of a child process that opens the
  500k-word document, waits for the whole layout, pages down 20 times, jumps to the bottom
  and finds "the"; next to the baseline app with the same text in memory.
* **first screen**: the baseline Static shows exactly the article view's first screen
  (its text, taken from a previous run); both apps get their input ready-made, so
  ``paragraph_spans`` (the reading screen's job) is timed on its own row.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import Static

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.core.text import normalise, paragraph_spans, word_count  # noqa: E402
from reader.ui.palette import palette_defaults  # noqa: E402
from reader.ui.widgets.article_view import ArticleView  # noqa: E402

SAMPLE = ROOT / "seeds" / "000_a1bfd4ae36a8a1d3.txt"
SIZE = (100, 40)
BIG_WORDS = 500_000
BIG_PATH = Path(tempfile.gettempdir()) / "reader-bench-500k.txt"
"""Children read the generated document from here instead of generating it again."""


def big_document(words: int = BIG_WORDS, seed: int = 7) -> str:
    """Paragraphs of 40-160 words drawn from the sample (its curly quotes included)."""
    vocabulary = normalise(SAMPLE.read_text(encoding="utf-8")).split()
    rng = random.Random(seed)
    paragraphs: list[str] = []
    total = 0
    while total < words:
        count = rng.randint(40, 160)
        paragraphs.append(" ".join(rng.choice(vocabulary) for _ in range(count)))
        total += count
    return "\n\n".join(paragraphs)


def _painted() -> float:
    return time.perf_counter()


class TimedStatic(Static):
    """A Static that records when its first frame was rendered."""

    painted_at: float | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        strips = super().render_lines(crop)
        if TimedStatic.painted_at is None:
            TimedStatic.painted_at = _painted()
        return strips


class TimedArticle(ArticleView):
    """An ArticleView that records when its first frame with text was rendered."""

    painted_at: float | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        strips = super().render_lines(crop)
        if TimedArticle.painted_at is None and self.text:
            TimedArticle.painted_at = _painted()
        return strips


class BaselineApp(App[None]):
    """The minimal app: a Static showing the first screen of text."""

    def __init__(self, first_screen: str) -> None:
        super().__init__()
        self.first_screen = first_screen

    def compose(self) -> ComposeResult:
        yield TimedStatic(self.first_screen, markup=False)


class ArticleApp(App[None]):
    """The article view on a text, as the reading screen will mount it."""

    def __init__(self, text: str, paragraphs: list[tuple[int, int]] | None = None) -> None:
        super().__init__()
        self.text = text
        self.paragraphs = paragraph_spans(text) if paragraphs is None else paragraphs

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return palette_defaults()

    def compose(self) -> ComposeResult:
        yield TimedArticle()

    def on_mount(self) -> None:
        view = self.query_one(TimedArticle)
        view.load(self.text, self.paragraphs)
        view.focus()


def first_screen_of(text: str) -> str:
    """The text of the article view's first screen, for the baseline Static."""

    async def grab() -> str:
        app = ArticleApp(text)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            view = app.query_one(TimedArticle)
            height = view.scrollable_content_region.height
            return "\n".join(view.render_line(y).text.rstrip() for y in range(height))

    return asyncio.run(grab())


async def first_paint(app: App[None], probe: type[TimedStatic] | type[TimedArticle]) -> float:
    """Seconds from entering run_test() to the probe widget's first frame."""
    probe.painted_at = None
    gc.collect()  # the previous app's garbage is not this app's cost
    start = time.perf_counter()
    async with app.run_test(size=SIZE) as pilot:
        while probe.painted_at is None:
            await pilot.pause()
        painted = probe.painted_at
    return painted - start


async def page_down_times(text: str, pages: int = 10) -> tuple[list[float], list[float]]:
    """(synchronous repaint, pilot press) times in seconds for ``pages`` page-downs each.

    Measured once the background layout is complete, so refinement does not interleave.
    """
    app = ArticleApp(text)
    direct: list[float] = []
    pressed: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(TimedArticle)
        while not view.layout_complete:
            await pilot.pause(0.02)
        region = Region(0, 0, view.size.width, view.size.height)
        for _ in range(pages):
            start = time.perf_counter()
            view.action_page(1)
            view.render_lines(region)
            direct.append(time.perf_counter() - start)
            await pilot.pause()
        for _ in range(pages):
            start = time.perf_counter()
            await pilot.press("pagedown")
            pressed.append(time.perf_counter() - start)
    return direct, pressed


async def idle_press_times(presses: int = 10) -> list[float]:
    """Seconds per ``pilot.press`` of an unbound key on the baseline app: the pilot's own cost."""
    times: list[float] = []
    async with BaselineApp("x").run_test(size=SIZE) as pilot:
        for _ in range(presses):
            start = time.perf_counter()
            await pilot.press("z")
            times.append(time.perf_counter() - start)
    return times


async def exercise(mode: str, text: str) -> None:
    """What a child process does: the article on the big document, or the baseline."""
    if mode == "baseline":
        async with BaselineApp(text[:4000]).run_test(size=SIZE) as pilot:
            await pilot.pause()
        return
    app = ArticleApp(text)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(TimedArticle)
        while not view.layout_complete:
            await pilot.pause(0.05)
        for _ in range(20):
            await pilot.press("pagedown")
        await pilot.press("G")
        view.find("the")
        await pilot.pause()


def run_child(mode: str) -> tuple[float, str]:
    """(seconds from spawn to the child's first output line, its last line)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, __file__, "--child", mode], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    elapsed = time.perf_counter() - start
    rest = process.stdout.read()
    process.wait()
    return elapsed, (rest or first).strip().splitlines()[-1]


def child(mode: str) -> None:
    """Entry point of a child process."""
    asyncio.run(exercise(mode, BIG_PATH.read_text(encoding="utf-8")))
    print(peak_rss_mb())


def peak_rss_mb() -> float:
    """This process's peak RSS in MB.

    ``VmHWM`` where Linux has it: ``ru_maxrss`` also counts the parent's memory at fork.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def median_ms(values: list[float]) -> float:
    """Median of seconds, in milliseconds."""
    return statistics.median(values) * 1000


def in_process_paints(runs: int, sample: str, big: str) -> dict[str, list[float]]:
    """First-paint seconds per app, interleaved so load spikes hit every app alike."""
    screens = {"sample": first_screen_of(sample), "big": first_screen_of(big)}
    paragraphs = {"sample": paragraph_spans(sample), "big": paragraph_spans(big)}
    paints: dict[str, list[float]] = {k: [] for k in ("base-s", "sample", "base-b", "big")}
    for _ in range(runs):
        for key, name in (("base-s", "sample"), ("base-b", "big")):
            app = BaselineApp(screens[name])
            paints[key].append(asyncio.run(first_paint(app, TimedStatic)))
        for name, text in (("sample", sample), ("big", big)):
            article = ArticleApp(text, paragraphs[name])
            paints[name].append(asyncio.run(first_paint(article, TimedArticle)))
    return paints


def paint_rows(runs: int, sample: str, big: str) -> list[tuple[str, str]]:
    """First-paint rows of the table (from run_test entry)."""
    paints = in_process_paints(runs, sample, big)
    start = time.perf_counter()
    paragraph_spans(big)
    spans_ms = (time.perf_counter() - start) * 1000
    ratio = statistics.median(paints["big"]) / statistics.median(paints["base-b"])
    size_ratio = statistics.median(paints["big"]) / statistics.median(paints["sample"])
    ms = {
        key: f"{median_ms(values):.1f} ms (min {min(values) * 1000:.1f})"
        for key, values in paints.items()
    }
    return [
        ("first paint, Static baseline (sample's first screen)", ms["base-s"]),
        ("first paint, ArticleView, sample", ms["sample"]),
        ("first paint, Static baseline (500k's first screen)", ms["base-b"]),
        ("first paint, ArticleView, 500k words", ms["big"]),
        ("ratio ArticleView 500k / Static baseline (run_test entry)", f"{ratio:.2f}x"),
        ("ratio ArticleView 500k / ArticleView sample", f"{size_ratio:.2f}x"),
        ("paragraph_spans on 500k words (the screen's job, not timed above)", f"{spans_ms:.1f} ms"),
    ]


def main() -> None:
    """Run everything and print the markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--child")
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    sample = normalise(SAMPLE.read_text(encoding="utf-8"))
    big = big_document()
    BIG_PATH.write_text(big, encoding="utf-8")
    rows = [("big document", f"{word_count(big):,} words, {len(big):,} characters")]
    rows += paint_rows(args.runs, sample, big)
    direct_big, pressed_big = asyncio.run(page_down_times(big))
    direct_sample, _ = asyncio.run(page_down_times(sample, pages=2))
    idle_press = asyncio.run(idle_press_times())
    rows += [
        ("page-down repaint, 500k (sync, median / max of 10)",
         f"{median_ms(direct_big):.1f} / {max(direct_big) * 1000:.1f} ms"),
        ("page-down repaint, sample (sync, median of 2)", f"{median_ms(direct_sample):.1f} ms"),
        ("page-down via pilot.press, 500k (median of 10, incl. pilot wait)",
         f"{median_ms(pressed_big):.1f} ms"),
        ("pilot.press of an unbound key, baseline app (the pilot's own wait)",
         f"{median_ms(idle_press):.1f} ms"),
        ("peak RSS, 500k words (child: layout, 20 pages, G, find)",
         f"{float(run_child('big')[1]):.0f} MB"),
        ("peak RSS, baseline app (child, same big text in memory)",
         f"{float(run_child('baseline')[1]):.0f} MB"),
    ]  # fmt: skip
    print(f"| measure ({args.runs} runs, {SIZE[0]}x{SIZE[1]}, headless run_test) | value |")
    print("|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()
