"""The index's SQLite module: a recent SQLite when installed, Python's own otherwise.

Both must give the same answers (bm25() scores included); the fallback is run in a real
subprocess where ``pysqlite3`` cannot be imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from reader.core.index.driver import sqlite3
from tests.core.index.test_ranking_shortcuts import _PER_ROW_MATCH

REPO = Path(__file__).resolve().parents[3]
SEARCH = """
import json, sys
if sys.argv[1] != "default":
    sys.modules["pysqlite3"] = None  # as on a platform without its wheel
from reader.core.index import queries
from reader.core.index.driver import sqlite3
if sys.argv[1] == "old":
    sqlite3.sqlite_version_info = (3, 34, 1)  # RHEL 9's: no MATERIALIZED
from reader.core.search import parse
from tests.core.search.builders import annotation, document
text = "A balloon was seen. Another balloon came. Then a third one over China."
doc = document(text, title="Balloons")
notes = ["balloon balloon", "a balloon", "china", "balloon over china", "", "tagged"]
exact = ["A balloon" if "balloon" in n else "Then a third" for n in notes]
made = [annotation(doc, text, e, note=n, tags=("China",) * (i % 2)) for i, (n, e) in
        enumerate(zip(notes, exact))]
db = queries.memory_index(made, [doc], lambda d: None)
run = []
db.set_trace_callback(run.append)
answers = []
for query in ["balloon OR chin*", "balloon OR tag:china", "tag:china OR -balloon"]:
    for limit in (None, 2):
        hits = queries.search_annotations(db, parse(query), limit)
        answers.append([[h.annotation.note, h.score, h.snippet] for h in hits])
db.set_trace_callback(None)
ranked = [sql for sql in run if sql.startswith("WITH")]
plans = [[str(row[-1]) for row in db.execute(f"EXPLAIN QUERY PLAN {sql}")] for sql in ranked]
print(json.dumps([sqlite3.__name__, answers, ranked, plans]))
"""


def _run(mode: str) -> list[list[object]]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    found = subprocess.run(
        [sys.executable, "-c", SEARCH, mode], env=env, cwd=REPO, capture_output=True, text=True
    )
    assert found.returncode == 0, found.stderr
    result: list[list[object]] = json.loads(found.stdout)
    return result


def test_pythons_own_sqlite_gives_the_same_answers() -> None:
    default, stdlib = _run("default"), _run("stdlib")
    assert stdlib[0] == "sqlite3"
    assert stdlib[1] == default[1]
    assert [len(hits) for hits in default[1]] == [5, 2, 4, 2, 5, 2]  # type: ignore[arg-type]
    assert stdlib[2] and all("MATERIALIZED" in sql for sql in stdlib[2])  # type: ignore[attr-defined]


def test_a_sqlite_older_than_3_35_ranks_a_mixed_query_without_materialized() -> None:
    """``MATERIALIZED`` is SQLite 3.35's word: an older one gets a plain CTE, which its
    planner (as 3.40's, run here) computes once, as ``MATERIALIZED`` asks."""
    default, old = _run("default"), _run("old")
    assert old[0] == "sqlite3" and old[1] == default[1]
    assert old[2] and not any("MATERIALIZED" in sql for sql in old[2])  # type: ignore[attr-defined]
    for plan in old[3]:
        assert plan[0] == "MATERIALIZE r", plan  # type: ignore[index]
        assert not any(_PER_ROW_MATCH.search(line) for line in plan), plan  # type: ignore[attr-defined]


def test_the_recent_sqlite_is_used_where_it_is_installed() -> None:
    pytest.importorskip("pysqlite3")
    assert sqlite3.__name__ == "pysqlite3.dbapi2"
    assert sqlite3.sqlite_version_info >= (3, 45)


def test_the_recent_sqlite_is_an_optional_extra_that_dev_installs() -> None:
    """``pysqlite3-binary`` has wheels only for glibc Linux x86-64 (no sdist): required, it
    would make ``pip install`` fail on musl, PyPy or free-threaded Pythons."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not any("pysqlite3" in needed for needed in project["dependencies"])
    extras = project["optional-dependencies"]
    assert [needed.split(">=")[0] for needed in extras["fast-search"]] == ["pysqlite3-binary"]
    assert f"{project['name']}[fast-search]" in extras["dev"]  # make, CI and tests get it
