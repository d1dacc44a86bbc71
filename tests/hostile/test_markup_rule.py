"""The grep-able rule "data is never markup" (docs/SECURITY.md), kept by a scan of reader/ui.

Widgets that parse a ``str`` as markup (``Static``, ``Label``, ``Option``, ``update``,
``DataTable.add_row``, ``from_markup``) must not be given an f-string or a concatenation:
that is how a title such as ``[/quote]`` became markup. Data goes in through
``reader.ui.data_text.data_text`` / ``data_block`` (a ``Text``). A line that builds markup
from constants only says so with the marker ``# markup: constants``.
"""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "reader" / "ui"
MARKUP_TAKERS = {"Static", "Label", "Option", "update", "add_row", "from_markup", "Button"}
MARKER = "# markup: constants"


def _name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _built(node: ast.expr) -> bool:
    """An f-string, a concatenation or a %/format: a string put together at run time."""
    if isinstance(node, ast.JoinedStr | ast.BinOp):
        return True
    return isinstance(node, ast.Call) and _name(node) == "format"


def offences() -> list[str]:
    found = []
    for path in sorted(UI.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.Call) or _name(node) not in MARKUP_TAKERS:
                continue
            args = list(node.args) + [k.value for k in node.keywords if k.arg == "markup"]
            if any(_built(arg) for arg in node.args) and MARKER not in lines[node.lineno - 1]:
                found.append(f"{path.relative_to(UI)}:{node.lineno}")
            if any(isinstance(a, ast.Constant) and a.value is True for a in args[len(node.args) :]):
                found.append(f"{path.relative_to(UI)}:{node.lineno} markup=True")
    return found


def notify_calls_without_the_app_override() -> bool:
    """Every notice goes through ``ReaderApp.notify``, which sanitises and turns markup off."""
    app = (UI / "app.py").read_text(encoding="utf-8")
    return "def notify(" in app and "markup=False" in app


def test_no_markup_string_is_built_from_data_in_the_ui() -> None:
    assert offences() == []


def test_notices_are_sanitised_and_never_markup() -> None:
    assert notify_calls_without_the_app_override()


CLI = UI.parent / "cli"
SANITISERS = {"safe", "safe_line"}


def _sanitised(node: ast.expr) -> bool:
    """A constant, a ``safe(...)``/``safe_line(...)`` call, or an f-string of those."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Call):
        return _name(node) in SANITISERS
    if isinstance(node, ast.JoinedStr):
        return all(
            isinstance(part, ast.Constant) or _sanitised(part.value)
            for part in node.values
            if isinstance(part, ast.Constant | ast.FormattedValue)
        )
    return False


def cli_offences() -> list[str]:
    """``click.echo``/``print`` outside ``reader.cli.output`` with data that skipped the
    sanitiser (``output.print_line``, ``warn`` and ``print_json`` sanitise themselves)."""
    found = []
    for path in sorted(CLI.rglob("*.py")):
        if path.name == "output.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            writes = isinstance(node, ast.Call) and _name(node) in {"echo", "print", "secho"}
            if writes and node.args and not _sanitised(node.args[0]):
                found.append(f"{path.relative_to(CLI)}:{node.lineno}")
    return found


def test_the_cli_writes_data_only_through_the_sanitiser() -> None:
    assert cli_offences() == []
