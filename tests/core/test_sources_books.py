"""EPUB and PDF sources: reading order, chapters, footnotes, pages, metadata, refusals."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from reader.core.documents import load_source
from reader.core.sources.pdf_layout import Line, TextBuilder
from reader.errors import SourceError
from tests.book_fixtures import HEADER, column_text, make_epub, make_pdf, make_scanned_pdf


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("books")
    return {
        "pdf": make_pdf(folder / "paper.pdf"),
        "epub": make_epub(folder / "book.epub"),
        "scan": make_scanned_pdf(folder / "scan.pdf", folder / "scan.png"),
    }


def test_pdf_text_is_in_reading_order_column_by_column(books: dict[str, Path]) -> None:
    loaded = load_source(str(books["pdf"]))
    words = re.findall(r"p\dc\dw\d+", loaded.text)
    expected = [w for p in (1, 2, 3) for c in (0, 1) for w in column_text(p, c).split()]
    assert words == expected
    assert loaded.kind == "pdf"


def test_pdf_joins_hyphenated_line_ends(books: dict[str, Path]) -> None:
    text = load_source(str(books["pdf"])).text
    assert text.count("hyphenation ends column") == 6
    assert "hyphen-" not in text


def test_pdf_drops_running_headers_and_page_numbers(books: dict[str, Path]) -> None:
    text = load_source(str(books["pdf"])).text
    assert HEADER not in text and "Journal" not in text
    assert not re.search(r"(?m)^\d+$", text)


def test_pdf_remembers_where_each_page_starts(books: dict[str, Path]) -> None:
    loaded = load_source(str(books["pdf"]))
    assert len(loaded.pages) == 3 and loaded.pages[0] == 0
    for page, start in enumerate(loaded.pages, start=1):
        assert loaded.text[start:].startswith(f"p{page}c0w0")


def test_pdf_title_author_and_date(books: dict[str, Path]) -> None:
    loaded = load_source(str(books["pdf"]))
    assert loaded.title == "A Study of Columns"
    assert loaded.meta.author == "Ada Lovelace"
    assert loaded.meta.published == "2021-04-05"


def test_a_pdf_is_known_by_its_bytes_not_its_name(books: dict[str, Path], tmp_path: Path) -> None:
    renamed = tmp_path / "paper.bin"
    renamed.write_bytes(books["pdf"].read_bytes())
    assert load_source(str(renamed)).kind == "pdf"


def test_a_scanned_pdf_is_refused_with_a_clear_message(books: dict[str, Path]) -> None:
    with pytest.raises(SourceError, match="no text layer"):
        load_source(str(books["scan"]))


def test_a_broken_pdf_is_one_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nnot really a pdf\n")
    with pytest.raises(SourceError, match=r"cannot read .* as a PDF"):
        load_source(str(broken))


def test_epub_chapters_in_order_with_headings_and_footnotes(books: dict[str, Path]) -> None:
    loaded = load_source(str(books["epub"]))
    paragraphs = loaded.text.strip().split("\n\n")
    assert paragraphs == [
        block
        for n in (1, 2, 3)
        for block in (
            f"Chapter {n}",
            f"Opening of chapter {n}[{n}] goes on.",
            f"Closing of chapter {n}.",
            f"Footnote of chapter {n}.",
        )
    ]
    assert "Figure" not in loaded.text  # images are skipped, alt text too
    assert loaded.kind == "epub"


def test_epub_title_and_author(books: dict[str, Path]) -> None:
    loaded = load_source(str(books["epub"]))
    assert loaded.title == "The Long Book"
    assert (loaded.meta.author, loaded.meta.published, loaded.meta.site) == (
        "Mary Shelley",
        "1818-01-01",
        "Lackington",
    )


def test_a_zip_that_is_not_an_epub_is_one_error(tmp_path: Path) -> None:
    fake = tmp_path / "fake.epub"
    fake.write_bytes(b"PK\x03\x04 not a zip at all")
    with pytest.raises(SourceError, match=r"cannot read .* as an EPUB"):
        load_source(str(fake))


def test_text_builder_keeps_paragraphs_across_pages() -> None:
    builder = TextBuilder()
    builder.start_page()
    builder.add(Line("A sentence that runs on-", 10, 0, first=True))
    builder.start_page()
    builder.add(Line("to the next page.", 10, 0, first=True))
    builder.add(Line("New paragraph.", 10, 0, brk=True))
    assert builder.text() == "A sentence that runs onto the next page.\n\nNew paragraph.\n"
    assert builder.page_starts == [0, len("A sentence that runs on")]


def test_text_builder_leaves_real_compounds_alone() -> None:
    builder = TextBuilder()
    builder.add(Line("a well-", 10, 0))
    builder.add(Line("Known name", 10, 0))
    assert builder.text() == "a well- Known name\n"


def test_an_unchanged_book_is_not_extracted_again(
    books: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from reader.core.service import ReaderService
    from reader.core.sources import pdf

    path = tmp_path / "copy.pdf"
    shutil.copy(books["pdf"], path)
    service = ReaderService.open()
    first = service.open_document(str(path))

    def refuse(data: bytes, name: str) -> None:
        raise AssertionError("extracted again")

    monkeypatch.setattr(pdf, "pdf_to_text", refuse)
    again = service.open_document(str(path))
    assert (again.text, again.document.pages) == (first.text, first.document.pages)
    assert again.document.id == first.document.id
    path.write_bytes(path.read_bytes() + b"\n")  # changed: extracted again
    with pytest.raises(AssertionError, match="extracted again"):
        service.open_document(str(path))


_WORDS = st.lists(
    st.sampled_from(["word", "Word", "end.", "hy-", "phen", "x", "—", "ñ", "é"]), max_size=6
)


@given(st.lists(st.lists(st.tuples(_WORDS, st.booleans()), max_size=5), max_size=5))
@example([[(["a-"], False)], [(["b"], False)]])
@example([[(["hy-"], False)], [], [(["word"], False)]])  # found by hypothesis: an empty page
def test_page_starts_are_ordered_offsets_into_the_text(
    pages: list[list[tuple[list[str], bool]]],
) -> None:
    builder = TextBuilder()
    for lines in pages:
        builder.start_page()
        for index, (words, brk) in enumerate(lines):
            builder.add(Line(" ".join(words), 10, 0, brk=brk, first=index == 0))
    text = builder.text()
    starts = builder.page_starts
    assert len(starts) == len(pages)
    assert starts == sorted(starts) and all(0 <= s <= len(text) - 1 for s in starts)
    assert "\n\n\n" not in text
