"""``reader doc``, ``reader list --state/--tag``, ``reader cite``, the vault export, and books
(EPUB, PDF) through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rispy

from reader.core.models import ReadingPosition
from reader.core.service import ReaderService
from tests.book_fixtures import make_epub, make_pdf, make_scanned_pdf
from tests.cli.test_doc_cmds import call, run, snapshot

ARTICLE = "The minister said the talks were long.\nThe talks were hard, the envoy said.\n"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _doc_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    code, out, err = call(capsys, "doc", *args, "--json")
    assert code == 0, err
    result: dict[str, object] = json.loads(out)
    return result


def test_doc_edits_metadata_note_tags_and_state(
    capsys: pytest.CaptureFixture[str], article: Path
) -> None:
    call(capsys, "annotate", str(article), "--quote", "envoy")
    record = _doc_json(
        capsys,
        str(article),
        "--title",
        "Talks",
        "--author",
        "Jane Doe",
        "--published",
        "2024-03-05",
        "--note",
        "Read *again*.",
        "--tag",
        "diplomacy",
        "--tag",
        "later",
        "--state",
        "done",
    )
    assert record["title"] == "Talks" and record["author"] == "Jane Doe"
    assert (record["published"], record["note"], record["state"]) == (
        "2024-03-05",
        "Read *again*.",
        "done",
    )
    assert record["tags"] == ["diplomacy", "later"]
    record = _doc_json(capsys, str(record["id"])[:8], "--untag", "LATER", "--state", "archived")
    assert record["tags"] == ["diplomacy"] and record["state"] == "archived"
    # The corrected title survives opening the source again.
    _, out, _ = call(capsys, "show", str(article), "--json")
    shown = json.loads(out)["document"]
    assert (shown["title"], shown["author"], shown["published"]) == (
        "Talks",
        "Jane Doe",
        "2024-03-05",
    )


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [("--published", "2024-02-31", "invalid date"), ("--state", "someday", "invalid state")],
)
def test_bad_date_or_state_is_one_line_exit_2_and_changes_nothing(
    capsys: pytest.CaptureFixture[str],
    article: Path,
    db_path: Path,
    option: str,
    value: str,
    message: str,
) -> None:
    call(capsys, "annotate", str(article), "--quote", "envoy")
    before = snapshot(db_path.parent)
    code, out, err = call(capsys, "doc", str(article), "--note", "x", option, value)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err
    assert snapshot(db_path.parent) == before


def test_list_filters_by_state_and_tag(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    paths = []
    for name in ("one", "two", "three"):
        path = tmp_path / f"{name}.txt"
        path.write_text(f"The {name} article is here and it is long enough.\n", encoding="utf-8")
        call(capsys, "annotate", str(path), "--quote", "article")
        paths.append(path)
    call(capsys, "doc", str(paths[0]), "--state", "done", "--tag", "Work")
    call(capsys, "doc", str(paths[1]), "--tag", "work")

    def sources(*args: str) -> list[str]:
        code, out, _ = call(capsys, "list", *args, "--json")
        assert code == 0
        return sorted(Path(row["source"]).stem for row in json.loads(out)["documents"])

    assert sources("--state", "done") == ["one"]
    assert sources("--state", "unread") == ["three", "two"]
    assert sources("--tag", "WORK") == ["one", "two"]
    assert sources("--tag", "work", "--state", "unread") == ["two"]
    code, _, err = call(capsys, "list", "--state", "nope")
    assert code == 2 and "invalid state" in err


def test_states_follow_reading(article: Path) -> None:
    service = ReaderService.open()
    opened = service.open_document(str(article))
    assert opened.document.state.value == "unread"
    service.save_position(opened.document.id, ReadingPosition(10, "", 40.0))
    assert service.get_document(opened.document.id).state.value == "reading"
    service.save_position(opened.document.id, ReadingPosition(60, "", 100.0))
    assert service.get_document(opened.document.id).state.value == "done"


def test_cite_formats(capsys: pytest.CaptureFixture[str], article: Path) -> None:
    call(capsys, "annotate", str(article), "--quote", "envoy")
    call(capsys, "doc", str(article), "--author", "Jane Doe", "--published", "2024")
    code, out, _ = call(capsys, "cite", str(article))
    assert code == 0 and out.startswith("@misc{doe2024minister,")
    code, out, _ = call(capsys, "cite", str(article), "--format", "ris")
    assert rispy.loads(out)[0]["authors"] == ["Doe, Jane"]
    code, out, _ = call(capsys, "cite", str(article), "--format", "csl-json")
    assert json.loads(out)[0]["issued"] == {"date-parts": [[2024]]}
    code, _, err = call(capsys, "cite", "nosuchdoc")
    assert code == 2 and err.count("\n") == 1


def test_export_to_a_vault(
    capsys: pytest.CaptureFixture[str], article: Path, tmp_path: Path
) -> None:
    call(capsys, "annotate", str(article), "--quote", "envoy", "--note", "who")
    vault = tmp_path / "vault"
    vault.mkdir()
    code, out, _ = call(capsys, "export", "--format", "obsidian", "--vault", str(vault))
    assert code == 0 and "1 created" in out
    code, out, _ = call(capsys, "export", "--format", "obsidian", "--vault", str(vault))
    assert "1 unchanged" in out
    code, _, err = call(capsys, "export", "--format", "obsidian")
    assert code == 2 and "--vault" in err
    code, _, err = call(capsys, "export", "--format", "obsidian", "--vault", str(vault), "-o", "x")
    assert code == 2 and "no -o" in err
    code, _, err = call(capsys, "export", "--vault", str(vault))
    assert code == 2 and err.count("\n") == 1


def test_books_open_like_any_source(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "paper.pdf")
    epub = make_epub(tmp_path / "book.epub")
    code, out, _ = call(capsys, "annotate", str(pdf), "--quote", "hyphenation ends column 1")
    assert code == 0
    code, out, _ = call(capsys, "show", str(pdf), "--json")
    document = json.loads(out)["document"]
    assert (document["title"], document["author"]) == ("A Study of Columns", "Ada Lovelace")
    assert len(document["pages"]) == 3
    code, out, _ = call(capsys, "annotate", str(epub), "--quote", "Closing of chapter 2.")
    code, out, _ = call(capsys, "show", str(epub), "--json")
    assert json.loads(out)["document"]["author"] == "Mary Shelley"


def test_a_scanned_pdf_exits_2_in_a_real_process(tmp_path: Path) -> None:
    scan = make_scanned_pdf(tmp_path / "scan.pdf", tmp_path / "scan.png")
    result = run("show", str(scan))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "no text layer" in result.stderr


@pytest.mark.slow
def test_a_book_is_analysed_like_an_article(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The real model over an EPUB: a chapter's people and its quotation are found."""
    from ebooklib import epub

    book = epub.EpubBook()
    book.set_identifier("analysed")
    book.set_title("Harbour Tales")
    book.add_author("Mary Shelley")
    chapter = epub.EpubHtml(title="One", file_name="one.xhtml")
    chapter.content = (
        "<html><body><h1>One</h1><p>Ann Lee walked to the harbour in Portsmouth.</p>"
        "<p>“We will rebuild the pier,” Ann Lee said on Monday.</p></body></html>"
    )
    book.add_item(chapter)
    book.toc = [chapter]
    book.spine = [chapter]
    book.add_item(epub.EpubNcx())
    path = tmp_path / "tales.epub"
    epub.write_epub(str(path), book)
    code, out, err = call(capsys, "analyze", str(path), "--json")
    assert code == 0, err
    result = json.loads(out)
    names = {entity["name"] for entity in result["entity_index"]}
    assert "Ann Lee" in names and "Portsmouth" in names
    assert any(
        quote["speaker"] and quote["speaker"]["name"] == "Ann Lee" for quote in result["quotes"]
    )


def test_show_prints_author_date_and_state_under_the_title(
    capsys: pytest.CaptureFixture[str], article: Path
) -> None:
    call(capsys, "show", str(article))
    call(capsys, "doc", str(article), "--author", "Jane Doe", "--published", "2024-03-05")
    code, out, _ = call(capsys, "show", str(article))
    assert code == 0
    assert out.splitlines()[1] == "Jane Doe · 2024-03-05 · unread"
