"""Case 9 and case 11: queries, imports and themes have limits (exit 2 and a message, never a
crash), and phrase matching stays linear."""

from __future__ import annotations

import json
import time
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.core.search import search_annotations
from reader.core.search.query import MAX_QUERY_DEPTH, parse
from reader.errors import QueryError
from tests.cli.test_doc_cmds import run
from tests.hostile.corpus import native_export, run_bytes


def test_250_nested_parentheses_are_a_query_error_not_a_crash() -> None:
    query = "(" * 250 + "talks" + ")" * 250
    try:
        parse(query)
    except QueryError as error:
        assert "nests too deeply" in str(error)
    else:
        raise AssertionError("a 250-deep query was accepted")
    assert parse("(" * MAX_QUERY_DEPTH + "talks" + ")" * MAX_QUERY_DEPTH)
    done = run("search", query)
    assert done.returncode == 2 and "nests too deeply" in done.stderr
    assert run("search", "-" * 300 + "talks").returncode == 2


def test_a_huge_query_is_refused() -> None:
    done = run("search", " ".join(f"w{n}" for n in range(5000)))
    assert done.returncode == 2 and "too long" in done.stderr


def test_a_5000_word_phrase_against_a_long_note_is_quick(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("The talks were long and hard for everyone.\n", encoding="utf-8")
    note = " ".join(["a b"] * 25_000)  # 100,000 characters: one argv string
    done = run("annotate", str(article), "--quote", "talks", "--note", note)
    assert done.returncode == 0, done.stderr
    phrase = '"' + " ".join(["a b"] * 900) + ' c"'  # under the length limit: 1,801 words
    started = time.monotonic()
    found = run("search", phrase)
    assert found.returncode == 1, found.stderr  # no match, and no backtracking
    assert time.monotonic() - started < 20  # generous: seconds of regex work before the fix
    too_long = run("search", '"' + " ".join(["a b"] * 2500) + '"')  # 5,000 words
    assert too_long.returncode == 2 and "too long" in too_long.stderr


WORDS = st.lists(st.sampled_from(["a", "b", "ab", "c"]), min_size=1, max_size=6)
TEXT = st.lists(st.sampled_from(["a", "b", "ab", "c", " ", ", ", "\x1f"]), max_size=30)


@settings(max_examples=300, deadline=None)
@given(WORDS, TEXT, st.booleans())
@example(["a", "a", "b"], ["a", " ", "a", " ", "a", " ", "b"], False)
@example(["a", "b"], ["a", "\x1f", "b"], False)
def test_linear_phrase_matching_agrees_with_the_pattern(
    wanted: list[str], pieces: list[str], prefix: bool
) -> None:
    # Phrases are matched by SQLite FTS5 now (linear over the words); the reference is the
    # linear scan the index tests use.
    from tests.core.search.builders import annotation, document
    from tests.core.search.scan import scan

    text = "".join(pieces)
    doc = document("x .")
    notes = [annotation(doc, "x .", "x", note=text)]
    query = '"' + " ".join(wanted) + '"' + ("*" if prefix else "")
    found = {hit.annotation.id for hit in search_annotations(query, notes, [doc])}
    assert found == scan(query, notes, [doc])


def test_a_deeply_nested_import_is_refused(tmp_path: Path) -> None:
    for depth in (100, 100_000):
        path = tmp_path / f"deep{depth}.json"
        path.write_text("[" * depth + "]" * depth, encoding="utf-8")
        done = run_bytes("import", str(path))
        assert done.returncode == 2, done.stderr
        assert b"nested too deeply" in done.stderr


def test_import_offsets_past_the_end_of_the_text_are_refused(tmp_path: Path) -> None:
    export = native_export("offsets", "plain words")
    selector = export["documents"][0]["annotations"][0]["selector"]
    selector["start"], selector["end"] = 5000, 5011
    path = tmp_path / "offsets.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    done = run_bytes("import", str(path))
    assert done.returncode == 2
    assert b"past the end of its text" in done.stderr
    assert json.loads(run("list", "--json").stdout)["documents"] == []
