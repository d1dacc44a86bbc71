"""UI fixtures: a service on the temporary store and a factory for the app."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reader.core.service import ReaderService
from reader.ui.app import ReaderApp, build_app

SIZE = (120, 36)


@pytest.fixture
def service(db_path: Path) -> ReaderService:
    """The service facade over the test's temporary store."""
    return ReaderService.open(db_path)


@pytest.fixture
def make_app(service: ReaderService) -> Callable[..., ReaderApp]:
    """Build the app the way the CLI does (``build_app``), on the temporary store."""

    def factory(source: str | None = None, theme: str | None = None) -> ReaderApp:
        return build_app(service, source, theme)

    return factory


@pytest.fixture
def story(tmp_path: Path, service: ReaderService) -> tuple[str, str]:
    """A six-paragraph story on disk with its hand-made analysis cached: (path, text)."""
    from tests.ui.test_reading_screen_helpers import write_story

    return write_story(tmp_path, service)


@pytest.fixture
def sample_app_path(service: ReaderService, sample_path: Path) -> str:
    """The sample's path, its analysis in the test's cache (highlights on the first frame)."""
    from tests.ui.test_reading_screen_helpers import prime_sample_analysis

    prime_sample_analysis(service)
    return str(sample_path)


@pytest.fixture(autouse=True)
def no_idle_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    """The background analysis of the library stays off unless a test turns it on (it
    would start spaCy processes in tests that run longer than its idle delay)."""
    from reader.ui.library_analysis import IdleAnalysis

    monkeypatch.setattr(IdleAnalysis, "idle_seconds", 0.0)


@pytest.fixture(autouse=True)
def notice_log(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every notice an app shows is kept in ``app.notice_log`` (``notices()`` reads it):
    a short notice can expire before a slow, loaded machine gets to the assertion."""
    from textual.app import App

    real = App.notify

    def logged(self: App[object], message: str, **options: object) -> None:
        self.__dict__.setdefault("notice_log", []).append(str(message))
        real(self, message, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(App, "notify", logged)


@pytest.fixture
def slow_work_notices() -> None:
    """Asked for by a test of the "Opening…" / "Reading the library…" notices (see
    ``no_slow_work_notices``)."""


@pytest.fixture(autouse=True)
def no_slow_work_notices(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Filing a document or scanning the library announces itself when it takes over 0.3 s.
    Whether a loaded machine crosses that line is luck, and a notice changes what a screen
    shows (a snapshot, where the notices stack): tests that are not about it wait far longer
    before announcing; those about it ask for ``slow_work_notices``."""
    if "slow_work_notices" in request.fixturenames:
        return
    from reader.ui.screens import library, reading_setup

    monkeypatch.setattr(reading_setup, "NOTICE_AFTER_SECONDS", 600.0)
    monkeypatch.setattr(library, "NOTICE_AFTER_SECONDS", 600.0)


@pytest.fixture
def expected_failures() -> None:
    """Asked for by a test that makes the app fail on purpose (see ``no_hidden_failures``)."""


@pytest.fixture(autouse=True)
def no_hidden_failures(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """The app survives a failing action, handler or callback with a notice; a test must
    still fail on one it did not ask for (Textual would have raised it)."""
    reported: list[BaseException] = []
    real = ReaderApp.report_failure

    def report(self: ReaderApp, where: str, error: BaseException) -> None:
        reported.append(error)
        real(self, where, error)

    monkeypatch.setattr(ReaderApp, "report_failure", report)
    yield
    if "expected_failures" not in request.fixturenames:
        assert not reported, f"the app reported failures the test did not expect: {reported!r}"
