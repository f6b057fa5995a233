"""Small helpers over lxml trees: cached CSS selectors, element text, removal that keeps tail text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lxml import etree
from lxml.cssselect import CSSSelector

# lxml ships no type stubs; elements are plain ``Any`` to mypy, named here for readability.
Element = Any

_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=512)
def _compiled(selector: str) -> CSSSelector:
    # Compiling a CSS selector to XPath costs far more than running it; rules are reused on every page.
    if ":contains" in selector:
        # cssselect's :contains() uses an XPath extension function that a cached selector loses on the
        # next document; match text with a boilerplate line rule instead.
        raise ValueError(f"selector {selector!r}: :contains() is not supported")
    return CSSSelector(selector)


def select(root: Element, selector: str) -> list[Element]:
    """Elements under ``root`` (itself included) that match a CSS selector, in document order."""
    return list(_compiled(selector)(root))


_SIMPLE_SELECTOR = re.compile(r"^(?P<tag>[a-z][a-z0-9]*|\*)?(?P<rest>(?:[.#][\w-]+|\[[^\]]+\])*)$")
_SELECTOR_PART = re.compile(r"([.#])([\w-]+)|\[\s*([\w-]+)\s*(?:([~^*$|]?=)\s*['\"]?([^'\"\]]*)['\"]?)?\s*\]")


@dataclass(frozen=True)
class _Simple:
    """A selector without combinators: ``tag``, ``.class``, ``#id``, ``[attr op 'value']`` in any mix."""

    tag: str | None
    classes: frozenset[str]
    element_id: str | None
    attributes: tuple[tuple[str, str | None, str], ...]  # (name, operator or None, value)

    def matches(self, element: Element) -> bool:
        if self.tag and element.tag != self.tag:
            return False
        if self.classes and not self.classes <= set(str(element.get("class") or "").split()):
            return False
        if self.element_id and element.get("id") != self.element_id:
            return False
        return all(_attribute_matches(element.get(name), op, value) for name, op, value in self.attributes)


def _attribute_matches(actual: str | None, op: str | None, value: str) -> bool:
    if actual is None:
        return False
    if op is None:
        return True
    if op == "=":
        return actual == value
    if op == "~=":
        return value in actual.split()
    if op == "^=":
        return actual.startswith(value)
    if op == "$=":
        return actual.endswith(value)
    if op == "*=":
        return value in actual
    return actual == value or actual.startswith(value + "-")  # |=


def _parse_simple(selector: str) -> _Simple | None:
    match = _SIMPLE_SELECTOR.match(selector.strip())
    if match is None:
        return None
    classes: set[str] = set()
    element_id = None
    attributes = []
    for dot_or_hash, name, attribute, op, value in _SELECTOR_PART.findall(match["rest"]):
        if dot_or_hash == ".":
            classes.add(name)
        elif dot_or_hash == "#":
            element_id = name
        elif "'" in value:
            return None
        else:
            attributes.append((attribute, op or None, value))
    tag = match["tag"] if match["tag"] not in (None, "*") else None
    return _Simple(tag, frozenset(classes), element_id, tuple(attributes))


@dataclass(frozen=True)
class _SelectorIndex:
    """Simple selectors indexed by what an element must have: its tag, one class, its id, an attribute."""

    by_tag: dict[str, tuple[_Simple, ...]]
    by_class: dict[str, tuple[_Simple, ...]]
    by_id: dict[str, tuple[_Simple, ...]]
    by_attribute: dict[str, tuple[_Simple, ...]]

    def candidates(self, element: Element) -> set[_Simple]:
        found: set[_Simple] = set(self.by_tag.get(element.tag, ()))
        classes = element.get("class")
        if classes:
            for name in classes.split():
                found.update(self.by_class.get(name, ()))
        element_id = element.get("id")
        if element_id:
            found.update(self.by_id.get(element_id, ()))
        for name, simples in self.by_attribute.items():
            if element.get(name) is not None:
                found.update(simples)
        return found


@lru_cache(maxsize=128)
def _one_pass(selectors: tuple[str, ...]) -> _SelectorIndex | None:
    """An index for matching all selectors in one walk; None when one has combinators or pseudo-classes.

    Pruning runs dozens of selectors on every page. Run one by one through cssselect, each walks the whole
    tree and normalises every class attribute (about 15 ms a page in all); one walk with dictionary
    lookups takes about 2 ms.
    """
    index: dict[str, dict[str, list[_Simple]]] = {"tag": {}, "class": {}, "id": {}, "attribute": {}}
    for group in selectors:
        for selector in group.split(","):
            simple = _parse_simple(selector)
            if simple is None:
                return None
            # File each selector under its rarest requirement; matches() checks the rest.
            if simple.element_id:
                key = ("id", simple.element_id)
            elif simple.classes:
                key = ("class", min(simple.classes))
            elif simple.attributes:
                key = ("attribute", simple.attributes[0][0])
            elif simple.tag:
                key = ("tag", simple.tag)
            else:
                return None  # "*" would match everything
            index[key[0]].setdefault(key[1], []).append(simple)
    frozen = {kind: {k: tuple(v) for k, v in table.items()} for kind, table in index.items()}
    return _SelectorIndex(frozen["tag"], frozen["class"], frozen["id"], frozen["attribute"])


def select_any(root: Element, selectors: tuple[str, ...]) -> list[Element]:
    """Elements matching any of the selectors, in document order, each once."""
    index = _one_pass(selectors)
    if index is None:
        seen: dict[Element, None] = {}
        for selector in selectors:
            seen.update(dict.fromkeys(select(root, selector)))
        return list(seen)
    return [
        element
        for element in root.iter(etree.Element)
        if any(simple.matches(element) for simple in index.candidates(element))
    ]


_ATTRIBUTE_OR_NEGATION = re.compile(r"\[[^\]]*\]|:not\([^)]*\)")
_HOOK = re.compile(r"[#.][\w-]+")


@lru_cache(maxsize=2048)
def selector_hooks(selector: str) -> tuple[frozenset[str], ...]:
    """Per comma-separated alternative, the ``#id`` and ``.class`` tokens an element tree must contain."""
    return tuple(
        frozenset(_HOOK.findall(_ATTRIBUTE_OR_NEGATION.sub("", alternative)))
        for alternative in selector.split(",")
    )


_IDS = etree.XPath("descendant-or-self::*/@id")
_CLASSES = etree.XPath("descendant-or-self::*/@class")


def tree_hooks(root: Element) -> frozenset[str]:
    """Every ``#id`` and ``.class`` token in a tree: a cheap test of whether a selector can match."""
    # The attributes are gathered by libxml2; a walk over the elements in Python took twice as long.
    hooks = {"#" + str(element_id) for element_id in _IDS(root) if element_id}
    hooks.update("." + name for classes in _CLASSES(root) for name in str(classes).split())
    return frozenset(hooks)


def may_match(hooks: frozenset[str], selector: str) -> bool:
    """False when the selector needs an id or class the tree does not have (then it cannot match)."""
    return any(required <= hooks for required in selector_hooks(selector))


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
