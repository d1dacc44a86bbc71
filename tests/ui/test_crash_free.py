"""Cases 3 and 5 (crash-free TUI): an action that fails is a notice, not an exit; a full disk
keeps the editor and its text; when the app does die, the exit status says so."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import TextArea

from reader.core.service import ReaderService
from reader.errors import StoreWriteError
from reader.ui.app import build_app
from reader.ui.dialogs.editor import AnnotationEditor
from reader.ui.screens.library import LibraryScreen
from tests.ui.conftest import SIZE
from tests.ui.test_reading_screen_helpers import notices, reading, settle


async def test_an_exception_in_an_action_is_a_notice_and_the_app_stays_up(
    service: ReaderService,
    monkeypatch: pytest.MonkeyPatch,
    expected_failures: None,
) -> None:
    def boom(self: LibraryScreen) -> None:
        raise RuntimeError("[/] boom \x1b[2J")

    monkeypatch.setattr(LibraryScreen, "action_open_source", boom)
    app = build_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await settle(pilot)
        assert app.is_running
        assert isinstance(app.screen, LibraryScreen)
        message = notices(app)[-1]
        assert "open source failed: [/] boom" in message and "\x1b" not in message
        assert len(app.failures) == 1
    log = service.paths.cache_dir / "errors.log"
    assert "RuntimeError" in log.read_text(encoding="utf-8")
    assert app.return_code in (None, 0)


async def _type_a_note_and_save(pilot, app, story_path: str):  # type: ignore[no-untyped-def]
    app.open_source(story_path)
    await settle(pilot, 5)
    await pilot.press("a", *"my precious note", "ctrl+s")
    await settle(pilot)
    return app.screen


async def test_an_injected_disk_full_error_keeps_the_editor_and_its_text(
    service: ReaderService, story: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(service, "add_annotation", full)
    app = build_app(service)
    async with app.run_test(size=SIZE) as pilot:
        editor = await _type_a_note_and_save(pilot, app, story[0])
        assert isinstance(editor, AnnotationEditor)
        assert editor.query_one("#note", TextArea).text == "my precious note"
        assert any("No space left" in note for note in notices(app))
        assert app.is_running


@pytest.fixture
def tiny_tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs (needs root); skipped where mounting is not allowed."""
    mount = tmp_path / "tmpfs"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (not root?): the injected OSError test covers it")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


async def test_a_really_full_disk_during_a_tui_save_keeps_the_editor_and_the_store(
    tiny_tmpfs: Path, story: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tiny_tmpfs / "store").mkdir()
    db = tiny_tmpfs / "store" / "annotations.json"
    monkeypatch.setenv("READER_DB", str(db))
    service = ReaderService.open(db)
    from tests.ui.test_reading_screen_helpers import write_story

    _path, _ = write_story(tiny_tmpfs.parent, service)
    app = build_app(service)
    async with app.run_test(size=SIZE) as pilot:
        app.open_source(service.list_documents()[0].id)
        await settle(pilot, 5)
        reading(app)
        before = {p: p.read_bytes() for p in db.parent.rglob("*") if p.is_file()}
        _fill(tiny_tmpfs / "filler")
        await pilot.press("a", *"typed on a full disk", "ctrl+s")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, AnnotationEditor)
        assert editor.query_one("#note", TextArea).text == "typed on a full disk"
        assert app.is_running
    after = {p: p.read_bytes() for p in before if p.is_file()}
    assert after == before  # nothing stored was lost or changed
    assert not [p for p in db.parent.rglob("*.tmp")]
    with pytest.raises(StoreWriteError):
        service.add_annotation(service.list_documents()[0].id, 0, 5, note="x")


def _fill(path: Path) -> None:
    """Write ``path`` until the file system has no byte left."""
    with path.open("wb", buffering=0) as stream:
        for size in (65536, 4096, 1):
            try:
                while True:
                    stream.write(b"x" * size)
            except OSError as error:
                assert error.errno == errno.ENOSPC


CRASHING_START = (
    "import reader.ui.screens.library as library\n"
    "def boom(self):\n"
    "    raise RuntimeError('compose failed')\n"
    "library.LibraryScreen.compose = boom\n"
    "from reader.cli import main\n"
    "main([])\n"
)


def test_the_exit_status_is_non_zero_when_the_app_dies(tmp_path: Path) -> None:
    pid, fd = pty.fork()
    if pid == 0:  # the child: a real terminal, the real CLI, a screen that cannot compose
        os.execvpe(sys.executable, [sys.executable, "-c", CRASHING_START], {**os.environ})
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    deadline = time.monotonic() + 60
    status = None
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            os.read(fd, 65536)
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.05)
    else:
        os.kill(pid, 9)
        pytest.fail("the crashed app did not exit")
    os.close(fd)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 3


async def test_an_unexpected_error_in_a_save_keeps_the_editor_and_its_text(
    service: ReaderService,
    story: tuple[str, str],
    monkeypatch: pytest.MonkeyPatch,
    expected_failures: None,
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("unexpected [b]bug[/b]")

    monkeypatch.setattr(service, "add_annotation", broken)
    app = build_app(service)
    async with app.run_test(size=SIZE) as pilot:
        editor = await _type_a_note_and_save(pilot, app, story[0])
        assert isinstance(editor, AnnotationEditor)
        assert editor.query_one("#note", TextArea).text == "my precious note"
        assert any("unexpected [b]bug[/b]" in note for note in notices(app))
        assert app.is_running and len(app.failures) == 1
