"""Citations of a document as reference managers import them: BibTeX, CSL-JSON and RIS.

Each takes the document record only: author, published date, title, site and URL (the
page's canonical URL, else an http(s) source). Values are escaped for their format, so a
title with braces, a newline or a ``%`` cannot break the entry.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

from reader.core.models import Document

CITE_FORMATS = ("bibtex", "csl-json", "ris")
_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_BIBTEX_ESCAPE = re.compile("|".join(re.escape(char) for char in _BIBTEX_SPECIAL))
_AUTHOR_SEPARATORS = re.compile(r"\s+and\s+|\s*;\s*|\s*&\s*")


def one_line(value: str) -> str:
    """Whitespace folded and control characters dropped: every format is line based."""
    return " ".join("".join(c for c in value if unicodedata.category(c) != "Cc").split())


def authors_of(document: Document) -> list[str]:
    """The document's authors ("Jane Doe and Li Wei", "Doe, Jane; Wei, Li")."""
    return [name for name in _AUTHOR_SEPARATORS.split(one_line(document.author)) if name]


def split_name(name: str) -> tuple[str, str]:
    """(family, given): ``Doe, Jane`` and ``Jane Doe`` both give ("Doe", "Jane")."""
    if "," in name:
        family, given = name.split(",", 1)
        return family.strip(), given.strip()
    parts = name.split()
    return (parts[-1], " ".join(parts[:-1])) if len(parts) > 1 else (name, "")


def citation_url(document: Document) -> str:
    """The canonical URL, else the source when it is a web address."""
    if document.url:
        return one_line(document.url)
    return document.source if document.source.startswith(("http://", "https://")) else ""


def _kind(document: Document) -> str:
    source = document.source.lower()
    if source.endswith(".epub"):
        return "book"
    if source.endswith(".pdf"):
        return "article"
    return "online" if citation_url(document) or document.site else "misc"


def citation(document: Document, citation_format: str) -> str:
    """The citation in ``citation_format`` (see ``CITE_FORMATS``), ending with a newline."""
    if citation_format == "bibtex":
        return to_bibtex(document)
    if citation_format == "ris":
        return to_ris(document)
    return json.dumps([to_csl(document)], ensure_ascii=False, indent=2) + "\n"


def cite_key(document: Document) -> str:
    """``doe2024story``: the first author's family name, the year and the title's first word."""
    authors = authors_of(document)
    family = split_name(authors[0])[0] if authors else ""
    words = [w for w in re.findall(r"\w+", one_line(document.title)) if len(w) > 3]
    raw = f"{family}{document.published[:4]}{words[0] if words else ''}"
    ascii_key = unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode().lower()
    key = re.sub(r"[^a-z0-9]", "", ascii_key)
    return key or f"reader{document.id[:8]}"


def _bib(value: str) -> str:
    return _BIBTEX_ESCAPE.sub(lambda m: _BIBTEX_SPECIAL[m.group()], one_line(value))


def to_bibtex(document: Document) -> str:
    """A biblatex entry (``@online``, ``@book``, ``@article`` or ``@misc``)."""
    kind = _kind(document)
    fields: list[tuple[str, str]] = []
    if document.author:
        fields.append(("author", " and ".join(_bib(name) for name in authors_of(document))))
    fields.append(("title", "{" + _bib(document.title) + "}"))
    if document.published:
        fields += [("date", document.published), ("year", document.published[:4])]
    if document.site:
        fields.append(("publisher" if kind == "book" else "organization", _bib(document.site)))
    url = citation_url(document)
    if url:
        fields += [("url", _bib(url).replace(r"\_", "_").replace(r"\#", "#").replace(r"\%", "%"))]
        fields.append(("urldate", document.last_opened[:10]))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{cite_key(document)},\n{body}\n}}\n"


def _date_parts(date: str) -> dict[str, Any]:
    return {"date-parts": [[int(part) for part in date.split("-")]]}


def to_csl(document: Document) -> dict[str, Any]:
    """One CSL-JSON item (what Zotero, Pandoc and citeproc read)."""
    kind = {"online": "webpage", "book": "book", "article": "article"}.get(_kind(document))
    item: dict[str, Any] = {
        "id": cite_key(document),
        "type": kind or "document",
        "title": one_line(document.title),
    }
    authors = authors_of(document)
    if authors:
        item["author"] = [
            dict(zip(("family", "given"), split_name(n), strict=True)) for n in authors
        ]
    if document.published:
        item["issued"] = _date_parts(document.published)
    if document.site:
        item["publisher" if kind == "book" else "container-title"] = one_line(document.site)
    url = citation_url(document)
    if url:
        item["URL"] = url
        item["accessed"] = _date_parts(document.last_opened[:10])
    return item


def to_ris(document: Document) -> str:
    """One RIS record (``TY`` ... ``ER``), one tag per line."""
    kind = {"online": "ELEC", "book": "BOOK", "article": "JOUR"}.get(_kind(document), "GEN")
    lines = [("TY", kind)]
    lines += [("AU", ", ".join(p for p in split_name(n) if p)) for n in authors_of(document)]
    lines.append(("TI", one_line(document.title)))
    if document.published:
        parts = document.published.split("-")
        lines += [("PY", parts[0]), ("DA", "/".join(parts + [""] * (3 - len(parts))) + "/")]
    if document.site:
        lines.append(("PB" if kind == "BOOK" else "T2", one_line(document.site)))
    url = citation_url(document)
    if url:
        lines += [("UR", url), ("Y2", document.last_opened[:10].replace("-", "/"))]
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {value}".rstrip() + "\n" for tag, value in lines)
