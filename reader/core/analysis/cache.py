"""The analysis cache: one JSON file per (text, model, analyzer version), read without spaCy.

A file is written to a temporary name, flushed to disk and renamed over the final name, so a
reader never sees half a file. Anything unreadable (truncated, edited, from another version)
is treated as a miss and recomputed; the cache never makes an analysis fail.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from reader.core.analysis.results import Analysis, ModelInfo
from reader.core.atomic_file import write_atomically

ANALYZER_VERSION = 6
"""Bump when the analysis code changes its output, so older cached results are not reused."""


class AnalysisCache:
    """Cached ``Analysis`` records under one directory (``Paths.analysis_cache_dir``)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def path_for(self, sha256: str, model: ModelInfo) -> Path:
        """Where the analysis of the text ``sha256`` by ``model`` is kept."""
        key = f"{model.name}\0{model.version}\0{ANALYZER_VERSION}".encode()
        return self.directory / f"{sha256}-{hashlib.sha256(key).hexdigest()[:16]}.json"

    def load(self, sha256: str, model: ModelInfo) -> Analysis | None:
        """The cached analysis, or None when missing, unreadable or made for something else."""
        try:
            data = json.loads(self.path_for(sha256, model).read_text(encoding="utf-8"))
            if (
                data.get("analyzer_version") != ANALYZER_VERSION
                or data.get("key") != model.to_dict()
            ):
                return None
            analysis = Analysis.from_dict(data["analysis"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        return analysis if analysis.sha256 == sha256 else None

    def store(self, analysis: Analysis, key: ModelInfo | None = None) -> bool:
        """Write ``analysis`` atomically; False (and nothing changed) when the disk refuses.

        ``key`` is the model as ``load`` will be asked for it (package metadata, read without
        spaCy); it defaults to the model recorded in the analysis.
        """
        model = key or analysis.model
        target = self.path_for(analysis.sha256, model)
        record = {
            "analyzer_version": ANALYZER_VERSION,
            "key": model.to_dict(),
            "analysis": analysis.to_dict(),
        }
        payload = json.dumps(
            record,
            ensure_ascii=False,
            separators=(",", ":"),
        )
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(target, payload.encode("utf-8"))
        except OSError:
            return False
        return True
