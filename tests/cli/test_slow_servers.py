"""Case 8 (slow servers) and case 11's ftp redirect, against a local server.

One overall deadline covers connect, headers and body: a server sending its headers a byte a
second cannot hold ``reader show URL``. Redirects go to http(s) only. In the TUI the fetch
runs in a worker: the app stays responsive, Escape cancels, ctrl+q quits at once.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.service import ReaderService
from reader.core.sources.fetch import fetch_url
from reader.errors import SourceError
from reader.ui.app import build_app
from reader.ui.screens.library import LibraryScreen
from tests.cli.test_doc_cmds import run
from tests.ui.conftest import SIZE
from tests.ui.test_reading_screen_helpers import notices, settle

HEADERS = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 40\r\n\r\n"


@pytest.fixture
def service(db_path: Path) -> ReaderService:
    """The service facade over the test's temporary store."""
    return ReaderService.open(db_path)


@pytest.fixture
def server() -> Iterator[tuple[str, list[socket.socket]]]:
    """A local server: /slow sends its headers a byte a second; /ftp redirects to ftp://."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    stop = threading.Event()
    clients: list[socket.socket] = []

    def serve(client: socket.socket) -> None:
        request = client.recv(4096)
        try:
            if b"/ftp" in request.split(b"\r\n", 1)[0]:
                client.sendall(
                    b"HTTP/1.1 302 Found\r\nLocation: ftp://127.0.0.1/article.txt\r\n"
                    b"Content-Length: 0\r\n\r\n"
                )
                return
            for byte in HEADERS:
                if stop.wait(1.0):
                    return
                client.sendall(bytes([byte]))
        except OSError:
            return
        finally:
            client.close()

    def accept() -> None:
        while not stop.is_set():
            try:
                client, _ = listener.accept()
            except OSError:
                return
            clients.append(client)
            threading.Thread(target=serve, args=(client,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    port = listener.getsockname()[1]
    yield f"http://127.0.0.1:{port}", clients
    stop.set()
    listener.close()


def test_headers_at_one_byte_a_second_cannot_outlast_the_deadline(
    server: tuple[str, list[socket.socket]], monkeypatch: pytest.MonkeyPatch
) -> None:
    base, _ = server
    monkeypatch.setenv("READER_FETCH_TIMEOUT", "2")
    started = time.monotonic()
    done = run("show", f"{base}/slow")
    elapsed = time.monotonic() - started
    assert done.returncode == 2, done.stderr
    assert "timed out after 2 s" in done.stderr
    assert elapsed < 20  # generous: the deadline is 2 s, start-up is the rest


def test_the_deadline_covers_the_headers_in_process(
    server: tuple[str, list[socket.socket]],
) -> None:
    base, _ = server
    started = time.monotonic()
    with pytest.raises(SourceError, match=r"timed out after 1\.5 s"):
        fetch_url(f"{base}/slow", timeout=1.5)
    assert time.monotonic() - started < 6


def test_a_redirect_to_ftp_is_refused(server: tuple[str, list[socket.socket]]) -> None:
    base, _ = server
    done = run("show", f"{base}/ftp")
    assert done.returncode == 2
    assert "redirect to ftp:// was refused" in done.stderr


async def test_the_tui_fetches_in_a_worker_and_escape_cancels(
    service: ReaderService, server: tuple[str, list[socket.socket]]
) -> None:
    base, _ = server
    app = build_app(service)
    async with app.run_test(size=SIZE) as pilot:
        app.open_source(f"{base}/slow")
        await settle(pilot)
        assert any("Fetching" in note for note in notices(app))
        started = time.monotonic()
        await pilot.press("escape")
        await settle(pilot)
        for _ in range(50):  # the worker ends soon after the cancel
            if not [w for w in app.workers if w.is_running]:
                break
            await pilot.pause(0.05)
        assert time.monotonic() - started < 5
        assert any("Opening cancelled" in note for note in notices(app))
        assert isinstance(app.screen, LibraryScreen)
        assert app.is_running


async def test_ctrl_q_quits_during_a_fetch(
    service: ReaderService, server: tuple[str, list[socket.socket]]
) -> None:
    base, _ = server
    app = build_app(service)
    started = time.monotonic()
    async with app.run_test(size=SIZE) as pilot:
        app.open_source(f"{base}/slow")
        await settle(pilot)
        await pilot.press("ctrl+q")
    assert time.monotonic() - started < 8
