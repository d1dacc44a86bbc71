"""Reading order for PDF pages: from positioned runs of text to lines, columns and paragraphs.

Pure geometry, no PDF library: ``reader.core.sources.pdf`` hands in each page's text runs
(PDFium's "rects": one run of text on one line) in PDF points, origin at the bottom left.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

MARGIN_FRACTION = 0.09
"""Lines this close to the top or bottom edge (as a fraction of the height) may be running
headers, footers or page numbers."""
REPEATED_FRACTION = 0.4
"""A margin line (digits aside) on at least this fraction of the pages is a running one."""
_PAGE_NUMBER = re.compile(
    r"^(?:(?:page|p\.|seite)\s*)?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s*(?:of|/|von)\s*\d{1,4})?$", re.I
)
_DIGITS = re.compile(r"\d+")
_SENTENCE_END = re.compile(r"[.!?:;…][\"'”’)\]]*$")
_CONTROLS = re.compile("[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Run:
    """A run of text on one line: its box (left, bottom, right, top) and its text."""

    left: float
    bottom: float
    right: float
    top: float
    text: str


@dataclass(frozen=True)
class Line:
    """One line of a page in reading order; ``brk`` says a paragraph starts with it."""

    text: str
    top: float
    bottom: float
    brk: bool = False
    first: bool = False
    """The first line of a column (or of a block of lines)."""


def clean(text: str) -> str:
    """A run's text in NFC, soft hyphens as ``-`` and other controls as spaces.

    PDFium marks a hyphen it found at a line end as ``\x02`` (in a box's text) or
    ``\ufffe`` (in the page's text).
    """
    text = text.replace("\x02", "-").replace("\ufffe", "-").replace("\u00ad", "-")
    return unicodedata.normalize("NFC", _CONTROLS.sub(" ", text))


def page_lines(runs: Sequence[Run], width: float) -> list[Line]:
    """The lines of one page in reading order: column by column, top to bottom."""
    runs = [run for run in runs if run.text.strip()]
    if not runs:
        return []
    gutter = _gutter(runs, width)
    ordered: list[Line] = []
    if gutter is None:
        return _paragraphs(_lines(runs))
    band: list[Run] = []
    after_full = False
    for run in sorted(runs, key=lambda r: -r.top):
        if run.left < gutter < run.right:  # full width: a title or a figure caption
            ordered.extend(_band_lines(band, gutter, after_full))
            band = []
            ordered.extend(_as_paragraph(line) for line in _lines([run]))
            after_full = True
        else:
            band.append(run)
    ordered.extend(_band_lines(band, gutter, after_full))
    return ordered


def _as_paragraph(line: Line) -> Line:
    return Line(line.text, line.top, line.bottom, brk=True, first=True)


def _band_lines(band: list[Run], gutter: float, after_full: bool) -> list[Line]:
    """The left column of a band of the page, then its right column."""
    left = _paragraphs(_lines([run for run in band if run.right <= gutter]))
    right = _paragraphs(_lines([run for run in band if run.left >= gutter]))
    lines = left + right
    if after_full and lines:
        lines[0] = _as_paragraph(lines[0])
    return lines


def _gutter(runs: Sequence[Run], width: float) -> float | None:
    """An x between two columns that few runs cross, with several runs on each side."""
    best: tuple[int, float] | None = None
    steps = 40
    for step in range(steps + 1):
        x = width * (0.3 + 0.4 * step / steps)
        crossing = sum(run.left < x < run.right for run in runs)
        if best is None or crossing < best[0]:
            best = (crossing, x)
    if best is None:
        return None
    crossing, x = best
    left = sum(run.right <= x for run in runs)
    right = sum(run.left >= x for run in runs)
    if left >= 3 and right >= 3 and crossing <= 0.2 * len(runs):
        return x
    return None


def _lines(runs: Sequence[Run]) -> list[Line]:
    """Runs sharing a baseline become one line, left to right."""
    lines: list[list[Run]] = []
    for run in sorted(runs, key=lambda r: (-r.top, r.left)):
        if lines:
            last = lines[-1][0]
            middle = (run.top + run.bottom) / 2
            if last.bottom <= middle <= last.top:
                lines[-1].append(run)
                continue
        lines.append([run])
    result = []
    for members in lines:
        members.sort(key=lambda r: r.left)
        text = " ".join(" ".join(clean(r.text).split()) for r in members)
        result.append(Line(text, max(r.top for r in members), min(r.bottom for r in members)))
    return result


def _paragraphs(lines: list[Line]) -> list[Line]:
    """Mark the lines that start a paragraph: a gap well above the usual line spacing."""
    if not lines:
        return lines
    lines[0] = Line(lines[0].text, lines[0].top, lines[0].bottom, first=True)
    if len(lines) < 2:
        return lines
    gaps = [a.bottom - b.top for a, b in pairwise(lines)]
    usual = statistics.median(gaps)
    height = statistics.median(line.top - line.bottom for line in lines)
    marked = [lines[0]]
    for line, gap in zip(lines[1:], gaps, strict=True):
        brk = gap > usual + 0.5 * height or gap < -height
        marked.append(Line(line.text, line.top, line.bottom, brk))
    return marked


def running_keys(pages: Sequence[tuple[list[Line], float]]) -> set[str]:
    """Margin lines that repeat (digits aside) on many pages: running headers and footers."""
    counts: Counter[str] = Counter()
    for lines, height in pages:
        counts.update({_key(line) for line in lines if _in_margin(line, height)})
    needed = max(2, int(REPEATED_FRACTION * len(pages) + 0.999))
    return {key for key, count in counts.items() if count >= needed}


def _key(line: Line) -> str:
    return _DIGITS.sub("#", " ".join(line.text.lower().split()))


def _in_margin(line: Line, height: float) -> bool:
    return line.bottom > height * (1 - MARGIN_FRACTION) or line.top < height * MARGIN_FRACTION


def body_lines(lines: list[Line], height: float, running: set[str]) -> list[Line]:
    """``lines`` without running headers, footers and page numbers in the margins."""
    kept = []
    for line in lines:
        if _in_margin(line, height) and (
            _key(line) in running or _PAGE_NUMBER.match(line.text.strip())
        ):
            continue
        kept.append(line)
    return kept


class TextBuilder:
    """Joins lines into paragraphs, mending hyphenated line ends; notes where pages start.

    A line that opens a column or a page continues the paragraph before it unless that one
    ended a sentence: paragraphs run on across columns and pages.
    """

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.page_starts: list[int] = []
        self._waiting = 0
        """Trailing pages with no text yet: they start where the next text does."""

    def start_page(self) -> None:
        """The next text appended belongs to a new page."""
        self.page_starts.append(self.length)
        self._waiting += 1

    def add(self, line: Line) -> None:
        """Append a line: a new paragraph, or the continuation of the last one."""
        text = line.text.strip()
        if not text:
            return
        if self.parts:
            last = self.parts[-1]
            soft = line.first or self._waiting > 0
            if not line.brk and _hyphenated(last, text):
                self.parts[-1] = last[:-1]
                self.length -= 1
            elif line.brk or (soft and _SENTENCE_END.search(last) is not None):
                self._emit("\n\n")
            else:
                self._emit(" ")
        if self._waiting:
            # A hyphen mended above moved the text's end back: these pages start here.
            self.page_starts[-self._waiting :] = [self.length] * self._waiting
            self._waiting = 0
        self._emit(text)

    def _emit(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def text(self) -> str:
        """Everything appended, ending with a newline."""
        return "".join(self.parts) + "\n"


def _hyphenated(last: str, following: str) -> bool:
    """``exam-`` + ``ple``: a word broken at the line end (not ``well-`` + ``Known``)."""
    return (
        len(last) >= 2
        and last.endswith("-")
        and last[-2].isalpha()
        and following[:1].isalpha()
        and following[:1].islower()
    )
