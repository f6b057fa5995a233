"""CleanPipeline: raw page -> CleanArticle, with what the feed said filling metadata gaps."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler import stats
from crawler.cleaner import CleanArticle, clean
from crawler.cleaner.core import REPLACED_TEXT_WARNING
from crawler.cleaner.mojibake import MOJIBAKE_WARNING
from crawler.items import ArticleItem, FeedEntryInfo
from crawler.pipelines.match import KEEP_UNMATCHED_SETTING, TOPICS_SETTING
from crawler.topic_screen import TopicScreen
from crawler.topics import Topic

logger = logging.getLogger(__name__)

REPLACEMENT_CHARACTER = "\ufffd"
# How the cleaner says that no charset read the bytes as text (crawler/cleaner/core.py, _unusable).
UNDECODABLE_REASON_PREFIX = "undecodable bytes"
# Of the pages the topic screen rules out, the first and then every this many are cleaned all the same:
# a sample, so that source health still sees pages come back empty when a site's layout changes, and the
# match pipeline checks that the screen ruled out nothing it would have kept.
SCREEN_SAMPLE_EVERY = 10


class CleanPipeline:
    def __init__(self, crawler: Crawler, screen: TopicScreen | None = None) -> None:
        self.stats = crawler.stats
        self.screen = screen
        self.ruled_out = 0  # pages the screen ruled out so far, sampled ones included

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CleanPipeline:
        settings = crawler.settings
        # An article is kept only if it matches a topic, unless every article is kept.
        screen = None
        if not settings.getbool(KEEP_UNMATCHED_SETTING):
            screen = TopicScreen.for_topics(
                Topic.from_dict(entry) for entry in settings.getlist(TOPICS_SETTING)
            )
        return cls(crawler, screen)

    @stats.timed_stage("clean")
    def process_item(self, item: ArticleItem) -> ArticleItem:
        article = clean(
            item.raw,
            item.url,
            profile=item.profile,
            declared_encoding=item.declared_encoding,
            headline=_feed_headline(item.feed_entry),
            fragment=True if item.feed_entry is not None and item.feed_entry.full_text else None,
            screen=self._screen_for(item),
        )
        if item.feed_entry is not None:
            article = _fill_from_feed(article, item.feed_entry)
        if has_replacement_characters(article):
            self.stats.inc_value(stats.REPLACEMENT_PAGES)
            logger.warning(
                "source %s: %s: replacement characters (U+FFFD) in the text, read as %s",
                item.source_name,
                item.url,
                article.encoding or "given text",
            )
        if any(warning.startswith(MOJIBAKE_WARNING) for warning in article.warnings):
            self.stats.inc_value(stats.MOJIBAKE_PAGES)  # the warning itself is logged below
        if article.screened_out:
            for warning in article.warnings:
                if warning != REPLACED_TEXT_WARNING:  # logged above
                    logger.warning("source %s: %s: %s", item.source_name, item.url, warning)
            item.screened_out = True
            self.stats.inc_value(stats.SCREENED_OUT)
            self.stats.inc_value(stats.OFF_TOPIC)
            raise DropItem(f"off-topic (no topic's alias in the page): {item.url}", log_level="DEBUG")
        if article.is_empty:
            self.stats.inc_value(stats.EMPTY)
            stats.count_error(self.stats, "extraction")
            logger.error("source %s: %s: no article: %s", item.source_name, item.url, article.empty_reason)
            raise DropItem(f"no article in {item.url}: {article.empty_reason}", log_level="DEBUG")
        for warning in article.warnings:
            logger.warning("source %s: %s: %s", item.source_name, item.url, warning)
        item.article = article
        item.raw = b""  # the raw page is not needed any more; do not carry megabytes down the pipeline
        return item

    def _screen_for(self, item: ArticleItem) -> Callable[[str], bool] | None:
        screen = self.screen
        if screen is None:
            return None
        # A feed entry's title becomes the article's when the page has none: it is screened with the page.
        entry_title = item.feed_entry.title if item.feed_entry is not None and item.feed_entry.title else ""

        def worth_extracting(text: str) -> bool:
            if screen.could_match(f"{entry_title}\n{text}"):
                return True
            self.ruled_out += 1
            item.screen_sample = (self.ruled_out - 1) % SCREEN_SAMPLE_EVERY == 0
            return item.screen_sample

        return worth_extracting


def has_replacement_characters(article: CleanArticle) -> bool:
    """Whether the page's bytes and the charset it was read with disagree: U+FFFD in its title or text,
    or so many that the cleaner gave up on it."""
    if article.empty_reason is not None and article.empty_reason.startswith(UNDECODABLE_REASON_PREFIX):
        return True
    if REPLACED_TEXT_WARNING in article.warnings:  # a page screened out, not extracted
        return True
    return REPLACEMENT_CHARACTER in article.title or REPLACEMENT_CHARACTER in article.text


def _feed_headline(entry: FeedEntryInfo | None) -> str | None:
    """The entry's title when the item is the entry's own content: a content fragment has no headline
    of its own, and its first heading is a subheading (相关文章, 一、前言), not the title."""
    if entry is None or not entry.full_text or not entry.title:
        return None
    return entry.title.strip() or None


def _fill_from_feed(article: CleanArticle, entry: FeedEntryInfo) -> CleanArticle:
    """The page's own metadata wins; the feed's fills what the page (or a content fragment) lacks.

    A content fragment's title is already the entry's (see :func:`_feed_headline`).
    """
    updates: dict[str, Any] = {}
    if not article.title and entry.title:
        updates["title"] = entry.title.strip()
    if article.published is None and entry.published is not None:
        updates["published"] = entry.published
    if article.author is None and entry.author:
        updates["author"] = entry.author.strip()
    if article.image is None and entry.image:
        updates["image"] = entry.image
    return dataclasses.replace(article, **updates) if updates else article
