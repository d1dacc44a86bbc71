"""Books and papers: opening and painting a 500-page PDF and a 60-chapter EPUB, against the
same words as a plain text file, measured on the real ``reader`` in the same run.

Run: ``.venv/bin/python bench/book_bench.py [--runs 3] [--pages 500]``. Needs fpdf2 and
ebooklib (the dev extra) to make the books, and tmux for the paint row.

* **open** (``reader show --json SOURCE`` as a process, store already holding the document):
  reading the source, extracting its text and checking it against the store; median wall time.
* **first paint** (``reader SOURCE`` in a 100x40 tmux session, from spawning the process to the
  first words of the text on screen), with the analysis already cached so both paint the same
  way. The baseline is the same words in a ``.txt`` file.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.book_fixtures import column_text  # noqa: E402

READER = [sys.executable, "-m", "reader"]


def make_books(folder: Path, pages: int) -> dict[str, Path]:
    """A two-column PDF of ``pages`` pages, an EPUB and a text file with the same words."""
    from ebooklib import epub
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(False)
    pdf.set_title("Bench Book")
    columns: list[str] = []
    for page in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=9)
        pdf.set_xy(10, 8)
        pdf.cell(0, 5, "Bench Journal")
        pdf.set_font("Helvetica", size=10)
        for column, x in enumerate((10, 110)):
            text = " ".join([column_text(page, column)] * 4) + "."
            columns.append(text)
            pdf.set_xy(x, 20)
            pdf.multi_cell(90, 5, text)
        pdf.set_xy(100, 285)
        pdf.cell(10, 5, str(page))
    pdf.output(str(folder / "book.pdf"))
    (folder / "book.txt").write_text("\n\n".join(columns) + "\n", encoding="utf-8")
    book = epub.EpubBook()
    book.set_identifier("bench")
    book.set_title("Bench Book")
    chapters = []
    per_chapter = max(1, len(columns) // 60)
    for number, start in enumerate(range(0, len(columns), per_chapter), start=1):
        item = epub.EpubHtml(title=f"Chapter {number}", file_name=f"c{number}.xhtml")
        body = "".join(f"<p>{text}</p>" for text in columns[start : start + per_chapter])
        item.content = f"<html><body><h1>Chapter {number}</h1>{body}</body></html>"
        book.add_item(item)
        chapters.append(item)
    book.toc = chapters
    book.spine = chapters
    book.add_item(epub.EpubNcx())
    epub.write_epub(str(folder / "book.epub"), book)
    return {kind: folder / f"book.{kind}" for kind in ("txt", "pdf", "epub")}


def timed_show(path: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([*READER, "show", "--json", str(path)], env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def tmux_paint(path: Path, env: dict[str, str], needle: str) -> float | None:
    """Seconds from spawning ``reader PATH`` in tmux to ``needle`` on screen."""
    if shutil.which("tmux") is None:
        return None
    session = f"book-bench-{os.getpid()}-{time.monotonic_ns()}"
    command = " ".join([*READER, str(path)])
    exports = " ".join(f"{k}={v}" for k, v in env.items() if k.startswith(("READER_", "PYTHON")))
    new = ["tmux", "new-session", "-d", "-s", session, "-x", "100", "-y", "40"]
    for _attempt in range(5):
        started = time.perf_counter()
        # A tmux server shutting down after the last session refuses a new one for a moment.
        if subprocess.run([*new, f"{exports} {command}"], capture_output=True).returncode == 0:
            break
        time.sleep(0.2)
    else:
        return None
    try:
        while time.perf_counter() - started < 60:
            screen = subprocess.run(
                ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True
            ).stdout
            if needle in screen:
                return time.perf_counter() - started
            time.sleep(0.01)
        return None
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def prime(path: Path, env: dict[str, str]) -> None:
    """File the document and cache an empty analysis so the TUI starts no spaCy child."""
    code = (
        "import sys; from reader.core.service import ReaderService;"
        "from reader.core.analysis.pipeline import model_info_without_loading;"
        "from reader.core.analysis.results import Analysis;"
        "s = ReaderService.open(); d = s.open_document(sys.argv[1]).document;"
        "s.analysis_cache.store(Analysis(sha256=d.sha256, model=model_info_without_loading(None),"
        " entities=(), entity_index=(), quotes=()), model_info_without_loading(None))"
    )
    subprocess.run([sys.executable, "-c", code, str(path)], env=env, check=True)


def fresh_env(folder: Path, run: str) -> dict[str, str]:
    """An empty store, cache and config for one measurement."""
    base = folder / run
    (base / "store").mkdir(parents=True)
    return {
        **os.environ,
        "READER_DB": str(base / "store" / "annotations.json"),
        "READER_CACHE_DIR": str(base / "cache"),
        "READER_CONFIG_DIR": str(base / "config"),
        "PYTHONPATH": str(ROOT),
    }


def ms(value: float, baseline: float) -> str:
    return f"{value * 1000:.0f} ms ({value / baseline:.2f}x)"


def measure(kind: str, path: Path, folder: Path, runs: int) -> tuple[float, float, float | None]:
    """Medians: first open (extraction), re-open (unchanged file), first paint in tmux."""
    first, again, paints = [], [], []
    for run in range(runs):
        env = fresh_env(folder, f"{kind}-{run}")
        first.append(timed_show(path, env))
        again.append(timed_show(path, env))
        prime(path, env)
        paints.append(tmux_paint(path, env, "p1c0w1 "))
    shown = [p for p in paints if p is not None]
    paint = statistics.median(shown) if shown else None
    return statistics.median(first), statistics.median(again), paint


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        books = make_books(folder, args.pages)
        words = len(books["txt"].read_text("utf-8").split())
        results = {kind: measure(kind, books[kind], folder, args.runs) for kind in books}
    base = results["txt"]
    print(f"{args.pages} pages, {words:,} words; medians of {args.runs} runs\n")
    print("| source | first open | re-open | first paint in tmux (re-open) |")
    print("|---|---|---|---|")
    for kind, (first, again, paint) in results.items():
        painted = ms(paint, base[2]) if paint is not None and base[2] else "n/a"
        print(f"| {kind} | {ms(first, base[0])} | {ms(again, base[1])} | {painted} |")


if __name__ == "__main__":
    main()
