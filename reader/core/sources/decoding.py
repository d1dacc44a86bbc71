"""Reading raw bytes from files and streams, and decoding them to text safely."""

from __future__ import annotations

import re
import stat
from pathlib import Path
from typing import BinaryIO

from reader.errors import SourceError

MAX_SOURCE_BYTES = 50 * 1024 * 1024
"""The largest source we read: bigger inputs are refused before reading them."""

_MAX_REPLACED_FRACTION = 0.1
"""Invalid UTF-8 is repaired only when at most this fraction of the bytes is invalid."""
_MAX_CONTROL_FRACTION = 0.1
"""Text with more control characters than this (in the sample we check) is binary."""
_SNIFF_CHARS = 64 * 1024
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
# Control characters that never appear in text (tab, newlines, form feed and escape do).
_BINARY_CONTROLS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_HTML_TAGS = re.compile(r"<(?:head|body|p|div|article)[\s>]", re.I)


def display_name(source: str) -> str:
    """``source`` quoted for a one-line message (control characters escaped)."""
    if source.isprintable():
        return f"'{source}'"
    return repr(source)


def read_file_bytes(path: Path, name: str, limit: int = MAX_SOURCE_BYTES) -> bytes:
    """Read a whole file, refusing missing paths, directories and files over ``limit`` bytes."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise SourceError(f"no such file: {name}") from None
    except NotADirectoryError:
        raise SourceError(f"no such file: {name} (a parent is not a directory)") from None
    except OSError as error:
        raise SourceError(f"cannot read {name}: {_reason(error)}") from None
    except ValueError:  # a NUL in the path (a hostile import's source): no such file
        raise SourceError(f"no such file: {name} (the path holds a NUL character)") from None
    if stat.S_ISDIR(info.st_mode):
        raise SourceError(f"{name} is a directory, not a file")
    if info.st_size > limit:
        raise SourceError(
            f"{name} is too large: {info.st_size:,} bytes, over the {_megabytes(limit)} limit"
        )
    try:
        with path.open("rb") as stream:
            # Pipes and devices report no size: read one byte past the limit to notice.
            return read_limited(stream, name, limit, expected=info.st_size or None)
    except OSError as error:
        raise SourceError(f"cannot read {name}: {_reason(error)}") from None


def read_limited(
    stream: BinaryIO, name: str, limit: int = MAX_SOURCE_BYTES, *, expected: int | None = None
) -> bytes:
    """Read ``stream`` to its end, refusing more than ``limit`` bytes.

    ``expected`` (a file's size) sizes the first read: a read of ``limit + 1`` bytes makes
    Python set aside 50 MB and shrink it afterwards, which costs more than reading a 3 MB
    file. A stream longer than expected (a file that grew) is read on up to the limit.
    """
    first = limit + 1 if expected is None else min(expected, limit) + 1
    data = stream.read(first)
    if len(data) == first <= limit:
        data += stream.read(limit + 1 - first)
    if len(data) > limit:
        raise SourceError(f"{name} is too large: over the {_megabytes(limit)} limit")
    return data


def decode_text(data: bytes, name: str) -> tuple[str, tuple[str, ...]]:
    """Decode UTF-8 ``data``; repair a few invalid bytes (with a warning), refuse binary data.

    UTF-16 and UTF-32 with a byte order mark, and legacy encodings that charset-normalizer
    detects with confidence (where UTF-8 would be refused as binary), are decoded too, with
    a warning naming the encoding. Returns the text (not yet normalised) and the warnings.
    """
    bom = _bom_encoding(data)
    if bom is not None:
        return _decode_as(data, bom, name, "byte order mark")
    if b"\x00" in data:
        raise SourceError(f"{name} looks like a binary file (it contains NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        detected = _detected_encoding(data)
        if detected is not None:
            return _decode_as(data, detected, name, "detected")
        text, replaced = _decode_with_replacement(data, name)
        replaced_bytes = "1 byte was" if replaced == 1 else f"{replaced} bytes were"
        warnings: tuple[str, ...] = (
            f"{name} is not valid UTF-8; {replaced_bytes} replaced with '\ufffd'",
        )
    else:
        warnings = ()
    _refuse_control_heavy(text, name)
    return text, warnings


_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_MAX_CHAOS = 0.1
"""charset-normalizer's "mess" ratio above which a detected encoding is not trusted."""


def _bom_encoding(data: bytes) -> str | None:
    """UTF-16/32 named by a byte order mark (UTF-32 first: its LE mark starts like UTF-16's)."""
    return next((codec for mark, codec in _BOMS if data.startswith(mark)), None)


def _detected_encoding(data: bytes) -> str | None:
    """A legacy encoding detected with confidence, for bytes that are far from UTF-8."""
    escaped = data.decode("utf-8", errors="surrogateescape")
    if len(_ESCAPED_BYTE.findall(escaped)) <= _MAX_REPLACED_FRACTION * len(data):
        return None  # mostly UTF-8 with a few bad bytes: repaired, as before
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding in ("utf_8", "ascii") or best.chaos > _MAX_CHAOS:
        return None
    return str(best.encoding)


def _decode_as(data: bytes, codec: str, name: str, how: str) -> tuple[str, tuple[str, ...]]:
    try:
        text = data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        raise SourceError(f"{name} is not valid {codec.upper()} text ({how})") from None
    _refuse_control_heavy(text, name)
    shown = codec.upper().replace("_", "-")
    return text, (f"{name} was read as {shown} ({how}), not UTF-8",)


def _decode_with_replacement(data: bytes, name: str) -> tuple[str, int]:
    # surrogateescape maps each invalid byte to one lone surrogate, so they can be counted.
    escaped = data.decode("utf-8", errors="surrogateescape")
    replaced = len(_ESCAPED_BYTE.findall(escaped))
    if replaced > _MAX_REPLACED_FRACTION * len(data):
        raise SourceError(
            f"{name} looks like a binary file, not text ({replaced} of {len(data)} bytes "
            "are not valid UTF-8)"
        )
    return _ESCAPED_BYTE.sub("\ufffd", escaped), replaced


def _refuse_control_heavy(text: str, name: str) -> None:
    sample = text[:_SNIFF_CHARS]
    controls = len(_BINARY_CONTROLS.findall(sample))
    if sample and controls > _MAX_CONTROL_FRACTION * len(sample):
        raise SourceError(f"{name} looks like a binary file (control characters), not text")


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is an HTML document: a doctype or ``<html>`` start, or early tags."""
    head = text[:4096].removeprefix("\ufeff")
    if _HTML_START.match(head):
        return True
    return head.lstrip().startswith("<") and _HTML_TAGS.search(head) is not None


def _megabytes(size: int) -> str:
    mebibyte = 1024 * 1024
    return f"{size / mebibyte:.3g} MB" if size >= mebibyte else f"{size:,} bytes"


def _reason(error: OSError) -> str:
    return error.strerror.lower() if error.strerror else str(error)


__all__ = [
    "MAX_SOURCE_BYTES",
    "decode_text",
    "display_name",
    "looks_like_html",
    "read_file_bytes",
    "read_limited",
]
