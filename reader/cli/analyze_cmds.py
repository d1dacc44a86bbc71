"""Placeholder: commands of this area are added by their issue."""

from __future__ import annotations

import click


def register(group: click.Group) -> None:
    """Attach this module's commands to ``group``."""
