"""Kill the app right after a save, or quit it: the annotation is in the store.

The child (``app_kill_child.py``) is the real app running headless in its own process,
annotating through the keys; it prints each annotation's id right after the save returned.
The parent then kill -9s it at once (or lets it quit with q / ctrl+q) and reads the store
with a fresh service.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.service import ReaderService
from tests.ui.test_annotating_helpers import prime_analysis

CHILD = Path(__file__).with_name("app_kill_child.py")
REPO_ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 60


def spawn(source: Path, mode: str, count: int = 1) -> subprocess.Popen[str]:
    """Start the child app on ``source`` with the test's store, config and cache."""
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    return subprocess.Popen(
        [sys.executable, str(CHILD), str(source), mode, str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def read_line(child: subprocess.Popen[str]) -> str:
    """The child's next line; fails with its stderr if it ended instead."""
    assert child.stdout is not None
    line = child.stdout.readline()
    if not line:
        child.wait(TIMEOUT)
        stderr = child.stderr.read() if child.stderr else ""
        pytest.fail(f"the child ended (code {child.returncode}) without a line:\n{stderr}")
    return line.strip()


@pytest.fixture
def service(db_path: Path, sample_path: Path) -> ReaderService:
    """The test's store, with the sample's analysis cached for the child."""
    service = ReaderService.open(db_path)
    prime_analysis(service, sample_path)
    return service


def notes_in_store(db_path: Path) -> dict[str, str]:
    """Annotation id -> note, as a fresh service reads them."""
    fresh = ReaderService.open(db_path)
    return {
        annotation.id: annotation.note
        for document in fresh.list_documents()
        for annotation in fresh.annotations_for(document.id)
    }


def test_kill_9_right_after_saves_keeps_every_saved_annotation(
    service: ReaderService, db_path: Path, sample_path: Path
) -> None:
    child = spawn(sample_path, "wait", count=3)
    try:
        saved = [read_line(child) for _ in range(3)]
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait(TIMEOUT)
    assert child.returncode == -signal.SIGKILL
    ids = [line.removeprefix("saved ") for line in saved]
    assert all(line.startswith("saved ") for line in saved)
    assert notes_in_store(db_path) == {ids[0]: "note 0", ids[1]: "note 1", ids[2]: "note 2"}


@pytest.mark.parametrize("key", ["q", "ctrl+q"])
def test_quitting_with_q_or_ctrl_q_keeps_the_annotation_and_exits_cleanly(
    service: ReaderService, db_path: Path, sample_path: Path, key: str
) -> None:
    child = spawn(sample_path, key)
    try:
        saved = read_line(child)
        exited = read_line(child)
        child.wait(TIMEOUT)
    finally:
        child.kill()
    stderr = child.stderr.read() if child.stderr else ""
    assert (exited, child.returncode, stderr) == ("exited 0", 0, "")
    assert notes_in_store(db_path) == {saved.removeprefix("saved "): "note 0"}
