"""The article body as a list of blocks (paragraphs, headings, list items, table rows).

Both kinds of extractor end here: a site profile walks the HTML element it selected, the generic extractor
walks trafilatura's XML output (its ``head``/``list``/``item``/``row``/``cell`` tags are mapped onto the
HTML ones), so one walker decides what a paragraph is.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from crawler.cleaner.dom import Element

BlockKind = Literal["paragraph", "heading", "item", "row"]

# Never article text (ruby annotations, <rt>/<rp>, are pronunciation aids, not text). Figures stay because captions are text; forms stay too, because ASP.NET pages wrap
# the whole page in one (comment boxes and search fields are pruned by selector, their inputs skipped).
SKIPPED_TAGS = frozenset(
    {
        "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
        "button", "input", "select", "textarea", "label", "head", "title", "meta", "link",
        "img", "video", "audio", "source", "map", "graphic", "rt", "rp",
    }
)  # fmt: skip
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
LIST_TAGS = frozenset({"ul", "ol", "dl"})
# Tags that end the paragraph before them and start a new one.
BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "blockquote",
        "pre", "dt", "dd", "figure", "figcaption", "address", "center", "hr", "details", "summary",
        "body", "html", "form", "fieldset", "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "doc",
    }
)  # fmt: skip
# Layout tables (old portals build whole pages from them) hold these inside their cells; data tables do not.
_LAYOUT_MARKERS = frozenset({"table", "p", "div", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6"})

# List bullets and separators before an entry's link do not count as its first words.
_LEADING_MARK = re.compile(r"[\s·•\-–—*|>»\[\]【】()（）\d.、]+")

# trafilatura's XML vocabulary expressed as the HTML tags the walker knows.
TRAFILATURA_TAGS: Mapping[str, str] = {
    "head": "h2",
    "list": "ul",
    "item": "li",
    "row": "tr",
    "cell": "td",
    "lb": "br",
    "quote": "blockquote",
    "hi": "span",
    "ref": "a",
    "code": "pre",
    "del": "span",
}


@dataclass(frozen=True)
class Block:
    """One unit of article text. Rows keep their cells; ``text`` is the cells joined with " | "."""

    kind: BlockKind
    text: str
    level: int = 0  # heading level, 1-6
    cells: tuple[str, ...] = ()
    group: int = 0  # list items of one list, or rows of one table, share a group number
    link_share: float = 0.0  # share of the text that is link text: menus and related lists are all links
    leads_with_link: bool = False  # the block's first words are a link: an entry of a list of pages

    def with_text(self, text: str) -> Block:
        return replace(self, text=text)

    def with_cells(self, cells: tuple[str, ...]) -> Block:
        return replace(self, text=" | ".join(cells), cells=cells)


class _Close(enum.Enum):
    """What ends when the walk is back out of an element."""

    LINK = enum.auto()
    CONTAINER = enum.auto()
    LIST = enum.auto()


def runs_of(flags: Sequence[bool]) -> Iterator[tuple[int, int]]:
    """The ``(start, end)`` slices of consecutive true flags: runs of blocks that share a trait."""
    start = 0
    while start < len(flags):
        if not flags[start]:
            start += 1
            continue
        end = start
        while end < len(flags) and flags[end]:
            end += 1
        yield start, end
        start = end


def blocks_from_element(root: Element, tag_aliases: Mapping[str, str] | None = None) -> list[Block]:
    """Walk an element (HTML, or trafilatura XML with ``TRAFILATURA_TAGS``) into blocks."""
    collector = _Collector(tag_aliases or {})
    collector.visit(root)
    collector.flush()
    return collector.blocks


class _Collector:
    def __init__(self, aliases: Mapping[str, str]) -> None:
        self.blocks: list[Block] = []
        self._aliases = aliases
        self._buffer: list[str] = []
        self._kinds: list[BlockKind] = ["paragraph"]
        self._groups: list[int] = [0]
        self._group_count = 0
        self._link_depth = 0
        self._link_chars = 0
        self._leads_with_link: bool | None = None  # decided by the block's first visible text

    def tag(self, element: Element) -> str | None:
        tag = element.tag
        if not isinstance(tag, str):  # comments and processing instructions
            return None
        tag = tag.rsplit("}", 1)[-1].lower()
        return self._aliases.get(tag, tag)

    def flush(self) -> None:
        text = "".join(self._buffer)
        links, self._link_chars = self._link_chars, 0
        leads, self._leads_with_link = bool(self._leads_with_link), None
        self._buffer.clear()
        if text.strip():
            share = min(1.0, links / len(text.strip()))
            self.blocks.append(
                Block(self._kinds[-1], text, group=self._groups[-1], link_share=share, leads_with_link=leads)
            )

    def _append(self, text: str) -> None:
        self._buffer.append(text)
        if self._leads_with_link is None and _LEADING_MARK.sub("", text):
            self._leads_with_link = self._link_depth > 0
        if self._link_depth:
            self._link_chars += len(text.strip())

    def visit(self, root: Element) -> None:
        # A loop over a stack of pending work rather than recursion: markup can nest deeper than
        # Python's recursion limit (the parser flattens it to page.MAX_DEPTH, but a caller deep in
        # Scrapy's stack has less room to spare). Entries are elements to visit, text to append, or
        # the step that closes a link, a container or a list.
        work: list[Element | str | _Close] = [root]
        while work:
            item = work.pop()
            if isinstance(item, str):
                self._append(item)
            elif item is _Close.LINK:
                self._link_depth -= 1
            elif item is _Close.CONTAINER:
                self.flush()
                self._kinds.pop()
            elif item is _Close.LIST:
                self._groups.pop()
            else:
                self._open(item, work)

    def _open(self, element: Element, work: list[Element | str | _Close]) -> None:
        """Handle an element's start; what its content and end need goes onto ``work``."""
        tag = self.tag(element)
        if tag is None or tag in SKIPPED_TAGS:
            return
        if tag == "br":
            self._buffer.append("\n")
        elif tag == "a":
            self._link_depth += 1
            work.append(_Close.LINK)
            self._content(element, work)
        elif tag in HEADING_TAGS:
            self.flush()
            text = self.inline_text(element)
            if text.strip():
                self.blocks.append(Block("heading", text, level=self._heading_level(element, tag)))
        elif tag == "table":
            self.flush()
            if self._is_layout_table(element):
                self._container(element, "paragraph", work)
            else:
                self._data_table(element)
        elif tag in LIST_TAGS:
            self.flush()
            self._group_count += 1
            self._groups.append(self._group_count)
            work.append(_Close.LIST)
            self._container(element, self._kinds[-1], work)
        elif tag == "li":
            self._container(element, "item", work)
        elif tag in BLOCK_TAGS:
            # A paragraph inside a list item is still part of that item.
            self._container(element, "item" if self._kinds[-1] == "item" else "paragraph", work)
        else:
            self._content(element, work)

    def _container(self, element: Element, kind: BlockKind, work: list[Element | str | _Close]) -> None:
        self.flush()
        self._kinds.append(kind)
        work.append(_Close.CONTAINER)
        self._content(element, work)

    def _content(self, element: Element, work: list[Element | str | _Close]) -> None:
        if element.text:
            self._append(element.text)
        # Last child first: the work stack hands back the first child, then its tail, then the next.
        for child in reversed(element):
            if child.tail:
                work.append(child.tail)
            work.append(child)

    def inline_text(self, element: Element) -> str:
        """All text under an element except skipped tags; line breaks become spaces."""
        parts: list[str] = []
        work: list[Element | str] = [element]  # iterative, like visit()
        while work:
            item = work.pop()
            if isinstance(item, str):
                parts.append(item)
                continue
            parts.append(item.text or "")
            for child in reversed(item):
                work.append(child.tail or "")
                tag = self.tag(child)
                if tag == "br":
                    work.append(" ")
                elif tag is not None and tag not in SKIPPED_TAGS:
                    if tag in BLOCK_TAGS or tag == "li":
                        work.append(" ")
                    work.append(child)
        return "".join(parts)

    def _heading_level(self, element: Element, tag: str) -> int:
        rend = str(element.get("rend") or "")  # trafilatura keeps the HTML level as rend="h3"
        source = rend if len(rend) == 2 and rend[0] == "h" else tag
        return int(source[1]) if source[1:].isdigit() else 2

    def _is_layout_table(self, table: Element) -> bool:
        return any(self.tag(node) in _LAYOUT_MARKERS for node in table.iterdescendants())

    def _data_table(self, table: Element) -> None:
        self._group_count += 1
        for row in self._rows(table):
            cells = tuple(self.inline_text(cell) for cell in row if self.tag(cell) in ("td", "th"))
            cells = tuple(" ".join(cell.split()) for cell in cells)
            if any(cells):
                text = " | ".join(cells)
                links = sum(len("".join("".join(a.itertext()).split())) for a in row.iter("a", "ref"))
                share = min(1.0, links / max(1, len("".join(text.split()))))
                self.blocks.append(Block("row", text, cells=cells, group=self._group_count, link_share=share))

    def _rows(self, table: Element) -> list[Element]:
        """The table's rows, in order, also those inside (nested) thead, tbody and tfoot elements."""
        rows: list[Element] = []
        work = [table]
        while work:
            element = work.pop()
            if self.tag(element) == "tr":
                rows.append(element)
            else:
                work.extend(
                    child
                    for child in reversed(element)
                    if self.tag(child) in ("tr", "thead", "tbody", "tfoot")
                )
        return rows
