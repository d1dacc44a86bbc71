"""``reader [--db PATH] [--theme NAME] [SOURCE]`` starts the TUI without click, reading the
arguments exactly as the click group would; anything else goes to click."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import reader.cli
from reader.cli import tui
from reader.cli.root import cli
from reader.cli.tui import TuiRequest, tui_request
from reader.errors import SourceError

ARGUMENTS = [
    [],
    ["article.txt"],
    ["-"],
    ["--db", "store.json", "article.txt"],
    ["--db=store.json", "--theme", "paper"],
    ["--theme", "paper", "--db", "s.json", "https://example.com/a"],
    ["--db", "show"],
]
"""Plain starts: each is a TUI request."""
NOT_PLAIN = [
    ["show", "x"],
    ["open", "x"],
    ["--help"],
    ["--version"],
    ["-x"],
    [""],
    ["--db"],
    ["--db", "-x"],
    ["--db", "a", "--db", "b"],
    ["article.txt", "--db", "a"],
    ["a", "b"],
    ["--", "x"],
    ["--db="],
    ["--unknown", "x"],
]
"""Arguments click must parse (subcommands, help, errors, unusual forms)."""


def _click_reading(args: list[str], monkeypatch: pytest.MonkeyPatch) -> Any:
    """What the click group hands to the TUI for ``args`` (or the exit code it fails with)."""
    seen: list[TuiRequest] = []

    def fake_run_tui(obj: Any, source: str | None) -> None:
        seen.append(TuiRequest(source, obj.db, obj.theme))

    monkeypatch.setattr(tui, "run_tui", fake_run_tui)
    try:
        cli.main(args=args, prog_name="reader", standalone_mode=False)
    except Exception as error:  # any click failure means "not a TUI start"
        return type(error).__name__
    return seen[0] if seen else None


@pytest.mark.parametrize("args", ARGUMENTS)
def test_plain_starts_are_read_as_click_reads_them(
    args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    request = tui_request(args)
    assert request is not None
    assert request == _click_reading(args, monkeypatch)


@pytest.mark.parametrize("args", NOT_PLAIN)
def test_anything_else_goes_to_click(args: list[str]) -> None:
    assert tui_request(args) is None


words = st.sampled_from(["--db", "--theme", "--db=x", "--theme=t", "-", "x.txt", "show", "-q"])


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.lists(words, max_size=5))
@example(["--theme", "--db"])
def test_a_request_is_always_what_click_would_start(args: list[str]) -> None:
    request = tui_request(args)
    if request is not None:
        with pytest.MonkeyPatch.context() as monkeypatch:
            assert request == _click_reading(args, monkeypatch)


def test_a_plain_start_imports_no_click() -> None:
    code = (
        "import sys\n"
        "from reader.cli.tui import tui_request\n"
        "assert tui_request(['--db', 'a.json', 'article.txt']) is not None\n"
        "print('click' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_plain_start_reports_errors_like_the_cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def failing(service: object, source: str | None, theme: str | None) -> None:
        raise SourceError(f"no such file: {source!r}")

    monkeypatch.setattr(tui, "_run", failing)
    monkeypatch.setenv("READER_DEBUG", "0")
    with pytest.raises(SystemExit) as exit_info:
        reader.cli.main(["missing.txt"])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err == "reader: no such file: 'missing.txt'\n"
