"""MatchPipeline: keep articles that match a watched topic; count (and by default drop) the rest."""

from __future__ import annotations

import logging

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler import stats
from crawler.items import ArticleItem
from crawler.topics import Topic, TopicMatcher

# A list of plain dicts, the keys of a [[topics]] table: name, aliases, exclude, min_score.
TOPICS_SETTING = "FORUMWATCH_TOPICS"
KEEP_UNMATCHED_SETTING = "FORUMWATCH_KEEP_UNMATCHED"

logger = logging.getLogger(__name__)


class MatchPipeline:
    def __init__(self, crawler: Crawler, matcher: TopicMatcher, keep_unmatched: bool) -> None:
        self.stats = crawler.stats
        self.matcher = matcher
        self.keep_unmatched = keep_unmatched

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> MatchPipeline:
        topics = [Topic.from_dict(entry) for entry in crawler.settings.getlist(TOPICS_SETTING)]
        return cls(crawler, TopicMatcher(topics), crawler.settings.getbool(KEEP_UNMATCHED_SETTING))

    @stats.timed_stage("match")
    def process_item(self, item: ArticleItem) -> ArticleItem:
        assert item.article is not None
        item.topics = self.matcher.match(item.article.title, item.article.text)
        if item.topics and item.screen_sample:
            # The screen must be looser than matching: this page would have been lost.
            self.stats.inc_value(stats.SCREEN_MISSES)
            logger.error(
                "source %s: %s: the topic screen ruled out a page that matches %s; please report it",
                item.source_name,
                item.url,
                ", ".join(match.topic for match in item.topics),
            )
        if not item.topics:
            self.stats.inc_value(stats.OFF_TOPIC)
            if not self.keep_unmatched:
                raise DropItem(f"off-topic: {item.url}", log_level="DEBUG")
        return item
