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
from crawler.cleaner.nesting import flatten_nesting
from storage.controls import CONTROL_CHARACTERS, strip_controls, utf8_holds_controls

logger = logging.getLogger(__name__)

_DOCUMENT_TAG = re.compile(r"<(?:html|head|body)\b", re.IGNORECASE)
# Character references the parser turns into control characters (C0 but tab and newline, DEL, C1, and
# U+FFFE/U+FFFF; tab and newline match too, harmlessly). Raw controls are stripped before parsing, so a tree from a page
# without these holds none, and only such a page needs its tree scrubbed.
_CONTROL_REFERENCE = re.compile(
    r"&#(?:[xX]0*(?:1?[0-9a-fA-F]|7[fF]|[89][0-9a-fA-F]|[fF]{3}[eEfF])(?![0-9a-fA-F])"
    r"|0*(?:[12]?[0-9]|3[01]|12[7-9]|1[3-5][0-9]|6553[45])(?![0-9]))"
)
# Pages past this many elements are refused. The largest of the 881 evaluation pages (shared/eval and
# tests/) has 9,748 elements; cleaning 50,000 <div>x</div> took 4.4 s and 160 MB, 100,000 took 13 s and
# 280 MB, 1,000,000 took 86 s and 2.4 GB (generic extraction; trafilatura is most of it).
MAX_ELEMENTS = 50_000
# Markup nested deeper is flattened to this depth. Real pages nest at most 51 deep (the evaluation
# pages); libxml2 gives up at 256, and half of that leaves room for the elements it adds (html, body,
# an implied p) and for end tags that close less in libxml2 than in the flattening pass.
MAX_DEPTH = 128


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

    def possible(self, selectors: Iterable[str]) -> tuple[str, ...]:
        """The selectors that may match in the page: those that need no class or id it lacks."""
        return tuple(selector for selector in selectors if self.may_match(selector))

    def select_first(self, root: Element, selectors: Iterable[str]) -> Element | None:
        """:func:`dom.select_first`, skipping selectors that need an id or class the page lacks."""
        return select_first(root, self.possible(selectors))

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
    # The outlet was read off the page itself, not known to the profile: an account's name on a platform
    # (a WeChat public account), which beats the site name the page declares (the platform's).
    outlet_on_page: bool = False
    credit: str | None = None  # whom the story is credited to: a wire service, the original publisher
    body_image: str | None = None  # first image of the body, the lead image when the page names none


@dataclass(frozen=True)
class Unparsed:
    """Why a page gave no tree to extract from."""

    reason: str


def parse_page(text: str, url: str | None, fragment: bool | None = None) -> Page | Unparsed:
    """Parse HTML (a whole page or a fragment) into a :class:`Page`, or say why it cannot be.

    ``fragment`` says whether the HTML is an article's body alone (a feed entry's content); None tells
    by the markup (:func:`_is_fragment`).

    Markup nested deeper than :data:`MAX_DEPTH` is flattened to it (its text kept); a page of more than
    :data:`MAX_ELEMENTS` elements is refused. Control characters never reach the tree.
    """
    # libxml2 stops at NUL and mangles other controls. The parser is given UTF-8: the bytes the check for
    # controls reads are those it parses, when there are none (nearly always).
    utf8 = _utf8(text)
    if utf8 is None or utf8_holds_controls(utf8):
        text, utf8 = strip_controls(text), None
    if not text.strip():
        return Unparsed("no HTML content could be parsed")
    if text.count("<") > MAX_ELEMENTS:  # every element needs a "<": most pages end the check here
        flat = flatten_nesting(text, MAX_DEPTH, MAX_ELEMENTS)
        if not flat.complete:
            return Unparsed(f"page too large: about {_start_tags(text):,} elements (limit {MAX_ELEMENTS:,})")
        text, utf8 = flat.text, None
    parsed = _parse(text, url, utf8)
    for depth in (MAX_DEPTH, 0):
        if not isinstance(parsed, _Truncated) or not parsed.nesting:
            break
        # libxml2 stopped at its depth limit and dropped the rest of the page; flatten and parse again,
        # with no nesting at all if libxml2 still nests deeper than the flattening pass reckoned.
        flat = flatten_nesting(text, depth)
        logger.info(
            "%s: markup nested %d deep, flattened to %d (%d tags dropped)",
            url,
            flat.depth,
            depth,
            flat.dropped,
        )
        parsed = _parse(flat.text, url)
    if isinstance(parsed, _Truncated):  # a text of over 10 MB; nesting no flattening got under
        return Unparsed(f"page too large for the HTML parser: {parsed.message}")
    if isinstance(parsed, Unparsed):
        return parsed
    if _CONTROL_REFERENCE.search(text):
        _strip_tree_controls(parsed)
    is_fragment = _is_fragment(text, parsed) if fragment is None else fragment
    return Page(parsed, url, is_fragment=is_fragment, meta=collect_meta(parsed))


# Feed items carry an article's HTML without <html> or <body>; old CMSs and archives also serve whole
# pages without them. Form controls (search boxes, comment forms, ASP.NET's page form), menus and long
# link lists are page furniture no article body has: HTML with them is a page, whatever its wrapper.
_PAGE_FURNITURE = lxml.etree.XPath("//form | //input | //select | //textarea | //nav")
_LINKS = lxml.etree.XPath("count(//a)")
_BARE_PAGE_LINKS = 40


def _is_fragment(text: str, tree: Element) -> bool:
    if _DOCUMENT_TAG.search(text):
        return False
    return not _PAGE_FURNITURE(tree) and int(_LINKS(tree)) < _BARE_PAGE_LINKS


def _start_tags(text: str) -> int:
    """About how many start tags the text has, counted at the speed of str.count (a "<" in a script or
    comment counts too): for the refusal's reason, when the exact count is not worth a second pass."""
    return text.count("<") - text.count("</") - text.count("<!") - text.count("<?")


@dataclass(frozen=True)
class _Truncated:
    """libxml2 hit one of its resource limits and kept only what it had read."""

    message: str
    nesting: bool  # the depth limit, which flattening gets under


# Every element an lxml.html element (text_content, drop_tree...), chosen in C: lxml.html's own lookup
# asks Python for each element's class (form, input, label...) every time an element is touched,
# about a million calls over the 645 pages of trafilatura-eval-dev, 1 ms a page. The cleaner uses none
# of the special classes.
_HTML_ELEMENTS = lxml.etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment, pi=lxml.html.HtmlProcessingInstruction
)


def _utf8(text: str) -> bytes | None:
    """The text as UTF-8; None where it cannot be (a lone surrogate, from a str given to the cleaner)."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return None


def _parse(text: str, url: str | None, utf8: bytes | None = None) -> Element | Unparsed | _Truncated:
    """Parse ``text``, given as ``utf8`` where the caller has encoded it already."""
    # A fresh parser per page: lxml parsers must not be shared between threads.
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True)
    parser.set_element_class_lookup(_HTML_ELEMENTS)
    try:
        # Bytes with an explicit encoding: a str with an <?xml encoding?> declaration makes lxml refuse it,
        # and a <meta charset> inside must not make libxml2 re-decode text we already decoded.
        tree = lxml.html.document_fromstring(
            utf8 if utf8 is not None else text.encode("utf-8"), parser=parser
        )
    except (lxml.etree.ParserError, ValueError) as error:
        logger.debug("unparseable HTML (%s): %s", url, error)
        return Unparsed("no HTML content could be parsed")
    # libxml2 says "Excessive depth in document" (an internal error before 2.11, a resource limit since).
    limits = [
        error.message.strip()
        for error in parser.error_log
        if error.type_name == "ERR_RESOURCE_LIMIT" or "Excessive depth" in error.message
    ]
    if limits:
        return _Truncated(limits[0], nesting="Excessive depth" in limits[0])
    if tree is None:
        return Unparsed("no HTML content could be parsed")
    return tree


def _strip_tree_controls(tree: Element) -> None:
    """Take control characters out of every text, tail and attribute value of the tree."""
    for element in tree.iter():
        if element.text and CONTROL_CHARACTERS.search(element.text):
            element.text = strip_controls(element.text)
        if element.tail and CONTROL_CHARACTERS.search(element.tail):
            element.tail = strip_controls(element.tail)
        for name, value in element.attrib.items():
            if CONTROL_CHARACTERS.search(value):
                element.set(name, strip_controls(value))
