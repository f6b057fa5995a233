"""A site profile as data: the CSS selectors of one outlet's article template, named and registered.

Most outlets need nothing but selectors: where the headline, body, date line, byline and credited source
sit, and which blocks inside the body are boilerplate. Text found by those selectors goes through the
shared parsers (dates in the outlet's zone, byline and editor rules), so every profile reads a
``记者林怡君／臺北報導`` or a ``2019年09月07日 08:12`` the same way.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from dataclasses import dataclass
from datetime import datetime, tzinfo

from crawler.cleaner.blocks import blocks_from_element
from crawler.cleaner.boilerplate import judge_line
from crawler.cleaner.dates import CHINA_STANDARD_TIME, find_date, parse_date
from crawler.cleaner.dom import Element, first_meta, select, text_of
from crawler.cleaner.metadata import clean_byline
from crawler.cleaner.page import Extraction, Page
from crawler.cleaner.profiles.registry import SiteProfile
from crawler.cleaner.pruning import remove_chrome
from crawler.cleaner.titles import tidy_title
from crawler.cleaner.trace import Trace

logger = logging.getLogger(__name__)

# Always noise inside an article body, whatever the outlet.
BODY_NOISE = ("script", "style", "noscript", "iframe", "form", "button", "input", "textarea", "select")
# "来源：新华社", "來源：中央社", "稿源：人民网" in a source line.
_SOURCE_PREFIX = re.compile(r"^.*?(?:来源|來源|稿源|出处|出處|Source)\s*[:：]\s*", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_MAX_SOURCE_LENGTH = 30
_MAX_UNLABELLED_SOURCE = 12
_SOURCE_END = re.compile(r"\s+|[|｜/／]")


@dataclass(frozen=True, eq=False)
class SelectorProfile(SiteProfile):
    """An outlet's template as selectors; the first selector of each tuple that matches wins.

    ``signature`` selectors must all match for a page without a known URL (saved to disk, mirrored) to be
    recognised as this outlet's. ``outlet`` names the outlet itself; ``source`` selects the line crediting
    where a story came from (a wire, or the paper for its own stories), which wins when present.
    """

    name: str
    domains: tuple[str, ...]
    body: tuple[str, ...]
    title: tuple[str, ...] = ()
    published: tuple[str, ...] = ()  # elements whose datetime/content attribute or text holds the time
    published_meta: tuple[str, ...] = ("article:published_time",)
    author: tuple[str, ...] = ()
    editor: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    drop: tuple[str, ...] = ()  # boilerplate inside the body
    signature: tuple[str, ...] = ()
    outlet: str | None = None
    zone: tzinfo = CHINA_STANDARD_TIME

    def matches_page(self, page: Page) -> bool:
        if not self.signature:
            return False
        if not all(page.may_match(selector) for selector in self.signature):
            return False  # the common case, decided without walking the tree once per selector
        return all(select(page.body, selector) for selector in self.signature)

    def extract(self, page: Page, trace: Trace | None = None) -> Extraction | None:
        body = page.select_first(page.body, self.body)
        if body is None:
            if not page.is_fragment:
                logger.info("no %s article body on %s; falling back to generic", self.name, page.url)
                return None
            body = page.body  # a feed item carries the inside of the body element only
        # Metadata first: the headline, date line, byline or editor line may sit inside the body (udn
        # 2015-2019) and go with the boilerplate.
        heading = page.select_first(page.body, self.title) if self.title else None
        title = tidy_title(str(heading.text_content())) if heading is not None else None
        # A selector that needs a class or id the page lacks cannot match (dom.may_match): the profile's
        # metadata is read with the others only, each one a walk of the tree fewer. (On the profiled
        # pages of bench/crawl.py, about half of these selectors found nothing.)
        narrowed = dataclasses.replace(
            self,
            published=page.possible(self.published),
            author=page.possible(self.author),
            editor=page.possible(self.editor),
            source=page.possible(self.source),
        )
        published = narrowed._published(page)
        editor = narrowed._editor(page.body)
        author = narrowed._author(page.body)
        source = narrowed._source(page.body)
        removed = remove_chrome(
            body, (*BODY_NOISE, *self.editor, *self.drop), trace, "profile-drop", page.hooks
        )
        if trace is not None:
            trace.note(f"{self.name}: body {describe(body)}, {removed} boilerplate elements dropped")
        return Extraction(
            blocks_from_element(body),
            self.name,
            title=title,
            published=published,
            author=author,
            editor=editor,
            outlet=self.outlet,
            credit=source,
            body_image=first_image(body),  # after the drop: a QR promo is never the lead image
        )

    def _published(self, page: Page) -> datetime | None:
        declared = first_meta(page.meta, *self.published_meta) if self.published_meta else None
        parsed = parse_date(declared, self.zone) if declared else None
        if parsed is not None:
            return parsed
        for element in select_all(page.body, self.published):
            stamp = element.get("datetime") or element.get("content")
            parsed = parse_date(str(stamp), self.zone) if stamp else None
            parsed = parsed or find_date(text_of(element), self.zone)
            if parsed is not None:
                return parsed
        return None

    def _author(self, root: Element) -> str | None:
        for element in select_all(root, self.author):
            name = clean_byline(text_of(element))
            if name:
                return name
        return None

    def _editor(self, root: Element) -> str | None:
        for element in select_all(root, self.editor):
            verdict = judge_line(text_of(element))
            if verdict.rule is not None and verdict.rule.captures == "editor" and verdict.value:
                return verdict.value
        return None

    def _source(self, root: Element) -> str | None:
        """The name after a 来源 label; failing any label, a short name without digits (not a date or
        a byline: the same elements often hold the date line and the reporter too)."""
        unlabelled: str | None = None
        for element in select_all(root, self.source):
            line = text_of(element)
            text = _SOURCE_PREFIX.sub("", line).strip()
            name = _SOURCE_END.split(text, maxsplit=1)[0].strip() if text else ""
            if not name or len(name) > _MAX_SOURCE_LENGTH:
                continue
            if _SOURCE_PREFIX.match(line):
                return name
            if unlabelled is None and len(name) <= _MAX_UNLABELLED_SOURCE and not _DIGIT.search(name):
                unlabelled = name
        return unlabelled


def select_all(root: Element, selectors: tuple[str, ...]) -> list[Element]:
    """Elements matched by each selector in turn (duplicates possible, order kept)."""
    found: list[Element] = []
    for selector in selectors:
        found += select(root, selector)
    return found


def first_image(body: Element) -> str | None:
    for image in body.iter("img"):
        src = image.get("src") or image.get("data-src") or image.get("data-original")
        if src and not str(src).startswith("data:"):
            return str(src)
    return None


def describe(element: Element) -> str:
    """``div#artibody.article`` for explanations."""
    tag = str(element.tag)
    ident = f"#{element.get('id')}" if element.get("id") else ""
    classes = "".join(f".{c}" for c in str(element.get("class") or "").split()[:2])
    return f"<{tag}{ident}{classes}>"
