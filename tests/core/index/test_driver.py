"""The index's SQLite module: a recent SQLite when installed, Python's own otherwise.

Both must give the same answers (bm25() scores included); the fallback is run in a real
subprocess where ``pysqlite3`` cannot be imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.index.driver import sqlite3

REPO = Path(__file__).resolve().parents[3]
SEARCH = """
import json, sys
if sys.argv[1] == "stdlib":
    sys.modules["pysqlite3"] = None  # as on a platform without its wheel
from reader.core.index.driver import sqlite3
from reader.core.search import search_annotations
from tests.core.search.builders import annotation, document
text = "A balloon was seen. Another balloon came. Then a third one over China."
doc = document(text, title="Balloons")
notes = ["balloon balloon", "a balloon", "china", "balloon over china", ""]
made = [annotation(doc, text, "A balloon", note=n, tags=("China",) * (i % 2)) for i, n in
        enumerate(notes)]
hits = search_annotations("balloon OR chin", made, [doc], prefix_last=True)
print(json.dumps([sqlite3.__name__, [[h.annotation.note, h.score, h.snippet] for h in hits]]))
"""


def _run(mode: str) -> list[object]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    found = subprocess.run(
        [sys.executable, "-c", SEARCH, mode], env=env, cwd=REPO, capture_output=True, text=True
    )
    assert found.returncode == 0, found.stderr
    result: list[object] = json.loads(found.stdout)
    return result


def test_pythons_own_sqlite_gives_the_same_answers() -> None:
    default, stdlib = _run("default"), _run("stdlib")
    assert stdlib[0] == "sqlite3"
    assert stdlib[1] == default[1] and len(default[1]) == 5  # type: ignore[arg-type]


def test_the_recent_sqlite_is_used_where_it_is_installed() -> None:
    pytest.importorskip("pysqlite3")
    assert sqlite3.__name__ == "pysqlite3.dbapi2"
    assert sqlite3.sqlite_version_info >= (3, 45)
