"""Fetching http(s) URLs with a real time limit, mapping every failure to one ``SourceError``.

One overall deadline covers connecting, the headers and the body: a watchdog timer shuts the
connection's socket down when it passes, so a server sending its headers a byte a second
cannot hold a fetch (socket timeouts only bound each read). Redirects go to http(s) only.
``cancel_fetches`` stops every fetch in progress the same way (the TUI's Escape and quit).
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reader.core.sources.decoding import MAX_SOURCE_BYTES
from reader.errors import SourceError

if TYPE_CHECKING:
    import http.client

DEFAULT_TIMEOUT = 10.0
"""Seconds a fetch may take, in total, before it is abandoned."""
_CHUNK_BYTES = 64 * 1024


def fetch_timeout() -> float:
    """The fetch deadline: ``READER_FETCH_TIMEOUT`` seconds if set, else ``DEFAULT_TIMEOUT``."""
    import os

    try:
        return float(os.environ.get("READER_FETCH_TIMEOUT", DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT


_USER_AGENT = "reader/0.1 (+terminal article reader)"


@dataclass(frozen=True)
class Fetched:
    """A response body with the facts needed to decode and classify it."""

    url: str
    data: bytes
    content_type: str
    """The media type, lower case, without parameters ("" when the server sent none)."""
    charset: str | None


class _Watch:
    """The sockets of one fetch, shut down when its deadline passes or it is cancelled."""

    def __init__(self) -> None:
        self.sockets: list[socket.socket] = []
        self.reason: str | None = None
        self._lock = threading.Lock()

    def add(self, sock: socket.socket) -> None:
        with self._lock:
            self.sockets.append(sock)
            if self.reason is not None:
                _shut(sock)

    def stop(self, reason: str) -> None:
        with self._lock:
            if self.reason is None:
                self.reason = reason
            for sock in self.sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed: nothing left to stop
        sock.shutdown(socket.SHUT_RDWR)


_ACTIVE: set[_Watch] = set()
_ACTIVE_LOCK = threading.Lock()


def cancel_fetches() -> None:
    """Stop every fetch in progress (in any thread); each raises ``SourceError``."""
    with _ACTIVE_LOCK:
        watches = list(_ACTIVE)
    for watch in watches:
        watch.stop("cancelled")


def _opener(watch: _Watch) -> Any:
    """An opener whose connections report their sockets to ``watch``, and that follows
    redirects to http(s) only (urllib alone would follow one to ftp://)."""
    # Imported here: urllib.request and http.client cost start-up time the CLI need not pay.
    import http.client
    import urllib.request

    class NoForeignRedirects(urllib.request.HTTPRedirectHandler):
        def redirect_request(
            self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str
        ) -> urllib.request.Request | None:
            scheme = newurl.split(":", 1)[0].lower()
            if scheme not in ("http", "https"):
                raise _fetch_error(req.full_url, f"a redirect to {scheme}:// was refused")
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    def watched(base: type[http.client.HTTPConnection]) -> Any:
        class Watched(base):  # type: ignore[valid-type,misc]
            def connect(self) -> None:
                super().connect()
                watch.add(self.sock)

        return Watched

    class HTTP(urllib.request.HTTPHandler):
        def http_open(self, req: Any) -> Any:
            return self.do_open(watched(http.client.HTTPConnection), req)

    class HTTPS(urllib.request.HTTPSHandler):
        def https_open(self, req: Any) -> Any:
            return self.do_open(watched(http.client.HTTPSConnection), req)

    return urllib.request.build_opener(HTTP(), HTTPS(), NoForeignRedirects())


def fetch_url(url: str, timeout: float = DEFAULT_TIMEOUT, limit: int = MAX_SOURCE_BYTES) -> Fetched:
    """GET ``url``; the whole fetch (connect, headers, body) must finish within ``timeout``."""
    watch = _Watch()
    timer = threading.Timer(timeout, watch.stop, args=(f"timed out after {timeout:g} s",))
    timer.daemon = True
    with _ACTIVE_LOCK:
        _ACTIVE.add(watch)
    timer.start()
    try:
        return _fetch(url, timeout, limit, watch)
    finally:
        timer.cancel()
        with _ACTIVE_LOCK:
            _ACTIVE.discard(watch)


def _fetch(url: str, timeout: float, limit: int, watch: _Watch) -> Fetched:
    import http.client
    import urllib.request

    deadline = time.monotonic() + timeout
    try:
        request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
        with _opener(watch).open(request, timeout=timeout) as response:
            data = _read_body(response, url, deadline, timeout, limit)
            headers = response.headers
            if watch.reason is not None:
                raise _fetch_error(url, watch.reason)
    except SourceError:
        raise
    except Exception as error:
        if watch.reason is not None:  # the watchdog or a cancel broke the connection
            raise _fetch_error(url, watch.reason) from None
        if not isinstance(error, OSError | http.client.HTTPException | ValueError):
            raise
        raise _urllib_error(url, error, timeout) from None
    return Fetched(
        url=url,
        data=data,
        content_type=headers.get_content_type() if headers.get("Content-Type") else "",
        charset=headers.get_content_charset(),
    )


def _urllib_error(url: str, error: Exception, timeout: float) -> SourceError:
    import urllib.error

    if isinstance(error, urllib.error.HTTPError):
        error.close()
        return _fetch_error(url, f"HTTP {error.code} {error.reason}")
    if isinstance(error, urllib.error.URLError):
        return _fetch_error(url, _describe(error.reason, timeout))
    return _fetch_error(url, _describe(error, timeout))


def _read_body(
    response: http.client.HTTPResponse, url: str, deadline: float, timeout: float, limit: int
) -> bytes:
    """Read the body in chunks so that a slow trickle cannot outlast the deadline."""
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _fetch_error(url, f"the response is too large ({int(declared):,} bytes)")
    chunks: list[bytes] = []
    received = 0
    while chunk := response.read1(_CHUNK_BYTES):
        received += len(chunk)
        if received > limit:
            raise _fetch_error(url, f"the response is too large (over {limit:,} bytes)")
        if time.monotonic() > deadline:
            raise _fetch_error(url, f"timed out after {timeout:g} s")
        chunks.append(chunk)
    return b"".join(chunks)


def _describe(reason: object, timeout: float) -> str:
    """A short human reason for a network failure."""
    if isinstance(reason, TimeoutError):
        return f"timed out after {timeout:g} s"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, socket.gaierror):
        return "host not found"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror.lower()
    text = " ".join(str(reason).split())
    return text or type(reason).__name__


def _fetch_error(url: str, reason: str) -> SourceError:
    return SourceError(f"cannot fetch URL: {reason} ({url})")
