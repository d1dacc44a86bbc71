"""The annotation store: TinyDB files, atomic and locked writes, schema versions.

``Store`` (in ``repository``) is the interface every other part codes against; ``storage``
holds the crash-safe file writing, ``migrations`` the schema versions, ``files`` the
low-level helpers.
"""

from __future__ import annotations

from reader.core.store.migrations import SCHEMA_VERSION
from reader.core.store.repository import Store, default_db_path

__all__ = ["SCHEMA_VERSION", "Store", "default_db_path"]
