"""The core never imports Textual, and starting the CLI never imports spaCy."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import reader

UI_FREE_EXCLUDED = ("reader.ui",)


def _core_modules() -> list[str]:
    names = [
        info.name
        for info in pkgutil.walk_packages(reader.__path__, prefix="reader.")
        if not info.name.startswith(UI_FREE_EXCLUDED)
    ]
    assert "reader.core.store" in names and "reader.cli" in names
    return names


def _imported_after(modules: list[str]) -> set[str]:
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


def test_no_module_outside_the_ui_imports_textual() -> None:
    loaded = _imported_after(_core_modules())
    assert not {name for name in loaded if name.split(".")[0] == "textual"}


def test_cli_start_up_path_imports_neither_spacy_nor_textual() -> None:
    loaded = _imported_after(["reader.cli", "reader.core.service"])
    top_level = {name.split(".")[0] for name in loaded}
    assert "spacy" not in top_level
    assert "textual" not in top_level
