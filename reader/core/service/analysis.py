"""Service part: analysis. Filled in by its issue."""

from __future__ import annotations

from reader.core.service.base import ServiceBase


class AnalysisPart(ServiceBase):
    """The analysis operations of the facade."""
