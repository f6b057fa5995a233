"""A parsed page (parsed once, shared by profile selection, metadata and extraction) and an extraction."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

import lxml.etree
import lxml.html

from crawler.cleaner.blocks import Block
from crawler.cleaner.dom import Element, collect_meta, may_match, select_first, tree_hooks

logger = logging.getLogger(__name__)

_DOCUMENT_TAG = re.compile(r"<(?:html|head|body)\b", re.IGNORECASE)
# libxml2 stops at NUL and mangles other C0 controls; no page means them as text.
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class Page:
    """The parsed document. ``is_fragment`` marks HTML without ``<html>``/``<body>``, e.g. a feed item."""

    tree: Element
    url: str | None
    is_fragment: bool
    meta: dict[str, str] = field(default_factory=dict)

    @cached_property
    def hooks(self) -> frozenset[str]:
        """The ids and classes of the parsed page (before any pruning): see :func:`dom.may_match`."""
        return tree_hooks(self.tree)

    def may_match(self, selector: str) -> bool:
        return may_match(self.hooks, selector)

    def select_first(self, root: Element, selectors: Iterable[str]) -> Element | None:
        """:func:`dom.select_first`, skipping selectors that need an id or class the page lacks."""
        return select_first(root, [selector for selector in selectors if self.may_match(selector)])

    @property
    def body(self) -> Element:
        body = self.tree.find("body")
        return self.tree if body is None else body


@dataclass
class Extraction:
    """What an extractor found. Metadata left ``None`` is filled in from the page's generic metadata."""

    blocks: list[Block]
    extractor: str
    title: str | None = None
    published: datetime | None = None
    author: str | None = None
    editor: str | None = None
    outlet: str | None = None  # the publishing site, when the profile knows it better than the page
    credit: str | None = None  # whom the story is credited to: a wire service, the original publisher
    body_image: str | None = None  # first image of the body, the lead image when the page names none


def parse_page(text: str, url: str | None) -> Page | None:
    """Parse HTML (a whole page or a fragment) into a :class:`Page`; None when nothing parses."""
    text = _CONTROL_CHARACTERS.sub("", text)
    if not text.strip():
        return None
    # A fresh parser per page: lxml parsers must not be shared between threads.
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True)
    try:
        # Bytes with an explicit encoding: a str with an <?xml encoding?> declaration makes lxml refuse it,
        # and a <meta charset> inside must not make libxml2 re-decode text we already decoded.
        tree = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (lxml.etree.ParserError, ValueError) as error:
        logger.debug("unparseable HTML (%s): %s", url, error)
        return None
    if tree is None:
        return None
    return Page(tree, url, is_fragment=not _DOCUMENT_TAG.search(text), meta=collect_meta(tree))
