"""The one facade the CLI and the TUI call (``ReaderService``).

The facade (``facade``) is composed of parts passed in at construction, each a plain class
taking its collaborators: documents and annotations (``documents``), the library and
opening by reference (``reading``), analysis (``analysis``), search (``search``) and
export/import (``transfer``).
"""

from __future__ import annotations

from reader.core.service.facade import Parts, ReaderService
from reader.core.service.interactive import SourcePreview

__all__ = ["Parts", "ReaderService", "SourcePreview"]
