"""Case 7 (``<(…)`` sources) and the encodings of case 11, through real processes.

``/dev/fd/N``, pipes and FIFOs are read like stdin: filed by content, never by path. A FIFO
without a writer gives up with a message; UTF-16/32 with a BOM and Shift-JIS are read with a
warning naming the encoding.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.cli.test_doc_cmds import run

FIRST = "The harbour plan was approved on Tuesday after a long debate.\n"
SECOND = "The school board rejected the budget on Wednesday after a short debate.\n"


def _bash(script: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, timeout=120, env=dict(os.environ)
    )


def test_two_articles_from_process_substitution_are_two_documents(tmp_path: Path) -> None:
    reader = f"{shlex.quote(sys.executable)} -m reader"
    script = (
        f"{reader} annotate <(printf %s {shlex.quote(FIRST)}) --quote harbour --note first"
        f" && {reader} show <(printf %s {shlex.quote(SECOND)}) --json"
    )
    done = _bash(script)
    assert done.returncode == 0, done.stderr
    second = json.loads(done.stdout[done.stdout.index("{") :])
    assert second["annotations"] == []  # the first one's note is not on the second
    assert second["document"]["source"].startswith("stdin:")
    documents = json.loads(run("list", "--json").stdout)["documents"]
    assert len(documents) == 2
    assert all(not d["source"].startswith("/dev/fd") for d in documents)


def test_a_fifo_without_a_writer_times_out_with_a_message(tmp_path: Path) -> None:
    fifo = tmp_path / "article.fifo"
    os.mkfifo(fifo)
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "reader", "show", str(fifo)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "READER_FIFO_TIMEOUT": "1"},
    )
    assert done.returncode == 2
    assert "without a writer" in done.stderr and str(fifo) in done.stderr
    assert time.monotonic() - started < 30


def test_a_fifo_with_a_writer_is_read_by_content(tmp_path: Path) -> None:
    fifo = tmp_path / "article.fifo"
    os.mkfifo(fifo)

    def write() -> None:
        with fifo.open("w", encoding="utf-8") as stream:
            stream.write(FIRST)

    writer = threading.Thread(target=write)
    writer.start()
    done = run("show", str(fifo), "--json")
    writer.join(10)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["document"]["source"].startswith("stdin:")


def _read(tmp_path: Path, name: str, data: bytes) -> subprocess.CompletedProcess[str]:
    path = tmp_path / name
    path.write_bytes(data)
    return run("annotate", str(path), "--quote", "港湾計画" if "sjis" in name else "harbour")


def test_utf16_and_utf32_with_a_bom_are_read_and_named(tmp_path: Path) -> None:
    for codec, name in (("utf-16", "UTF-16"), ("utf-32", "UTF-32")):
        done = _read(tmp_path, f"{codec}.txt", FIRST.encode(codec))
        assert done.returncode == 0, done.stderr
        assert "reader: warning: " in done.stderr and name in done.stderr


def test_shift_jis_is_detected_and_named(tmp_path: Path) -> None:
    text = (
        "東京都は火曜日、港湾計画を承認した。"
        "市長は「皆の声を聞いた」と述べた。長い議論の末に決まった。\n"
    )
    done = _read(tmp_path, "sjis.txt", text.encode("shift_jis"))
    assert done.returncode == 0, done.stderr
    assert "reader: warning: " in done.stderr and "CP932" in done.stderr
