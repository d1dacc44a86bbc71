"""EPUB and PDF files generated for the tests (ebooklib and fpdf2): nothing binary is checked in.

The PDF is laid out like a paper: a running header and a page number on every page, two
columns, and words hyphenated at line ends; a scan-like PDF holds only an image.
"""

from __future__ import annotations

import datetime
from pathlib import Path

HEADER = "Journal of Careful Reading, vol. 3"
COLUMN_WORDS = 45


def column_text(page: int, column: int) -> str:
    """Distinct words for each column, so the reading order can be checked word by word."""
    return " ".join(f"p{page}c{column}w{index}" for index in range(COLUMN_WORDS))


def make_pdf(path: Path, pages: int = 3, title: str = "A Study of Columns") -> Path:
    """A two-column paper: header and page number on each page; 'hyphen-' + 'ation' breaks."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(False)
    pdf.set_title(title)
    pdf.set_author("Ada Lovelace")
    pdf.set_creation_date(datetime.datetime(2021, 4, 5, tzinfo=datetime.UTC))
    for page in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=9)
        pdf.set_xy(10, 8)
        pdf.cell(0, 5, HEADER)
        pdf.set_font("Helvetica", size=11)
        for column, x in enumerate((10, 110)):
            pdf.set_xy(x, 30)
            pdf.multi_cell(90, 6, column_text(page, column) + " hyphen-")
            pdf.set_x(x)
            pdf.multi_cell(90, 6, f"ation ends column {column} of page {page}.")
        pdf.set_font("Helvetica", size=9)
        pdf.set_xy(100, 285)
        pdf.cell(10, 5, str(page))
    pdf.output(str(path))
    return path


def make_scanned_pdf(path: Path, image: Path) -> Path:
    """A PDF whose only content is an image: no text layer, as a scan without OCR."""
    from fpdf import FPDF

    _write_png(image)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(str(image), x=10, y=10, w=100)
    pdf.output(str(path))
    return path


def _write_png(path: Path) -> None:
    """A tiny grey PNG written by hand (no imaging library needed)."""
    import struct
    import zlib

    width = height = 8
    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw))
    path.write_bytes(png + chunk(b"IEND", b""))


def make_epub(path: Path, chapters: int = 3) -> Path:
    """A book: chapters with headings (chapter 2 titled only in the contents), an image and
    a footnote in each, and a navigation document that is not text."""
    from ebooklib import epub

    book = epub.EpubBook()
    book.set_identifier("reader-test-book")
    book.set_title("The Long Book")
    book.set_language("en")
    book.add_author("Mary Shelley")
    book.add_metadata("DC", "date", "1818-01-01")
    book.add_metadata("DC", "publisher", "Lackington")
    items = []
    for number in range(1, chapters + 1):
        item = epub.EpubHtml(title=f"Chapter {number}", file_name=f"ch{number}.xhtml", lang="en")
        heading = "" if number == 2 else f"<h1>Chapter {number}</h1>"
        item.content = (
            '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">'
            f"<body>{heading}"
            f'<p>Opening of chapter {number}<a epub:type="noteref" href="#n{number}">{number}</a>'
            " goes on.</p>"
            f'<img src="figure{number}.png" alt="Figure {number}"/>'
            f'<aside epub:type="footnote" id="n{number}"><p>Footnote of chapter {number}.</p>'
            f"</aside><p>Closing of chapter {number}.</p></body></html>"
        )
        book.add_item(item)
        items.append(item)
    book.toc = items
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = ["nav", *items]
    epub.write_epub(str(path), book)
    return path
