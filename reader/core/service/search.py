"""Service part: search. Filled in by its issue."""

from __future__ import annotations

from reader.core.service.base import ServiceBase


class SearchPart(ServiceBase):
    """The search operations of the facade."""
