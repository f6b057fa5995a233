"""Small helpers over lxml trees: cached CSS selectors and what rules them out, element text, removal that
keeps tail text, meta tags and JSON-LD."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lxml import etree
from lxml.cssselect import CSSSelector

from storage.controls import strip_controls

logger = logging.getLogger(__name__)

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


@lru_cache(maxsize=256)
def _union(selectors: tuple[str, ...]) -> etree.XPath:
    # libxml2 evaluates the union and hands back each element once, in document order. (Merging the
    # selectors into one predicate on a single walk was slower: libxml2 tests names fast, predicates not.)
    return etree.XPath(" | ".join(_compiled(selector).path for selector in selectors))


def select_any(
    root: Element, selectors: tuple[str, ...], hooks: frozenset[str] | None = None
) -> list[Element]:
    """Elements matching any of the selectors, in document order, each once.

    ``hooks`` (the tree's :func:`tree_hooks`, or a superset of them) rules out the selectors that need an
    id or class the tree lacks before libxml2 walks the tree for them.
    """
    if hooks is not None:
        selectors = tuple(selector for selector in selectors if may_match(hooks, selector))
    if not selectors:
        return []
    return list(_union(selectors)(root))


# The id/class test below spares libxml2 a walk of the tree per selector that cannot match (a class
# selector is tested on every element). Measured on the 836 evaluation pages against the same selectors,
# compiled once, run by lxml without it, with the same elements found on every page: the cleaner took
# 18 ms a page against 37 (2.0x; 18 against 34 on the generic path), the profiles' and the generic
# chrome selectors alone 8 ms against 74.
_ATTRIBUTE_OR_NEGATION = re.compile(r"\[[^\]]*\]|:not\([^)]*\)")
_NEGATION = re.compile(r":not\([^)]*\)")
_HOOK = re.compile(r"[#.][\w-]+")
# [class*='index_text_'], [id^="main"]: a class or id attribute test by value. Whatever the operator (=,
# ~=, ^=, $=, *=, |=), a value without white space that the attribute must match lies within one of its
# tokens, so a tree none of whose class (id) tokens holds it has no element that matches. (Outside
# :not(), where a test is a need; inside, it is the opposite.)
# A value with a CSS escape (a backslash) is left alone: its token would not show the backslash.
_CLASS_OR_ID_VALUE = re.compile(r"""\[\s*(class|id)\s*[~^$*|]?=\s*(['"])([^'"\s\\]+)\2\s*\]""")


# What a tree must hold for one comma-separated alternative of a selector to match in it: its #id and
# .class tokens, whole, and "#" or "." and a value that must lie within a token of that kind.
_Needs = tuple[frozenset[str], tuple[str, ...]]


@lru_cache(maxsize=2048)
def selector_needs(selector: str) -> tuple[_Needs, ...]:
    """Per comma-separated alternative, the ``#id`` and ``.class`` tokens an element tree must contain,
    and the values its class and id attribute tests need within a token."""
    return tuple(
        (
            frozenset(_HOOK.findall(_ATTRIBUTE_OR_NEGATION.sub("", alternative))),
            tuple(
                ("#" if attribute == "id" else ".") + value
                for attribute, _quote, value in _CLASS_OR_ID_VALUE.findall(_NEGATION.sub("", alternative))
            ),
        )
        for alternative in selector.split(",")
    )


def _within_tokens(hooks: frozenset[str], within: tuple[str, ...]) -> bool:
    return all(any(hook.startswith(need[0]) and need[1:] in hook for hook in hooks) for need in within)


# Plain strings: lxml's default "smart" strings each build a Python proxy of their element (through
# lxml.html's class lookup): 370,000 proxies over the 836 evaluation pages. The hooks need only the
# text; gathering them took 1.02 ms a page with smart strings, 0.32 without (same hooks on every page).
_IDS = etree.XPath("descendant-or-self::*/@id", smart_strings=False)
_CLASSES = etree.XPath("descendant-or-self::*/@class", smart_strings=False)


def tree_hooks(root: Element) -> frozenset[str]:
    """Every ``#id`` and ``.class`` token in a tree: a cheap test of whether a selector can match."""
    # The attributes are gathered by libxml2; a walk over the elements in Python took twice as long.
    hooks = {"#" + str(element_id) for element_id in _IDS(root) if element_id}
    # Split all class attributes at once and prefix each distinct name once: most names recur.
    hooks.update("." + name for name in set(" ".join(map(str, _CLASSES(root))).split()))
    return frozenset(hooks)


@lru_cache(maxsize=16)
def _attribute_values(name: str) -> etree.XPath:
    return etree.XPath(f"descendant-or-self::*/@{name}", smart_strings=False)  # plain strings: see _IDS


def attribute_tokens(root: Element, name: str) -> frozenset[str]:
    """Every white-space separated token of the ``name`` attributes in a tree (``rel``, ``itemprop``):
    like :func:`tree_hooks`, what rules out a selector such as ``[rel~='author']`` without a walk for it."""
    return frozenset(" ".join(map(str, _attribute_values(name)(root))).split())


def may_match(hooks: frozenset[str], selector: str) -> bool:
    """False when the selector needs an id or class the tree does not have (then it cannot match)."""
    for required, within in selector_needs(selector):  # a plain loop: asked some 80 times a page
        if required <= hooks and (not within or _within_tokens(hooks, within)):
            return True
    return False


@dataclass(frozen=True)
class SelectorHints:
    """A tree's ids and classes (:func:`tree_hooks`) and its rel and itemprop tokens: what rules out a
    selector before libxml2 walks the whole tree for it (an attribute test on every element costs as much
    as gathering all the tree's rel or itemprop values)."""

    hooks: frozenset[str]
    rel: frozenset[str]
    itemprop: frozenset[str]

    @classmethod
    def of(cls, root: Element, hooks: frozenset[str] | None = None) -> SelectorHints:
        """The hints of ``root``'s tree; ``hooks`` is its :func:`tree_hooks` when already gathered."""
        hooks = tree_hooks(root) if hooks is None else hooks
        return cls(hooks, attribute_tokens(root, "rel"), attribute_tokens(root, "itemprop"))

    def may_match(self, selector: str) -> bool:
        """False when the selector needs a class, id, rel or itemprop token the page does not have."""
        return may_match(self.hooks, selector) and all(
            value in (self.rel if name == "rel" else self.itemprop)
            for name, value in _attribute_needs(selector)
        )

    def possible(self, selectors: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(selector for selector in selectors if self.may_match(selector))


# [rel~='author'], [itemprop='headline']: a value the attribute must hold (as its whole value or a token).
_ATTRIBUTE_NEED = re.compile(r"\[(rel|itemprop)~?='([^'\s]+)'\]")


@lru_cache(maxsize=256)
def _attribute_needs(selector: str) -> tuple[tuple[str, str], ...]:
    if "," in selector:  # alternatives need different things; not worth telling apart here
        return ()
    return tuple((match[1], match[2]) for match in _ATTRIBUTE_NEED.finditer(selector))


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


def class_and_id(element: Element) -> str:
    """The element's class and id, lower-cased, in one string: what templates name their boxes by."""
    classes, element_id = element.get("class"), element.get("id")
    if not classes and not element_id:
        return ""
    return f"{classes or ''} {element_id or ''}".strip().lower()


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


def json_ld_objects(tree: Element) -> Iterator[dict[str, Any]]:
    """The objects of the page's JSON-LD blocks, lists and ``@graph`` flattened."""
    # lxml's iter() tests the tag name in C, cheaper than the selector's walk (it also tests attributes).
    for script in (s for s in tree.iter("script") if s.get("type") == "application/ld+json"):
        try:
            data = json.loads(script.text or "")
        except (json.JSONDecodeError, TypeError, RecursionError):  # nested past Python's stack too
            logger.debug("unreadable JSON-LD block skipped")
            continue
        yield from _flatten_json_ld(data)


# Real JSON-LD nests lists and @graph two or three levels; a hostile page may nest thousands.
_JSON_LD_MAX_DEPTH = 8


def _flatten_json_ld(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > _JSON_LD_MAX_DEPTH:
        return
    if isinstance(data, list):
        for item in data:
            yield from _flatten_json_ld(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _flatten_json_ld(data["@graph"], depth + 1)


def json_ld_text(objects: list[dict[str, Any]], key: str) -> str | None:
    """The first value of ``key`` as text; people and organisations give their name, images their URL."""
    for obj in objects:
        value = _as_text(obj.get(key))
        if value:
            return value
    return None


def _as_text(value: Any) -> str | None:
    if isinstance(value, str):
        return strip_controls(value).strip() or None  # JSON escapes (\u001b) pass the tree's scrub
    if isinstance(value, list):
        names = [text for item in value if (text := _as_text(item))]
        return ", ".join(names) if names else None
    if isinstance(value, dict):
        return _as_text(value.get("name")) or _as_text(value.get("url"))
    return None
