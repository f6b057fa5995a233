"""Our own main-content finder: where a page keeps its article.

Two readings of the page are made and compared:

1. **Markup vocabulary.** Content management systems name the article's container: ``entry-content``
   (WordPress), ``article-body``, ``itemprop="articleBody"``, ``field-body`` (Drupal), ``TRS_Editor``
   and ``zoom`` (the TRS CMS of Chinese government sites), ``post_text``/``endText``... The names come
   in tiers, from an article body's to a page's main column; the first container of the best tier that
   holds an article's worth of prose is the candidate. The tiers follow trafilatura's ``BODY_XPATH``
   (Apache 2.0), with the Chinese CMSs' names added, but are matched on each element's class and id
   once, in Python, where trafilatura's EXSLT ``re:test`` calls re-enter Python once per node and test.
2. **Text density** (:mod:`crawler.cleaner.density`): the container where the paragraphs are thickest.

The finder is sure when the readings agree: the named container holds the densest one, or the densest
one holds most of a broad named container's prose (then it is the tighter choice, and the boxes
around the story stay out). A body named as such (tiers 1 and 2) is taken even when the density
reading is elsewhere, if it holds most of that reading's prose; a teaser box named "post-content" in a
sidebar does not. When the readings disagree otherwise, or only a page-wide name (tiers 3 and 4)
backs the choice, the finder says it is unsure and the caller asks a second extractor.

A lead set apart from the body by the template (an "article-intro", a paragraph in the story's
``<header>``) is taken with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from crawler.cleaner.density import NEGATIVE_NAME, read_density
from crawler.cleaner.dom import Element, class_and_id
from crawler.cleaner.prose import ProseMeter, strip_invisible, text_weight, visible_text

# Container names by tier, matched in the lower-cased class and id ("^"/"$" anchor to the whole string,
# (?:^|\s)...(?:$|\s) to one class). Tier 1 names an article body, tier 2 a story, tier 3 a page's
# content area, tier 4 its main column. Chinese CMSs: TRS_Editor / Custom_UnionStyle (TRS WCM), zoom
# (government sites' font resizer), artibody (Sina and kin), post_text / endtext (NetEase), cnt_bd
# (CNTV), rich_media_content (WeChat), con_txt / news_txt / text_con (portals and local papers).
_TIER_TOKENS: tuple[str, ...] = (
    r"(?:entry|article|art|post|story|news)[-_]?(?:content|body|text)s?\b|article__(?:content|body)"
    r"|articlebody|body-text|post[-_]?entry|postcontent|post_inner_wrapper|article__container"
    r"|page-content-body|^(?:post|entry)$|trs_editor|custom_unionstyle"
    r"|artibody|endtext|cnt_bd|rich_media_content|(?:con|news|article|detail)_?txt|text_?con\b"
    r"|(?:^|\s)o?zoom(?:$|\s)|fontzoom|contentdetail|detail[-_]?(?:content|body|text)",
    r"(?:^|\s)(?:article|story|postarea|art-postcontent|text|fulltext|story-body|field-body|single-post"
    r"|main-column|wpb_text_column)(?:$|\s)|story-?content|(?:theme|blog|section|single)-content"
    r"|post-bodycopy|^primary|(?:^|\s)(?:post|entry|hentry|type-post)(?:$|\s)",
    r"(?:^|\s)(?:content|contents|main-content|page-content|content-main|content-body|contentbody"
    r"|maincontent|main_content|mainbody|main-body)(?:$|\s)",
    r"^main|(?:^|\s)main(?:$|\s)",
)
_TIERS = tuple(re.compile(tokens) for tokens in _TIER_TOKENS)
_ANY_TIER = re.compile("|".join(_TIER_TOKENS))
BODY_NAME = _TIERS[0]
# Named like content, but comments, related stories or a teaser ("related-content", "comment-body").
_NOT_THE_STORY = re.compile(r"comment|related|recommend|sidebar|footer|teaser")
_NAMED = etree.XPath(
    ".//*[self::article or self::div or self::main or self::section or self::td][@class or @id or @itemprop"
    " or @role]"
)
# Tiers whose name alone is enough: an article body's, a story's.
SURE_TIERS = 2
_PART_TAGS = frozenset({"article", "div", "main", "section", "td", "p"})

# An article has at least this much prose (weighted characters, crawler/cleaner/prose.py).
MIN_ARTICLE = 140.0
# A container found by density alone is taken without a second opinion when it holds this share of
# the page's prose: what is left is too little to be another part of the story.
_DOMINANT_SHARE = 0.75
# ... or when nothing apart from it holds more than this share of its prose.
_RUNNER_UP_SHARE = 0.25
# A named body that holds less than this share of the density container's prose is a box beside the
# article (a teaser, a summary), not the article.
_VOCABULARY_SHARE = 0.6
# The density container (with its sibling parts) replaces a broad named container around it when it
# holds this share of its prose: what is left out is boxes, not story.
_TIGHTER_SHARE = 0.7
# How far above the body a story's wrapper is looked for, and how much prose a wrapper may add to the
# body's without being more than the story (a sidebar, the next story).
_SCOPE_LEVELS = 4
_SCOPE_GROWTH = 1.3
# A lead has at least this much prose: less is a kicker or a date.
_MIN_LEAD = 40.0
# Newsrooms' names for it: standfirst, dek, chapô (French), sommario (Italian), bajada and entradilla
# (Spanish), Vorspann (German).
_LEAD_NAME = re.compile(
    r"lead|intro|epigraph|standfirst|summary|excerpt|subtitle|subline|(?:^|[\s_-])dek(?:$|[\s_-])|deck"
    r"|abstract|chapo|chapeau|sommario|bajada|entradilla|vorspann"
)
# Siblings of the density container join it when they carry this much prose with few links.
_SIBLING_SHARE = 0.3
_SIBLING_LINKS = 0.25
_SIBLING_PARAGRAPH = 80.0


@dataclass(frozen=True)
class Found:
    """The article's container(s), in document order, and how sure the finder is of them."""

    elements: tuple[Element, ...]
    how: str
    sure: bool
    tier: int = 0  # the tier of the name that backs the choice; 0 for none


def prepare(body: Element) -> None:
    """Make the tree readable: scripts and styles out, and a <noscript> that holds an article's worth of
    prose (the page as shown without scripts, as Blogger themes render the post) unwrapped."""
    strip_invisible(body)
    meter = ProseMeter()
    for fallback in list(body.iter("noscript")):
        if meter.prose(fallback) >= MIN_ARTICLE:
            fallback.drop_tag()


def find_article(body: Element) -> Found | None:
    """Where ``body``'s article is, or None when no container holds an article's worth of prose.

    ``body`` must have been through :func:`prepare`.
    """
    meter = ProseMeter()
    found = _find_body(body, meter)
    if found is None:
        return None
    first = found.elements[0]
    leads = _leads_before(_story_scope(first, meter), first, meter)
    return Found((*leads, *found.elements), found.how, found.sure, found.tier) if leads else found


def _find_body(body: Element, meter: ProseMeter) -> Found | None:
    reading = read_density(body, meter)
    density = reading.best if reading is not None and meter.prose(reading.best) >= MIN_ARTICLE else None
    # The density reading stands on its own when its container holds most of the page's prose, or
    # far more than anything apart from it (a box of teasers with excerpts, a menu, the footer).
    clear = density is not None and (
        meter.prose(density) >= _DOMINANT_SHARE * meter.prose(body)
        or (reading is not None and reading.runner_up_prose <= _RUNNER_UP_SHARE * meter.prose(density))
    )
    vocabulary = _by_vocabulary(body, meter)
    if vocabulary is None:
        if density is None:
            return None
        return Found(_with_siblings(density, meter), "text density", sure=clear)
    tier, named = vocabulary
    sure = tier <= SURE_TIERS or clear
    how = f"a container named as an article (tier {tier})"
    if density is not None and tier > 1 and named is not density and _contains(named, density):
        # A broad container (a story, a content area, a main column) around the prose: the prose's own
        # container, with its sibling parts, is tighter and leaves the boxes around the story out.
        parts = _with_siblings(density, meter)
        if sum(meter.prose(part) for part in parts) >= _TIGHTER_SHARE * meter.prose(named):
            return Found(parts, f"text density, inside {how}", sure=sure, tier=tier)
    if density is None or _contains(named, density):
        return Found(_with_same_named(named, meter), how, sure=sure, tier=tier)
    share = meter.prose(named) / max(1.0, meter.prose(density))
    if _contains(density, named) and share < _VOCABULARY_SHARE:
        # A box inside the article named like one (a highlighted quote, a summary): the article is
        # around it, but nothing names it.
        return Found(
            _with_siblings(density, meter), "text density, around a named part", sure=False, tier=tier
        )
    if share >= _VOCABULARY_SHARE:
        return Found(_with_same_named(named, meter), how, sure=sure, tier=tier)
    return Found(
        _with_siblings(density, meter), "text density, away from a named container", sure=False, tier=tier
    )


def _by_vocabulary(body: Element, meter: ProseMeter) -> tuple[int, Element] | None:
    """The first container of the best tier that holds an article's worth of prose."""
    best: tuple[int, Element] | None = None
    for element in _NAMED(body):
        tier = tier_of(element)
        if tier is None or (best is not None and tier >= best[0]):
            continue
        if meter.prose(element) >= MIN_ARTICLE and not _NOT_THE_STORY.search(class_and_id(element)):
            best = (tier, element)
            if tier == 1:
                return (1, _innermost_body(element, meter))
    if best is None or best[0] > 2:  # a page's first <article> is its story (trafilatura's tier 2)
        article = next((a for a in body.iter("article") if meter.prose(a) >= MIN_ARTICLE), None)
        if article is not None:
            return (2, article)
    if best is None:
        main = next(iter(body.iter("main")), None)
        if main is not None and meter.prose(main) >= MIN_ARTICLE:
            return (4, main)
    return best


def _innermost_body(element: Element, meter: ProseMeter) -> Element:
    """A body named inside a body (WordPress's "entry-content" in its "post") that holds most of it."""
    limit = _TIGHTER_SHARE * meter.prose(element)
    for inner in _NAMED(element):
        if tier_of(inner) == 1 and meter.prose(inner) >= limit:
            return _innermost_body(inner, meter)
    return element


def tier_of(element: Element) -> int | None:
    """The tier of the container names an element carries (1 is an article body), or None."""
    if (element.get("itemprop") or "").lower() == "articlebody":
        return 1
    tier = _tier_of_names(class_and_id(element))
    if tier is not None:
        return tier
    role = (element.get("role") or "").lower()
    return 2 if role == "article" else 4 if role == "main" else None


# A page's boxes repeat their names (a list's items, a template's columns), and a site's pages repeat
# them all: remembered, the names of bench/crawl.py's pages were read in a third of the time, those of
# the pages of ../shared/eval (many sites, a few pages each) in 60 %.
@lru_cache(maxsize=4096)
def _tier_of_names(names: str) -> int | None:
    if names and _ANY_TIER.search(names):  # most names are in no tier: one search instead of four
        for number, tier in enumerate(_TIERS, 1):
            if tier.search(names):
                return number
    return None


def _with_same_named(element: Element, meter: ProseMeter) -> tuple[Element, ...]:
    """``element`` and its siblings of the same name: a body that ads or pictures cut in parts."""
    name = element.get("class")
    parent = element.getparent()
    if not name or parent is None:
        return (element,)
    return tuple(
        sibling
        for sibling in parent
        if sibling is element
        or (sibling.tag == element.tag and sibling.get("class") == name and meter.prose(sibling) > 0)
    )


def _with_siblings(best: Element, meter: ProseMeter) -> tuple[Element, ...]:
    """The density container and its siblings that carry prose too (an article split by an ad slot)."""
    parent = best.getparent()
    if parent is None:
        return (best,)
    threshold = max(MIN_ARTICLE, _SIBLING_SHARE * meter.prose(best))
    kept = []
    for sibling in parent:
        if sibling is best:
            kept.append(sibling)
        elif not isinstance(sibling.tag, str) or sibling.tag not in _PART_TAGS:
            continue
        elif sibling.tag == "p" and best.tag != "p":
            if (
                text_weight(visible_text(sibling)) >= _SIBLING_PARAGRAPH
                and meter.link_share(sibling) < _SIBLING_LINKS
            ):
                kept.append(sibling)
        elif meter.link_share(sibling) < _SIBLING_LINKS and not NEGATIVE_NAME.search(class_and_id(sibling)):
            same_name = sibling.get("class") and sibling.get("class") == best.get("class")
            if same_name or meter.prose(sibling) >= threshold:
                kept.append(sibling)
    return tuple(kept)


def _story_scope(first: Element, meter: ProseMeter) -> Element:
    """Where a lead of the body starting at ``first`` may be: the story's <article> or named wrapper
    around it, else the widest ancestor that adds little prose to the body's (a lead, a headline)."""
    scope = first
    limit = _SCOPE_GROWTH * meter.prose(first)
    for level, ancestor in enumerate(first.iterancestors()):
        if level >= _SCOPE_LEVELS or ancestor.tag == "body":
            break
        if ancestor.tag == "article" or (tier_of(ancestor) or SURE_TIERS + 1) <= SURE_TIERS:
            return ancestor
        if meter.prose(ancestor) > limit:
            break
        scope = ancestor
    return scope


def _leads_before(scope: Element, first: Element, meter: ProseMeter) -> list[Element]:
    """Lead paragraphs inside ``scope`` that come before the body's ``first`` part."""
    leads: list[Element] = []
    seen: set[str] = set()
    around_first = set(first.iterancestors())
    for element in scope.iter("p", "div", "h2", "h3", "h4"):
        if element is first:
            break
        if element in around_first or any(_contains(lead, element) for lead in leads):
            continue
        is_lead = _LEAD_NAME.search(class_and_id(element)) is not None
        if not is_lead and (element.tag != "p" or not _in_header(element, scope)):
            continue
        if meter.prose(element) >= _MIN_LEAD:
            text = " ".join(visible_text(element).split())
            if text not in seen:  # a template's lead for phones and the same for screens
                seen.add(text)
                leads.append(element)
    return leads


def _in_header(element: Element, scope: Element) -> bool:
    for ancestor in element.iterancestors():
        if ancestor.tag == "header":
            return True
        if ancestor is scope:
            return False
    return False


def _contains(outer: Element, inner: Element) -> bool:
    """Whether ``outer`` is ``inner`` or one of its ancestors."""
    return outer is inner or any(ancestor is outer for ancestor in inner.iterancestors())
