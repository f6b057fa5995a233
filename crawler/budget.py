"""Each source's budget for one crawl: a time limit and an error limit, so that one broken source
cannot take the night (1,000 dead links at a 30-second timeout, three tries each, two at a time: about
twelve hours).

The time limit is Scrapy's own (CLOSESPIDER_TIMEOUT); the error limit counts forumwatch's errors of the
source (crawler/stats.py: failed downloads, refused links, unreadable pages, failed stores), which
Scrapy's CLOSESPIDER_ERRORCOUNT does not (it counts exceptions raised in callbacks only), and every
failed try that was retried: Scrapy retries a request after all first tries, so a thousand dead links
would count their first error only after two thousand tries.
"""

from __future__ import annotations

from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import deferred_from_coro
from twisted.internet import task

from crawler import stats

ERROR_LIMIT_SETTING = "FORUMWATCH_SOURCE_ERROR_LIMIT"
ERROR_LIMIT_REASON = "error_limit"
TIME_LIMIT_REASON = "closespider_timeout"  # Scrapy's reason for CLOSESPIDER_TIMEOUT
_CHECK_SECONDS = 0.5
_RETRIES = "retry/count"  # Scrapy's count of requests retried after a failed try


class ErrorLimit:
    """Closes the source's spider once its errors reach the limit (0: no limit)."""

    def __init__(self, crawler: Crawler, limit: int) -> None:
        self.crawler = crawler
        self.limit = limit
        self._check: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ErrorLimit:
        limit = crawler.settings.getint(ERROR_LIMIT_SETTING)
        if limit <= 0:
            raise NotConfigured
        extension = cls(crawler, limit)
        crawler.signals.connect(extension.opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.closed, signal=signals.spider_closed)
        return extension

    def opened(self, spider: Spider) -> None:
        self._check = task.LoopingCall(self._close_if_over)
        self._check.start(_CHECK_SECONDS, now=False)

    def closed(self, spider: Spider, reason: str) -> None:
        self._stop_checking()

    def _stop_checking(self) -> None:
        if self._check is not None and self._check.running:
            self._check.stop()

    def _close_if_over(self) -> None:
        assert self.crawler.stats is not None
        assert self.crawler.engine is not None
        failures = sum(int(self.crawler.stats.get_value(name) or 0) for name in (stats.ERRORS, _RETRIES))
        if failures >= self.limit:
            self._stop_checking()  # once: the close takes a moment
            deferred_from_coro(self.crawler.engine.close_spider_async(reason=ERROR_LIMIT_REASON))


def stopped_early(finish_reason: Any, settings: Any) -> str | None:
    """Why a source's crawl stopped before its end, for people; None if it was not stopped by a limit."""
    if finish_reason == ERROR_LIMIT_REASON:
        return f"error limit reached ({settings.getint(ERROR_LIMIT_SETTING)} failed tries)"
    if finish_reason == TIME_LIMIT_REASON:
        return f"time limit reached ({settings.getfloat('CLOSESPIDER_TIMEOUT'):g} s)"
    return None
