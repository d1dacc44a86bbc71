"""Case 1 (terminal escapes on the command line) and case 3 (data read as markup, CLI side).

Every hostile string goes into every text field of a document and an annotation (through a
native import), and every command prints it: the output holds no ESC, no C1 control, no bidi
override and no traceback, and nothing is read as markup (exit status never 3).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.hostile.corpus import (
    HOSTILE,
    NAMES,
    assert_clean,
    encodable,
    hostile_text,
    native_export,
    run_bytes,
)

EXPORTS = ("json", "w3c", "markdown", "csv")


@pytest.fixture
def hostile_store(tmp_path: Path) -> dict[str, str]:
    """A store holding one document per hostile string; name -> document id (when stored)."""
    stored: dict[str, str] = {}
    bundle = {"format": "reader-annotations", "version": 1, "documents": []}
    for name, value in HOSTILE:
        if any("\ud800" <= ch <= "\udfff" for ch in value):
            continue  # refused by import: see test_an_import_with_lone_surrogates_is_refused
        export = native_export(name, value)
        bundle["exported"] = export["exported"]
        bundle["documents"].extend(export["documents"])
        stored[name] = export["documents"][0]["document"]["id"]
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(bundle, ensure_ascii=True), encoding="utf-8")
    done = run_bytes("import", str(path))
    assert done.returncode == 0, done.stderr
    assert_clean(done.stdout + done.stderr, "import")
    return stored


COMMANDS = [
    ("list",),
    ("list", "--json"),
    ("search",),
    ("search", "--json"),
    ("search", "harbour"),
    ("tags",),
    ("tags", "--json"),
    *[("export", "--format", fmt) for fmt in EXPORTS],
    ("export", "--format", "json", "--with-text"),
    ("paths",),
]


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_every_listing_command_prints_hostile_data_harmlessly(
    hostile_store: dict[str, str], args: tuple[str, ...]
) -> None:
    done = run_bytes(*args)
    assert done.returncode in (0, 1), done.stderr
    assert_clean(done.stdout + done.stderr, " ".join(args))


def test_show_and_analyze_of_each_hostile_document_are_harmless(
    hostile_store: dict[str, str],
) -> None:
    for name, document_id in hostile_store.items():
        for args in (("show", document_id), ("show", document_id, "--json")):
            done = run_bytes(*args)
            assert done.returncode == 0, (name, done.stderr)
            assert_clean(done.stdout + done.stderr, f"{args} {name}")
    # One analysis over every hostile document (the blank model: rules only, fast).
    for name in ("markup_bare_close", "osc52_clipboard", "c1_csi", "bidi_override"):
        done = run_bytes("analyze", hostile_store[name], "--model", "blank")
        assert done.returncode == 0, done.stderr
        assert_clean(done.stdout + done.stderr, f"analyze {name}")


def test_error_messages_quoting_a_hostile_title_are_harmless(
    hostile_store: dict[str, str],
) -> None:
    # "quote not found in <title>": the error quotes the document's title.
    done = run_bytes("annotate", hostile_store["osc52_clipboard"], "--quote", "no such words")
    assert done.returncode == 2
    assert_clean(done.stderr, "annotate error")
    assert "\ufffd" in done.stderr.decode("utf-8") or b"reader:" in done.stderr


@pytest.mark.parametrize("name", NAMES)
def test_hostile_notes_tags_and_colours_from_the_command_line(tmp_path: Path, name: str) -> None:
    value = encodable(dict(HOSTILE)[name])
    article = tmp_path / "article.txt"
    article.write_text(hostile_text(value), encoding="utf-8")
    done = run_bytes(
        "annotate", str(article), "--quote", "harbour plan", "--note", value, "--tag", value
    )
    assert done.returncode in (0, 2), done.stderr
    assert_clean(done.stdout + done.stderr, "annotate")
    colour = run_bytes("annotate", str(article), "--quote", "mayor", "--color", value)
    assert colour.returncode in (0, 2), colour.stderr
    assert_clean(colour.stdout + colour.stderr, "annotate --color")
    for args in (("show", str(article)), ("search", value[:30]), ("tags",), ("list",)):
        shown = run_bytes(*args)
        assert shown.returncode in (0, 1, 2), shown.stderr
        assert_clean(shown.stdout + shown.stderr, f"{args}")


def test_a_title_in_markup_does_not_break_list_or_search(hostile_store: dict[str, str]) -> None:
    listed = run_bytes("list")
    assert listed.returncode == 0, listed.stderr
    assert "[/quote] The harbour story" in listed.stdout.decode("utf-8")
    found = run_bytes("search", "hostile")
    assert found.returncode == 0, found.stderr
    assert "Acme[/] Corp" in found.stdout.decode("utf-8")


def test_json_output_escapes_controls_by_json_rules(hostile_store: dict[str, str]) -> None:
    done = run_bytes("show", hostile_store["c1_csi"], "--json")
    assert b"\\u009b" in done.stdout
    assert json.loads(done.stdout)["document"]["title"] == dict(HOSTILE)["c1_csi"]


def test_an_import_with_lone_surrogates_is_refused_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "surrogate.json"
    export = native_export("lone", dict(HOSTILE)["lone_surrogate_high"])
    path.write_text(json.dumps(export, ensure_ascii=True), encoding="utf-8")
    done = run_bytes("import", str(path))
    assert done.returncode == 2
    assert_clean(done.stderr, "import")


def test_csv_cells_that_look_like_formulas_are_neutralised(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(hostile_text("=HYPERLINK(1)"), encoding="utf-8")
    for note in ("=1+2", "+SUM(A1)", "-2+3", "@cmd"):
        done = run_bytes("annotate", str(article), "--quote", "harbour", "--note", note)
        assert done.returncode == 0, done.stderr
    import csv
    import io

    out = run_bytes("export", "--format", "csv").stdout.decode("utf-8")
    notes = sorted(row["note"] for row in csv.DictReader(io.StringIO(out)))
    assert notes == ["'+SUM(A1)", "'-2+3", "'=1+2", "'@cmd"]


@pytest.mark.parametrize(
    "name", ["osc52_clipboard", "c1_csi", "markup_bare_close", "bidi_override"]
)
def test_document_metadata_and_citations_with_hostile_strings(
    hostile_store: dict[str, str], tmp_path: Path, name: str
) -> None:
    value = encodable(dict(HOSTILE)[name])
    document_id = hostile_store[name]
    (tmp_path / "vault").mkdir()
    edited = run_bytes(
        "doc", document_id, "--author", value, "--site", value, "--note", value, "--tag", value
    )
    assert edited.returncode in (0, 2), edited.stderr
    assert_clean(edited.stdout + edited.stderr, "doc edit")
    for args in (
        ("doc", document_id),
        ("doc", document_id, "--json"),
        ("cite", document_id),
        ("cite", document_id, "--format", "ris"),
        ("cite", document_id, "--format", "csl-json"),
        ("list", "--tag", value[:20]),
        ("export", "--format", "obsidian", "--vault", str(tmp_path / "vault")),
    ):
        done = run_bytes(*args)
        assert done.returncode in (0, 1, 2), (args, done.stderr)
        assert_clean(done.stdout + done.stderr, " ".join(args))
    notes = list((tmp_path / "vault").rglob("*.md"))
    assert notes
    for note in notes:  # Markdown is read on terminals too
        assert_clean(note.read_bytes(), str(note))
