"""Fix what CI let through: derandomised hypothesis in CI, and HTML opening on a fresh install."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

from hypothesis import settings

from tests.cli.test_doc_cmds import run

ROOT = Path(__file__).resolve().parents[2]
PAGE = """<!doctype html><html><head><title>Harbour plan approved</title></head>
<body><article><h1>Harbour plan approved</h1>
<p>The council approved the harbour plan on Tuesday after a long debate about costs.</p>
<p>"We listened to everyone," the mayor said after the vote in the town hall.</p>
</article></body></html>"""


def test_the_ci_profile_is_derandomised_and_ci_sets_it() -> None:
    assert settings.get_profile("ci").derandomize
    assert 'CI="${CI:-true}"' in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "CI=$${CI:-true}" in (ROOT / "Makefile").read_text(encoding="utf-8")
    probe = "from tests import conftest; from hypothesis import settings; " + (
        "print(settings.default.derandomize)"
    )
    env = {**os.environ, "CI": "true", "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=60
    )
    assert out.stdout.strip() == "True", out.stderr


def test_no_test_module_turns_randomness_back_on() -> None:
    for path in (ROOT / "tests").rglob("*.py"):
        if path == Path(__file__).resolve():
            continue
        source = path.read_text(encoding="utf-8")
        assert "derandomize=False" not in source, path
        assert "load_profile" not in source or path.name == "conftest.py", path


def test_lxml_html_clean_is_declared_and_installed() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert any(dep.startswith("lxml_html_clean") for dep in project["dependencies"])
    assert importlib.util.find_spec("lxml_html_clean") is not None


def test_a_short_html_page_opens_through_the_cli(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    done = run("show", str(page), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["document"]["title"] == "Harbour plan approved"
    # The extracted text holds the paragraph: a passage of it can be annotated.
    noted = run("annotate", str(page), "--quote", "approved the harbour plan")
    assert noted.returncode == 0, noted.stderr
