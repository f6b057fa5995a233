"""Small helpers over lxml trees: cached CSS selectors, element text, removal that keeps tail text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from lxml.cssselect import CSSSelector

# lxml ships no type stubs; elements are plain ``Any`` to mypy, named here for readability.
Element = Any

_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=512)
def _compiled(selector: str) -> CSSSelector:
    # Compiling a CSS selector to XPath costs far more than running it; rules are reused on every page.
    return CSSSelector(selector)


def select(root: Element, selector: str) -> list[Element]:
    """Elements under ``root`` (itself included) that match a CSS selector, in document order."""
    return list(_compiled(selector)(root))


def select_first(root: Element, selectors: Iterable[str]) -> Element | None:
    """The first element matched by the first selector that matches anything."""
    for selector in selectors:
        found = select(root, selector)
        if found:
            return found[0]
    return None


def text_of(element: Element) -> str:
    """The element's text with white space collapsed to single spaces."""
    return _SPACES.sub(" ", str(element.text_content())).strip()


def remove(element: Element) -> None:
    """Remove an element and its children but keep the text that follows it (its tail)."""
    if element.getparent() is not None:
        element.drop_tree()


def remove_matching(root: Element, selectors: Iterable[str]) -> int:
    """Remove every element matching any of the selectors; returns how many were removed."""
    removed = 0
    for selector in selectors:
        for element in select(root, selector):
            remove(element)
            removed += 1
    return removed


def collect_meta(root: Element) -> dict[str, str]:
    """Every ``<meta>`` with content, keyed by its lower-cased name, property or itemprop (first wins).

    Keys are lower-cased because sites write ``PubDate``, ``pubdate`` and ``PUBDATE`` alike.
    """
    found: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        content = meta.get("content")
        if key and content and content.strip():
            found.setdefault(key.strip().lower(), content.strip())
    return found


def first_meta(meta: dict[str, str], *names: str) -> str | None:
    """The content of the first of ``names`` present in a :func:`collect_meta` map."""
    for name in names:
        value = meta.get(name.lower())
        if value:
            return value
    return None
