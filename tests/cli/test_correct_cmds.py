"""``reader correct``, ``reader corrections`` and ``reader analyze --json`` with corrections,
through the real CLI on the sample (its analysis primed in the temporary cache)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reader.core.service import ReaderService
from tests.cli.test_doc_cmds import UUID, call, run, snapshot
from tests.conftest import SAMPLE_PATH
from tests.ui.test_reading_screen_helpers import prime_sample_analysis

SAMPLE = str(SAMPLE_PATH)
WORTH_QUOTE = "made clear the US won’t stand for any violation of our sovereignty"


@pytest.fixture(autouse=True)
def primed(db_path: Path) -> None:
    """The sample's analysis in the test's cache: ``analyze`` needs no spaCy run."""
    prime_sample_analysis(ReaderService.open(db_path))


def _correct(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code, out, err = call(capsys, "correct", SAMPLE, *args)
    assert (code, err) == (0, ""), err
    identifier = out.strip()
    assert UUID.match(identifier)
    return identifier


def _analysis(capsys: pytest.CaptureFixture[str]) -> Any:
    code, out, _ = call(capsys, "analyze", SAMPLE, "--json")
    assert code == 0
    return json.loads(out)


def _corrections(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, Any]]:
    code, out, _ = call(capsys, "corrections", *args, "--json")
    assert code == 0
    rows: list[dict[str, Any]] = json.loads(out)["corrections"]
    return rows


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["speaker", "--quote", WORTH_QUOTE, "--to", "Antony Blinken"],
            {"target": "speaker", "action": "speaker", "value": "Antony Blinken"},
        ),
        (
            ["speaker", "--quote", WORTH_QUOTE, "--to", ""],
            {"target": "speaker", "action": "speaker", "value": ""},
        ),
        (
            ["quote", "--quote", "absurd and hysterical", "--not-a-quote"],
            {"target": "quote", "action": "not-a-quote"},
        ),
        (
            [
                "quote",
                "--quote",
                "Blinken postponed an anticipated go to to Beijing",
                "--add",
                "--speaker",
                "Antony Blinken",
            ],
            {"target": "quote", "action": "add", "value": "Antony Blinken", "form": "direct"},
        ),
        (
            [
                "quote",
                "--quote",
                "Blinken postponed an anticipated go to to Beijing",
                "--add",
                "--form",
                "indirect",
            ],
            {"target": "quote", "action": "add", "value": "", "form": "indirect"},
        ),
        (
            ["entity", "--mention", "Chinese", "--label", "norp"],
            {"target": "entity", "action": "label", "value": "NORP", "scope": "all"},
        ),
        (
            ["entity", "--mention", "Chilly Warfare", "--not-entity"],
            {"target": "entity", "action": "not-entity"},
        ),
        (
            ["entity", "--mention", "Worth", "--occurrence", "2", "--same-as", "Ned Worth"],
            {"target": "entity", "action": "same-as", "value": "Ned Worth"},
        ),
        (
            ["entity", "--mention", "Wang", "--split", "--only-this"],
            {"target": "entity", "action": "split", "scope": "only-this"},
        ),
    ],
)
def test_every_kind_prints_an_id_and_is_listed(
    capsys: pytest.CaptureFixture[str], args: list[str], expected: dict[str, str]
) -> None:
    identifier = _correct(capsys, *args)
    rows = _corrections(capsys)
    assert [row["id"] for row in rows] == [identifier]
    body = rows[0]["correction"]
    assert {key: body[key] for key in expected} == expected
    assert rows[0]["status"] == "anchored" and rows[0]["superseded"] is False
    assert set(rows[0]) == {
        "id",
        "document",
        "passage",
        "start",
        "end",
        "correction",
        "status",
        "superseded",
        "created",
        "modified",
    }


def test_analyze_json_shows_corrected_values(capsys: pytest.CaptureFixture[str]) -> None:
    assert not any("corrected" in m for m in _analysis(capsys)["entities"])
    _correct(capsys, "entity", "--mention", "Chinese", "--label", "NORP")
    _correct(capsys, "entity", "--mention", "Chilly Warfare", "--not-entity")
    fix = _correct(capsys, "speaker", "--quote", WORTH_QUOTE, "--to", "Antony Blinken")
    data = _analysis(capsys)
    chinese = [m for m in data["entities"] if m["text"] == "Chinese"]
    assert chinese and all(m["label"] == "NORP" and m["corrected"] is True for m in chinese)
    assert not any(m["text"] == "Chilly Warfare" for m in data["entities"])
    entity = next(e for e in data["entity_index"] if e["name"] == "Chinese")
    assert entity["label"] == "NORP" and entity["corrected"] is True
    quote = next(q for q in data["quotes"] if WORTH_QUOTE in q["text"])
    assert quote["speaker"]["name"] == "Antony Blinken" and quote["corrected"] is True
    # Deleting the correction gives the machine's speaker back.
    assert call(capsys, "delete", fix)[0] == 0
    quote = next(q for q in _analysis(capsys)["quotes"] if WORTH_QUOTE in q["text"])
    assert quote["speaker"]["name"] == "Ned Worth" and "corrected" not in quote


def test_conflicting_corrections_both_listed(capsys: pytest.CaptureFixture[str]) -> None:
    older = _correct(capsys, "speaker", "--quote", WORTH_QUOTE, "--to", "Wang Yi")
    newer = _correct(capsys, "speaker", "--quote", WORTH_QUOTE, "--to", "Joe Biden")
    rows = {row["id"]: row for row in _corrections(capsys)}
    assert rows[older]["superseded"] and not rows[newer]["superseded"]
    quote = next(q for q in _analysis(capsys)["quotes"] if WORTH_QUOTE in q["text"])
    assert quote["speaker"]["name"] == "Joe Biden"
    code, out, _ = call(capsys, "corrections")
    assert code == 0 and "superseded" in out and "Biden" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["entity", "--mention", "no such words", "--not-entity"], "mention not found"),
        (["entity", "--mention", "Chinese", "--label", "BOGUS"], "unknown label"),
        (["speaker", "--quote", "no such words", "--to", "X"], "quote not found"),
        (["quote", "--quote", "Chinese", "--add", "--not-a-quote"], "exactly one"),
        (["entity", "--mention", "Chinese", "--split", "--not-entity"], "exactly one"),
        (["entity", "--mention", "Chinese", "--same-as", ""], "needs the name"),
    ],
)
def test_bad_input_exits_2_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], db_path: Path, args: list[str], message: str
) -> None:
    _correct(capsys, "entity", "--mention", "Chinese", "--label", "NORP")
    before = snapshot(db_path.parent)
    code, out, err = call(capsys, "correct", SAMPLE, *args)
    assert code == 2 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1
    assert snapshot(db_path.parent) == before


def test_corrections_of_one_document_and_none(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert call(capsys, "corrections")[1].strip() == "No corrections."
    other = tmp_path / "other.txt"
    other.write_text("Ann Lee said “hello” to the Chinese.\n", encoding="utf-8")
    code, _out, _ = call(
        capsys, "correct", str(other), "entity", "--mention", "Chinese", "--label", "NORP"
    )
    assert code == 0
    _correct(capsys, "entity", "--mention", "Chilly Warfare", "--not-entity")
    assert len(_corrections(capsys)) == 2
    assert [row["passage"] for row in _corrections(capsys, str(other))] == ["Chinese"]


def test_a_real_process_round_trip() -> None:
    made = run("correct", SAMPLE, "entity", "--mention", "Chinese", "--label", "NORP")
    assert made.returncode == 0 and UUID.match(made.stdout.strip())
    listed = run("corrections", "--json")
    assert json.loads(listed.stdout)["corrections"][0]["id"] == made.stdout.strip()
    shown = run("show", SAMPLE)
    assert "correction: label: NORP" in shown.stdout
    bad = run("correct", SAMPLE, "entity", "--mention", "Chinese", "--label", "NOPE")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_data_in_the_list_is_never_markup(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    other = tmp_path / "odd.txt"
    other.write_text("\x1b[2JThe [bold]Acme[/bold] group met Ann Lee.\n", encoding="utf-8")
    passage = "[bold]Acme[/bold]"
    code, _, err = call(
        capsys, "correct", str(other), "entity", "--mention", passage, "--label", "ORG"
    )
    assert code == 0, err
    code, out, _ = call(capsys, "corrections")
    assert code == 0 and "[bold]Acme" in out and "\x1b" not in out
