"""Export annotations to JSON, W3C Web Annotation, Markdown and CSV, and import them back.

Everything here is pure: functions from ``DocumentExport`` records to dicts/strings and back.
The service part (``reader.core.service.transfer``) connects them to the store.
"""

from __future__ import annotations

from reader.core.exporting.records import EXPORT_FORMATS, IMPORT_FORMATS, DocumentExport

__all__ = ["EXPORT_FORMATS", "IMPORT_FORMATS", "DocumentExport"]
