"""The Obsidian vault export: stable files, the user's text kept, edits and deletes in place."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from reader.core.exporting.obsidian import BEGIN, END, escape_markdown, obsidian_tag, yaml_string
from reader.core.library.vault import MAP_FILE, note_name
from reader.core.service import ReaderService
from reader.core.service.library import DocumentEdit

ARTICLE = "The minister said the talks were long.\n\nThe envoy said the talks were hard.\n"


@pytest.fixture
def service() -> ReaderService:
    return ReaderService.open()


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    folder = tmp_path / "vault"
    folder.mkdir()
    return folder


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "talks.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _files(vault: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(vault.iterdir())}


def test_running_twice_rewrites_nothing(service: ReaderService, vault: Path, article: Path) -> None:
    service.annotate_quote(str(article), "talks were long", note="Long!", tags=["talks"])
    first = service.export_vault(vault)
    before = _files(vault)
    second = service.export_vault(vault)
    assert (len(first.created), second.unchanged, second.updated) == (1, [first.created[0]], [])
    assert _files(vault) == before  # same bytes and the same modification times


def test_note_layout(service: ReaderService, vault: Path, article: Path) -> None:
    annotation = service.annotate_quote(str(article), "envoy", note="Who?", tags=["people", "1"])
    service.edit_document(
        annotation.document_id, DocumentEdit(author="Jane Doe", note="Worth *rereading*.")
    )
    service.export_vault(vault)
    text = (vault / "The minister said the talks were long.md").read_text("utf-8")
    assert text.startswith('---\ntitle: "The minister said the talks were long."\n')
    assert 'author: "Jane Doe"\n' in text and "state: unread\n" in text
    assert f'reader-id: "{annotation.document_id}"\n' in text
    assert f"{BEGIN}\n# The minister said the talks were long.\n\nWorth *rereading*.\n" in text
    assert f"> envoy\n\n^{annotation.id[:8]}\n\nWho?\n\n#people #_1\n\n{END}\n" in text


def test_user_text_around_the_markers_is_kept(
    service: ReaderService, vault: Path, article: Path
) -> None:
    first = service.annotate_quote(str(article), "talks were long", note="one")
    second = service.annotate_quote(str(article), "envoy", note="two")
    service.export_vault(vault)
    (path,) = [p for p in vault.iterdir() if p.suffix == ".md"]
    original = path.read_text("utf-8")
    head, rest = original.split(BEGIN)
    block, _ = rest.split(END)
    front_matter = head.replace("---\n", "---\nmy-key: kept as is\n  - indented\n", 1)
    mine_before = "My own intro, with **markup**.\n\n"
    mine_after = "\n## My thoughts\n\nKeep this   exactly.\n"
    path.write_text(front_matter + mine_before + BEGIN + block + END + mine_after, "utf-8")

    service.edit_annotation(first.id, note="one, edited")
    service.delete_annotation(second.id)
    report = service.export_vault(vault)
    text = path.read_text("utf-8")
    assert report.updated == [path.name]
    assert "my-key: kept as is\n  - indented\n---\n" + mine_before + BEGIN in text
    assert text.endswith(END + mine_after)
    assert "one, edited" in text and "two" not in text and f"^{second.id[:8]}" not in text
    assert text.count(f"^{first.id[:8]}") == 1


def test_the_file_name_stays_when_the_title_changes(
    service: ReaderService, vault: Path, article: Path
) -> None:
    annotation = service.annotate_quote(str(article), "envoy")
    service.export_vault(vault)
    service.edit_document(annotation.document_id, DocumentEdit(title="A New Title"))
    service.export_vault(vault)
    names = sorted(p.name for p in vault.iterdir())
    assert names == [MAP_FILE, "The minister said the talks were long.md"]
    assert 'title: "A New Title"' in (vault / names[1]).read_text("utf-8")


def test_data_cannot_break_the_note(service: ReaderService, vault: Path, article: Path) -> None:
    hostile = f'x"\n{END}\n---\ntitle: evil'
    annotation = service.annotate_quote(str(article), "envoy", note=hostile)
    service.edit_document(annotation.document_id, DocumentEdit(author='Eve "\n" #x'))
    service.export_vault(vault)
    service.edit_annotation(annotation.id, note="calm")
    service.export_vault(vault)
    (path,) = [p for p in vault.iterdir() if p.suffix == ".md"]
    text = path.read_text("utf-8")
    assert text.count(END) == 1 and "calm" in text and "evil" not in text
    assert 'author: "Eve \\" \\" #x"' in text


def test_escaping_helpers() -> None:
    assert yaml_string('a "b"\u2028c') == '"a \\"b\\"\\u2028c"'
    assert escape_markdown("#tag [[link]] *x*") == r"\#tag \[\[link\]\] \*x\*"
    assert obsidian_tag("New York [city]") == "#New-York-city"
    assert obsidian_tag("2024") == "#_2024" and obsidian_tag("[]") == ""
    assert note_name('a/b: "c"?', set()) == "a b c.md"
    assert note_name("Same", {"same.md"}) == "Same (2).md"


def test_a_missing_vault_is_bad_input(service: ReaderService, tmp_path: Path) -> None:
    from reader.errors import BadInputError

    with pytest.raises(BadInputError, match="not a directory"):
        service.export_vault(tmp_path / "nowhere")
    assert not os.path.exists(tmp_path / "nowhere")


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@given(title=_TEXT, note=_TEXT, passage=_TEXT.filter(str.strip), mine=_TEXT)
@example(title="x", note=END, passage="<!-- reader:begin", mine=f"\n{BEGIN}\n")
@example(title="---", note="---\n---", passage="---", mine="---\n")
def test_any_data_re_exports_to_the_same_note_and_keeps_the_users_text(
    title: str, note: str, passage: str, mine: str
) -> None:
    from reader.core.exporting.records import DocumentExport
    from reader.core.library.vault import merged_note
    from reader.core.models import Annotation, Document, Selector

    document = Document.from_dict(
        {
            "id": "d1",
            "title": title,
            "source": "/x",
            "sha256": "0" * 64,
            "first_opened": "2024-01-01T00:00:00Z",
            "last_opened": "2024-01-01T00:00:00Z",
            "note": note,
            "author": title,
        }
    )
    selector = Selector(passage, "", "", 0, len(passage))
    annotation = Annotation("a1b2c3d4e5", "d1", "0" * 64, selector, note=note)
    bundle = DocumentExport(document, None, (annotation,))
    first = merged_note("", bundle)
    assert merged_note(first, bundle) == first
    with_mine = first + mine.replace(BEGIN, "").replace(END, "")
    assert merged_note(with_mine, bundle) == with_mine
