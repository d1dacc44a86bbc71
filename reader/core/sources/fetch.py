"""Fetching http(s) URLs with a real time limit, mapping every failure to one ``SourceError``."""

from __future__ import annotations

import socket
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.core.sources.decoding import MAX_SOURCE_BYTES
from reader.errors import SourceError

if TYPE_CHECKING:
    import http.client

DEFAULT_TIMEOUT = 10.0
"""Seconds a fetch may take, in total, before it is abandoned."""
_CHUNK_BYTES = 64 * 1024
_USER_AGENT = "reader/0.1 (+terminal article reader)"


@dataclass(frozen=True)
class Fetched:
    """A response body with the facts needed to decode and classify it."""

    url: str
    data: bytes
    content_type: str
    """The media type, lower case, without parameters ("" when the server sent none)."""
    charset: str | None


def fetch_url(url: str, timeout: float = DEFAULT_TIMEOUT, limit: int = MAX_SOURCE_BYTES) -> Fetched:
    """GET ``url``; the whole fetch (connect, headers, body) must finish within ``timeout``."""
    # Imported here: urllib.request and http.client cost start-up time the CLI need not pay.
    import http.client
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + timeout
    try:
        request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = _read_body(response, url, deadline, timeout, limit)
            headers = response.headers
    except SourceError:
        raise
    except urllib.error.HTTPError as error:
        error.close()
        raise _fetch_error(url, f"HTTP {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise _fetch_error(url, _describe(error.reason, timeout)) from None
    except (OSError, http.client.HTTPException, ValueError) as error:
        raise _fetch_error(url, _describe(error, timeout)) from None
    return Fetched(
        url=url,
        data=data,
        content_type=headers.get_content_type() if headers.get("Content-Type") else "",
        charset=headers.get_content_charset(),
    )


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
