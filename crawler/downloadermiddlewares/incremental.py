"""Incremental crawling: an article URL the source stored, or saw give nothing to store and not due
again, is not downloaded again.

The URLs are loaded once, when the source opens, on a thread (storage.seen): each request is then
answered from memory, with no database call on the reactor thread. What the crawl learns (off-topic and
empty pages, 404s and 410s, URLs another source stored) is written on a thread, a few thousand URLs at a
time and the rest when the source closes: a long crawl neither holds it all nor writes it all at the end.
A URL stored during the crawl is not requested twice in it anyway: Scrapy's dupefilter drops a second
request for its canonical URL.

The spider middleware below applies the same test when the spider yields an article link, before the
request is queued: Scrapy keeps its queue in memory, and a sitemap of fifty thousand links the source
knows would otherwise put them all in it, to be dropped one by one as they come out.

A URL stored by another source is not in the source's set (a set of every stored URL would grow with
every source's store): the first crawl that meets it downloads it, the store's own check declines it
(counted a duplicate, as before), and it is remembered as stored_elsewhere, never downloaded again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware
from scrapy.utils.defer import maybe_deferred_to_future
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from twisted.internet.defer import Deferred
from twisted.internet.threads import deferToThread
from twisted.python.failure import Failure

from crawler import stats
from crawler.database import engine_for, reader_for
from crawler.items import ArticleItem
from crawler.pipelines.match import TOPICS_SETTING
from crawler.pipelines.store import SOURCE_ID_SETTING
from crawler.spiders.base import ARTICLE_META_KEY
from dedup.fingerprints import canonical_url
from storage.failures import first_line
from storage.seen import Outcome, SeenPage, UrlKeys, load_skippable, remember_seen, topics_version

logger = logging.getLogger(__name__)

# Days after which a page seen off-topic, empty or gone is downloaded again ([crawl] recheck_days; 0:
# always): a page can be filled in or corrected, a 404 come back, an article match a newer topic.
RECHECK_DAYS_SETTING = "FORUMWATCH_RECHECK_DAYS"
DEFAULT_RECHECK_DAYS = 30
# A page gone for good; other errors (5xx, timeouts) may be the night's and are tried again next crawl.
GONE_STATUSES = frozenset({404, 410})


class SkipStoredArticlesMiddleware:
    """Drops requests for article pages the source need not download (see the module's docstring).

    Listing pages and feeds are always fetched: they are where new articles appear.
    """

    # Learned URLs are written this many at a time (a flush takes some 20 ms of the thread's): what the
    # crawl holds of them stays under a MiB, and the close has at most this many left to write.
    FLUSH_EVERY = 2000

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.source_id = settings.getint(SOURCE_ID_SETTING)
        self.recheck_days = settings.getint(RECHECK_DAYS_SETTING, DEFAULT_RECHECK_DAYS)
        self.topics_version = topics_version(settings.getlist(TOPICS_SETTING))
        self.skippable = UrlKeys.of(())
        # What this crawl learned and has not written yet, by canonical URL (the last outcome wins).
        self.learned: dict[str, Outcome] = {}
        # The flush being written: one at a time, so that a URL's newer outcome is written after its older.
        self._flushing: Deferred[None] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SkipStoredArticlesMiddleware:
        middleware = cls(crawler)
        crawler.signals.connect(middleware.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(middleware.item_dropped, signal=signals.item_dropped)
        return middleware

    async def spider_opened(self) -> None:
        # Scrapy waits for this before it sends the first request; the load runs off the reactor.
        await maybe_deferred_to_future(deferToThread(self._load))

    async def spider_closed(self) -> None:
        while self._flushing is not None:
            await maybe_deferred_to_future(self._flushing)
        if self.learned and self.source_id:
            await maybe_deferred_to_future(self._flush())

    def process_request(self, request: Request) -> None:
        if self.skips(request):
            raise IgnoreRequest(f"stored or seen already: {request.url}")

    def skips(self, request: Request) -> bool:
        """Whether the request is for an article page the source need not download (counted skipped)."""
        if not request.meta.get(ARTICLE_META_KEY) or canonical_url(request.url) not in self.skippable:
            return False
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(stats.SKIPPED)
        return True

    def process_response(self, request: Request, response: Response) -> Response:
        if request.meta.get(ARTICLE_META_KEY) and response.status in GONE_STATUSES:
            self._learn(_urls_of(request), "gone")
        return response

    def item_dropped(self, item: Any, response: Response | None, exception: BaseException) -> None:
        """An article page that gave nothing to store: which, told by how far the item got."""
        request = response.request if response is not None else None
        if not isinstance(item, ArticleItem) or request is None or not request.meta.get(ARTICLE_META_KEY):
            return  # a full-text feed entry: no page was downloaded for it
        if item.screened_out:  # the topic screen found no topic's alias in the page
            outcome: Outcome = "off_topic"
        elif item.article is None:  # the clean pipeline found no article
            outcome = "empty"
        elif item.canonical_url:  # fingerprinted, so the store declined it: remember_seen checks why
            outcome = "stored_elsewhere"
        elif not item.topics:  # the match pipeline found no topic
            outcome = "off_topic"
        else:
            return
        self._learn(_urls_of(request), outcome)

    def _learn(self, urls: Iterable[str], outcome: Outcome) -> None:
        for url in urls:
            self.learned[canonical_url(url)] = outcome
        if len(self.learned) >= self.FLUSH_EVERY and self._flushing is None and self.source_id:
            self._flushing = self._flush()

    def _flush(self) -> Deferred[None]:
        """Write what was learned so far, on a thread; the next flush starts when this one is done."""
        pages = [SeenPage(url, outcome) for url, outcome in self.learned.items()]
        self.learned = {}
        flushing: Deferred[None] = deferToThread(self._remember, pages)

        def done(result: Failure | None) -> None:
            if isinstance(result, Failure):  # _remember logs what the database refused; this is a bug
                logger.error("source %s: seen URLs not remembered", self.source_id, exc_info=result.value)
            self._flushing = None
            if len(self.learned) >= self.FLUSH_EVERY:
                self._flushing = self._flush()

        flushing.addBoth(done)
        return flushing

    def _load(self) -> None:
        if not self.source_id:
            return
        not_before = datetime.now(UTC) - timedelta(days=self.recheck_days) if self.recheck_days > 0 else None
        try:
            # The crawl's reader: on SQLite a BEGIN IMMEDIATE would hold the write lock for the read.
            with Session(reader_for(self.crawler.settings)) as session:
                self.skippable = load_skippable(session, self.source_id, self.topics_version, not_before)
        except SQLAlchemyError as error:
            # Not fatal: every article is downloaded, and the store still declines a URL stored already.
            logger.error("source %s: cannot read its stored URLs: %s", self.source_id, first_line(error))
        logger.debug(
            "source %s: %d URLs need no download (%d bytes)",
            self.source_id,
            len(self.skippable),
            self.skippable.nbytes,
        )

    def _remember(self, pages: list[SeenPage]) -> None:
        try:
            with Session(engine_for(self.crawler.settings)) as session, session.begin():
                remember_seen(session, self.source_id, pages, self.topics_version, datetime.now(UTC))
        except SQLAlchemyError as error:
            # They are downloaded again next time, no worse than before this crawl.
            logger.warning(
                "source %s: %d seen URLs not remembered: %s", self.source_id, len(pages), first_line(error)
            )


def _urls_of(request: Request) -> list[str]:
    """The request's URL and those it was redirected from: the next crawl asks for the first."""
    return [*request.meta.get("redirect_urls", ()), request.url]


class SkipStoredArticleLinks(BaseSpiderMiddleware):
    """Drops the spider's requests for article pages the source need not download as they are yielded,
    before Scrapy queues them; :class:`SkipStoredArticlesMiddleware` (a downloader middleware, as it
    also learns from responses) holds the URLs and counts what is skipped."""

    def __init__(self, crawler: Crawler, skipper: SkipStoredArticlesMiddleware | None = None) -> None:
        super().__init__(crawler)
        self._skipper = skipper

    def get_processed_request(self, request: Request, response: Response | None) -> Request | None:
        skipper = self._skipper or self._find_skipper()
        return None if skipper is not None and skipper.skips(request) else request

    def _find_skipper(self) -> SkipStoredArticlesMiddleware | None:
        engine = self.crawler.engine
        if engine is None:
            return None
        found = [
            m for m in engine.downloader.middleware.middlewares if isinstance(m, SkipStoredArticlesMiddleware)
        ]
        self._skipper = found[0] if found else None
        return self._skipper
