"""PDF to reading text with PDFium (``pypdfium2``): reading order, pages, title and author.

Each page's text runs are put in reading order by ``pdf_layout`` (columns, paragraphs);
running headers, footers and page numbers are dropped, hyphenated line ends mended, and the
offset where each page starts is kept (the status line shows the page). A PDF without a text
layer (a scan) is refused: the reader has no OCR.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING, Any

from reader.core.sources.extracted import Extracted
from reader.core.sources.pdf_layout import (
    Line,
    Run,
    TextBuilder,
    body_lines,
    page_lines,
    running_keys,
)
from reader.errors import SourceError

if TYPE_CHECKING:
    import pypdfium2


def pdf_to_text(data: bytes, name: str) -> Extracted:
    """The text of a PDF in reading order, its page starts, title and author."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        reason = "it is encrypted" if "password" in str(error).lower() else str(error)
        raise SourceError(f"cannot read {name} as a PDF: {reason}") from None
    try:
        pages = [_page(document, index) for index in range(len(document))]
        info = document.get_metadata_dict(skip_empty=True)
    finally:
        document.close()
    running = running_keys(pages)
    builder = TextBuilder()
    for lines, height in pages:
        builder.start_page()
        for line in body_lines(lines, height, running):
            builder.add(line)
    if not builder.parts:
        raise SourceError(
            f"{name} has no text layer (a scanned PDF?): reader cannot read images of text; "
            "make it searchable with OCR first (e.g. ocrmypdf)"
        )
    return Extracted(
        text=builder.text(),
        title=(info.get("Title") or "").strip() or None,
        meta=_meta(info),
        pages=tuple(builder.page_starts),
    )


def _page(document: pypdfium2.PdfDocument, index: int) -> tuple[list[Line], float]:
    """One page's lines in reading order, and its height (to find the margins)."""
    page = document[index]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            runs = _runs(textpage)
        finally:
            textpage.close()
    finally:
        page.close()
    return page_lines(runs, width), height


def _runs(textpage: pypdfium2.PdfTextPage) -> list[Run]:
    """The page's text runs with their boxes.

    PDFium lists the runs ("rects") in text order, so each run's text is the page text from
    the character at its left edge to the next run's: one pass over the text, where asking
    for each box's text searches every character of the page again. Should the starts not
    line up (a run whose first character cannot be found), each box is asked instead.
    """
    import pypdfium2.raw as pdfium_c

    boxes: list[tuple[float, float, float, float]] = [
        textpage.get_rect(number) for number in range(textpage.count_rects())
    ]
    if not boxes:
        return []
    full = textpage.get_text_range()
    starts = [
        pdfium_c.FPDFText_GetCharIndexAtPos(textpage, left + 0.5, (bottom + top) / 2, 1.0, 1.0)
        for left, bottom, _right, top in boxes
    ]
    in_order = all(a < b for a, b in pairwise(starts))
    if starts[0] < 0 or not in_order or len(full) != textpage.count_chars():
        return [Run(*box, text=textpage.get_text_bounded(*box)) for box in boxes]
    ends = [*starts[1:], len(full)]
    return [Run(*box, text=full[a:b]) for box, a, b in zip(boxes, starts, ends, strict=True)]


def _meta(info: dict[str, Any]) -> Any:
    from reader.core.library.meta import meta_from_values

    keywords = str(info.get("Keywords") or "")
    return meta_from_values(
        {
            "author": info.get("Author") or "",
            "published": info.get("CreationDate") or "",
            "description": info.get("Subject") or "",
            "tags": [tag.strip() for tag in keywords.split(",") if tag.strip()],
        }
    )
