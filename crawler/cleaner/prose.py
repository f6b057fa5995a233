"""How much prose an element holds: visible characters, white space not counted, link text apart.

A CJK character carries about as much as a short Latin word, so it weighs :data:`CJK_WEIGHT`
characters: thresholds such as "an article has at least this much prose" then hold for Chinese and
English pages alike.
"""

from __future__ import annotations

import re

from lxml import etree

from crawler.cleaner.dom import Element

CJK_WEIGHT = 2.5
# Kana, the CJK ideographs, their extension A and the compatibility ideographs.
_CJK_RANGES = "\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff"
# Counted as what is left once the runs of other characters are cut: 2.4 times as fast as a list of the
# CJK characters found one by one (re.findall), on the element texts of bench/crawl.py's pages.
_NOT_CJK_RUN = re.compile(f"[^{_CJK_RANGES}]+")
_LINK_TEXT = etree.XPath(".//a//text()", smart_strings=False)
_INVISIBLE_TAGS = ("script", "style", "template", "textarea")


def text_weight(text: str) -> float:
    """Characters of ``text``, not counting white space, a CJK character as :data:`CJK_WEIGHT`."""
    stripped = "".join(text.split())
    length = len(stripped)
    # UTF-8 spends three bytes on a CJK character: text with few bytes over one a character has none
    # worth counting, and skips the scan (isascii() is free: Python records it with the string).
    if stripped.isascii() or len(stripped.encode("utf-8")) < 1.5 * length:
        return float(length)
    return length + (CJK_WEIGHT - 1.0) * len(_NOT_CJK_RUN.sub("", stripped))


def visible_text(element: Element) -> str:
    """All text under ``element`` (scripts and styles must have gone: :func:`strip_invisible`)."""
    return str(element.text_content())


def strip_invisible(root: Element) -> None:
    """Remove what a reader never sees as text (scripts, styles, templates), keeping what follows it."""
    etree.strip_elements(root, *_INVISIBLE_TAGS, with_tail=False)


class ProseMeter:
    """Prose measures of one tree's elements, each computed once: the tree must not change meanwhile.

    The finder asks for the same containers' weights again and again (a tier's candidates, the
    ancestors of the body, the siblings of its parts); each is a walk of the element's text.
    """

    def __init__(self) -> None:
        self._weights: dict[Element, float] = {}
        self._link_weights: dict[Element, float] = {}

    def weight(self, element: Element) -> float:
        """:func:`text_weight` of all the element's visible text."""
        weight = self._weights.get(element)
        if weight is None:
            weight = self._weights[element] = text_weight(visible_text(element))
        return weight

    def link_weight(self, element: Element) -> float:
        """:func:`text_weight` of the text of the element's links."""
        weight = self._link_weights.get(element)
        if weight is None:
            weight = self._link_weights[element] = text_weight("".join(_LINK_TEXT(element)))
        return weight

    def prose(self, element: Element) -> float:
        """The weight of the element's text less its link text."""
        return max(0.0, self.weight(element) - self.link_weight(element))

    def link_share(self, element: Element) -> float:
        """The share of the element's text that is link text."""
        total = self.weight(element)
        return 0.0 if total <= 0 else min(1.0, self.link_weight(element) / total)
