"""The text-density reading of a page: where its paragraphs are thickest.

Paragraph-like elements score by length and punctuation and give their score to their parent whole,
to their grandparent by half and to older ancestors less (the scoring of Arc90's Readability, which
readability-lxml and Mozilla's Readability.js carry on). A container starts from what its tag and its
name usually hold (a div, an "article-body"; a list, a "sidebar"), and its total is discounted by its
share of link text: a menu has many short entries, a story long sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from crawler.cleaner.dom import Element, class_and_id
from crawler.cleaner.prose import ProseMeter, text_weight, visible_text

PARAGRAPH_TAGS = ("p", "pre", "td", "blockquote")
# Containers whose own text (not their children's) counts as a paragraph: old portals and government
# sites write the story straight into a <div> or a table cell, lines apart by <br>.
TEXT_CONTAINERS = ("div", "section", "article", "td")
_INLINE = frozenset({"br", "a", "b", "strong", "em", "i", "span", "font", "u"})
# Below this weight a paragraph-like element is a label, a date or a menu entry: it scores nothing.
_MIN_PARAGRAPH = 25
_PUNCTUATION = re.compile(r"[,，、。；;！？!?]|\.\s")
_TAG_SCORE = {
    "div": 5.0,
    "article": 5.0,
    "section": 3.0,
    "main": 3.0,
    "td": 3.0,
    "pre": 3.0,
    "blockquote": 3.0,
}
_LIST_TAGS = frozenset({"ul", "ol", "dl", "li", "form", "address"})
_NAME_SCORE = 25.0
POSITIVE_NAME = re.compile(r"article|body|content|entry|main|page|post|text|blog|story|detail|zoom")
NEGATIVE_NAME = re.compile(
    r"comment|sidebar|footer|related|share|social|sponsor|promo|widget|banner|menu|nav|meta|tags?\b"
    r"|hidden|popup|lightbox|modal|overlay|recommend|ad-|advert|outbrain|taboola|masthead|shopping|tool|rank"
    r"|hot|list"
)
# How far a paragraph's score climbs.
_ANCESTOR_LEVELS = 5
# Containers compared after the link discount: the rest cannot overtake the best of them.
_TOP_CANDIDATES = 6


@dataclass(frozen=True)
class DensityReading:
    """The densest container, and the prose of the best container apart from it (the next story, a box
    of teasers with their excerpts), 0 when every other candidate is inside or around it."""

    best: Element
    runner_up_prose: float


def read_density(body: Element, meter: ProseMeter) -> DensityReading | None:
    """Where the paragraphs are thickest, and how far ahead of anything apart from it."""
    scores = _scores(body)
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)[:_TOP_CANDIDATES]
    discounted = sorted(
        ((score * (1.0 - meter.link_share(element)), element) for element, score in ranked),
        key=lambda pair: pair[0],
        reverse=True,
    )
    if not discounted or discounted[0][0] <= 0:
        return None
    best = discounted[0][1]
    around = set(best.iterancestors())
    apart = [
        meter.prose(element)
        for _, element in discounted[1:]
        if element not in around and not any(ancestor is best for ancestor in element.iterancestors())
    ]
    return DensityReading(best, max(apart, default=0.0))


def _scores(body: Element) -> dict[Element, float]:
    scores: dict[Element, float] = {}
    for paragraph in _paragraphs(body):
        text = own_text(paragraph) if paragraph.tag in TEXT_CONTAINERS else visible_text(paragraph)
        weight = text_weight(text)
        if weight < _MIN_PARAGRAPH:
            continue
        score = 1.0 + len(_PUNCTUATION.findall(text)) + min(weight / 100.0, 3.0)
        for level, ancestor in enumerate(paragraph.iterancestors()):
            if level >= _ANCESTOR_LEVELS:
                break
            if ancestor not in scores:
                scores[ancestor] = _initial_score(ancestor)
            scores[ancestor] += score / (1.0 if level == 0 else 2.0 if level == 1 else level * 3.0)
        if paragraph.tag in TEXT_CONTAINERS:  # text written straight into a div counts for the div too
            scores[paragraph] = scores.get(paragraph, _initial_score(paragraph)) + score
    return scores


def own_text(element: Element) -> str:
    """Text written straight into the element and into its inline children, not its block children."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag in _INLINE:
            parts.append(visible_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _paragraphs(body: Element) -> list[Element]:
    return [
        element
        for element in body.iter(*PARAGRAPH_TAGS, *TEXT_CONTAINERS)
        if element.tag not in TEXT_CONTAINERS or element.tag == "td" or _has_own_text(element)
    ]


def _has_own_text(element: Element) -> bool:
    """Text written into the element itself, or into an inline child (``<div><span>text</span></div>``:
    editors wrap every line of a story in spans and fonts)."""
    if element.text and element.text.strip():
        return True
    return any(
        (child.tail and child.tail.strip()) or (child.tag in _INLINE and "".join(child.itertext()).strip())
        for child in element
    )


def _initial_score(element: Element) -> float:
    tag = element.tag if isinstance(element.tag, str) else ""
    score = _TAG_SCORE.get(tag, -3.0 if tag in _LIST_TAGS else 0.0)
    names = class_and_id(element)
    return score + _name_score(names) if names else score


@lru_cache(maxsize=4096)  # a page repeats its class names hundreds of times, a site's pages their templates
def _name_score(names: str) -> float:
    return (_NAME_SCORE if POSITIVE_NAME.search(names) else 0.0) - (
        _NAME_SCORE if NEGATIVE_NAME.search(names) else 0.0
    )
