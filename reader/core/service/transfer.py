"""Service part: transfer. Filled in by its issue."""

from __future__ import annotations

from reader.core.service.base import ServiceBase


class TransferPart(ServiceBase):
    """The transfer operations of the facade."""
