"""Feeds that lie about their charset: decoded like pages before feedparser reads them."""

from __future__ import annotations

import codecs
import random
from typing import Any

import feedparser
import pytest
from scrapy import Request
from scrapy.http import Response, XmlResponse
from scrapy.utils.test import get_crawler

from crawler import stats
from crawler.feed_decoding import decode_feed
from crawler.sources import Source
from crawler.spiders import FeedSpider
from tests.feed_parsing_helpers import parse_feed_results

TITLES = ("雙城論壇在臺北舉行，兩市市長出席並致詞", "臺北市長與上海市長以視訊連線交流城市合作")
SIMPLIFIED_TITLES = ("双城论坛在台北举行，两市市长出席并致辞", "台北市长与上海市长以视频连线交流城市合作")


def rss(titles: tuple[str, ...], declaration: str | None) -> str:
    items = "".join(
        f"<item><title>{title}</title><link>https://news.example.tw/{n}.html</link>"
        f"<description>{title}。兩岸城市交流。</description></item>"
        for n, title in enumerate(titles)
    )
    head = f'<?xml version="1.0" encoding="{declaration}"?>\n' if declaration else ""
    return f'{head}<rss version="2.0"><channel><title>城市新聞</title>{items}</channel></rss>'


def parsed(raw: bytes, content_type: str = "") -> Any:
    decoded = decode_feed(raw, content_type)
    assert decoded.unreadable is None
    return feedparser.parse(decoded.body, response_headers={"content-type": decoded.content_type})


@pytest.mark.parametrize(
    ("codec", "declaration", "content_type", "titles"),
    [
        # A Big5 feed whose server says UTF-8: feedparser alone calls it unusable for the mismatch.
        ("cp950", "utf-8", "application/rss+xml; charset=utf-8", TITLES),
        # An old CMS's Latin-1 declaration over GBK and GB18030 bytes: feedparser alone gives ÄêÉÏº£.
        ("gbk", "iso-8859-1", "text/xml; charset=ISO-8859-1", SIMPLIFIED_TITLES),
        ("gb18030", "windows-1252", "", SIMPLIFIED_TITLES),
        ("big5", "iso-8859-1", "application/xml", TITLES),
        # An XML declaration of UTF-16 over UTF-8 bytes: decodes "without error" into nonsense.
        ("utf-8", "utf-16", "application/rss+xml", TITLES),
        ("utf-8", "utf-16", "", SIMPLIFIED_TITLES),
    ],
)
def test_lying_feeds_are_read_right(
    codec: str, declaration: str, content_type: str, titles: tuple[str, ...]
) -> None:
    result = parsed(rss(titles, declaration).encode(codec), content_type)
    assert [entry.title for entry in result.entries] == list(titles)
    assert result.feed.title in ("城市新聞", "城市新闻")
    assert not result.bozo, result.get("bozo_exception")


def test_a_lie_is_named_in_the_warnings() -> None:
    decoded = decode_feed(rss(TITLES, "utf-16").encode(), "application/rss+xml")
    assert decoded.encoding == "utf-8"
    assert any("'utf-16'" in warning for warning in decoded.warnings)
    decoded = decode_feed(rss(SIMPLIFIED_TITLES, None).encode("gbk"), "text/xml; charset=iso-8859-1")
    assert decoded.encoding == "gb18030"
    assert any("reads as gb18030" in warning for warning in decoded.warnings)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_byte_order_mark(codec: str) -> None:
    # XML's own rule: "<?" as it looks in UTF-16/32 says which; the declaration names no byte order.
    result = parsed(rss(TITLES, codec[:6]).encode(codec))
    assert [entry.title for entry in result.entries] == list(TITLES)


def test_byte_order_mark_and_a_declaration_that_agrees_keep_working() -> None:
    result = parsed(codecs.BOM_UTF8 + rss(TITLES, "utf-8").encode())
    assert [entry.title for entry in result.entries] == list(TITLES)
    # Sites declare gb2312 and serve GBK (城市新聞 is not in GB2312).
    result = parsed(rss(SIMPLIFIED_TITLES, "gb2312").encode("gbk"), "application/rss+xml; charset=gb2312")
    assert [entry.title for entry in result.entries] == list(SIMPLIFIED_TITLES)


def test_japanese_feed_served_without_charset_is_detected() -> None:
    titles = (
        "東京都知事が台北市を訪問し、市長と会談しました",
        "ゲームの新作が発表され、多くのファンが集まりました",
    )
    result = parsed(rss(titles, None).encode("shift_jis"), "application/rss+xml")
    assert [entry.title for entry in result.entries] == list(titles)


def test_binary_bytes_are_unreadable_with_a_reason() -> None:
    decoded = decode_feed(random.Random(7).randbytes(4096), "application/rss+xml")
    assert decoded.unreadable is not None
    assert "binary" in decoded.unreadable


def test_undecodable_bytes_name_the_charsets_tried() -> None:
    # UTF-8 declared, with a byte-order mark, and half the bytes broken: no reading is text.
    raw = codecs.BOM_UTF8 + rss(TITLES, "utf-8").encode()[:200] + bytes(range(0x80, 0xC0)) * 40
    decoded = decode_feed(raw, "application/rss+xml; charset=utf-8")
    assert decoded.unreadable is not None
    assert "utf-8" in decoded.unreadable


# Through the spider's parse_feed: what a source's crawl reports.


@pytest.fixture
def feed_spider(tmp_path: Any) -> FeedSpider:
    crawler = get_crawler(FeedSpider, {"FORUMWATCH_DATABASE_URL": f"sqlite:///{tmp_path}/t.db"})
    crawler.stats.open_spider()
    source = Source(name="tw-feed", kind="feed", url="https://news.example.tw/rss.xml")
    spider: FeedSpider = FeedSpider.from_crawler(crawler, source=source)
    return spider


def response(body: bytes, content_type: str) -> Response:
    return XmlResponse(
        "https://news.example.tw/rss.xml",
        body=body,
        headers={"Content-Type": content_type},
        request=Request("https://news.example.tw/rss.xml"),
    )


def test_spider_follows_the_entries_of_a_big5_feed_declared_utf8(feed_spider: FeedSpider) -> None:
    body = rss(TITLES, "utf-8").encode("big5")
    requests = parse_feed_results(feed_spider, response(body, "application/rss+xml; charset=utf-8"))
    assert [request.url for request in requests] == [f"https://news.example.tw/{n}.html" for n in range(2)]
    assert feed_spider.crawler.stats.get_value(stats.ERRORS) is None


def test_spider_calls_an_empty_misdeclared_feed_empty_not_unusable(feed_spider: FeedSpider) -> None:
    body = rss((), "utf-8").replace("城市新聞", "城市新聞：本週沒有新的報導").encode("big5")
    assert parse_feed_results(feed_spider, response(body, "application/rss+xml; charset=utf-8")) == []
    assert feed_spider.crawler.stats.get_value(stats.ERRORS) is None


def test_spider_reports_an_unreadable_feed_with_the_charsets_tried(
    feed_spider: FeedSpider, caplog: pytest.LogCaptureFixture
) -> None:
    raw = codecs.BOM_UTF8 + rss(TITLES, "utf-8").encode()[:200] + bytes(range(0x80, 0xC0)) * 40
    assert parse_feed_results(feed_spider, response(raw, "application/rss+xml")) == []
    assert feed_spider.crawler.stats.get_value(stats.error_stat("feed")) == 1
    assert "unreadable feed" in caplog.text
