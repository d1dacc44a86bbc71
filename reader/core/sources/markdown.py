"""Markdown to clean reading text: headings, paragraphs, lists and quotes without markup."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.core.models import SourceMeta
from reader.core.sources.extracted import Extracted
from reader.core.sources.front_matter import front_matter_meta, parse_front_matter

if TYPE_CHECKING:
    from markdown_it.token import Token

BULLET = "• "
_INDENT = "  "
_TABLE_CELL_SEPARATOR = " | "
_FRONT_MATTER = re.compile(r"---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|$)", re.S)
_FRONT_MATTER_KEY = re.compile(r"[A-Za-z_][\w-]*:")
_FRONT_MATTER_LINE = re.compile(r"(?:[A-Za-z_][\w-]*:|[ \t]|- |#|$)")


def markdown_to_text(source: str) -> Extracted:
    """Render Markdown ``source`` as plain paragraphs; the title is the first heading."""
    from markdown_it import MarkdownIt

    body, front = _split_front_matter(source)
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    renderer = _Renderer()
    renderer.render(parser.parse(body))
    title = front.get("title")
    return Extracted(
        text=renderer.text(),
        title=title if isinstance(title, str) and title else renderer.first_heading,
        meta=front_matter_meta(front) if front else SourceMeta(),
    )


def _split_front_matter(source: str) -> tuple[str, dict[str, object]]:
    """Drop a leading YAML front matter block, keeping its keys (title, author, date...)."""
    match = _FRONT_MATTER.match(source)
    if match is None:
        return source, {}
    # Only YAML-looking lines: a document may open with a rule and use another one later.
    lines = match.group(1).split("\n")
    if not _FRONT_MATTER_KEY.match(lines[0]) or not all(map(_FRONT_MATTER_LINE.match, lines)):
        return source, {}
    return source[match.end() :], parse_front_matter(match.group(1))


@dataclass
class _ListState:
    ordered: bool
    number: int


@dataclass
class _Renderer:
    """Walks markdown-it block tokens, collecting one string per output paragraph."""

    blocks: list[str] = field(default_factory=list)
    lists: list[_ListState] = field(default_factory=list)
    item_prefix: str | None = None
    table_row: list[str] | None = None
    table_rows: list[str] = field(default_factory=list)
    first_heading: str | None = None
    in_heading: bool = False

    def text(self) -> str:
        """The collected paragraphs, separated by one blank line."""
        return "\n\n".join(self.blocks) + "\n" if self.blocks else ""

    def render(self, tokens: Sequence[Token]) -> None:
        """Consume the block-level token stream of a parsed document."""
        for token in tokens:
            handler = getattr(self, "_on_" + token.type, None)
            if handler is not None:
                handler(token)

    def _on_heading_open(self, token: Token) -> None:
        self.in_heading = True

    def _on_heading_close(self, token: Token) -> None:
        self.in_heading = False

    def _on_bullet_list_open(self, token: Token) -> None:
        self.lists.append(_ListState(ordered=False, number=0))

    def _on_ordered_list_open(self, token: Token) -> None:
        start = token.attrs.get("start", 1)
        self.lists.append(_ListState(ordered=True, number=int(start)))

    def _on_bullet_list_close(self, token: Token) -> None:
        self.lists.pop()

    _on_ordered_list_close = _on_bullet_list_close

    def _on_list_item_open(self, token: Token) -> None:
        state = self.lists[-1]
        indent = _INDENT * (len(self.lists) - 1)
        if state.ordered:
            number = int(token.info) if token.info.isdigit() else state.number
            self.item_prefix = f"{indent}{number}. "
            state.number = number + 1
        else:
            self.item_prefix = indent + BULLET

    def _on_list_item_close(self, token: Token) -> None:
        # An empty item still shows its bullet, so numbering stays visible.
        if self.item_prefix is not None:
            self.blocks.append(self.item_prefix.rstrip())
            self.item_prefix = None

    def _on_tr_open(self, token: Token) -> None:
        self.table_row = []

    def _on_tr_close(self, token: Token) -> None:
        if self.table_row is not None:
            self.table_rows.append(_TABLE_CELL_SEPARATOR.join(self.table_row).strip())
        self.table_row = None

    def _on_table_close(self, token: Token) -> None:
        self._add_block("\n".join(row for row in self.table_rows if row))
        self.table_rows = []

    def _on_fence(self, token: Token) -> None:
        self._add_block(self._take_prefix() + token.content.rstrip("\n"))

    _on_code_block = _on_fence

    def _on_inline(self, token: Token) -> None:
        text = inline_text(token.children or [])
        if self.table_row is not None:
            self.table_row.append(text.strip())
            return
        if self.in_heading and self.first_heading is None and text.strip():
            self.first_heading = " ".join(text.split())
        self._add_block(self._take_prefix() + text.strip())

    def _take_prefix(self) -> str:
        """The pending list-item bullet (once: only an item's first block carries it)."""
        prefix, self.item_prefix = self.item_prefix or "", None
        return prefix

    def _add_block(self, block: str) -> None:
        if block.strip():
            self.blocks.append(block)


def inline_text(children: Sequence[Token]) -> str:
    """The visible text of inline tokens: link text without URLs, images as their alt text."""
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "image":
            parts.append(inline_text(child.children or []) or child.content)
    return "".join(parts)
