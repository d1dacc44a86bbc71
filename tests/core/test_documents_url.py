"""load_source on http URLs, against a real HTTP server on 127.0.0.1 in a background thread."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from reader.core.documents import load_source
from reader.core.sources.fetch import fetch_url
from reader.errors import SourceError
from tests.core.test_documents import ARTICLE_HTML

PLAIN = "Plain text served over HTTP to the reader.\nSecond line of it.\n"
# path -> (status, content type or None for no header, body)
PAGES: dict[str, tuple[int, str | None, bytes]] = {
    "/article.html": (200, "text/html; charset=utf-8", ARTICLE_HTML.encode()),
    "/plain.txt": (200, "text/plain; charset=utf-8", PLAIN.encode()),
    "/latin1.txt": (
        200,
        "text/plain; charset=iso-8859-1",
        "Un café près du port.\n".encode("latin-1"),
    ),
    "/untyped": (200, None, ARTICLE_HTML.encode()),
    "/notes.md": (
        200,
        "text/markdown",
        b"# Notes from *Munich*\n\nThe [talks](http://x.org) ended.\n",
    ),
    "/empty.html": (
        200,
        "text/html",
        b"<html><head><title>Nothing</title></head><body></body></html>",
    ),
    "/blank.txt": (200, "text/plain", b"  \n"),
    "/image.png": (200, "image/png", b"\x89PNG\r\n\x1a\n"),
}
SLOW_SECONDS = 3.0


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/slow":
            time.sleep(SLOW_SECONDS)
        if self.path == "/trickle":
            self._trickle()
            return
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/plain.txt")
            self.end_headers()
            return
        status, content_type, body = PAGES.get(self.path, (404, "text/html", b"<p>Not found</p>"))
        try:
            self.send_response(status)
            if content_type is not None:
                self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass  # a client that timed out has gone

    def _trickle(self) -> None:
        """Headers at once, then a byte every 0.2 s: each read is quick, the whole is not."""
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        try:
            for _ in range(int(SLOW_SECONDS / 0.2)):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass  # the client gave up, as the test wants

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _refused(url: str, *expected: str, timeout: float = 5.0) -> str:
    with pytest.raises(SourceError) as caught:
        load_source(url, timeout=timeout)
    message = str(caught.value)
    assert "\n" not in message and url in message
    for part in expected:
        assert part in message, (part, message)
    return message


def test_an_html_article_is_extracted(base_url: str) -> None:
    url = f"{base_url}/article.html"
    loaded = load_source(url)
    assert (loaded.source, loaded.kind) == (url, "url")
    assert loaded.title == "Blinken meets Wang in Munich"
    assert "Wang Yi on Saturday" in loaded.text and "<p>" not in loaded.text
    assert "Copyright" not in loaded.text


def test_a_plain_text_page_is_used_as_text(base_url: str) -> None:
    loaded = load_source(f"{base_url}/plain.txt")
    assert loaded.text == PLAIN
    assert loaded.title == "Plain text served over HTTP to the reader."
    assert loaded.kind == "url" and loaded.words == 12


def test_the_declared_charset_decodes_the_body(base_url: str) -> None:
    loaded = load_source(f"{base_url}/latin1.txt")
    assert loaded.text == "Un café près du port.\n"
    assert loaded.warnings == ()


def test_a_page_without_content_type_is_sniffed(base_url: str) -> None:
    loaded = load_source(f"{base_url}/untyped")
    assert loaded.title == "Blinken meets Wang in Munich" and "<html>" not in loaded.text


def test_a_markdown_page_is_rendered(base_url: str) -> None:
    loaded = load_source(f"{base_url}/notes.md")
    assert loaded.text == "Notes from Munich\n\nThe talks ended.\n"
    assert loaded.title == "Notes from Munich"


def test_a_redirect_is_followed_and_the_source_is_the_url_given(base_url: str) -> None:
    url = f"{base_url}/redirect"
    loaded = load_source(url)
    assert loaded.source == url and loaded.text == PLAIN


def test_http_404(base_url: str) -> None:
    _refused(f"{base_url}/missing", "cannot fetch URL", "HTTP 404")


def test_an_unreachable_url() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Nothing listens on the port any more.
    _refused(f"http://127.0.0.1:{port}/story", "cannot fetch URL", "connection refused")


def test_a_slow_server_times_out(base_url: str) -> None:
    started = time.perf_counter()
    _refused(f"{base_url}/slow", "cannot fetch URL", "timed out after 0.5 s", timeout=0.5)
    assert time.perf_counter() - started < SLOW_SECONDS - 1


def test_a_trickling_body_cannot_outlast_the_timeout(base_url: str) -> None:
    started = time.perf_counter()
    _refused(f"{base_url}/trickle", "timed out after 0.6 s", timeout=0.6)
    # Each byte arrives within the timeout: only the overall deadline stops the fetch.
    assert time.perf_counter() - started < SLOW_SECONDS - 1


def test_an_html_page_with_no_text(base_url: str) -> None:
    _refused(f"{base_url}/empty.html", "has no readable text")


def test_an_empty_text_page(base_url: str) -> None:
    _refused(f"{base_url}/blank.txt", "is empty")


def test_a_non_text_content_type(base_url: str) -> None:
    _refused(f"{base_url}/image.png", "unsupported content type 'image/png'")


@pytest.mark.parametrize("url", ["http://", "http://[::1/story"])
def test_a_malformed_http_url(url: str) -> None:
    _refused(url, "cannot fetch URL")


def test_a_response_declared_too_large_is_refused_before_reading(base_url: str) -> None:
    assert len(PLAIN.encode()) == 62
    with pytest.raises(SourceError, match=r"too large \(62 bytes\)"):
        fetch_url(f"{base_url}/plain.txt", limit=10)


def test_a_streamed_response_is_cut_off_at_the_limit(base_url: str) -> None:
    # The trickle sends no Content-Length: only counting the bytes read can stop it.
    with pytest.raises(SourceError, match=r"too large \(over 3 bytes\)"):
        fetch_url(f"{base_url}/trickle", timeout=5, limit=3)
