"""load_source on local files and stdin: plain text, Markdown, HTML, titles, warnings."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.documents import load_source
from reader.core.text import normalise, paragraph_spans, sha256_of, word_count
from reader.errors import SourceError

SAMPLE_TITLE = (
    "US Secretary of State Antony Blinken met with China’s high diplomat Wang Yi on Saturday…"
)

MARKDOWN = """---
layout: post
date: 2023-02-18
---

# Blinken meets *Wang* in `Munich`

The **secretary** met [Wang Yi](https://example.com/wang) on Saturday,
in the first face-to-face meeting. ![A balloon over Montana](balloon.png)

## Key points

- Talks lasted an _hour_
- Both sides spoke
  1. nested first
  2. nested second

3. third item
4. fourth item

> “We will not stand for it,” Blinken said.

Ham &amp; eggs and <b>inline html</b>.

***
"""

ARTICLE_HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Blinken meets Wang in Munich | Example News</title>
<meta property="og:title" content="Blinken meets Wang in Munich"></head>
<body><nav><a href="/">Home</a> <a href="/world">World section</a></nav>
<article><h1>Blinken meets Wang in Munich</h1>
<p>US Secretary of State Antony Blinken met China's top diplomat Wang Yi on Saturday, in the
first face-to-face meeting since the balloon incident.</p>
<p>"We will not stand for any violation of our sovereignty," Blinken said in a statement
released by the State Department on Saturday evening.</p>
<p>Wang called on the US to repair the damage to relations, according to Chinese state
media, which described the meeting as informal and frank.</p>
<ul><li>First point about the talks</li><li>Second point about the talks</li></ul>
</article><footer>Copyright 2023 Example News Corporation</footer></body></html>
"""


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


# --- plain text ------------------------------------------------------------------------------


def test_the_sample_loads_with_a_real_sentence_as_title(
    sample_path: Path, sample_text: str
) -> None:
    loaded = load_source(str(sample_path))
    assert loaded.source == str(sample_path)
    assert loaded.kind == "text"
    assert loaded.text == normalise(sample_text)
    assert loaded.sha256 == sha256_of(loaded.text)
    assert loaded.words == 1100
    assert loaded.warnings == ()
    # The first two lines are "CNN" and "—"; the title is the first sentence, cut at a word.
    assert loaded.title == SAMPLE_TITLE


def test_a_relative_path_becomes_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path, "note.txt", "A short note about the talks in Munich.\n")
    monkeypatch.chdir(tmp_path)
    loaded = load_source("note.txt")
    assert loaded.source == str(tmp_path / "note.txt")
    assert loaded.title == "A short note about the talks in Munich."


def test_a_home_relative_path_is_expanded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path, "home.txt", "Text kept in the home directory today.\n")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert load_source("~/home.txt").source == str(tmp_path / "home.txt")


def test_text_is_normalised_once_bom_newlines_and_nfc(tmp_path: Path) -> None:
    raw = "\ufeffCafe\u0301 owners met the mayor on Monday.\r\nThey left early.\rEnd\r\n"
    loaded = load_source(str(_write(tmp_path, "crlf.txt", raw)))
    assert loaded.text == "Café owners met the mayor on Monday.\nThey left early.\nEnd\n"
    assert loaded.sha256 == sha256_of(loaded.text)
    assert loaded.words == 11
    assert loaded.title == "Café owners met the mayor on Monday."


def test_title_skips_agency_byline_and_punctuation_lines(tmp_path: Path) -> None:
    text = "AP\n—\nBy Jane Doe\n* * *\nThe city council voted on Tuesday to close the bridge.\n"
    assert load_source(str(_write(tmp_path, "a.txt", text))).title == (
        "The city council voted on Tuesday to close the bridge."
    )


@pytest.mark.parametrize(
    "credit",
    ["By Jane Doe and Li Wei, CNN Business", "Updated 10:32 AM EST, Sat February 18, 2023"],
)
def test_title_skips_long_credits_and_datelines(tmp_path: Path, credit: str) -> None:
    text = f"{credit}\nThe city council voted on Tuesday to close the bridge.\n"
    assert load_source(str(_write(tmp_path, "a.txt", text))).title == (
        "The city council voted on Tuesday to close the bridge."
    )


@pytest.mark.parametrize(
    "first", ["By the end of the week, both sides agreed.", "Updated guidance came out today."]
)
def test_title_keeps_sentences_that_start_like_credits(tmp_path: Path, first: str) -> None:
    assert load_source(str(_write(tmp_path, "a.txt", first + "\nMore.\n"))).title == first


def test_title_is_the_first_sentence_of_a_long_first_paragraph(tmp_path: Path) -> None:
    text = "Talks failed on Saturday in Munich. " + "Both sides blamed each other. " * 5
    assert load_source(str(_write(tmp_path, "a.txt", text))).title == (
        "Talks failed on Saturday in Munich."
    )


def test_a_long_title_is_cut_at_a_word_boundary(tmp_path: Path) -> None:
    line = "Officials " + "said the negotiations would continue " * 6 + "tomorrow"
    title = load_source(str(_write(tmp_path, "a.txt", line))).title
    assert title.endswith("…")
    head = title.removesuffix("…")
    assert 60 < len(head) <= 90
    assert line.startswith(head) and line[len(head)] == " "


def test_title_falls_back_to_the_first_line_with_letters(tmp_path: Path) -> None:
    assert load_source(str(_write(tmp_path, "a.txt", "—\n42\nHi\nOK\n"))).title == "Hi"
    assert load_source(str(_write(tmp_path, "b.txt", "— 1 2 3\n"))).title == "Untitled"


def test_invalid_utf8_in_mostly_text_is_replaced_with_a_warning(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "latin1.txt", "The café on the corner opened again.\n".encode("latin-1")
    )
    loaded = load_source(str(path))
    assert loaded.text == "The caf\ufffd on the corner opened again.\n"
    assert len(loaded.warnings) == 1
    warning = loaded.warnings[0]
    assert "not valid UTF-8" in warning and "1 byte was replaced" in warning
    assert str(path) in warning and "\n" not in warning


def test_an_other_extension_is_read_as_text(tmp_path: Path) -> None:
    loaded = load_source(str(_write(tmp_path, "notes.log", "Plain words # not *markup* here.\n")))
    assert loaded.kind == "text"
    assert loaded.text == "Plain words # not *markup* here.\n"


# --- Markdown --------------------------------------------------------------------------------


@pytest.fixture
def markdown_loaded(tmp_path: Path) -> tuple[str, str]:
    loaded = load_source(str(_write(tmp_path, "story.md", MARKDOWN)))
    assert loaded.kind == "markdown"
    return loaded.text, loaded.title


def test_markdown_title_is_the_first_heading_without_markup(
    markdown_loaded: tuple[str, str],
) -> None:
    assert markdown_loaded[1] == "Blinken meets Wang in Munich"


def test_markdown_is_shown_as_clean_paragraphs(markdown_loaded: tuple[str, str]) -> None:
    text = markdown_loaded[0]
    paragraphs = [text[start:end] for start, end in paragraph_spans(text)]
    assert paragraphs == [
        "Blinken meets Wang in Munich",
        "The secretary met Wang Yi on Saturday, in the first face-to-face meeting. "
        "A balloon over Montana",
        "Key points",
        "• Talks lasted an hour",
        "• Both sides spoke",
        "1. nested first",
        "2. nested second",
        "3. third item",
        "4. fourth item",
        "“We will not stand for it,” Blinken said.",
        "Ham & eggs and inline html.",
    ]
    assert "\n\n\n" not in text and text.endswith(".\n")


def test_markdown_keeps_no_raw_markup(markdown_loaded: tuple[str, str]) -> None:
    text = markdown_loaded[0]
    for markup in ("#", "*", "_", "`", "](", "https://", "balloon.png", "<b>", "&amp;", ">"):
        assert markup not in text, markup
    assert "layout:" not in text and "---" not in text


def test_markdown_front_matter_title_wins(tmp_path: Path) -> None:
    source = '---\ntitle: "Front matter title"\n---\n\n# Heading\n\nBody text.\n'
    loaded = load_source(str(_write(tmp_path, "fm.markdown", source)))
    assert loaded.title == "Front matter title"
    assert loaded.text == "Heading\n\nBody text.\n"


def test_markdown_rules_around_prose_are_not_front_matter(tmp_path: Path) -> None:
    source = "---\nNote: the talks were held in Munich.\nBoth sides spoke.\n---\n\nMore.\n"
    loaded = load_source(str(_write(tmp_path, "rules.md", source)))
    # The second "---" underlines the lines above it: a setext heading, kept as text.
    assert loaded.text == "Note: the talks were held in Munich. Both sides spoke.\n\nMore.\n"


def test_markdown_without_heading_titles_from_its_first_meaningful_line(tmp_path: Path) -> None:
    source = "*Reuters*\n\nThe **central bank** raised rates by half a point.\n"
    loaded = load_source(str(_write(tmp_path, "nohead.md", source)))
    assert loaded.title == "The central bank raised rates by half a point."


def test_markdown_with_only_markup_has_no_readable_text(tmp_path: Path) -> None:
    path = _write(tmp_path, "rules.md", "***\n\n---\n\n<!-- comment -->\n")
    with pytest.raises(SourceError, match="has no readable text") as caught:
        load_source(str(path))
    assert str(path) in str(caught.value)


# --- HTML files ------------------------------------------------------------------------------


def test_html_file_main_text_and_title_are_extracted(tmp_path: Path) -> None:
    loaded = load_source(str(_write(tmp_path, "article.html", ARTICLE_HTML)))
    assert loaded.kind == "html"
    assert loaded.title == "Blinken meets Wang in Munich"
    paragraphs = [loaded.text[start:end] for start, end in paragraph_spans(loaded.text)]
    assert paragraphs[1].startswith("US Secretary of State Antony Blinken met China's")
    assert paragraphs[2].endswith("on Saturday evening.")
    assert paragraphs[-2:] == ["• First point about the talks", "• Second point about the talks"]
    assert "<" not in loaded.text and "World section" not in loaded.text
    assert "Copyright" not in loaded.text


def test_html_is_sniffed_whatever_the_extension(tmp_path: Path) -> None:
    loaded = load_source(str(_write(tmp_path, "saved-page.txt", ARTICLE_HTML)))
    assert loaded.kind == "html"
    assert "<p>" not in loaded.text and "Wang Yi" in loaded.text


def test_html_without_a_title_uses_its_first_meaningful_line(tmp_path: Path) -> None:
    page = "<html><body><p>Some words in a short paragraph here.</p></body></html>"
    loaded = load_source(str(_write(tmp_path, "untitled.htm", page)))
    assert loaded.text == "Some words in a short paragraph here.\n"
    assert loaded.title == "Some words in a short paragraph here."


def test_html_title_tag_names_the_page(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Only the title tag here</title></head>"
        "<body><p>Body text that is long enough to be extracted here.</p></body></html>"
    )
    assert load_source(str(_write(tmp_path, "t.html", page))).title == "Only the title tag here"


def test_html_tables_keep_cells_without_the_frame(tmp_path: Path) -> None:
    page = (
        "<!doctype html><html><head><title>Cast</title></head><body><table>"
        "<tr><td>Name</td><td>Role</td></tr><tr><td>Blinken</td><td>Secretary</td></tr>"
        "</table><p>Some paragraph text about the meeting in Munich on Saturday.</p></body></html>"
    )
    loaded = load_source(str(_write(tmp_path, "cast.html", page)))
    assert loaded.text == (
        "Name | Role\n\nBlinken | Secretary\n\n"
        "Some paragraph text about the meeting in Munich on Saturday.\n"
    )


def test_html_with_no_extractable_text_is_refused(tmp_path: Path) -> None:
    page = "<html><head><title>Empty</title><script>var a = 1;</script></head><body></body></html>"
    path = _write(tmp_path, "empty.html", page)
    with pytest.raises(SourceError, match="has no readable text") as caught:
        load_source(str(path))
    assert str(path) in str(caught.value)


# --- stdin -----------------------------------------------------------------------------------


def _fake_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_stdin_is_read_as_bytes_and_normalised(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_stdin(monkeypatch, b"\xef\xbb\xbfPiped text arrives on standard input.\r\n")
    loaded = load_source("-")
    assert (loaded.source, loaded.kind) == ("-", "stdin")
    assert loaded.text == "Piped text arrives on standard input.\n"
    assert loaded.title == "Piped text arrives on standard input."


def test_stdin_html_is_extracted(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_stdin(monkeypatch, ARTICLE_HTML.encode())
    loaded = load_source("-")
    assert loaded.kind == "stdin" and loaded.title == "Blinken meets Wang in Munich"
    assert "<article>" not in loaded.text


def test_empty_stdin_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_stdin(monkeypatch, b" \n\n")
    with pytest.raises(SourceError, match="standard input is empty"):
        load_source("-")


def test_stdin_through_a_real_pipe() -> None:
    code = (
        "import json\nfrom reader.core.documents import load_source\n"
        "t = load_source('-')\nprint(json.dumps([t.source, t.kind, t.text, list(t.warnings)]))"
    )
    data = "Zoë wrote this from a pipe.\n".encode() + b"bad \xff byte here\n"
    result = subprocess.run(
        [sys.executable, "-c", code], input=data, capture_output=True, check=True, timeout=60
    )
    source, kind, text, warnings = json.loads(result.stdout)
    assert (source, kind) == ("-", "stdin")
    assert text == "Zoë wrote this from a pipe.\nbad \ufffd byte here\n"
    assert warnings == ["standard input is not valid UTF-8; 1 byte was replaced with '\ufffd'"]


def test_word_count_matches_the_text(tmp_path: Path) -> None:
    loaded = load_source(str(_write(tmp_path, "w.txt", "one two\tthree\nfour  five\n")))
    assert loaded.words == 5 == word_count(loaded.text)
