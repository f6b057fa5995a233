"""What goes from inside an article's container before its text is read.

Templates put boxes inside the story's container as well as around it: share bars, comment forms,
"related" lists, newsletter boxes, author bios, image captions and credits, hidden copies for other
screens. They are told by their markup, never by their words:

- **by name**: a class or id token whose first word is one of :data:`LEADING_WORDS` ("share-bar",
  "related_posts", "sidebar-region") or whose last word is one of :data:`TRAILING_WORDS` ("post-share",
  "entry-meta", "article-comments"). Words inside a token name something else: "elementor-widget-wrap"
  is a page builder's wrapper around the text, "field--label-hidden" a field whose label is hidden. The
  concepts are those of trafilatura's OVERALL_DISCARD vocabulary (Apache 2.0), matched as whole words;
- **hidden**: ``hidden``, ``aria-hidden="true"``, ``display: none``;
- **captions and credits** (``figcaption``, a "caption" or "credit" class): the picture's text;
- **boxes of links**: a short block that is mostly links (trafilatura's link-density test);
- **loose labels**: in a story written in ``<p>``s, the short text set straight into the ``<div>``s
  around them (a byline, a date, "5 min read", a button's label).

Nothing that holds half of the container's prose goes: that is the story wearing chrome's name.
"""

from __future__ import annotations

import re

from lxml import etree

from crawler.cleaner.density import own_text
from crawler.cleaner.dom import Element, class_and_id, remove
from crawler.cleaner.prose import ProseMeter, text_weight, visible_text

LEADING_WORDS = frozenset(
    {
        "share", "sharing", "shares", "sharebar", "social", "sociable", "socials", "comment", "comments",
        "commentlist", "disqus", "related", "relatedposts", "recommend", "recommended", "recommendations",
        "newsletter", "subscribe", "subscription", "signup", "advert", "advertisement", "ad", "ads",
        "adsbygoogle", "adslot", "outbrain", "taboola", "sponsor", "sponsored", "promo", "promotion",
        "byline", "author", "autor", "bio", "postmeta", "meta", "tags", "tag", "taglist", "tagcloud",
        "cookie", "cookies", "consent", "gdpr", "breadcrumb", "breadcrumbs", "pagination", "pager", "nav",
        "navigation", "navbar", "menu", "sidebar", "widget", "toolbar", "tools", "print", "next", "prev",
        "previous", "footer", "rating", "modal", "popup", "banner", "hidden", "hide", "noprint",
        "copyright", "sr", "date", "timestamp", "dateline", "paywall", "cta", "teaser", "teasers",
        # pinyin names of Chinese CMSs: 相关阅读/相关新闻, 相关, 推荐, 分享, 评论, and two share widgets
        "xgyd", "xgxw", "xiangguan", "tuijian", "fenxiang", "pinglun", "bshare", "jiathis",
    }
)  # fmt: skip
TRAILING_WORDS = frozenset(
    {
        "share", "sharing", "social", "comment", "comments", "related", "newsletter", "signup", "subscribe",
        "meta", "tags", "nav", "navigation", "menu", "sidebar", "footer", "byline", "author", "autor", "bio",
        "banner", "breadcrumb", "breadcrumbs", "toolbar", "pagination", "promo", "recommended",
        "sponsored", "popular", "date", "timestamp", "rating", "form", "paywall", "cta", "teaser", "teasers",
    }
)  # fmt: skip
_WORD_SEPARATOR = re.compile(r"[-_]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")
# A paragraph or a heading is text whatever its id says ("nav_part_2" on a section heading).
_TEXT_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"})
_NAMED_OR_HIDDEN = etree.XPath(
    ".//form | .//*[@class or @id or @style or @hidden or @aria-hidden][not(self::a or self::span or self::b"
    " or self::strong or self::em or self::i or self::img or self::br)]"
)
_CAPTIONS = etree.XPath(
    ".//figcaption | .//*[@class][contains(translate(@class, 'CAPTION', 'caption'), 'caption')"
    " or contains(translate(@class, 'CREDIT', 'credit'), 'credit')]"
)
_LINK_BOX_CANDIDATES = etree.XPath(".//div | .//section | .//ul | .//ol | .//p | .//table | .//dl")
_LINK_BOX_SHARE = 0.8
# An article written in <p>s (this much of their text) keeps only its paragraphs, headings, lists,
# quotes and tables (trafilatura's rule: its "div" tag only counts when <p>s are few).
_PARAGRAPHED = 750.0
_PARAGRAPH_TEXT = etree.XPath(".//p//text()", smart_strings=False)
_FRAMES = frozenset({"div", "section", "article", "main", "header", "span", "center", "font"})
_INLINE = frozenset({"a", "b", "strong", "em", "i", "u", "small", "time", "abbr", "cite", "sub", "sup"})
# Loose text of a frame up to this weight is a label; a frame that holds more is a paragraph without <p>.
_LOOSE_LABEL = 100.0


def remove_inner_chrome(container: Element, protected: re.Pattern[str] | None = None) -> list[Element]:
    """Remove boxes, hidden elements, captions and link boxes inside ``container``; returns what went.

    ``protected`` names elements never taken for chrome (the article body's own names, such as
    "entry-content", which a share plugin may also carry).
    """
    meter = ProseMeter()
    total = meter.prose(container)
    named: list[Element] = []
    for element in _NAMED_OR_HIDDEN(container):
        if element is container or _inside_any(element, named) or not _is_chrome(element, protected):
            continue
        if meter.prose(element) <= 0.5 * total:
            named.append(element)
    named += _titles_of(named)
    for element in named:
        remove(element)
    captions = [element for element in _CAPTIONS(container) if element is not container]
    for element in captions:
        remove(element)
    boxes = [element for element in _LINK_BOX_CANDIDATES(container) if _is_link_box(element)]
    boxes = [box for box in boxes if not _inside_any(box, boxes)]
    boxes += _titles_of(boxes)
    for element in boxes:
        remove(element)  # keeps the tail text
    if text_weight("".join(_PARAGRAPH_TEXT(container))) >= _PARAGRAPHED:
        _drop_loose_labels(container)
    return named + captions + boxes


def names_chrome(names: str) -> bool:
    """Whether a lower-cased class-and-id string names a box of chrome (see the module's docstring)."""
    for token in names.split():
        words = [word for word in _WORD_SEPARATOR.split(token) if word]
        if words and (words[0] in LEADING_WORDS or (len(words) > 1 and words[-1] in TRAILING_WORDS)):
            return True
    return False


def _is_chrome(element: Element, protected: re.Pattern[str] | None) -> bool:
    if element.tag == "form":  # a comment, rating, search or sign-up form inside the article
        return True
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    style = element.get("style")
    if style and _HIDDEN_STYLE.search(style.lower()):
        return True
    if element.tag in _TEXT_TAGS:
        return False
    names = class_and_id(element)
    return bool(names) and names_chrome(names) and not (protected and protected.search(names))


def _is_link_box(element: Element) -> bool:
    links = element.findall(".//a")
    if not links:
        return False
    is_last = element.getnext() is None
    # trafilatura's limits: a paragraph is a link line up to 30 characters (60 at the end), a block up
    # to 100 (300 at the end, where "more on this" boxes sit).
    limit = (60.0 if is_last else 30.0) if element.tag == "p" else (300.0 if is_last else 100.0)
    length = float(len(" ".join(visible_text(element).split())))
    if length >= limit:
        return False
    if length == 0:
        return True
    link_texts = [" ".join(visible_text(link).split()) for link in links]
    link_length = sum(len(text) for text in link_texts)
    short = sum(1 for text in link_texts if len(text) < 10)
    return link_length > _LINK_BOX_SHARE * length or (len(links) > 1 and short / len(links) > 0.8)


def _drop_loose_labels(container: Element) -> None:
    """Take out short text set straight into the frames around the paragraphs (not the paragraphs)."""
    work = [container]
    while work:
        element = work.pop()
        label = text_weight(own_text(element)) < _LOOSE_LABEL
        if label:
            element.text = None
        for child in list(element):
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in _FRAMES:
                work.append(child)
            elif label and tag in _INLINE:
                child.drop_tree()  # a link, a <strong>, a <time> set straight into the frame: a label
                continue
            if label:
                child.tail = None


# A box's title sits just before it as a short heading ("Related", "Schon gelesen?", "Zobacz także").
_TITLE_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
_BOX_TITLE = 40


def _titles_of(boxes: list[Element]) -> list[Element]:
    """The short headings straight before boxes that go: their titles go with them."""
    titles = []
    for box in boxes:
        title = box.getprevious()
        if (
            title is not None
            and title.tag in _TITLE_TAGS
            and not (title.tail or "").strip()
            and len(visible_text(title).strip()) <= _BOX_TITLE
            and title not in boxes
        ):
            titles.append(title)
    return titles


def _inside_any(element: Element, ancestors: list[Element]) -> bool:
    if not ancestors:
        return False
    return any(ancestor in ancestors for ancestor in element.iterancestors())
