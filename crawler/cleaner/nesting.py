"""Markup nested deeper than the parser follows, flattened before parsing; and the page's element count.

libxml2 stops at the 256th level of open elements (2048 with ``huge_tree``) and keeps what it had read:
the rest of the page, the article included, is lost with no exception. :func:`flatten_nesting` makes one
linear pass over the tags and drops the open and close tags beyond ``max_depth`` but keeps their text, so
every later stage sees a shallow tree. It is no HTML tree builder: it follows libxml2's rules where they
make a tree deeper (void elements, raw-text elements, an end tag that cannot close a ``div`` or table part)
and ignores those that only make it shallower (an open ``<p>`` closed by the next one), so its depth is
at least libxml2's, bar the odd stray end tag that libxml2 turns into an element.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from crawler.cleaner.blocks import BLOCK_TAGS, HEADING_TAGS, LIST_TAGS

# libxml2's void elements (its element table's "empty" flag; embed, source, track and wbr are not).
_VOID_TAGS = frozenset(
    {"area", "base", "basefont", "br", "col", "frame", "hr", "img", "input", "isindex", "link", "meta", "param"}
)  # fmt: skip
# Elements whose content libxml2 reads as text up to their own end tag; plaintext never ends.
_RAW_TEXT_TAGS = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"})
# libxml2 ignores end tags of these (or closes the whole document on them): not part of the depth.
_DOCUMENT_TAGS = frozenset({"html", "head", "body"})
# libxml2's end-tag priorities (htmlEndPriority): an end tag cannot close past an open element of a higher
# priority (``<span><div></span>`` leaves both open). Every other element has priority 100.
_END_PRIORITY = {
    "div": 150, "td": 160, "th": 160, "tr": 170, "thead": 180, "tbody": 180, "tfoot": 180, "table": 190
}  # fmt: skip
_DEFAULT_PRIORITY = 100
_PRIORITY_LEVELS = sorted(set(_END_PRIORITY.values()))
# A dropped tag of these ends a line of text: a newline keeps the text on both sides apart.
_LINE_ENDING_TAGS = BLOCK_TAGS | HEADING_TAGS | LIST_TAGS | {"li", "table", "br"}

# Comments, doctypes and processing instructions, then tags. Quotes count only after "=", as in HTML, and
# a "/" right before ">" closes the element unless it ends an unquoted value (<a href=/x/>). Unquoted parts
# stop at "<", so a "<" that starts no tag costs one short attempt rather than a scan to the page's end;
# possessive quantifiers never backtrack.
_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<[!?][^>]*+>?"
    r"|<(?P<close>/?)(?P<name>[A-Za-z][^\s/<>]*+)"
    r"(?:[^<>=/]++|/(?!>)|=\s*+(?:\"[^\"]*+\"|'[^']*+'|[^\s<>]*+))*+(?P<self_closing>/?)>",
    re.DOTALL,
)


@dataclass
class FlatMarkup:
    """The markup with nesting past the cap removed, and what the pass counted."""

    text: str
    elements: int  # start tags kept: the elements the parser will build, give or take the implied ones
    dropped: int  # open and close tags removed
    depth: int  # the deepest nesting seen, before flattening
    complete: bool = True  # False when the pass stopped at its element budget


@dataclass
class _OpenElements:
    """The open elements as libxml2 would keep them, including those beyond the cap (not written out).

    Each name's stack positions, and per priority level the positions of elements of at least that
    priority, make finding an end tag's element and checking that it may be closed O(1).
    """

    names: list[str] = field(default_factory=list)
    positions: dict[str, list[int]] = field(default_factory=dict)
    by_priority: dict[int, list[int]] = field(
        default_factory=lambda: {level: [-1] for level in _PRIORITY_LEVELS}
    )

    def push(self, name: str) -> None:
        index = len(self.names)
        self.names.append(name)
        self.positions.setdefault(name, []).append(index)
        priority = _END_PRIORITY.get(name, _DEFAULT_PRIORITY)
        for level in _PRIORITY_LEVELS:
            if level <= priority:
                self.by_priority[level].append(index)

    def closable(self, name: str) -> int | None:
        """The stack position an end tag of ``name`` closes, or None when libxml2 would ignore it."""
        found = self.positions.get(name)
        if not found:
            return None
        index = found[-1]
        priority = _END_PRIORITY.get(name, _DEFAULT_PRIORITY)
        higher = next((level for level in _PRIORITY_LEVELS if level > priority), None)
        if higher is not None and self.by_priority[higher][-1] > index:
            return None
        return index

    def pop_to(self, index: int) -> None:
        while len(self.names) > index:
            name = self.names.pop()
            self.positions[name].pop()
            priority = _END_PRIORITY.get(name, _DEFAULT_PRIORITY)
            for level in _PRIORITY_LEVELS:
                if level <= priority:
                    self.by_priority[level].pop()


def flatten_nesting(text: str, max_depth: int, max_elements: int | None = None) -> FlatMarkup:
    """Drop the tags that would open elements deeper than ``max_depth``, with their end tags; keep text.

    With ``max_elements``, the pass stops as soon as more elements than that are kept: the result then has
    no text (``complete`` is False), only the count so far.
    """
    open_elements = _OpenElements()
    kept: list[str] = []  # the output: slices of ``text`` between dropped tags, and what replaces them
    kept_from = 0  # where the next slice of ``text`` to keep starts
    elements = dropped = deepest = 0
    position = 0
    at_line_break = False
    while (token := _TOKEN.search(text, position)) is not None:
        position = token.end()
        name = (token["name"] or "").lower()
        if not name or name in _DOCUMENT_TAGS:
            elements += 1 if name and not token["close"] else 0
            continue
        if token["close"]:
            index = open_elements.closable(name)
            if index is None:
                continue  # libxml2 ignores it too
            beyond_cap = index >= max_depth
            open_elements.pop_to(index)
        else:
            if name in _RAW_TEXT_TAGS:
                position = _raw_text_end(text, name, position)
            elif name == "plaintext":
                position = len(text)
            if name in _VOID_TAGS or name in _RAW_TEXT_TAGS or token["self_closing"]:
                elements += 1
                continue
            beyond_cap = len(open_elements.names) >= max_depth
            open_elements.push(name)
            deepest = max(deepest, len(open_elements.names))
            elements += 0 if beyond_cap else 1
            if max_elements is not None and elements > max_elements:
                return FlatMarkup("", elements, dropped, deepest, complete=False)
        if beyond_cap:
            between = text[kept_from : token.start()]
            kept.append(between)
            at_line_break = at_line_break and not between.strip()
            # One newline per run of dropped block tags: 100,000 of them in a row are one line break.
            if name in _LINE_ENDING_TAGS and not at_line_break:
                kept.append("\n")
                at_line_break = True
            kept_from = token.end()
            dropped += 1
    if not dropped:
        return FlatMarkup(text, elements, 0, deepest)
    kept.append(text[kept_from:])
    return FlatMarkup("".join(kept), elements, dropped, deepest)


def _raw_text_end(text: str, name: str, start: int) -> int:
    """Where the end tag of a raw-text element (script, style...) starts; the page's end if it has none."""
    end = re.compile(rf"</{name}[\s/>]", re.IGNORECASE).search(text, start)
    return end.start() if end else len(text)
