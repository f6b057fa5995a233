"""The item pipelines in order (clean -> match -> events -> fingerprint -> store) on a real SQLite file."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler
from sqlalchemy.orm import Session

from crawler import stats
from crawler.items import ArticleItem, FeedEntryInfo
from crawler.pipelines.clean import CleanPipeline
from crawler.pipelines.events import EventPipeline
from crawler.pipelines.fingerprint import FingerprintPipeline
from crawler.pipelines.match import MatchPipeline
from storage.articles import count_rows, ensure_source, list_stories
from storage.engine import open_database
from tests.store_without_reactor import StoreWithoutReactor, settled

PAGE = """<html><head><title>{title} - 新闻网</title></head><body>
<nav><a href="/">首页</a> <a href="/tw">台湾</a></nav>
<article><h1>{title}</h1>
<p>{body}</p>
<p>双方就城市治理、文化交流与青年创业等议题深入交流，并签署多项合作备忘录，进一步深化两市在各领域的务实合作。</p>
<p>自2010年以来，论坛由两市轮流举办，已成为两岸城市交流的重要机制化平台，受到各界广泛关注。</p>
</article><footer>版权所有 © 新闻网</footer></body></html>"""


class Chain:
    def __init__(self, tmp_path: Any, keep_unmatched: bool = False) -> None:
        self.url = f"sqlite:///{tmp_path}/p.db"
        engine = open_database(self.url)
        with Session(engine) as session, session.begin():
            source_id = ensure_source(session, "news", "site", "https://news.example/")
        self.engine = engine
        self.crawler = get_crawler(
            settings_dict={
                "FORUMWATCH_DATABASE_URL": self.url,
                "FORUMWATCH_TOPICS": [
                    {"name": "twin-city-forum", "aliases": ["双城论坛", "上海台北城市论坛"]}
                ],
                "FORUMWATCH_KEEP_UNMATCHED": keep_unmatched,
                "FORUMWATCH_SOURCE_ID": source_id,
            }
        )
        self.crawler.stats.open_spider()
        self.pipelines = [
            CleanPipeline.from_crawler(self.crawler),
            MatchPipeline.from_crawler(self.crawler),
            EventPipeline(),
            FingerprintPipeline(),
            StoreWithoutReactor.from_crawler(self.crawler),
        ]

    def run(self, url: str, title: str, body: str, feed_entry: FeedEntryInfo | None = None) -> ArticleItem:
        item = ArticleItem(
            source_name="news",
            url=url,
            raw=PAGE.format(title=title, body=body).encode(),
            feed_entry=feed_entry,
        )
        for pipeline in self.pipelines:
            item = settled(pipeline.process_item(item))
        return item

    def stat(self, name: str) -> int:
        return int(self.crawler.stats.get_value(name, 0))


FORUM_BODY = "2023上海台北城市论坛将于8月29日至30日在上海举行，双城论坛今年迎来新一届，台北市长率团出席。"


def test_matching_article_is_stored_as_a_new_story(tmp_path: Any) -> None:
    chain = Chain(tmp_path)
    item = chain.run("https://news.example/a1.html", "双城论坛将在上海举行", FORUM_BODY)
    assert [m.topic for m in item.topics] == ["twin-city-forum"]
    assert chain.stat(stats.NEW) == 1
    with Session(chain.engine) as session:
        [story] = list_stories(session)
    assert story.articles[0].title == "双城论坛将在上海举行"


def test_traditional_copy_with_tracking_parameters_joins_the_story(tmp_path: Any) -> None:
    chain = Chain(tmp_path)
    chain.run("https://news.example/a1.html", "双城论坛将在上海举行", FORUM_BODY)
    from dedup.textnorm import to_traditional

    chain.run(
        "https://tw.example/b7.html?utm_source=line",
        to_traditional("双城论坛将在上海举行"),
        to_traditional(FORUM_BODY),
    )
    assert (chain.stat(stats.NEW), chain.stat(stats.DUPLICATES)) == (1, 1)
    with Session(chain.engine) as session:
        [story] = list_stories(session)
    assert [a.url for a in story.articles] == [
        "https://news.example/a1.html",
        "https://tw.example/b7.html?utm_source=line",
    ]


def test_a_stored_url_is_dropped_as_a_duplicate_and_stores_nothing(tmp_path: Any) -> None:
    chain = Chain(tmp_path)
    chain.run("https://news.example/a1.html", "双城论坛将在上海举行", FORUM_BODY)
    before = count_rows(chain.engine)
    with pytest.raises(DropItem, match="stored already"):
        chain.run("https://news.example/a1.html?utm_medium=share#top", "双城论坛将在上海举行", FORUM_BODY)
    assert count_rows(chain.engine) == before
    assert chain.stat(stats.DUPLICATES) == 1


def test_off_topic_article_is_counted_and_dropped_unless_kept(tmp_path: Any) -> None:
    unrelated = (
        "A股三大指数今日集体收涨，沪指涨0.52%，深成指涨0.87%，两市成交额超过九千亿元，北向资金净买入。"
    )
    chain = Chain(tmp_path)
    with pytest.raises(DropItem, match="off-topic"):
        chain.run("https://news.example/stocks.html", "A股收涨", unrelated)
    assert chain.stat(stats.OFF_TOPIC) == 1
    assert count_rows(chain.engine)["articles"] == 0

    (tmp_path / "keep").mkdir()
    keeping = Chain(tmp_path / "keep", keep_unmatched=True)
    keeping.run("https://news.example/stocks.html", "A股收涨", unrelated)
    assert keeping.stat(stats.OFF_TOPIC) == 1
    assert count_rows(keeping.engine)["articles"] == 1


def test_a_page_with_no_article_is_an_error_of_the_source(tmp_path: Any) -> None:
    chain = Chain(tmp_path)
    item = ArticleItem(source_name="news", url="https://news.example/empty.html", raw=b"\x00\x01\x02")
    with pytest.raises(DropItem):
        chain.pipelines[0].process_item(item)
    assert chain.stat(stats.ERRORS) == 1


def test_feed_metadata_fills_what_the_page_lacks(tmp_path: Any) -> None:
    chain = Chain(tmp_path)
    published = datetime(2023, 8, 20, 2, 0, tzinfo=UTC)
    fragment = f"<p>{FORUM_BODY}</p><p>{FORUM_BODY[::-1]}</p><p>{FORUM_BODY}双城论坛。</p>"
    item = ArticleItem(
        source_name="news",
        url="https://news.example/feed-item",
        raw=fragment,
        feed_entry=FeedEntryInfo(title="双城论坛将于8月举行", published=published, author="新华社"),
    )
    item = chain.pipelines[0].process_item(item)
    assert item.article is not None
    assert (item.article.title, item.article.published, item.article.author) == (
        "双城论坛将于8月举行",
        published,
        "新华社",
    )
