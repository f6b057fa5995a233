"""Spiders on hand-built responses: what each kind of page or feed leads to."""

from __future__ import annotations

from typing import Any

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse, Response, TextResponse, XmlResponse
from scrapy.utils.test import get_crawler

from crawler import stats
from crawler.items import ArticleItem
from crawler.sources import Source
from crawler.spiders import FeedSpider, SiteSpider
from crawler.spiders.base import ARTICLE_META_KEY
from tests.feed_parsing_helpers import parse_feed_results

LONG_BODY = "<p>" + "　　2021上海-台北城市论坛今天（1日）以视频形式举行。" * 12 + "</p>"

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>新浪财经</title><link>https://finance.sina.com.cn/</link>
<item><title>2021上海-台北城市论坛以视频形式举行</title>
  <link>https://finance.sina.com.cn/doc-ikyamrmy6175870.shtml?utm_source=rss</link>
  <pubDate>Wed, 01 Dec 2021 14:01:19 GMT</pubDate><author>新浪财经</author>
  <enclosure url="https://n.sinaimg.cn/a.jpg" type="image/jpeg" length="1"/>
  <description>短讯</description>
  <content:encoded><![CDATA[{LONG_BODY}]]></content:encoded></item>
<item><title>短讯</title><link>/doc-imzhvxsp3401829.shtml</link><description>将于8月举行</description></item>
<item><title>no link</title><description>x</description></item>
</channel></rss>"""


def spider_for(cls: type[Any], source: dict[str, Any], tmp_path: Any) -> Any:
    crawler = get_crawler(cls, {"FORUMWATCH_DATABASE_URL": f"sqlite:///{tmp_path}/t.db"})
    crawler.stats.open_spider()
    return cls.from_crawler(crawler, source=Source(**source))


@pytest.fixture
def feed_spider(tmp_path: Any) -> FeedSpider:
    return spider_for(
        FeedSpider,
        {"name": "sina-feed", "kind": "feed", "url": "https://finance.sina.com.cn/rss.xml"},
        tmp_path,
    )


def feed_response(body: str | bytes, status: int = 200) -> Response:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return XmlResponse(
        "https://finance.sina.com.cn/rss.xml",
        status=status,
        body=data,
        headers={"Content-Type": "application/rss+xml; charset=utf-8", "ETag": '"v1"'},
        request=Request("https://finance.sina.com.cn/rss.xml"),
    )


def test_full_text_entries_are_items_and_short_ones_requests(feed_spider: FeedSpider) -> None:
    results = parse_feed_results(feed_spider, feed_response(RSS))
    item, request = results
    assert isinstance(item, ArticleItem)
    assert item.url.endswith("doc-ikyamrmy6175870.shtml?utm_source=rss")
    assert item.raw == LONG_BODY
    assert item.feed_entry is not None
    assert item.feed_entry.published is not None
    assert item.feed_entry.published.isoformat() == "2021-12-01T14:01:19+00:00"
    assert item.feed_entry.image == "https://n.sinaimg.cn/a.jpg"
    assert isinstance(request, Request)
    assert request.url == "https://finance.sina.com.cn/doc-imzhvxsp3401829.shtml"
    assert request.meta[ARTICLE_META_KEY] is True
    assert feed_spider.crawler.stats.get_value(stats.FETCHED) == 1


def test_not_modified_feed_yields_nothing(feed_spider: FeedSpider) -> None:
    assert parse_feed_results(feed_spider, feed_response(b"", status=304)) == []
    assert feed_spider.crawler.stats.get_value(stats.FEED_NOT_MODIFIED) == 1


@pytest.mark.parametrize("body", [b"<html><body>not a feed</body></html>", b"\x00\xff\xfe garbage", b""])
def test_unusable_feed_is_an_error_of_the_source_not_a_crash(feed_spider: FeedSpider, body: bytes) -> None:
    assert parse_feed_results(feed_spider, feed_response(body)) == []
    assert feed_spider.crawler.stats.get_value(stats.ERRORS) == 1


def test_valid_but_empty_feed_is_not_an_error(feed_spider: FeedSpider) -> None:
    empty = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'
    assert parse_feed_results(feed_spider, feed_response(empty)) == []
    assert feed_spider.crawler.stats.get_value(stats.ERRORS) is None


def test_ill_formed_feed_with_entries_is_still_used(feed_spider: FeedSpider) -> None:
    broken = RSS.replace("</channel></rss>", "<item><title>unclosed & broken</title>")
    results = parse_feed_results(feed_spider, feed_response(broken))
    assert len(results) == 2


LISTING = """<html><body>
<a href="/doc-i1.shtml">one</a> <a href="/doc-i1.shtml?utm_source=weibo">one again</a>
<a href="https://finance.sina.com.cn/doc-i2.shtml">two</a> <a href="/about.html">about</a>
<div class="pagebox"><a class="pagebox_next" href="/index_2.shtml">下一页</a></div>
</body></html>"""


@pytest.fixture
def site_spider(tmp_path: Any) -> SiteSpider:
    source = {
        "name": "sina",
        "kind": "site",
        "start_urls": ["https://finance.sina.com.cn/"],
        "article_pattern": r"/doc-i\w+\.shtml",
    }
    return spider_for(SiteSpider, source, tmp_path)


def listing(url: str = "https://finance.sina.com.cn/") -> HtmlResponse:
    return HtmlResponse(url, body=LISTING.encode(), encoding="utf-8", request=Request(url))


def test_listing_leads_to_article_pages_and_the_next_page(site_spider: SiteSpider) -> None:
    requests = list(site_spider.parse_listing(listing(), page=1))
    articles = [r.url for r in requests if r.meta.get(ARTICLE_META_KEY)]
    pages = [(r.url, r.cb_kwargs["page"]) for r in requests if not r.meta.get(ARTICLE_META_KEY)]
    assert "https://finance.sina.com.cn/doc-i2.shtml" in articles
    assert "https://finance.sina.com.cn/about.html" not in articles
    assert pages == [("https://finance.sina.com.cn/index_2.shtml", 2)]


def test_the_next_listing_waits_for_the_articles_queued(site_spider: SiteSpider) -> None:
    # Scrapy's queue pops the highest priority first and, within one, the last in: the next listing,
    # yielded after the articles, must not go first, or the crawl walks every listing before the
    # articles and its queue holds the whole site.
    requests = list(site_spider.parse_listing(listing(), page=1))
    popped = sorted(enumerate(requests), key=lambda pair: (-pair[1].priority, -pair[0]))
    kinds = ["article" if r.meta.get(ARTICLE_META_KEY) else "listing" for _, r in popped]
    assert kinds.count("listing") == 1
    assert kinds[-1] == "listing"


def test_pagination_stops_at_max_listing_pages(site_spider: SiteSpider) -> None:
    requests = list(site_spider.parse_listing(listing(), page=site_spider.max_listing_pages))
    assert all(r.meta.get(ARTICLE_META_KEY) for r in requests)


def test_article_links_with_tracking_parameters_share_a_fingerprint(site_spider: SiteSpider) -> None:
    from crawler.fingerprinting import CanonicalUrlFingerprinter

    fingerprint = CanonicalUrlFingerprinter().fingerprint
    assert fingerprint(Request("https://a.example/doc-i1.shtml?utm_source=weibo")) == fingerprint(
        Request("https://a.example/doc-i1.shtml")
    )
    assert fingerprint(Request("https://a.example/x?s=1")) != fingerprint(Request("https://a.example/x?s=2"))


@pytest.mark.parametrize(
    "url",
    [
        "https://a.example/news/2026/01/000012.html",  # canonical already: fingerprinted as it is
        "https://a.example/x?b=2&a=1",
        "https://A.example/x#top",
        "https://a.example/doc-i1.shtml?utm_source=weibo",
        "https://a.example/%e5%8f%b0%e5%8c%97?q=%E5%8F%B0",
    ],
)
def test_a_fingerprint_is_that_of_the_request_for_the_canonical_url(url: str) -> None:
    from scrapy.utils.request import RequestFingerprinter

    from crawler.fingerprinting import CanonicalUrlFingerprinter
    from dedup.fingerprints import canonical_url

    # Stored fingerprints (the workers' dupefilter in Redis) stay valid: the same bytes as before.
    for request in (Request(url), Request(url, method="POST", body=b"q=1")):
        expected = RequestFingerprinter().fingerprint(request.replace(url=canonical_url(url)))
        assert CanonicalUrlFingerprinter().fingerprint(request) == expected


def test_sitemap_leads_to_matching_article_pages(site_spider: SiteSpider) -> None:
    body = b"""<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <url><loc>https://finance.sina.com.cn/doc-i9.shtml</loc></url><url><loc>https://finance.sina.com.cn/about.html</loc></url></urlset>"""
    response = XmlResponse("https://finance.sina.com.cn/sitemap.xml", body=body)
    assert [r.url for r in site_spider.parse_sitemap(response)] == [
        "https://finance.sina.com.cn/doc-i9.shtml"
    ]


def test_junk_sitemap_and_non_html_listing_are_errors_not_crashes(site_spider: SiteSpider) -> None:
    assert list(site_spider.parse_sitemap(XmlResponse("https://a.example/s.xml", body=b"\x00junk"))) == []
    binary = Response("https://finance.sina.com.cn/", body=b"\x89PNG")
    assert list(site_spider.parse_listing(binary, page=1)) == []
    assert site_spider.crawler.stats.get_value(stats.ERRORS) >= 1


def test_article_response_keeps_raw_bytes_and_the_declared_charset(site_spider: SiteSpider) -> None:
    response = TextResponse(
        "https://finance.sina.com.cn/doc-i1.shtml",
        body="雙城論壇".encode("big5"),
        headers={"Content-Type": "text/html; charset=utf-8"},
    )
    item = site_spider.parse_article(response)
    assert item.raw == "雙城論壇".encode("big5")
    assert item.declared_encoding == "utf-8"
