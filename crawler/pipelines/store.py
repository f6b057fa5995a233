"""StorePipeline: write the article in one transaction, as a new story or a copy in its story; drop
an article whose URL is stored already."""

from __future__ import annotations

import logging

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from sqlalchemy.orm import Session

from crawler import stats
from crawler.database import engine_for
from crawler.derived import event_json, topic_score
from crawler.items import ArticleItem
from storage.articles import ArticleRecord, SaveOutcome, save_article

logger = logging.getLogger(__name__)

RUN_ID_SETTING = "FORUMWATCH_RUN_ID"
SOURCE_ID_SETTING = "FORUMWATCH_SOURCE_ID"  # the crawler's source row, created before the crawl starts


class StorePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.run_id = crawler.settings.getint(RUN_ID_SETTING) or None
        self.source_id = crawler.settings.getint(SOURCE_ID_SETTING)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    def process_item(self, item: ArticleItem) -> ArticleItem:
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
        with Session(engine_for(self.crawler.settings)) as session, session.begin():
            result = save_article(session, record, self.source_id)
        if result.outcome is SaveOutcome.NEW_STORY:
            self.stats.inc_value(stats.NEW)
        else:
            self.stats.inc_value(stats.DUPLICATES)
        logger.info("source %s: %s: %s", item.source_name, item.url, result.describe())
        if result.outcome is SaveOutcome.ALREADY_STORED:
            raise DropItem(f"URL stored already: {item.url}", log_level="DEBUG")
        return item
