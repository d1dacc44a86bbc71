"""Loading documents from files, URLs and stdin: read, decode, extract, normalise.

``load_source`` is the only entry point. Whatever the source, the text it returns went through
``reader.core.text.normalise`` exactly once, and every offset in the project refers to it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.models import LoadedText
from reader.core.sources.decoding import (
    MAX_SOURCE_BYTES,
    decode_text,
    display_name,
    looks_like_html,
    read_file_bytes,
    read_limited,
)
from reader.core.sources.extracted import Extracted
from reader.core.sources.streams import fifo_timeout, is_stream_path, read_stream_path
from reader.core.sources.titles import shorten_title, title_from_text
from reader.core.text import is_blank, normalise
from reader.errors import SourceError

if TYPE_CHECKING:
    from reader.core.sources.fetch import Fetched

STDIN = "-"
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_URL_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://")
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_MARKDOWN_TYPES = frozenset({"text/markdown", "text/x-markdown"})
_SNIFFED_TYPES = frozenset({"", "application/octet-stream", "text/xml", "application/xml"})


def load_source(source: str, *, timeout: float | None = None) -> LoadedText:
    """Read ``source`` (a path, an http(s) URL, or ``-`` for stdin), extract and normalise it.

    ``file://`` URLs are read as the local path they name; ``timeout`` bounds a URL fetch in
    seconds. Raises ``SourceError`` with a one-line message for anything unusable.
    """
    if not source.strip():
        raise SourceError("no source given: expected a file path, an http(s) URL or '-'")
    if source == STDIN:
        return _load_stdin()
    match = _URL_SCHEME.match(source)
    if match is None:
        return _load_path(Path(source).expanduser().absolute())
    scheme = match.group(1).lower()
    if scheme in ("http", "https"):
        # Fetching (sockets, threads, urllib) is imported only for a URL: a local file's
        # start, the common one, never needs it.
        from reader.core.sources.fetch import fetch_timeout

        return _load_url(source, fetch_timeout() if timeout is None else timeout)
    if scheme == "file":
        return _load_path(_file_url_path(source))
    raise SourceError(
        f"unsupported URL scheme '{scheme}' in {display_name(source)}: "
        "use a file path, an http(s) URL or '-'"
    )


def _load_path(path: Path) -> LoadedText:
    name = display_name(str(path))
    if is_stream_path(path):  # /dev/fd/63, a pipe, a FIFO: content-addressed like stdin
        data = read_stream_path(path, name, MAX_SOURCE_BYTES, fifo_timeout())
        raw, warnings = decode_text(data, name)
        content = "html" if looks_like_html(raw) else "text"
        return _finish(STDIN, name, raw, content, "stdin", warnings)
    data = read_file_bytes(path, name)
    book = _load_book(str(path), name, data, "path", path.suffix.lower())
    if book is not None:
        return book
    raw, warnings = decode_text(data, name)
    suffix = path.suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        kind = "markdown"
    elif suffix in HTML_SUFFIXES or looks_like_html(raw):
        kind = "html"
    else:
        kind = "text"
    return _finish(str(path), name, raw, kind, kind, warnings)


def _load_stdin() -> LoadedText:
    name = "standard input"
    stream = sys.stdin
    if stream is None:
        raise SourceError("cannot read standard input: it is closed")
    data = read_limited(stream.buffer, name)
    book = _load_book(STDIN, name, data, "stdin", "")
    if book is not None:
        return book
    raw, warnings = decode_text(data, name)
    content = "html" if looks_like_html(raw) else "text"
    return _finish(STDIN, name, raw, content, "stdin", warnings)


def _load_book(source: str, name: str, data: bytes, kind: str, suffix: str) -> LoadedText | None:
    """A PDF or EPUB (told by its first bytes, or its suffix), else None: a text source.

    ``kind`` is the loader's kind for a URL or stdin; a file is kind ``pdf`` or ``epub``.
    """
    from reader.core.sources.sniff import is_epub, is_pdf

    if is_pdf(data) or suffix == ".pdf":
        from reader.core.sources.pdf import pdf_to_text

        extracted = pdf_to_text(data, name)
        book_kind = "pdf"
    elif is_epub(data) or suffix == ".epub":
        from reader.core.sources.epub import epub_to_text

        extracted = epub_to_text(data, name)
        book_kind = "epub"
    else:
        return None
    return _finished(source, name, extracted, book_kind if kind == "path" else kind, ())


def _load_url(url: str, timeout: float) -> LoadedText:
    from reader.core.sources.fetch import fetch_url

    name = display_name(url)
    fetched = fetch_url(url, timeout=timeout)
    media = fetched.content_type
    book = _load_book(url, name, fetched.data, "url", "")
    if book is not None:
        return book
    if not (media.startswith("text/") or media in _HTML_TYPES or media in _SNIFFED_TYPES):
        raise SourceError(f"cannot read {name}: unsupported content type '{media}'")
    raw, warnings = _decode_response(fetched, name)
    if media in _HTML_TYPES:
        content = "html"
    elif media in _MARKDOWN_TYPES:
        content = "markdown"
    else:
        content = "html" if looks_like_html(raw) else "text"
    return _finish(url, name, raw, content, "url", warnings, url=url)


def _decode_response(fetched: Fetched, name: str) -> tuple[str, tuple[str, ...]]:
    """Decode a response body by its declared charset, else as UTF-8 like a file."""
    charset = (fetched.charset or "utf-8").lower()
    if charset in ("utf-8", "utf8", "us-ascii", "ascii"):
        return decode_text(fetched.data, name)
    try:
        text = fetched.data.decode(charset, errors="replace")
    except LookupError:
        return decode_text(fetched.data, name)
    # Decoding a legacy charset never fails, so the binary checks run on the result.
    return decode_text(text.encode("utf-8"), name)


def _finish(
    source: str,
    name: str,
    raw: str,
    content: str,
    kind: str,
    warnings: tuple[str, ...],
    url: str | None = None,
) -> LoadedText:
    """Extract ``raw`` by its ``content`` format, normalise once, and title the result."""
    if is_blank(raw):
        raise SourceError(f"{name} is empty")
    extracted = _extract(raw, content, name, url)
    return _finished(source, name, extracted, kind, warnings)


def _finished(
    source: str, name: str, extracted: Extracted, kind: str, warnings: tuple[str, ...]
) -> LoadedText:
    """Normalise extracted text once, title it, and keep its metadata and page starts."""
    text = normalise(extracted.text)
    if is_blank(text):
        raise SourceError(f"{name} has no readable text")
    declared = " ".join(normalise(extracted.title).split()) if extracted.title else ""
    # Extractors hand in NFC text, so page offsets survive normalising; if a text still
    # changed length they would point elsewhere, and are dropped.
    pages = extracted.pages if len(text) == len(extracted.text) else ()
    return LoadedText(
        source=source,
        text=text,
        title=shorten_title(declared) if declared else title_from_text(text),
        kind=kind,
        warnings=warnings,
        meta=extracted.meta,
        pages=pages,
    )


def _extract(raw: str, content: str, name: str, url: str | None) -> Extracted:
    if content == "markdown":
        from reader.core.sources.markdown import markdown_to_text

        return markdown_to_text(raw.removeprefix("\ufeff"))
    if content == "html":
        from reader.core.sources.html import html_to_text

        return html_to_text(raw.removeprefix("\ufeff"), name, url=url)
    return Extracted(text=raw)


def _file_url_path(url: str) -> Path:
    """The local path a ``file://`` URL names (only local files: no host part)."""
    import urllib.parse
    import urllib.request

    parsed = urllib.parse.urlsplit(url)
    if parsed.netloc not in ("", "localhost"):
        raise SourceError(f"cannot read {display_name(url)}: file URLs must name a local file")
    return Path(urllib.request.url2pathname(parsed.path)).absolute()
