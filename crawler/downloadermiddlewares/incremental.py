"""Incremental crawling: an article URL already stored is not downloaded again."""

from __future__ import annotations

import logging

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest

from crawler import stats
from crawler.database import engine_for
from crawler.spiders.base import ARTICLE_META_KEY
from dedup.fingerprints import canonical_url
from storage.articles import is_url_stored
from storage.failures import in_transaction

logger = logging.getLogger(__name__)


class SkipStoredArticlesMiddleware:
    """Drops requests for article pages whose canonical URL is stored already.

    Listing pages and feeds are always fetched: they are where new articles appear.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SkipStoredArticlesMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        if not request.meta.get(ARTICLE_META_KEY):
            return
        url = canonical_url(request.url)
        stored = in_transaction(
            engine_for(self.crawler.settings),
            lambda session: is_url_stored(session, url),
            f"looking up {request.url}",
        )
        if stored:
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value(stats.SKIPPED)
            raise IgnoreRequest(f"stored already: {request.url}")
