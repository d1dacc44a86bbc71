"""Telling books from text by their first bytes, without importing the book readers."""

from __future__ import annotations

PDF_MAGIC = b"%PDF-"
EPUB_MEDIA_TYPE = b"application/epub+zip"


def is_pdf(data: bytes) -> bool:
    """Whether ``data`` starts like a PDF (some writers put a few bytes before the header)."""
    return PDF_MAGIC in data[:1024]


def is_epub(data: bytes) -> bool:
    """A zip whose first entry is ``mimetype`` holding ``application/epub+zip``."""
    return data[:4] == b"PK\x03\x04" and EPUB_MEDIA_TYPE in data[30:100]
