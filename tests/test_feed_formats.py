"""Feeds as people point forumwatch at them: JSON Feed 1.0 and 1.1, feed URLs that answer an HTML page
or JSON of another kind, and entries known only by a urn: or tag: id.

The crawl tests serve feeds written for them (shaped like the WordPress, Daring Fireball and spec JSON
Feeds of the shared eval set, which is read in place and never copied) over HTTP on 127.0.0.1, and run
`forumwatch crawl` into a real SQLite file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from email.utils import format_datetime
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from scrapy import Request
from scrapy.http import Response, TextResponse
from scrapy.utils.test import get_crawler
from sqlalchemy import create_engine, text

from crawler import stats
from crawler.feed_decoding import decode_feed, describe_html_page
from crawler.feed_parsing import parse_feed
from crawler.items import ArticleItem
from crawler.jsonfeed import NotAJsonFeedError, looks_like_json, parse_json_feed
from crawler.sources import Source
from crawler.spiders import FeedSpider
from crawler.spiders.feed import entry_info, full_text
from forumwatch.localserver import LocalServer, Reply
from tests.feed_parsing_helpers import eval_feeds_or_skip, parse_feed_results
from tests.hostile.crawl import CrawlOutcome, feed_source, run_crawl, write_config
from tests.hostile.pages import article_page

JSON_FEED_TYPE = "application/feed+json; charset=utf-8"
RSS_TYPE = "application/rss+xml; charset=utf-8"
HTML_TYPE = "text/html; charset=utf-8"
KEEP_EVERYTHING = "keep_unmatched = true\n"
TAIPEI = timezone(timedelta(hours=8))


@dataclass(frozen=True)
class Story:
    """One news item, to be written as an RSS item and as a JSON Feed item."""

    path: str
    title: str
    published: datetime
    author: str
    paragraphs: tuple[str, ...] = ()  # the whole text: a full-text item
    as_html: bool = True  # JSON Feed: content_html, else content_text
    summary: str | None = None  # a teaser: the item leads to its page
    image: str | None = None


STORIES = (
    Story(
        "/news/2024/forum-opens",
        "2024上海-台北城市论坛在台北开幕",
        datetime(2024, 12, 1, 1, 30, tzinfo=UTC),
        "台北市政府新闻处",
        (
            "2024上海-台北城市论坛（双城论坛）今天在台北开幕，两市代表就城市治理、青年交流与文化合作进行了讨论。",
            "论坛期间双方签署了四项合作备忘录，内容涉及智慧交通、长者照护、体育交流和历史建筑活化利用。",
            "主办方表示，明年的论坛将轮由上海主办，具体日期将视筹备情况另行公布，并欢迎更多民间团体参与。",
            "开幕式后，两市青年代表在分论坛上分享了创业经验，也谈到了跨城市合作在融资和人才方面遇到的难处。",
            "不少与会学者指出，两市在地铁运营、垃圾分类和社区营造方面都有值得互相借鉴的做法，应持续交流。",
        ),
        image="https://img.example/2024/forum.jpg",
    ),
    Story(
        "/news/2024/mou-details",
        "双城论坛合作备忘录全文解读",
        datetime(2024, 12, 2, 6, 0, tzinfo=UTC),
        "城市观察编辑部",
        (
            "本次签署的合作备忘录共四项，有效期均为三年，由两市相关部门分别负责落实，每年检视一次执行进度。",
            "其中智慧交通一项将推动两市交通卡资料互通研究，长者照护一项则着重人员培训与照护机构的经验交流。",
            "体育交流部分计划每年举办一次城市马拉松互访，历史建筑一项由两市文化局牵头，先从老厂房改造做起。",
            "两市约定每半年召开一次联络会议，由秘书处汇总各项目进度，并在下一届论坛上向公众报告执行成果。",
            "专家认为，备忘录的条文比往年更具体，列明了负责单位和时间表，有助于避免合作流于形式的老问题。",
        ),
        as_html=False,
    ),
    Story(
        "/news/2024/brief",
        "双城论坛简讯",
        datetime(2024, 12, 3, 2, 15, tzinfo=UTC),
        "城市观察编辑部",
        summary="论坛闭幕，明年见。",
    ),
)


def rss_edition(base: str) -> bytes:
    items = []
    for story in STORIES:
        content = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in story.paragraphs)
        parts = [
            f"<title>{escape(story.title)}</title><link>{base}{story.path}</link>",
            f"<guid>{base}{story.path}</guid><pubDate>{format_datetime(story.published, usegmt=True)}</pubDate>",
            f"<dc:creator>{escape(story.author)}</dc:creator>",
            f"<description>{escape(story.summary or story.title)}</description>",
            f"<content:encoded><![CDATA[{content}]]></content:encoded>" if content else "",
            f'<enclosure url="{story.image}" type="image/jpeg" length="1"/>' if story.image else "",
        ]
        items.append(f"<item>{''.join(parts)}</item>")
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<channel><title>城市观察</title><link>{base}/</link><description>城市新闻</description>"
        f"{''.join(items)}</channel></rss>"
    ).encode()


def json_edition(base: str) -> bytes:
    """The same stories as JSON Feed 1.1, written as publishers write it: local-time offsets, 1.1's
    ``authors`` beside 1.0's ``author``, the feed's language, content_text for a plain-text item."""
    items: list[dict[str, Any]] = []
    for story in STORIES:
        item: dict[str, Any] = {
            "id": f"{base}{story.path}",
            "url": f"{base}{story.path}",
            "title": story.title,
            "date_published": story.published.astimezone(TAIPEI).isoformat(),
            "authors": [{"name": story.author}],
            "author": {"name": story.author},
        }
        if story.paragraphs and story.as_html:
            item["content_html"] = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in story.paragraphs)
        elif story.paragraphs:
            item["content_text"] = "\n\n".join(story.paragraphs)
        else:
            item["summary"] = story.summary
            item["content_text"] = story.summary
        if story.image:
            item["image"] = story.image
        items.append(item)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "城市观察",
        "home_page_url": f"{base}/",
        "feed_url": f"{base}/feed.json",
        "language": "zh-CN",
        "items": items,
    }
    return json.dumps(feed, ensure_ascii=False, indent=2).encode()


def serve_pages(server: LocalServer) -> None:
    for story in STORIES:
        if not story.paragraphs:
            server.route(story.path, Reply(article_page(story.title, f"{story.summary}双城论坛圆满落幕。")))


def stored_articles(database_url: str) -> dict[str, dict[str, Any]]:
    """The stored articles by URL path: what a reader sees of each."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT url, title, text, author, published_at, image_url, language FROM articles")
            ).mappings()
            # The two editions are served on different ports: the path is what they share.
            return {urlsplit(row["url"]).path: {**row, "url": urlsplit(row["url"]).path} for row in rows}
    finally:
        engine.dispose()


def crawl_one_feed(tmp_path: Path, name: str, url: str) -> CrawlOutcome:
    config = write_config(
        tmp_path / "forumwatch.toml",
        allow_private=["127.0.0.1"],
        crawl=KEEP_EVERYTHING,
        sources=feed_source(name, url),
    )
    return run_crawl(config)


@pytest.mark.parametrize("content_type", [JSON_FEED_TYPE, HTML_TYPE], ids=["feed+json", "served-as-html"])
def test_a_json_feed_is_stored_exactly_like_the_same_rss_feed(tmp_path: Path, content_type: str) -> None:
    """The same stories as RSS and as JSON Feed, each crawled into a database of its own, are stored
    alike: titles, texts, authors, dates, images; the full-text items from the feed, the teaser from
    its page. Served as text/html, the JSON Feed is still read as one (by its content)."""
    with LocalServer() as server:
        serve_pages(server)
        server.route("/feed.xml", Reply(rss_edition(server.base_url), headers={"Content-Type": RSS_TYPE}))
        server.route(
            "/feed.json", Reply(json_edition(server.base_url), headers={"Content-Type": content_type})
        )
        (tmp_path / "rss").mkdir()
        (tmp_path / "json").mkdir()
        from_rss = crawl_one_feed(tmp_path / "rss", "city-rss", server.url("/feed.xml"))
        from_json = crawl_one_feed(tmp_path / "json", "city-json", server.url("/feed.json"))
        teaser_requests = len(server.requested("/news/2024/brief"))
    for outcome in (from_rss, from_json):
        assert outcome.exit_code == 0, outcome.stderr
        assert "Traceback" not in outcome.stderr
    assert from_json.counts("city-json")["errors"] == 0, from_json.stderr
    assert from_json.counts("city-json")["fetched"] == from_rss.counts("city-rss")["fetched"] == 3
    assert teaser_requests == 2  # the teaser's page, once per edition; the full-text items from the feed
    rss_articles = stored_articles(f"sqlite:///{tmp_path / 'rss' / 'hostile.db'}")
    json_articles = stored_articles(f"sqlite:///{tmp_path / 'json' / 'hostile.db'}")
    assert json_articles == rss_articles
    assert sorted(json_articles) == sorted(story.path for story in STORIES)
    opening = json_articles["/news/2024/forum-opens"]
    assert opening["title"] == "2024上海-台北城市论坛在台北开幕"
    assert opening["text"] == "\n".join(STORIES[0].paragraphs)
    assert opening["author"] == "台北市政府新闻处"
    assert str(opening["published_at"]).startswith("2024-12-01 01:30:00")
    assert opening["image_url"] == "https://img.example/2024/forum.jpg"
    assert json_articles["/news/2024/mou-details"]["text"] == "\n".join(STORIES[1].paragraphs)


PARKED_PAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>forum-news.example 域名出售 — 立即询价</title>"
    "</head><body><h1>This domain is for sale</h1><script>window.location='/lander'</script></body></html>"
).encode()
CHALLENGE_PAGE = (
    b"<!DOCTYPE html><html lang='en-US'><head><title>Just a moment...</title><meta http-equiv='refresh' "
    b"content='35'></head><body><noscript>Enable JavaScript and cookies to continue</noscript></body></html>"
)
TAG_ID_TEXT = "".join(
    f"<p>第{n}段：双城论坛的筹备工作已经展开，两市秘书处正在协调议程、场地和与会名单，并将于下月公布细节。</p>"
    for n in range(1, 7)
)


def feed_of_ids(base: str) -> bytes:
    """RSS whose first items are known only by their ids: a urn:uuid, and a tag: URI with the whole
    text; feedparser makes such an id the entry's "link"."""
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>筹备通讯</title>'
        "<item><title>没有链接的简讯</title><guid>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</guid>"
        "<description>双城论坛筹备中</description></item>"
        "<item><title>只有全文的通讯</title><guid>tag:forum.example,2024:notes-7</guid>"
        f"<content:encoded><![CDATA[{TAG_ID_TEXT}]]></content:encoded></item>"
        f"<item><title>有链接的报道</title><link>{base}/notes/8</link><description>双城论坛</description></item>"
        "</channel></rss>"
    ).encode()


def json_feed_of_ids(base: str) -> bytes:
    items = [
        {
            "id": "tag:forum.example,2024:json-1",
            "title": "JSON 里只有全文的通讯",
            "content_html": TAG_ID_TEXT,
        },
        "not an item",
        {"id": f"{base}/notes/9", "title": "以网址为 id 的报道", "summary": "双城论坛"},
    ]
    return json.dumps({"version": "https://jsonfeed.org/version/1", "title": "筹备", "items": items}).encode()


@pytest.fixture(scope="module")
def unusual_feeds(tmp_path_factory: pytest.TempPathFactory) -> tuple[CrawlOutcome, str, str]:
    """One crawl of feed URLs that answer what is no feed, and of feeds with entries without links."""
    directory = tmp_path_factory.mktemp("unusual")
    with LocalServer() as server:
        routes = {
            "/parked.xml": Reply(PARKED_PAGE),
            "/challenge.xml": Reply(CHALLENGE_PAGE),
            "/api/feed.json": Reply(
                b'{"status": "error", "message": "rate limited", "retry_after": 60}',
                headers={"Content-Type": "application/json"},
            ),
            "/broken.json": Reply(
                b'{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1",',
                headers={"Content-Type": JSON_FEED_TYPE},
            ),
            "/ids.xml": Reply(feed_of_ids(server.base_url), headers={"Content-Type": RSS_TYPE}),
            "/ids.json": Reply(
                json_feed_of_ids(server.base_url), headers={"Content-Type": "application/json"}
            ),
            "/notes/8": Reply(article_page("有链接的报道")),
            "/notes/9": Reply(article_page("以网址为 id 的报道")),
        }
        for path, reply in routes.items():
            server.route(path, reply)
        names = ("parked", "challenge", "api", "broken", "ids", "json-ids")
        paths = ("/parked.xml", "/challenge.xml", "/api/feed.json", "/broken.json", "/ids.xml", "/ids.json")
        config = write_config(
            directory / "forumwatch.toml",
            allow_private=["127.0.0.1"],
            crawl=KEEP_EVERYTHING,
            sources="".join(
                feed_source(name, server.url(path)) for name, path in zip(names, paths, strict=True)
            ),
        )
        outcome = run_crawl(config)
        base = server.base_url
    return outcome, base, f"sqlite:///{directory / 'hostile.db'}"


def test_feed_urls_that_answer_no_feed_are_reported_as_what_they_are(
    unusual_feeds: tuple[CrawlOutcome, str, str],
) -> None:
    outcome, base, database_url = unusual_feeds
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.run["status"] == "finished"
    assert "Traceback" not in outcome.stderr
    assert "invalid token" not in outcome.stderr  # feedparser's word for JSON and HTML: never shown
    assert "syntax error" not in outcome.stderr
    for name in ("parked", "challenge", "api", "broken"):
        assert outcome.counts(name)["errors_by_kind"] == {"feed": 1}, name
    reasons = feed_errors(database_url)
    assert (
        reasons[f"{base}/parked.xml"]
        == 'an HTML page, not a feed (titled "forum-news.example 域名出售 — 立即询价")'
    )
    assert reasons[f"{base}/challenge.xml"] == 'an HTML page, not a feed (titled "Just a moment...")'
    assert reasons[f"{base}/api/feed.json"] == (
        'JSON that is not a JSON Feed (an object with keys "status", "message", "retry_after")'
    )
    assert reasons[f"{base}/broken.json"].startswith("JSON that cannot be read: Expecting")
    for url, reason in reasons.items():
        if reason:
            assert f"feed {url}: {reason}" in outcome.stderr  # the log names the source's feed and why


def test_entries_without_a_web_link_are_skipped_and_the_rest_of_the_feed_is_read(
    unusual_feeds: tuple[CrawlOutcome, str, str],
) -> None:
    outcome, base, _ = unusual_feeds
    assert "Missing scheme" not in outcome.stderr
    for name in ("ids", "json-ids"):
        assert outcome.counts(name)["errors"] == 0, outcome.stderr
        assert outcome.counts(name)["fetched"] == 1
        assert outcome.counts(name)["entries_without_link"] >= 1  # in the run's record, not only the log
    assert {article["url"] for article in outcome.articles} == {f"{base}/notes/8", f"{base}/notes/9"}
    assert (
        "source ids: feed entry '没有链接的简讯' (id 'urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a') skipped: "
        "its link 'urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a' is no web address" in outcome.stderr
    )
    assert (
        "source ids: feed entry '只有全文的通讯' (id 'tag:forum.example,2024:notes-7') skipped: its link "
        "'tag:forum.example,2024:notes-7' is no web address; its full text is not stored without one"
        in outcome.stderr
    )
    assert (
        "source json-ids: feed entry 'JSON 里只有全文的通讯' (id 'tag:forum.example,2024:json-1') skipped: "
        "it has no link; its full text is not stored without one" in outcome.stderr
    )
    # The item that is no JSON object is named, and the others read.
    assert (
        "feed is not well-formed (1 of 3 items are not JSON objects); using the 2 entries found"
        in outcome.stderr
    )


def feed_errors(database_url: str) -> dict[str, str | None]:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT feed_url, last_error FROM feed_states")).all()
    finally:
        engine.dispose()
    return dict(rows)


# The spider on hand-made responses: counts and what comes out, without a crawl.


@pytest.fixture
def feed_spider(tmp_path: Path) -> FeedSpider:
    crawler = get_crawler(FeedSpider, {"FORUMWATCH_DATABASE_URL": f"sqlite:///{tmp_path}/t.db"})
    crawler.stats.open_spider()
    source = Source(name="city-json", kind="feed", url="https://city.example/feed.json")
    spider: FeedSpider = FeedSpider.from_crawler(crawler, source=source)
    return spider


def feed_response(body: bytes, content_type: str = JSON_FEED_TYPE) -> Response:
    return TextResponse(
        "https://city.example/feed.json",
        body=body,
        headers={"Content-Type": content_type},
        request=Request("https://city.example/feed.json"),
    )


def test_entries_without_a_web_link_are_counted_against_the_source(feed_spider: FeedSpider) -> None:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "items": [
            {"id": "urn:uuid:0b8e2c5e-1d4c-4c59-9a53-0cbd5ed0a1a1", "title": "one"},
            {"id": "tag:city.example,2024:2", "title": "two", "url": "mailto:desk@city.example"},
            {"id": "3", "title": "three", "url": "http://[::1"},
            {"id": "4", "title": "four", "url": "/news/4"},
        ],
    }
    results = parse_feed_results(feed_spider, feed_response(json.dumps(feed).encode()))
    assert [request.url for request in results] == ["https://city.example/news/4"]
    assert feed_spider.crawler.stats.get_value(stats.FEED_ENTRIES_WITHOUT_LINK) == 3
    assert feed_spider.crawler.stats.get_value(stats.ERRORS) is None


def test_a_full_text_json_item_is_an_article_item(feed_spider: FeedSpider) -> None:
    feed = json.loads(json_edition("https://city.example"))
    [item, plain, teaser] = parse_feed_results(feed_spider, feed_response(json.dumps(feed).encode()))
    assert isinstance(item, ArticleItem)
    assert item.url == "https://city.example/news/2024/forum-opens"
    assert item.feed_entry is not None
    assert item.feed_entry.full_text
    assert item.feed_entry.published == datetime(2024, 12, 1, 1, 30, tzinfo=UTC)
    assert isinstance(plain, ArticleItem)
    assert plain.raw == "".join(f"<p>{paragraph}</p>" for paragraph in STORIES[1].paragraphs)
    assert isinstance(teaser, Request)
    assert teaser.url == "https://city.example/news/2024/brief"


def test_content_that_ends_in_an_ellipsis_is_a_teaser_however_long() -> None:
    excerpt = (
        "This blog post has been updated with the latest benchmark results. " * 4 + "we regularly get..."
    )
    item = {"id": "1", "url": "https://a.example/1", "content_text": excerpt}
    [entry] = parse_json_feed(json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": [item]}))[
        "entries"
    ]
    assert full_text(entry) is None
    entry["content"][0]["value"] = excerpt.removesuffix("we regularly get...") + "that is all."
    assert full_text(entry) is not None


# The adapter: JSON Feed items as feedparser's entries.

DARING = {
    "version": "https://jsonfeed.org/version/1",
    "title": "Link &#8211; Blog",
    "home_page_url": "https://blog.example/",
    "author": {"name": "A. Blogger", "url": "https://blog.example/about"},
    "items": [
        {
            "title": "A linked item &amp; a note, AT&T",
            "date_published": "2020-01-24T23:46:57Z",
            "date_modified": "2020-01-25T07:46:57+08:00",
            "id": "https://blog.example/linked/2020/01/24/item",
            "external_url": "https://news.example/2020/01/22/story.html",
            "content_html": "<p>Good summary.</p>",
            "image": "https://blog.example/i.png",
            "attachments": [
                {"url": "https://blog.example/a.mp3", "mime_type": "audio/mpeg", "size_in_bytes": 9}
            ],
            "tags": ["forum", 3, ""],
        },
        {
            "id": 42,
            "url": "https://blog.example/42",
            "language": "zh-TW",
            "content_text": "雙城論壇",
            "date_published": "Fri, 31 May 2019 12:17:58 -0700",
            "authors": [{"name": "Chris"}, {"url": "https://blog.example/b"}, "nobody"],
            "title": ["not", "a", "string"],
        },
        {"id": "x", "url": "https://blog.example/x", "date_published": "2024-13-45", "title": "  "},
        {"id": "y", "url": "https://blog.example/y", "date_published": "2024-05-06T10:00:00"},
    ],
}


def test_json_feed_items_read_as_feedparser_entries() -> None:
    parsed = parse_json_feed(json.dumps(DARING))
    assert (parsed["version"], parsed["bozo"]) == ("json1", False)
    assert parsed["feed"]["title"] == "Link – Blog"
    linked, chinese, bad_date, naive = parsed["entries"]
    # A URL id without "url" is the link; the linked page is kept apart, never taken for the entry's.
    assert linked["link"] == "https://blog.example/linked/2020/01/24/item"
    assert linked["external_url"] == "https://news.example/2020/01/22/story.html"
    assert [link["rel"] for link in linked["links"]] == ["alternate", "related"]
    assert linked["title"] == "A linked item & a note, AT&T"
    assert linked["content"] == [{"type": "text/html", "value": "<p>Good summary.</p>"}]
    assert linked["published_parsed"][:6] == (2020, 1, 24, 23, 46, 57)
    assert linked["updated_parsed"][:6] == (2020, 1, 24, 23, 46, 57)
    assert linked["author"] == "A. Blogger"  # the feed's author, inherited as the specification says
    assert linked["media_content"] == [{"url": "https://blog.example/i.png", "medium": "image"}]
    assert linked["enclosures"] == [
        {"href": "https://blog.example/a.mp3", "type": "audio/mpeg", "length": "9"}
    ]
    assert [tag["term"] for tag in linked["tags"]] == ["forum"]
    info = entry_info(linked)
    assert (info.title, info.author, info.image) == (
        "A linked item & a note, AT&T",
        "A. Blogger",
        "https://blog.example/i.png",
    )
    assert chinese["id"] == "42"
    assert chinese["language"] == "zh-TW"
    assert chinese["content"] == [{"type": "text/plain", "value": "雙城論壇"}]
    assert chinese["published_parsed"][:6] == (2019, 5, 31, 19, 17, 58)  # RFC 822, made UTC
    assert chinese["authors"] == [{"name": "Chris"}, {"href": "https://blog.example/b"}]
    assert "title" not in chinese
    # An unreadable date is kept as written, unparsed: the spider tries its own forms on it.
    assert bad_date["published"] == "2024-13-45"
    assert "published_parsed" not in bad_date
    assert "title" not in bad_date
    assert naive["published_parsed"][:4] == (2024, 5, 6, 10)  # no offset: UTC, as feedparser reads one


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"[1, 2, 3]", "JSON that is not a JSON Feed (an array)"),
        (b'"feed"', "JSON that is not a JSON Feed (a string)"),
        (b"{}", "JSON that is not a JSON Feed (an empty object)"),
        (
            b'{"version": "2.0", "rss": {}, "a": 1, "b": 2, "c": 3, "d": 4}',
            'JSON that is not a JSON Feed (an object with keys "version", "rss", "a", "b", "c", …)',
        ),
        (
            b'{"version": "https://jsonfeed.org/version/1.1", "title": "t"}',
            'JSON that is not a JSON Feed (a JSON Feed "version" but no "items" list)',
        ),
        (
            b'{"version": "https://jsonfeed.org/version/1", "items": ',
            "JSON that cannot be read: Expecting value",
        ),
        (b"[" * 100_000 + b"]" * 100_000, "JSON that cannot be read: maximum recursion depth exceeded"),
    ],
)
def test_json_that_is_no_json_feed_says_what_it_is(body: bytes, reason: str) -> None:
    with pytest.raises(NotAJsonFeedError) as raised:
        parse_json_feed(body)
    assert str(raised.value).startswith(reason)


def test_items_that_are_not_objects_are_left_out_and_named() -> None:
    parsed = parse_json_feed(b'{"version": "http://jsonfeed.org/version/1", "items": [null, {"id": "1"}]}')
    assert parsed["version"] == "json1"
    assert len(parsed["entries"]) == 1
    assert (parsed["bozo"], parsed["bozo_exception"]) == (True, "1 of 2 items are not JSON objects")


@pytest.mark.parametrize(
    ("body", "is_json"),
    [
        (b'\xef\xbb\xbf\n  {"version": 1}', True),
        (b"\r\n[1]", True),
        (b'<?xml version="1.0"?><rss/>', False),
        (b"", False),
        (b"callback({})", False),
    ],
)
def test_json_is_told_by_its_first_character(body: bytes, is_json: bool) -> None:
    assert looks_like_json(body) is is_json


@pytest.mark.parametrize(
    ("page", "reason"),
    [
        ("<html><head><title>Parked</title></head></html>", 'an HTML page, not a feed (titled "Parked")'),
        (
            '\ufeff<?xml version="1.0"?>\n<!-- served by nginx -->\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0'
            ' Strict//EN" "x"><html xmlns="http://www.w3.org/1999/xhtml"><title>\n Just a\n moment...</title>',
            'an HTML page, not a feed (titled "Just a moment...")',
        ),
        ("<HTML><BODY>Attention Required!</BODY></HTML>", "an HTML page, not a feed"),
        (
            "<html><title>" + "域名出售" * 40 + "</title>",
            'an HTML page, not a feed (titled "' + ("域名出售" * 20)[:79] + '…")',
        ),
        ("<html><title>a\x1b[2J &amp; b</title>", 'an HTML page, not a feed (titled "a[2J & b")'),
        ('<?xml version="1.0"?><rss version="2.0"><channel><description>&lt;html&gt;</description>', None),
        ("<br />\n<b>Warning</b>: headers already sent<rss version='2.0'></rss>", None),
        (
            "<!DOCTYPE html>\n<meta charset=utf-8><title>Parked</title>",
            'an HTML page, not a feed (titled "Parked")',
        ),
        ("<head><title>Parked</title></head>", 'an HTML page, not a feed (titled "Parked")'),
        # An XHTML doctype before a feed's root: feedparser reads the feed, and so does the spider.
        ('<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "x">\n<rss><channel>', None),
        ('<!DOCTYPE rss [<!ENTITY nbsp "&#160;">]><rss version="0.91"><channel><title>t</title>', None),
        ("<feed xmlns='http://www.w3.org/2005/Atom'><title>html</title></feed>", None),
    ],
)
def test_html_pages_are_told_from_feeds_by_their_start(page: str, reason: str | None) -> None:
    assert describe_html_page(page) == reason
    decoded = decode_feed(page.encode("utf-8"), "application/rss+xml")
    assert decoded.unreadable == reason


def test_every_json_feed_of_the_eval_set_yields_linked_titled_entries() -> None:
    """The JSON Feeds of the shared eval set (feed-rs's real and spec feeds, feedparser's example), read
    in place: every item an entry with a web link, and with its title where the item has one."""
    feeds = eval_feeds_or_skip()
    files = sorted(path for path in feeds.rglob("*.json") if not path.name.endswith(".serde.json"))
    assert files, f"no JSON Feed under {feeds}"
    for path in files:
        raw = path.read_bytes()
        decoded = decode_feed(raw, "application/feed+json")
        assert decoded.unreadable is None, path
        parsed = parse_feed(decoded.body, decoded.content_type, "https://eval.example/feed.json")
        items = json.loads(raw)["items"]
        assert parsed["version"].startswith("json"), path
        assert len(parsed["entries"]) == len(items) > 0, path
        for item, entry in zip(items, parsed["entries"], strict=True):
            assert entry["link"].startswith(("http://", "https://")), (path, item)
            if isinstance(item.get("title"), str) and item["title"].strip():
                assert entry_info(entry).title, (path, item)
            full_text(entry)  # the spider's full-text rule takes every entry
        assert any(entry_info(entry).title for entry in parsed["entries"]), path
