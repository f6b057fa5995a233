"""FingerprintPipeline: the article's three dedup keys, computed before the store needs them.

Canonical URL, exact content hash and near-duplicate fingerprint (MinHash) are pure functions of the
item; which story they lead to is decided in storage, inside the transaction that stores the article,
so that two copies arriving together cannot open two stories.
"""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from crawler import stats
from crawler.items import ArticleItem
from dedup.fingerprints import canonical_url, content_hash
from dedup.neardup import fingerprint


class FingerprintPipeline:
    def __init__(self, crawl_stats: StatsCollector | None = None) -> None:
        self.stats = crawl_stats  # where its time is counted (crawler/stats.py, timed_stage)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FingerprintPipeline:
        return cls(crawler.stats)

    @stats.timed_stage("fingerprint")
    def process_item(self, item: ArticleItem) -> ArticleItem:
        assert item.article is not None
        item.canonical_url = canonical_url(item.url)
        item.content_hash = content_hash(item.article.text)
        item.near_dup = fingerprint(item.article.text)
        return item
