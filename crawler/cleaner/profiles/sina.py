"""新浪 (Sina): news.sina.com.cn, finance.sina.com.cn and the other channels share one article template."""

from __future__ import annotations

import logging
import re
from datetime import datetime

from crawler.cleaner.blocks import blocks_from_element
from crawler.cleaner.boilerplate import judge_line
from crawler.cleaner.dates import CHINA_STANDARD_TIME, parse_date
from crawler.cleaner.dom import Element, first_meta, remove_matching, select, select_first, text_of
from crawler.cleaner.page import Extraction, Page
from crawler.cleaner.profiles.registry import SiteProfile, register

logger = logging.getLogger(__name__)

DOMAINS = ("sina.com.cn", "sina.cn")
TITLE_SELECTORS = ("h1.main-title", "h1#artibodyTitle", "#artibodyTitle")  # current, then pre-2017 template
DATE_SELECTORS = (".date-source .date", "#pub_date", ".time-source")
SOURCE_SELECTORS = (".date-source .source", "#media_name", ".time-source .source")
BODY_SELECTORS = ("div#artibody", "#artibody")
EDITOR_SELECTORS = ("p.article-editor", "p.show_author", ".article-editor", ".show_author")
# Article photos sit in .img_wrapper; a bare <img> counts only once promos (the QR code) are gone.
PHOTO_SELECTORS = (".img_wrapper img",)
# Inside the body: promos, notices, keyword and related-link blocks, and images (they become the lead
# image, and their empty .img_descr captions would otherwise leave blank paragraphs).
BODY_BOILERPLATE_SELECTORS = (
    "style", "script", ".appendQr_wrap", ".appendQr_normal", *EDITOR_SELECTORS, ".article-bottom",
    ".keywords", ".article-notice", ".blk-related", ".related", ".relate-news", ".art_related",
    "#related", ".otherContent_01", ".img_wrapper", "[data-sudaclick='blk_related']",
)  # fmt: skip
# The template's signature, for Sina pages saved to disk or served from a mirror.
SIGNATURE_BODY = "div#artibody"
SIGNATURE_MARKERS = ("h1.main-title", "h1#artibodyTitle", ".date-source", ".time-source")
SINA_IMAGE_HOST = re.compile(r"(?:^|//|\.)sinaimg\.cn/")
SINA_TITLE_SUFFIX = "_新浪网"


@register
class SinaProfile(SiteProfile):
    name = "sina"
    domains = DOMAINS

    def matches_page(self, page: Page) -> bool:
        if not select(page.body, SIGNATURE_BODY):
            return False
        if select_first(page.body, SIGNATURE_MARKERS) is not None:
            return True
        title = page.tree.findtext(".//title") or ""
        if title.strip().endswith(SINA_TITLE_SUFFIX):
            return True
        return any(SINA_IMAGE_HOST.search(str(img.get("src") or "")) for img in page.body.iter("img"))

    def extract(self, page: Page) -> Extraction | None:
        body = select_first(page.body, BODY_SELECTORS)
        if body is None:
            if not page.is_fragment:
                logger.info("no Sina article body on %s; falling back to generic", page.url)
                return None
            body = page.body  # a feed item carries the inside of #artibody only
        editor = _editor(body)
        image = select_first(body, PHOTO_SELECTORS)
        remove_matching(body, BODY_BOILERPLATE_SELECTORS)
        if image is None:
            image = select_first(body, ("img[src]",))
        title = select_first(page.body, TITLE_SELECTORS)
        source = select_first(page.body, SOURCE_SELECTORS)
        return Extraction(
            blocks_from_element(body),
            self.name,
            title=text_of(title) if title is not None else None,
            published=_published(page),
            author=text_of(source) if source is not None else None,
            editor=editor,
            body_image=str(image.get("src")) if image is not None else None,
        )


def _editor(body: Element) -> str | None:
    line = select_first(body, EDITOR_SELECTORS)
    if line is None:
        return None
    verdict = judge_line(text_of(line))  # "责任编辑：王翔 " -> 王翔, by the shared editor rule
    return verdict.value if verdict.rule is not None and verdict.rule.captures == "editor" else None


def _published(page: Page) -> datetime | None:
    # The meta tag carries seconds and the offset; the visible date line is minute-precise Beijing time.
    declared = first_meta(page.meta, "article:published_time", "weibo: article:create_at")
    parsed = parse_date(declared, CHINA_STANDARD_TIME) if declared else None
    if parsed is not None:
        return parsed
    visible = select_first(page.body, DATE_SELECTORS)
    return parse_date(text_of(visible), CHINA_STANDARD_TIME) if visible is not None else None
