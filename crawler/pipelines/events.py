"""EventPipeline: is the article announcing a forum to come, reporting one held, or neither?"""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from crawler import stats
from crawler.events import read_event
from crawler.items import ArticleItem


class EventPipeline:
    def __init__(self, crawl_stats: StatsCollector | None = None) -> None:
        self.stats = crawl_stats  # where its time is counted (crawler/stats.py, timed_stage)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> EventPipeline:
        return cls(crawler.stats)

    @stats.timed_stage("events")
    def process_item(self, item: ArticleItem) -> ArticleItem:
        article = item.article
        assert article is not None
        item.event = read_event(article.title, article.text, article.published, article.language)
        return item
