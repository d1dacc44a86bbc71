"""Service part: documents. Filled in by its issue."""

from __future__ import annotations

from reader.core.service.base import ServiceBase


class DocumentsPart(ServiceBase):
    """The documents operations of the facade."""
