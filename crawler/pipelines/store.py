"""StorePipeline: write the article in one transaction, as a new story or a copy in its story; drop
an article whose URL is stored already."""

from __future__ import annotations

import logging
from typing import NoReturn

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.utils.defer import deferred_from_coro
from sqlalchemy.exc import SQLAlchemyError

from crawler import stats
from crawler.database import engine_for
from crawler.derived import event_json, topic_score
from crawler.items import ArticleItem
from storage.articles import ArticleRecord, SaveOutcome, SaveResult, save_article
from storage.failures import fatal_reason, first_line, in_transaction

logger = logging.getLogger(__name__)

RUN_ID_SETTING = "FORUMWATCH_RUN_ID"
SOURCE_ID_SETTING = "FORUMWATCH_SOURCE_ID"  # the crawler's source row, created before the crawl starts
STORAGE_FAILED_REASON = "storage_failed"  # the spider's close reason when the database stops taking writes


class StorePipeline:
    """Stores each article; a failed write is an error of the source, and one that every later write
    would repeat (disk full, read-only, server gone: storage/failures.py) stops the crawl."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.run_id = crawler.settings.getint(RUN_ID_SETTING) or None
        self.source_id = crawler.settings.getint(SOURCE_ID_SETTING)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    @stats.timed_stage("store")
    def process_item(self, item: ArticleItem) -> ArticleItem:
        if failure := self.stats.get_value(stats.STORAGE_FAILED):
            # Downloaded before the crawl stopped: lost like the write that failed, and not tried.
            stats.count_error(self.stats, "store")
            raise DropItem(f"source {item.source_name}: {item.url} not stored: {failure}", log_level="DEBUG")
        article = item.article
        assert article is not None
        assert item.canonical_url
        assert item.content_hash
        record = ArticleRecord(
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
        try:
            result = self._save(record)
        except SQLAlchemyError as error:
            self._failed(item, error)
        if result.outcome is SaveOutcome.NEW_STORY:
            self.stats.inc_value(stats.NEW)
        else:
            self.stats.inc_value(stats.DUPLICATES)
        logger.info("source %s: %s: %s", item.source_name, item.url, result.describe())
        if result.outcome is SaveOutcome.ALREADY_STORED:
            raise DropItem(f"URL stored already: {item.url}", log_level="DEBUG")
        return item

    def _save(self, record: ArticleRecord) -> SaveResult:
        return in_transaction(
            engine_for(self.crawler.settings),
            lambda session: save_article(session, record, self.source_id),
            f"storing {record.url}",
        )

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
