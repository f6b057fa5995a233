"""StorePipeline: store each article, as a new story or a copy in its story, through the store writer's
thread (crawler/store_writer.py: a transaction per batch, off the reactor thread); drop an article whose
URL is stored already."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, NoReturn

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from sqlalchemy.exc import SQLAlchemyError
from twisted.internet.defer import Deferred

from crawler import stats
from crawler.database import engine_for
from crawler.derived import event_json, topic_score
from crawler.items import ArticleItem
from crawler.store_writer import BATCH_SECONDS, BATCH_SIZE, Stored, StoreWriter
from storage.articles import ArticleRecord, SaveOutcome, SaveResult
from storage.failures import fatal_reason, first_line

logger = logging.getLogger(__name__)

RUN_ID_SETTING = "FORUMWATCH_RUN_ID"
SOURCE_ID_SETTING = "FORUMWATCH_SOURCE_ID"  # the crawler's source row, created before the crawl starts
STORAGE_FAILED_REASON = "storage_failed"  # the spider's close reason when the database stops taking writes
# The writer thread's own time, beside the reactor's share in CPU_US/store: forumwatch/cpu_us/store_writer.
WRITER_STAGE = "store_writer"


class StorePipeline:
    """Stores each article; a failed write is an error of the source, and one that every later write
    would repeat (disk full, read-only, server gone: storage/failures.py) stops the crawl.

    ``process_item`` hands the article to the writer thread and completes when its batch is committed,
    so Scrapy, which waits for the items it is processing, closes the spider only after the last batch.
    """

    # How the writer batches (crawler/store_writer.py); tests take what is queued without waiting.
    batch_size = BATCH_SIZE
    batch_seconds = BATCH_SECONDS

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.run_id = crawler.settings.getint(RUN_ID_SETTING) or None
        self.source_id = crawler.settings.getint(SOURCE_ID_SETTING)
        self._writer: StoreWriter | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    async def process_item(self, item: ArticleItem) -> ArticleItem:
        with self._timed("store"):
            if failure := self.stats.get_value(stats.STORAGE_FAILED):
                # Downloaded before the crawl stopped: lost like the write that failed, and not tried.
                stats.count_error(self.stats, "store")
                raise DropItem(
                    f"source {item.source_name}: {item.url} not stored: {failure}", log_level="DEBUG"
                )
            committed: Deferred[ArticleItem] = Deferred()
            self._started_writer().submit(self._record_of(item), (item, committed))
        return await self.wait_for(committed)

    def close_spider(self) -> None:
        # Scrapy closes pipelines once no item is in process: the writer's queue is empty by now.
        if self._writer is not None:
            self._writer.stop()
            self._writer = None

    # The two seams between the writer thread and the reactor; tests without a reactor replace them.
    def call_in_reactor(self, function: Callable[..., Any], *args: Any) -> None:
        from twisted.internet import reactor  # installed by the crawl before any item comes

        reactor.callFromThread(function, *args)

    def wait_for(self, committed: Deferred[ArticleItem]) -> Awaitable[ArticleItem]:
        return maybe_deferred_to_future(committed)

    def _started_writer(self) -> StoreWriter:
        if self._writer is None:
            engine = engine_for(self.crawler.settings)
            self._writer = StoreWriter(
                engine,
                self.source_id,
                self._batch_stored,
                batch_size=self.batch_size,
                batch_seconds=self.batch_seconds,
            )
            self._writer.start()
        return self._writer

    def _batch_stored(self, batch: Sequence[Stored], cpu_us: int, wall_us: int) -> None:
        """On the writer thread: the rest happens on the reactor's, where the stats and items live."""
        self.call_in_reactor(self._settle, batch, cpu_us, wall_us)

    def _settle(self, batch: Sequence[Stored], cpu_us: int, wall_us: int) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"{stats.CPU_US}/{WRITER_STAGE}", cpu_us)
            self.stats.inc_value(f"{stats.WALL_US}/{WRITER_STAGE}", wall_us)
        for stored in batch:
            item, committed = stored.token
            with self._timed("store"):
                try:
                    committed.callback(self._outcome(item, stored.outcome))
                except Exception:  # DropItem, or an error Scrapy reports with its traceback
                    committed.errback()

    def _outcome(self, item: ArticleItem, outcome: SaveResult | Exception) -> ArticleItem:
        if isinstance(outcome, SQLAlchemyError):
            self._failed(item, outcome)
        if isinstance(outcome, Exception):  # not the database's: a bug, reported as Scrapy reports one
            stats.count_error(self.stats, "store")
            raise outcome
        if outcome.outcome is SaveOutcome.NEW_STORY:
            self.stats.inc_value(stats.NEW)
        else:
            self.stats.inc_value(stats.DUPLICATES)
        logger.info("source %s: %s: %s", item.source_name, item.url, outcome.describe())
        if outcome.outcome is SaveOutcome.ALREADY_STORED:
            raise DropItem(f"URL stored already: {item.url}", log_level="DEBUG")
        return item

    def _record_of(self, item: ArticleItem) -> ArticleRecord:
        article = item.article
        assert article is not None
        assert item.canonical_url
        assert item.content_hash
        return ArticleRecord(
            source_name=item.source_name,
            url=item.url,
            canonical_url=item.canonical_url,
            content_hash=item.content_hash,
            title=article.title,
            text=article.text,
            html=article.html,
            topics=tuple(topic_score(match) for match in item.topics),
            near_dup=item.near_dup,
            kind=item.event.kind if item.event else None,
            event=event_json(item.event),
            author=article.author,
            editor=article.editor,
            published_at=article.published,
            outlet=article.outlet,
            language=article.language,
            script=article.script,
            image_url=article.image,
            extractor=article.extractor,
            crawl_run_id=self.run_id,
        )

    @contextmanager
    def _timed(self, stage: str) -> Iterator[None]:
        """CPU and wall time of the reactor thread's share of the stage, as stats.timed_stage counts."""
        cpu, wall = time.thread_time(), time.perf_counter()
        try:
            yield
        finally:
            if self.stats is not None:
                self.stats.inc_value(f"{stats.CPU_US}/{stage}", round((time.thread_time() - cpu) * 1e6))
                self.stats.inc_value(f"{stats.WALL_US}/{stage}", round((time.perf_counter() - wall) * 1e6))

    def _failed(self, item: ArticleItem, error: SQLAlchemyError) -> NoReturn:
        stats.count_error(self.stats, "store")
        reason = fatal_reason(error)
        if reason is None:
            # One transaction's trouble (a lock wait, a deadlock): this article is lost, the crawl goes on.
            raise DropItem(
                f"source {item.source_name}: {item.url} not stored: {first_line(error)}", log_level="ERROR"
            )
        if not self.stats.get_value(stats.STORAGE_FAILED):
            self.stats.set_value(stats.STORAGE_FAILED, reason)
            logger.error(
                "source %s: the database cannot store articles, stopping: %s", item.source_name, reason
            )
            assert self.crawler.engine is not None
            deferred_from_coro(self.crawler.engine.close_spider_async(reason=STORAGE_FAILED_REASON))
        raise DropItem(f"source {item.source_name}: {item.url} not stored: {reason}", log_level="DEBUG")
