"""Document metadata: from HTML meta tags and JSON-LD, Markdown front matter; dates; states."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from reader.core.documents import load_source
from reader.core.library.meta import (
    advanced_state,
    iso_date,
    parse_published,
    parse_state,
    with_source_meta,
)
from reader.core.models import Document, ReadingState, SourceMeta
from reader.errors import BadInputError

BODY = (
    "<article><p>The council met on Tuesday to discuss the budget for the coming year.</p>"
    "<p>Members argued for hours about the bridge and the new library in the town.</p></article>"
)
META_TAGS = f"""<html><head><title>Budget Night - The Town Crier</title>
<meta name="author" content="Jane Doe">
<meta property="og:site_name" content="The Town Crier">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<meta name="description" content="The council argues about money.">
<link rel="canonical" href="https://crier.example/budget-night">
</head><body>{BODY}</body></html>"""
JSON_LD = f"""<html><head><title>Other</title>
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "Budget Night", "author": {{"@type": "Person", "name": "Li Wei"}},
"datePublished": "2023-11-02", "publisher": {{"@type": "Organization", "name": "LD News"}},
"url": "https://ld.example/budget", "description": "From JSON-LD."}}</script>
</head><body>{BODY}</body></html>"""
FRONT_MATTER = """---
title: "Notes on: Reading"
author: Jane Doe
date: 2022-07-01
source: https://example.org/reading
tags: [books, 'slow reading']
aliases:
  - other
---
# A heading

Some text of the note, long enough to be read as a paragraph.
"""
FRONT_MATTER_BLOCK_TAGS = """---
author: [Jane Doe, Li Wei]
url: https://example.org/x
tags:
  - alpha
  - "#beta"
---
Body text here.
"""


def _load(tmp_path: Path, name: str, content: str) -> SourceMeta:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return load_source(str(path)).meta


def test_html_meta_tags(tmp_path: Path) -> None:
    assert _load(tmp_path, "a.html", META_TAGS) == SourceMeta(
        author="Jane Doe",
        published="2024-03-05",
        site="The Town Crier",
        url="https://crier.example/budget-night",
        description="The council argues about money.",
    )


def test_html_json_ld(tmp_path: Path) -> None:
    meta = _load(tmp_path, "b.html", JSON_LD)
    assert (meta.author, meta.published, meta.site) == ("Li Wei", "2023-11-02", "LD News")
    assert (meta.url, meta.description) == ("https://ld.example/budget", "From JSON-LD.")


def test_markdown_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "n.md"
    path.write_text(FRONT_MATTER, encoding="utf-8")
    loaded = load_source(str(path))
    assert loaded.title == "Notes on: Reading"
    assert loaded.meta == SourceMeta(
        author="Jane Doe",
        published="2022-07-01",
        url="https://example.org/reading",
        tags=("books", "slow reading"),
    )
    assert "aliases" not in loaded.text and loaded.text.startswith("A heading")


def test_front_matter_lists_and_block_tags(tmp_path: Path) -> None:
    meta = _load(tmp_path, "m.md", FRONT_MATTER_BLOCK_TAGS)
    assert meta.author == "Jane Doe and Li Wei"
    assert meta.tags == ("alpha", "beta")
    assert meta.url == "https://example.org/x"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05", "2024-03-05"),
        ("2024-03-05T10:00:00+02:00", "2024-03-05"),
        ("2024-3", "2024-03"),
        ("2024", "2024"),
        ("D:20210405120000Z", "2021-04-05"),
        ("5 March 2024", "2024-03-05"),
        ("March 5, 2024", "2024-03-05"),
        ("2024-02-30", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_iso_date(value: str, expected: str | None) -> None:
    assert iso_date(value) == expected


@given(st.text(max_size=40))
@example("0000-00-00")
@example("9999-12-31T")
def test_iso_date_is_a_date_or_none(value: str) -> None:
    result = iso_date(value)
    assert result is None or len(result) in (4, 7, 10)


def test_bad_published_and_state_are_bad_input() -> None:
    with pytest.raises(BadInputError, match="invalid date"):
        parse_published("31/31/2020")
    with pytest.raises(BadInputError, match="choose one of unread, reading, done, archived"):
        parse_state("later")
    assert parse_published("") == ""
    assert parse_state(" Done ") is ReadingState.DONE


def _document(**changes: object) -> Document:
    base = Document(
        "d1", "T", "/x", "0" * 64, (), "2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z", 3
    )
    return Document.from_dict({**base.to_dict(), **changes})


def test_source_meta_never_overwrites_a_correction() -> None:
    document = _document(author="Me, corrected", corrected=["author"])
    merged = with_source_meta(document, SourceMeta(author="Jane Doe", published="2024"))
    assert (merged.author, merged.published) == ("Me, corrected", "2024")


def test_old_records_load_with_defaults() -> None:
    old = {
        "id": "d1",
        "title": "T",
        "source": "/x",
        "sha256": "0" * 64,
        "first_opened": "2024-01-01T00:00:00Z",
        "last_opened": "2024-01-01T00:00:00Z",
    }
    document = Document.from_dict(old)
    assert (document.author, document.state, document.tags, document.pages) == (
        "",
        ReadingState.UNREAD,
        (),
        (),
    )


@pytest.mark.parametrize(
    ("state", "offset", "progress", "expected"),
    [
        (ReadingState.UNREAD, 0, 0.0, ReadingState.UNREAD),
        (ReadingState.UNREAD, 120, 30.0, ReadingState.READING),
        (ReadingState.READING, 900, 100.0, ReadingState.DONE),
        (ReadingState.DONE, 10, 5.0, ReadingState.DONE),
        (ReadingState.ARCHIVED, 900, 100.0, ReadingState.ARCHIVED),
    ],
)
def test_reading_states_advance(
    state: ReadingState, offset: int, progress: float, expected: ReadingState
) -> None:
    assert advanced_state(state, offset, progress) is expected


@given(st.text(max_size=200))
@example("tags: [a, 'b', \"c\"]\nauthor:\n  - x\n  - y\ndate: 2024-99-99")
@example("- orphan item\n: no key\ntitle: 'It''s'")
def test_any_front_matter_gives_clean_metadata(block: str) -> None:
    from reader.core.sources.front_matter import front_matter_meta, parse_front_matter

    meta = front_matter_meta(parse_front_matter(block))
    assert all("\n" not in value for value in (meta.author, meta.url, meta.site))
    assert meta.published == "" or iso_date(meta.published) == meta.published
