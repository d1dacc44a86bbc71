"""Citations parse back with real reference-manager parsers (bibtexparser, rispy)."""

from __future__ import annotations

import json

import bibtexparser
import rispy
from hypothesis import example, given
from hypothesis import strategies as st

from reader.core.library.citations import citation, cite_key
from reader.core.models import Document

TRICKY = 'Costs {rise} 50% & more_than "expected" #1\nnew line'


def _document(**fields: object) -> Document:
    base = {
        "id": "0f1e2d3c-aaaa-bbbb-cccc-000000000000",
        "title": "Budget Night",
        "source": "https://crier.example/budget?id=1",
        "sha256": "0" * 64,
        "first_opened": "2024-03-06T09:00:00.000Z",
        "last_opened": "2024-03-07T09:00:00.000Z",
        "author": "Jane Doe and Li Wei",
        "published": "2024-03-05",
        "site": "The Town Crier",
        "url": "https://crier.example/budget-night",
    }
    return Document.from_dict({**base, **fields})


def test_bibtex_parses_back() -> None:
    library = bibtexparser.parse_string(citation(_document(), "bibtex"))
    (entry,) = library.entries
    assert entry.entry_type == "online"
    assert entry.key == "doe2024budget"
    assert entry["author"] == "Jane Doe and Li Wei"
    assert entry["title"] == "{Budget Night}"
    assert (entry["date"], entry["year"]) == ("2024-03-05", "2024")
    assert entry["organization"] == "The Town Crier"
    assert entry["url"] == "https://crier.example/budget-night"
    assert entry["urldate"] == "2024-03-07"


def test_ris_parses_back() -> None:
    (record,) = rispy.loads(citation(_document(), "ris"))
    assert record["type_of_reference"] == "ELEC"
    assert record["authors"] == ["Doe, Jane", "Wei, Li"]
    assert record["title"] == "Budget Night"
    assert record["year"] == "2024"
    assert record["date"] == "2024/03/05/"
    assert record["urls"] == ["https://crier.example/budget-night"]


def test_csl_json() -> None:
    (item,) = json.loads(citation(_document(), "csl-json"))
    assert item["type"] == "webpage"
    assert item["author"] == [{"family": "Doe", "given": "Jane"}, {"family": "Wei", "given": "Li"}]
    assert item["issued"] == {"date-parts": [[2024, 3, 5]]}
    assert item["container-title"] == "The Town Crier"
    assert item["URL"] == "https://crier.example/budget-night"


def test_a_book_without_url_or_date() -> None:
    document = _document(source="/books/frank.epub", url="", published="", author="Shelley, Mary")
    entry = bibtexparser.parse_string(citation(document, "bibtex")).entries[0]
    assert entry.entry_type == "book" and "url" not in entry.fields_dict
    (record,) = rispy.loads(citation(document, "ris"))
    assert record["type_of_reference"] == "BOOK" and record["authors"] == ["Shelley, Mary"]


@given(st.text(max_size=60))
@example(TRICKY)
@example("}")
@example("\\")
def test_any_title_parses_back_as_one_entry(title: str) -> None:
    document = _document(title=title or "x")
    library = bibtexparser.parse_string(citation(document, "bibtex"))
    assert len(library.entries) == 1 and not library.failed_blocks
    (record,) = rispy.loads(citation(document, "ris"))
    assert "\n" not in record.get("title", "")
    assert cite_key(document).isascii()
