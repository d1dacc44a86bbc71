"""Theme files: load, validate and check the contrast of ``themes/NAME.toml``.

A theme restyles the whole reader: the Textual UI colours (``[ui]``) and the reader's palette,
a colour plus a non-colour cue for each highlight kind (``[highlights.KIND]``) and the
annotation colours (``[annotations]``). The format is documented in ``docs/THEMES.md``.
Nothing here imports Textual: ``reader.ui.themes`` turns a ``ThemeSpec`` into a Textual theme.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NamedTuple

from reader.core.theme_tables import cached_table, keep_table
from reader.errors import BadInputError

UI_KEYS = (
    "primary",
    "secondary",
    "accent",
    "warning",
    "error",
    "success",
    "foreground",
    "background",
    "surface",
    "panel",
    "selection",
)
REQUIRED_UI_KEYS = ("primary", "foreground", "background", "surface", "panel")
HIGHLIGHT_KINDS = (
    "entity-person",
    "entity-org",
    "entity-place",
    "entity-norp",
    "entity-time",
    "entity-number",
    "entity-other",
    "quote",
    "find-match",
)
OPTIONAL_HIGHLIGHTS = {"quote-indirect": "quote"}
"""Highlights a theme file may leave out: they take the named highlight's colour, no cue."""
ANNOTATION_COLORS = ("yellow", "green", "blue", "pink", "purple", "orange")
CUES = frozenset({"bold", "italic", "underline", "underline2", "reverse", "strike", "none"})
WCAG_AA = 4.5
DEFAULT_THEME = "reader-dark"

_HEX = re.compile(r"^#(?:[0-9a-fA-F]{6})$")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
"""A theme's name (its file's stem): shown in the palette and notices, so never markup."""
MAX_THEME_BYTES = 64 * 1024
"""A theme is a few dozen colours: anything bigger is not a theme (and is not parsed)."""
MAX_THEME_DEPTH = 3
"""[highlights.KIND] is the deepest table a theme has; deeper nesting is refused."""


class ThemeError(BadInputError):
    """A theme file that cannot be used; the message names the file and the field."""


class Highlight(NamedTuple):
    """How one kind of highlight looks: a text colour, an optional background, a style cue
    (a named tuple, not a frozen dataclass: the TUI's start creates the class, in a fifth of
    the time)."""

    color: str
    cue: str
    background: str | None = None


class ThemeSpec(NamedTuple):
    """A validated theme file (a named tuple, like ``Highlight``)."""

    name: str
    dark: bool
    ui: dict[str, str]
    highlights: dict[str, Highlight]
    annotations: dict[str, str]
    path: Path | None = None
    description: str = ""


def load_theme_file(path: Path, cache: Path | None = None) -> ThemeSpec:
    """Read and validate one theme file; ``ThemeError`` names the file and the bad field.

    Themes are untrusted files: the name, the size and the nesting are checked before
    anything else, so a hostile file is a message, never a crash (``RecursionError``).
    With a ``cache`` file (``reader.core.theme_tables``), an unchanged theme's table comes
    from there, and is validated all the same.
    """
    if not _NAME.match(path.stem):
        raise ThemeError(
            f"theme file {path}: a theme name is letters, digits, '.', '-' and '_' (at most 64)"
        )
    data = cached_table(path, cache) if cache is not None else None
    fresh = data is None
    if data is None:
        data = _parse_file(path)
    if _depth(data) > MAX_THEME_DEPTH:
        raise ThemeError(f"theme {path} is nested too deeply (at most {MAX_THEME_DEPTH} levels)")
    spec = parse_theme(data, name=path.stem, path=path)
    if fresh and cache is not None:
        keep_table(path, cache, data)
    return spec


def _parse_file(path: Path) -> dict[str, Any]:
    """The TOML table of theme file ``path`` (``tomllib`` is imported only when a theme
    file must be parsed: see ``reader.core.theme_tables``)."""
    import tomllib

    try:
        raw = path.read_bytes()
        if len(raw) > MAX_THEME_BYTES:
            raise ThemeError(f"theme {path} is larger than {MAX_THEME_BYTES // 1024} KB")
        return tomllib.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ThemeError(f"cannot read theme {path}: {error}") from error
    except tomllib.TOMLDecodeError as error:
        raise ThemeError(f"theme {path} is not valid TOML: {error}") from error
    except RecursionError:
        raise ThemeError(f"theme {path} is nested too deeply") from None


def _depth(value: object, level: int = 0) -> int:
    """How deeply tables and arrays nest in ``value`` (stops counting past the limit)."""
    if level > MAX_THEME_DEPTH:
        return level
    if isinstance(value, dict):
        children: list[object] = list(value.values())
    elif isinstance(value, list):
        children = value
    else:
        return level
    return max((_depth(child, level + 1) for child in children), default=level + 1)


def parse_theme(data: dict[str, object], name: str, path: Path | None = None) -> ThemeSpec:
    """Validate a parsed theme table."""
    where = str(path) if path else name
    declared = data.get("name", name)
    if declared != name:
        raise ThemeError(f"theme {where}: field 'name' is {declared!r} but the file is {name!r}")
    dark = data.get("dark", True)
    if not isinstance(dark, bool):
        raise ThemeError(f"theme {where}: field 'dark' must be true or false")
    ui = _colour_table(data, "ui", UI_KEYS, REQUIRED_UI_KEYS, where)
    annotations = _colour_table(data, "annotations", ANNOTATION_COLORS, ANNOTATION_COLORS, where)
    highlights = _highlights(data, where)
    description = data.get("description", "")
    return ThemeSpec(
        name=name,
        dark=dark,
        ui=ui,
        highlights=highlights,
        annotations=annotations,
        path=path,
        description=str(description),
    )


def _table(data: dict[str, object], key: str, where: str) -> dict[str, object]:
    table = data.get(key)
    if not isinstance(table, dict):
        raise ThemeError(f"theme {where}: missing table [{key}]")
    return table


def _colour(value: object, field: str, where: str) -> str:
    if not isinstance(value, str) or not _HEX.match(value):
        raise ThemeError(f"theme {where}: field '{field}' must be a colour like \"#1e1e2e\"")
    return value.lower()


def _colour_table(
    data: dict[str, object],
    key: str,
    allowed: tuple[str, ...],
    required: tuple[str, ...],
    where: str,
) -> dict[str, str]:
    table = _table(data, key, where)
    for field in table:
        if field not in allowed:
            raise ThemeError(f"theme {where}: unknown field '{key}.{field}'")
    for field in required:
        if field not in table:
            raise ThemeError(f"theme {where}: missing field '{key}.{field}'")
    return {field: _colour(value, f"{key}.{field}", where) for field, value in table.items()}


def _highlights(data: dict[str, object], where: str) -> dict[str, Highlight]:
    table = _table(data, "highlights", where)
    result: dict[str, Highlight] = {}
    for kind in HIGHLIGHT_KINDS:
        entry = table.get(kind)
        if not isinstance(entry, dict):
            raise ThemeError(f"theme {where}: missing table [highlights.{kind}]")
        result[kind] = _highlight(entry, f"highlights.{kind}", where)
    for kind, base in OPTIONAL_HIGHLIGHTS.items():
        entry = table.get(kind)
        if isinstance(entry, dict):
            result[kind] = _highlight(entry, f"highlights.{kind}", where)
        else:
            result[kind] = Highlight(color=result[base].color, cue="none")
    for kind in table:
        if kind not in HIGHLIGHT_KINDS and kind not in OPTIONAL_HIGHLIGHTS:
            raise ThemeError(f"theme {where}: unknown field 'highlights.{kind}'")
    return result


def _highlight(entry: dict[str, object], field: str, where: str) -> Highlight:
    cue = entry.get("cue", "none")
    if not isinstance(cue, str) or not cue.split() or not set(cue.split()) <= CUES:
        allowed = ", ".join(sorted(CUES))
        raise ThemeError(f"theme {where}: field '{field}.cue' must be some of: {allowed}")
    background = entry.get("background")
    return Highlight(
        color=_colour(entry.get("color"), f"{field}.color", where),
        cue=cue,
        background=_colour(background, f"{field}.background", where) if background else None,
    )


def theme_files(directories: list[Path]) -> dict[str, Path]:
    """Theme name -> file, later directories overriding earlier ones (user over shipped)."""
    found: dict[str, Path] = {}
    for directory in directories:
        if directory.is_dir():
            for path in sorted(directory.glob("*.toml")):
                found[path.stem] = path
    return found


def load_themes(
    directories: list[Path], cache: Path | None = None
) -> tuple[dict[str, ThemeSpec], list[str]]:
    """Load every theme in ``directories`` (through ``cache``, see ``load_theme_file``);
    broken ones are skipped with a message each."""
    themes: dict[str, ThemeSpec] = {}
    problems: list[str] = []
    for name, path in theme_files(directories).items():
        try:
            themes[name] = load_theme_file(path, cache)
        except ThemeError as error:
            problems.append(str(error))
    return themes, problems


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a ``#rrggbb`` colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio between two ``#rrggbb`` colours (1 to 21)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def contrast_problems(theme: ThemeSpec, minimum: float = WCAG_AA) -> list[str]:
    """Every highlight and annotation whose text falls below ``minimum`` contrast."""
    background = theme.ui["background"]
    problems: list[str] = []
    for kind, highlight in theme.highlights.items():
        ratio = contrast_ratio(highlight.color, highlight.background or background)
        if ratio < minimum:
            problems.append(f"{theme.name}: {kind} {ratio:.2f}:1")
    backgrounds = dict(theme.annotations)
    if "selection" in theme.ui:
        backgrounds["selection"] = theme.ui["selection"]
    for name, colour in backgrounds.items():
        ratio = contrast_ratio(theme.ui["foreground"], colour)
        if ratio < minimum:
            problems.append(f"{theme.name}: annotation {name} {ratio:.2f}:1")
    return problems
