"""load_source stays fast on large texts: nothing in it may grow faster than the text."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from reader.core.documents import load_source
from reader.core.text import sha256_of

SAMPLE_WORDS = 1100  # `wc -w` of the sample


def test_a_large_text_loads_quickly_and_correctly(tmp_path: Path, sample_text: str) -> None:
    copies = 2000  # about 14 MB of non-ASCII text (curly quotes, dashes)
    path = tmp_path / "large.txt"
    path.write_text((sample_text + "\n\n") * copies, encoding="utf-8")
    started = time.perf_counter()
    loaded = load_source(str(path))
    elapsed = time.perf_counter() - started
    assert loaded.words == SAMPLE_WORDS * copies
    assert loaded.sha256 == sha256_of(loaded.text)
    assert loaded.title.startswith("US Secretary of State Antony Blinken")
    # Measured about 0.35 s here; quadratic work would take minutes.
    assert elapsed < 5.0, elapsed


def test_the_sample_loads_in_milliseconds(sample_path: Path) -> None:
    load_source(str(sample_path))  # the first call pays for imports
    started = time.perf_counter()
    for _ in range(10):
        load_source(str(sample_path))
    assert (time.perf_counter() - started) / 10 < 0.1


def test_a_local_text_file_loads_without_the_fetching_or_markup_modules(
    sample_path: Path,
) -> None:
    """The common start (a local text file) imports neither fetching nor an extractor."""
    code = (
        "import sys\n"
        "from reader.core.documents import load_source\n"
        f"load_source({str(sample_path)!r})\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(out.stdout.split())
    lazy = {"fetch", "html", "markdown", "pdf", "epub"}
    assert not {f"reader.core.sources.{name}" for name in lazy} & loaded
    assert "urllib.request" not in loaded
