"""The house rule "small, named pieces": every module of the package stays under 400 lines.

A module that grows past it is split by what its parts do (a composed helper, a data table
in a module of its own), not trimmed to pass."""

from __future__ import annotations

from pathlib import Path

import reader

LIMIT = 400


def test_every_module_of_the_package_is_under_400_lines() -> None:
    root = Path(reader.__file__).parent
    sizes = {
        path.relative_to(root.parent).as_posix(): len(path.read_text("utf-8").splitlines())
        for path in root.rglob("*.py")
    }
    assert len(sizes) > 100
    assert {name: size for name, size in sizes.items() if size >= LIMIT} == {}
