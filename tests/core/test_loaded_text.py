"""A loaded text's hash and word count are worked out on first use, and the shortcuts that
keep loading a long text cheap (no hash or count up front, no needless copies) change no
result: each is compared with the plain definition it replaces."""

from __future__ import annotations

import io
import threading
import unicodedata
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from reader.core.documents import load_source
from reader.core.library.book_cache import cached_book, remember_book
from reader.core.models import LoadedText
from reader.core.sources.decoding import read_limited
from reader.core.text import is_blank, normalise, sha256_of, word_count
from reader.errors import SourceError

_PIECES = st.sampled_from(
    [
        *("\r", "\n", "\r\n", "\ufeff", "\u2028", "\u2029", "\u0085", "\u00a0", "\u3000"),
        *("e", "\u0301", "é", "A", " ", "\t", "”", "Å", "\u212b", "\u1100\u1161", "ﬁ", "x"),
    ]
)
_texts = st.lists(_PIECES | st.text(max_size=4), max_size=40).map("".join)


def _normalise_plainly(raw: str) -> str:
    """``normalise`` as it was before its shortcuts: every replace, then NFC."""
    text = raw.replace("\ufeff", "").replace("\r\n", "\n")
    for separator in ("\r", "\u0085", "\u2028", "\u2029"):
        text = text.replace(separator, "\n")
    return unicodedata.normalize("NFC", text)


@given(_texts)
@example("\r\n\r")
@example("plain ASCII, nothing to do")
@example("Cafe\u0301\ufeff\u2028")
def test_normalise_equals_the_plain_definition(raw: str) -> None:
    assert normalise(raw) == _normalise_plainly(raw)


@given(_texts)
@example("")
@example("\ufeff \ufeff\n")
@example("\ufeffx")
@example("x\ufeff")
@example(" \u00a0\u3000")
@example("\u3000x")
def test_is_blank_equals_stripping(raw: str) -> None:
    assert is_blank(raw) == (not raw.replace("\ufeff", "").strip())


def _loaded(text: str) -> LoadedText:
    return LoadedText(source="/a.txt", text=text, title="A", kind="text")


@given(_texts)
@example("non\u00a0breaking\u2003space\u3000here and Ünïcode")
def test_lazy_hash_and_count_equal_the_eager_ones(text: str) -> None:
    loaded = _loaded(text)
    assert "sha256" not in vars(loaded) and "words" not in vars(loaded)
    assert loaded.sha256 == sha256_of(text)
    assert loaded.words == word_count(text)
    assert loaded.sha256 == sha256_of(text)  # the same value the second time


def test_known_values_are_kept_without_computing() -> None:
    loaded = LoadedText(
        source="/b.pdf", text="two words", title="B", kind="pdf", sha256_known="f00", words_known=7
    )
    assert (loaded.sha256, loaded.words) == ("f00", 7)


def test_equality_ignores_whether_the_hash_was_asked_for() -> None:
    asked, fresh = _loaded("same text"), _loaded("same text")
    assert asked.sha256
    assert asked == fresh and hash(asked) == hash(fresh)


def test_threads_asking_at_once_get_one_answer() -> None:
    loaded = _loaded("word " * 200_000)
    answers: list[tuple[str, int]] = []

    def ask() -> None:
        answers.append((loaded.sha256, loaded.words))

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [(sha256_of(loaded.text), 200_000)] * 4


def test_loading_a_source_leaves_hash_and_count_for_later(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("\ufeffFirst line.\r\n\r\nCafe\u0301 “quoted” text.\n" * 500, encoding="utf-8")
    loaded = load_source(str(path))
    assert "sha256" not in vars(loaded) and "words" not in vars(loaded)
    assert loaded.text == _normalise_plainly(path.read_text(encoding="utf-8"))
    assert loaded.words == 5 * 500
    assert loaded.sha256 == sha256_of(loaded.text)


def test_the_book_cache_hands_back_the_stored_hash_and_count(tmp_path: Path) -> None:
    book = tmp_path / "book.pdf"
    book.write_bytes(b"%PDF-1.4 stand-in")
    text = "A stored book text."
    loaded = LoadedText(source=str(book), text=text, title="Book", kind="pdf", pages=(0,))
    remember_book(tmp_path / "cache", loaded)
    again = cached_book(tmp_path / "cache", str(book), {loaded.sha256: text}.get)
    assert again is not None
    assert vars(again)["sha256"] == loaded.sha256 and vars(again)["words"] == 4
    assert again == loaded


@given(st.binary(max_size=40), st.integers(0, 30), st.none() | st.integers(0, 50))
@example(b"x" * 10, 10, 3)  # the file grew past its size: read on, and it fits
@example(b"x" * 11, 10, 3)  # grew past the limit
@example(b"x" * 11, 10, 20)  # shrank to... still over the limit
@example(b"", 10, 0)
def test_a_size_hint_changes_no_read(data: bytes, limit: int, expected: int | None) -> None:
    def read(hint: int | None) -> bytes | str:
        try:
            return read_limited(io.BytesIO(data), "'f'", limit, expected=hint)
        except SourceError as error:
            return str(error)

    assert read(expected) == read(None)
    assert read(None) == data if len(data) <= limit else "too large" in str(read(None))
