"""DedupPipeline: fingerprint the article and drop a URL that is stored already.

Story assignment (same content -> copy in the existing story) happens in storage, inside the
transaction that stores the article, so that two copies arriving together cannot open two stories.
"""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from sqlalchemy.orm import Session

from crawler import stats
from crawler.database import engine_for
from crawler.items import ArticleItem
from storage.articles import is_url_stored
from storage.fingerprints import canonical_url, content_hash


class DedupPipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupPipeline:
        return cls(crawler)

    def process_item(self, item: ArticleItem) -> ArticleItem:
        assert item.article is not None
        item.canonical_url = canonical_url(item.url)
        item.content_hash = content_hash(item.article.text)
        with Session(engine_for(self.crawler.settings)) as session:
            if is_url_stored(session, item.canonical_url):
                self.stats.inc_value(stats.DUPLICATES)
                raise DropItem(f"URL stored already: {item.url}", log_level="DEBUG")
        return item
