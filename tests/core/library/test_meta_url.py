"""Metadata and books from URLs (a local HTTP server), and the new document fields through a
native export and import."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from reader.core.documents import load_source
from reader.core.service import ReaderService
from reader.core.service.library import DocumentEdit
from tests.book_fixtures import make_pdf
from tests.core.library.test_meta import META_TAGS

PAGES: dict[str, tuple[str, bytes]] = {}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        content_type, body = PAGES[self.path]
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    pdf = make_pdf(tmp_path_factory.mktemp("served") / "paper.pdf")
    PAGES["/budget"] = ("text/html; charset=utf-8", META_TAGS.encode())
    PAGES["/paper"] = ("application/pdf", pdf.read_bytes())
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_url_keeps_its_metadata(base_url: str) -> None:
    service = ReaderService.open()
    document = service.open_document(f"{base_url}/budget").document
    assert (document.author, document.published, document.site) == (
        "Jane Doe",
        "2024-03-05",
        "The Town Crier",
    )
    assert document.url == "https://crier.example/budget-night"


def test_a_pdf_url_is_read_as_a_pdf(base_url: str) -> None:
    loaded = load_source(f"{base_url}/paper")
    assert loaded.kind == "url" and len(loaded.pages) == 3
    assert loaded.meta.author == "Ada Lovelace"


def test_document_fields_survive_a_native_export_and_import(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("The minister said the talks were long.\n", encoding="utf-8")
    first = ReaderService.open()
    annotation = first.annotate_quote(str(source), "talks")
    edit = DocumentEdit(author="Jane Doe", note="mine", add_tags=("x",), state="done")
    first.edit_document(annotation.document_id, edit)
    exported = tmp_path / "out.json"
    exported.write_text(first.export_text("json", with_text=True), encoding="utf-8")
    (tmp_path / "other").mkdir()
    other = ReaderService.open(tmp_path / "other" / "annotations.json")
    other.import_file(exported)
    document = other.get_document(annotation.document_id)
    assert (document.author, document.note, document.tags, document.state.value) == (
        "Jane Doe",
        "mine",
        ("x",),
        "done",
    )
