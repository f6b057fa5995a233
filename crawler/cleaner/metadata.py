"""Page-level metadata: title, publication time, author, outlet, lead image, declared language."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from functools import lru_cache
from itertools import islice
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree

from crawler.cleaner.dates import CHINA_STANDARD_TIME, find_date, parse_date
from crawler.cleaner.dom import (
    Element,
    SelectorHints,
    class_and_id,
    first_meta,
    json_ld_objects,
    json_ld_text,
    select,
    select_any,
    select_first,
    text_of,
)
from crawler.cleaner.page import Page
from crawler.cleaner.titles import Heading, SiteName, choose_headline, title_suffix
from dedup.textnorm import HAN

TITLE_META = ("og:title", "twitter:title")
HEADLINE_META = ("dc.title", "headline")
SITE_NAME_META = ("og:site_name", "application-name", "dc.publisher", "publisher", "sitename")
PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "og:published_time", "datepublished",
    "pubdate", "publishdate", "publish_date", "publish-date", "publication_date", "dc.date.issued",
    "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created", "sailthru.date", "parsely-pub-date",
    "weibo: article:create_at", "date",
)  # fmt: skip
AUTHOR_META = ("author", "article:author", "dc.creator", "dcterms.creator", "byl", "parsely-author")
IMAGE_META = ("og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src")
# Elements templates mark as the story's headline by their class or microdata rather than by a heading tag:
# itemprop="headline", or one of these class names.
HEADLINE_CLASSES = frozenset(
    {"headline", "title", "article-title", "news-title", "post-title", "entry-title", "art_title"}
)
# The class hooks (see dom.tree_hooks) that call for a contains(@class, 'title') test.
_TITLE_HOOKS = frozenset("." + name for name in HEADLINE_CLASSES if "title" in name)
BYLINE_SELECTORS = (
    "[rel~='author']", ".byline .author", ".author-name", ".author .fn", "[itemprop='author']",
    ".reporter", ".byline", ".author",
)  # fmt: skip
SITE_NAME_SELECTORS = (".logo", "#logo", ".site-title", ".site-name", "a[rel~='home']")
PUBLISHED_TIME_SELECTORS = ("time.published[datetime]", "time[itemprop='datePublished']", "time[datetime]")
# Elements whose class or id says they hold the date line; their text is searched for a visible date.
_DATE_HOLDER = re.compile(r"date|time|pub|post-info|meta|info", re.IGNORECASE)
# Only elements with a class or an id can be date holders; libxml2 finds them in one pass.
_MAYBE_DATE_HOLDER = etree.XPath("descendant-or-self::*[@class or @id]")
# Chinese-language sites keep local time in UTC+8: mainland China, Taiwan, Hong Kong, Macao.
_UTC8_TLDS = frozenset({"cn", "tw", "hk", "mo", "taipei"})
_CJK = re.compile(f"[{HAN}]")
_BYLINE_PREFIX = re.compile(
    r"^(?:By|作者|文|(?:本报|本報|本台|本网|本網|人民网|人民日报|新华社|新華社|中新社|中央社)?(?:特约|特約|实习|實習)?"
    r"(?:记者|記者)|撰文|采写|採寫)\s*[:：/／]?\s*",
    re.IGNORECASE,
)
# CMS user ids in author meta tags ("L_104376") are not names.
_NOT_A_NAME = re.compile(r"^[A-Za-z]{0,3}_?\d+$")
_BYLINE_SUFFIX = re.compile(r"\s*[/／|｜].*$|\s*(?:报道|報導|报导|電|电)$")


@dataclass(frozen=True)
class PageMetadata:
    title: str = ""
    published: datetime | None = None
    author: str | None = None
    outlet: str | None = None
    outlet_declared: bool = False  # from og:site_name or JSON-LD, not guessed from the title's suffix
    image: str | None = None  # the page's declared lead image (og:image and kin)
    declared_language: str | None = None  # primary subtag of <html lang>
    local_zone: tzinfo = UTC


def read_metadata(page: Page) -> PageMetadata:
    """Everything the page says about itself, independent of which extractor takes the body."""
    hints = SelectorHints.of(page.tree, page.hooks)
    json_ld = list(json_ld_objects(page.tree))
    title_tag = page.tree.findtext(".//title") or ""
    headings = _headings(page, hints)
    declared_titles = _declared_titles(page, json_ld)
    raw_title = first_meta(page.meta, *TITLE_META) or title_tag or _first_headline(headings)
    site = SiteName(
        _declared_site_names(page, json_ld),
        _shown_site_names(page, hints),
        urlsplit(page.url).hostname if page.url else None,
        tuple(v for name in sorted(_SITE_NAME_HINT_META) if (v := page.meta.get(name))),
    )
    title = choose_headline(raw_title, headings, site, [*declared_titles, title_tag])
    local_zone = local_zone_for(page, title_tag or title)
    declared_outlet = first_meta(page.meta, "og:site_name") or json_ld_text(json_ld, "publisher")
    outlet = declared_outlet or title_suffix(title_tag, title) or first_meta(page.meta, *SITE_NAME_META)
    return PageMetadata(
        title=title,
        published=_published(page, json_ld, local_zone, hints),
        author=_author(page, json_ld, hints),
        outlet=outlet,
        outlet_declared=declared_outlet is not None,
        image=absolute_url(_declared_image(page, json_ld, hints), page.url),
        declared_language=_declared_language(page),
        local_zone=local_zone,
    )


def local_zone_for(page: Page, title: str) -> tzinfo:
    """UTC+8 for pages from Chinese-speaking places or in Chinese; UTC otherwise."""
    host = urlsplit(page.url).hostname if page.url else None
    if host and host.rsplit(".", 1)[-1].lower() in _UTC8_TLDS:
        return CHINA_STANDARD_TIME
    language = _declared_language(page)
    if language == "zh" or (language is None and _CJK.search(title)):
        return CHINA_STANDARD_TIME
    return UTC


def absolute_url(src: str | None, base: str | None) -> str | None:
    """``src`` made absolute against the page URL; None when that is impossible."""
    if not src:
        return None
    src = src.strip()
    if src.startswith(("http://", "https://")):
        return src
    if base:
        return urljoin(base, src)
    if src.startswith("//"):
        return "https:" + src
    return None


def clean_byline(text: str) -> str | None:
    """A person's name out of a byline: ``記者林怡君／臺北報導`` -> ``林怡君``, ``By admin`` -> ``admin``."""
    text = " ".join(text.split())
    if text.startswith(("http://", "https://")):
        return None  # article:author is often a profile URL, not a name
    name = _BYLINE_SUFFIX.sub("", _BYLINE_PREFIX.sub("", text)).strip()
    if not name or len(name) > 60 or _NOT_A_NAME.match(name):
        return None
    return name


# Class and id words of the parts of a page around the article: a heading there is the site's or a
# widget's ("Four Years Remaining" in the blog header, "Recent Comments" in the sidebar), not the story's.
_CHROME_WORDS = frozenset(
    {
        "logo", "header", "head", "masthead", "brand", "branding", "nav", "navbar", "navigation", "menu",
        "sidebar", "side", "widget", "footer", "banner", "breadcrumb", "breadcrumbs", "topbar",
    }
)  # fmt: skip
_CHROME_TAGS = frozenset({"header", "nav", "aside", "footer"})
_STORY_TAGS = frozenset({"article", "main"})
_HEADLINE_TAGS = ("h1", "h2", "h3")
# The first headings of a page are where its headline is; past a dozen they are sections and widgets.
_HEADINGS_CONSIDERED = 12
# A marked headline ranks after the h1-h3 (as an h3 would), and is headline-sized: a "title" class on a
# whole block of text, or on a one-word label, marks something else.
_MARKED_HEADLINE_LEVEL = 3
_MIN_MARKED_HEADLINE = 4
_MAX_MARKED_HEADLINE = 150


def _headings(page: Page, hints: SelectorHints) -> list[Heading]:
    """The page's h1-h3, then the elements its template marks as the headline (old templates set it in a
    <td class="title"> or <div class="headline">, with no heading tag at all)."""
    headings = []
    for element in islice(page.body.iter(*_HEADLINE_TAGS), _HEADINGS_CONSIDERED):  # in document order
        text = text_of(element)
        if text:
            headings.append(Heading(text, int(str(element.tag)[1]), _in_chrome(element)))
    for element in _marked_headlines(page.body, hints)[:_HEADINGS_CONSIDERED]:
        text = text_of(element)
        if _MIN_MARKED_HEADLINE <= len(text) <= _MAX_MARKED_HEADLINE and element.tag not in _HEADLINE_TAGS:
            headings.append(Heading(text, _MARKED_HEADLINE_LEVEL, _in_chrome(element)))
    return headings


def _marked_headlines(root: Element, hints: SelectorHints) -> list[Element]:
    find = _maybe_marked_headline(
        "headline" in hints.itemprop, bool(_TITLE_HOOKS & hints.hooks), ".headline" in hints.hooks
    )
    if find is None:
        return []
    return [
        element
        for element in find(root)
        if element.get("itemprop") == "headline"
        or HEADLINE_CLASSES.intersection(str(element.get("class")).split())
    ]


@lru_cache(maxsize=8)
def _maybe_marked_headline(itemprop: bool, title: bool, headline: bool) -> etree.XPath | None:
    """libxml2 narrows the candidates (one pass in C; the class names are then matched exactly), testing
    only for the marks the page has: each test costs about as much as the walk itself."""
    tests = [
        test
        for wanted, test in (
            (itemprop, "@itemprop='headline'"),
            (title, "contains(@class, 'title')"),
            (headline, "contains(@class, 'headline')"),
        )
        if wanted
    ]
    return etree.XPath(f"descendant::*[{' or '.join(tests)}]") if tests else None


def _first_headline(headings: list[Heading]) -> str:
    """For pages with no declared title: the first top-level heading outside the chrome, else any."""
    ranked = sorted(headings, key=lambda heading: (heading.in_chrome, heading.level))
    return ranked[0].text if ranked else ""


def _in_chrome(element: Element) -> bool:
    """Whether the element sits in the page's header, navigation, sidebar, footer or logo. An article's
    own <header> (``<article><header><h1>``) is the story's, not the site's."""
    in_chrome = False
    for node in (element, *element.iterancestors()):
        if node.tag in _STORY_TAGS:
            in_chrome = False  # whatever chrome markup was below belongs to the story
        elif node.tag in _CHROME_TAGS or _names_chrome(class_and_id(node)):
            in_chrome = True
    return in_chrome


@lru_cache(maxsize=4096)  # the headings of a page share their ancestors, pages of a site their templates
def _names_chrome(names: str) -> bool:
    return any(_is_chrome_word(word) for word in names.split())


@lru_cache(maxsize=4096)  # the same class names come back on every heading's ancestors
def _is_chrome_word(word: str) -> bool:
    """``site-header``, ``nav_main``, ``sidebar``: a class or id naming chrome; ``no-sub-nav`` does not."""
    pieces = re.split(r"[-_]", word.lower())
    return pieces[0] not in ("no", "not", "without") and any(piece in _CHROME_WORDS for piece in pieces)


def _declared_titles(page: Page, json_ld: list[dict[str, Any]]) -> list[str]:
    """Titles the page states besides <title>; they may carry the site name too."""
    titles = [value for name in (*TITLE_META, *HEADLINE_META) if (value := page.meta.get(name))]
    headline = json_ld_text(json_ld, "headline")
    return [*titles, headline] if headline else titles


# The publisher meta tags of personal sites name the person the page may be about; they only hint.
_SITE_NAME_HINT_META = frozenset({"dc.publisher", "publisher"})


def _declared_site_names(page: Page, json_ld: list[dict[str, Any]]) -> tuple[str, ...]:
    names = [v for name in SITE_NAME_META if name not in _SITE_NAME_HINT_META and (v := page.meta.get(name))]
    publisher = json_ld_text(json_ld, "publisher")
    if publisher:
        names.append(publisher)
    return tuple(name for name in names if name.strip())


def _shown_site_names(page: Page, hints: SelectorHints) -> tuple[str, ...]:
    """The logo's and the home link's text, titles and image alt texts (logos are often images)."""
    names: list[str] = []
    for element in select_any(page.body, hints.possible(SITE_NAME_SELECTORS))[:6]:
        names += [text_of(element), str(element.get("title") or "")]
        names += [str(link.get("title") or "") for link in element.iter("a")]
        names += [str(image.get("alt") or "") for image in element.iter("img")]
    return tuple(name for name in names if name.strip())


def _published(
    page: Page, json_ld: list[dict[str, Any]], zone: tzinfo, hints: SelectorHints
) -> datetime | None:
    declared = [first_meta(page.meta, *PUBLISHED_META), json_ld_text(json_ld, "datePublished")]
    if next(page.body.iter("time"), None) is not None:  # most pages have no <time>: no walk a selector
        for selector in hints.possible(PUBLISHED_TIME_SELECTORS):
            declared += [str(t.get("datetime")) for t in select(page.body, selector)[:1]]
    date_only: datetime | None = None
    for value in declared:
        parsed = parse_date(value, zone) if value else None
        if parsed is not None:
            if value and _CLOCK_TIME.search(value):
                return parsed
            # A bare date (midnight) would make the copy look hours older than copies published the
            # same day: the page's visible time of that day, if it shows one, is the better value.
            date_only = date_only or parsed
    for element in _MAYBE_DATE_HOLDER(page.body):
        if _holds_date(class_and_id(element)):
            # Parts of a date often sit in sibling spans (<span>2021</span><span>12/01</span>).
            text = " ".join(part.strip() for part in element.itertext() if part.strip())
            found = find_date(text, zone) if len(text) <= 120 else None
            if found is None or (date_only is not None and not _same_day(found, date_only, zone)):
                continue
            return found
    return date_only


_CLOCK_TIME = re.compile(r"\d{1,2}:\d{2}")


@lru_cache(maxsize=4096)  # a page repeats its class names hundreds of times, a site's pages their templates
def _holds_date(names: str) -> bool:
    return _DATE_HOLDER.search(names) is not None


def _same_day(a: datetime, b: datetime, zone: tzinfo) -> bool:
    return a.astimezone(zone).date() == b.astimezone(zone).date()


def _author(page: Page, json_ld: list[dict[str, Any]], hints: SelectorHints) -> str | None:
    candidates = [first_meta(page.meta, *AUTHOR_META), json_ld_text(json_ld, "author")]
    byline = select_first(page.body, hints.possible(BYLINE_SELECTORS))  # one walk per selector left
    if byline is not None:
        candidates.append(text_of(byline))
    for candidate in candidates:
        name = clean_byline(candidate) if candidate else None
        if name:
            return name
    return None


def _declared_image(page: Page, json_ld: list[dict[str, Any]], hints: SelectorHints) -> str | None:
    image = first_meta(page.meta, *IMAGE_META) or json_ld_text(json_ld, "image")
    if image:
        return image
    link = select_first(page.tree, hints.possible(("link[rel~='image_src'][href]",)))
    return str(link.get("href")) if link is not None else None


def _declared_language(page: Page) -> str | None:
    lang = str(page.tree.get("lang") or page.tree.get("xml:lang") or "").strip()
    if not lang:
        lang = page.meta.get("content-language", "") or page.meta.get("language", "")
    primary = re.split(r"[-_]", lang.strip().lower())[0] if lang.strip() else ""
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None
