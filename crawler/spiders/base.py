"""What every source spider shares: article requests, article responses and error accounting."""

from __future__ import annotations

import logging
from typing import Any

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler import stats
from crawler.items import ArticleItem, FeedEntryInfo
from forumwatch.config import SourceConfig

logger = logging.getLogger(__name__)

# Marks a request for an article page: the incremental middleware skips those already stored.
ARTICLE_META_KEY = "forumwatch_article"


class SourceSpider(scrapy.Spider):
    """A spider for one configured source; its stats are that source's counts."""

    def __init__(self, source: SourceConfig, **kwargs: Any) -> None:
        super().__init__(name=source.name, **kwargs)
        self.source = source

    def article_request(self, url: str, feed_entry: FeedEntryInfo | None = None) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=self.parse_article,
            errback=self.on_error,
            meta={ARTICLE_META_KEY: True},
            cb_kwargs={"feed_entry": feed_entry},
        )

    def parse_article(self, response: Response, feed_entry: FeedEntryInfo | None = None) -> ArticleItem:
        self.crawler.stats.inc_value(stats.FETCHED)
        return ArticleItem(
            source_name=self.source.name,
            url=response.url,
            raw=response.body,
            declared_encoding=_header_charset(response),
            profile=self.source.profile,
            feed_entry=feed_entry,
        )

    def on_error(self, failure: Failure) -> None:
        """A request failed (network, HTTP status): count it against the source, log it, go on.

        A request we chose not to make (robots.txt, already stored) is no error."""
        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        if failure.check(IgnoreRequest):  # type: ignore[no-untyped-call]
            logger.debug("source %s: %s not requested: %s", self.source.name, url, failure.getErrorMessage())
            return
        self.crawler.stats.inc_value(stats.ERRORS)
        logger.error("source %s: %s failed: %s", self.source.name, url, failure.getErrorMessage())


def _header_charset(response: Response) -> str | None:
    content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1").lower()
    for parameter in content_type.split(";")[1:]:
        key, _, value = parameter.strip().partition("=")
        if key == "charset" and value:
            return value.strip("\"' ")
    return None
