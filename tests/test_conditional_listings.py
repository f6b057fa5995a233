"""Conditional GET for a site's listing pages and sitemaps: the validators the server gave at the last
complete fetch go back as If-None-Match / If-Modified-Since, and "304 Not Modified" means unchanged,
neither an error nor a failure. A page whose articles did not all come through keeps no validators,
so that the next crawl reads it whole and tries again: a 304 never hides an article never read.

Served over HTTP on 127.0.0.1 by pages that answer 304 when the validators match their current
version, crawled by `forumwatch crawl` into a real database (SQLite, and PostgreSQL when configured).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from crawler import stats
from crawler.sources import Source
from crawler.spiders import SiteSpider
from crawler.spiders.site import PAGE_META_KEY, PageVisit
from forumwatch.localserver import LocalServer, Received, Reply
from storage.feeds import FeedValidators
from tests.hostile.crawl import CrawlOutcome, run_crawl, write_config
from tests.hostile.pages import article_page, listing_page

ARTICLE_PATTERN = r"/a/\d+\.html$"
LAST_MODIFIED = "Wed, 04 Dec 2024 02:00:00 GMT"


@dataclass
class ConditionalPage:
    """A page that answers 304 when a request's validators match its current version, as nginx does
    for a static file: If-None-Match first, else If-Modified-Since."""

    body: bytes
    etag: str | None = None
    last_modified: str | None = None
    content_type: str = "text/html; charset=utf-8"

    def __call__(self, received: Received) -> Reply:
        headers = {"Content-Type": self.content_type}
        if self.etag:
            headers["ETag"] = self.etag
        if self.last_modified:
            headers["Last-Modified"] = self.last_modified
        if_none_match = header(received, "If-None-Match")
        if if_none_match is not None:
            unchanged = self.etag is not None and self.etag in (
                tag.strip() for tag in if_none_match.split(",")
            )
        else:
            unchanged = (
                self.last_modified is not None and header(received, "If-Modified-Since") == self.last_modified
            )
        return Reply(status=304, headers=headers) if unchanged else Reply(self.body, headers=headers)


def header(received: Received, name: str) -> str | None:
    return next((value for key, value in received.headers.items() if key.lower() == name.lower()), None)


def conditions(received: Received) -> tuple[str | None, str | None]:
    return header(received, "If-None-Match"), header(received, "If-Modified-Since")


def sitemap(base: str, *paths: str, index: bool = False) -> bytes:
    tag, entry = ("sitemapindex", "sitemap") if index else ("urlset", "url")
    entries = "".join(f"<{entry}><loc>{base}{path}</loc></{entry}>" for path in paths)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><{tag} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{entries}</{tag}>"
    ).encode()


def site_source(name: str, start_urls: list[str], sitemap_urls: list[str] | None = None) -> str:
    quoted = ", ".join(f'"{url}"' for url in start_urls)
    sitemaps = ", ".join(f'"{url}"' for url in sitemap_urls or [])
    return (
        f'[[sources]]\nname = "{name}"\nkind = "site"\nstart_urls = [{quoted}]\nsitemap_urls = [{sitemaps}]\n'
        f"article_pattern = '{ARTICLE_PATTERN}'\n\n"
    )


def serve_articles(server: LocalServer, *numbers: int) -> None:
    for number in numbers:
        server.route(f"/a/{number}.html", Reply(article_page(f"双城论坛 第{number}篇")))


def config_for(tmp_path: Path, sources: str, database_url: str | None = None, crawl: str = "") -> Path:
    return write_config(
        tmp_path / "forumwatch.toml",
        allow_private=["127.0.0.1"],
        crawl="keep_unmatched = true\n" + crawl,
        sources=sources,
        database_url=database_url,
    )


def source_stats(outcome: CrawlOutcome, name: str) -> dict[str, Any]:
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.run["status"] == "finished", outcome.run
    assert "Traceback" not in outcome.stderr
    return outcome.counts(name)


def test_an_unchanged_listing_and_sitemap_answer_304_and_nothing_below_them_is_fetched(
    tmp_path: Path, database_url: str
) -> None:
    with LocalServer() as server:
        serve_articles(server, 1, 2, 3)
        server.route("/news/", ConditionalPage(listing_page("/a/1.html", "/a/2.html"), etag='"list-v1"'))
        server.route(
            "/sitemap-index.xml",
            ConditionalPage(
                sitemap(server.base_url, "/sitemap-news.xml", index=True),
                last_modified=LAST_MODIFIED,
                content_type="application/xml",
            ),
        )
        server.route(
            "/sitemap-news.xml",
            ConditionalPage(
                sitemap(server.base_url, "/a/3.html"), etag='W/"news-v1"', content_type="application/xml"
            ),
        )
        config = config_for(
            tmp_path,
            site_source("city", [server.url("/news/")], [server.url("/sitemap-index.xml")]),
            database_url,
        )
        first = run_crawl(config)
        first_requests = server.requested()
        second = run_crawl(config)
        second_requests = server.requested()[len(first_requests) :]

    counts = source_stats(first, "city")
    assert (counts["fetched"], counts["errors"], counts["feed_not_modified"]) == (3, 0, 0)
    assert all(conditions(received) == (None, None) for received in first_requests)

    counts = source_stats(second, "city")
    assert (counts["fetched"], counts["skipped"], counts["errors"]) == (0, 0, 0)
    assert counts["feed_not_modified"] == 2  # the listing and the sitemap index: "unchanged", alive
    asked = {received.path: conditions(received) for received in second_requests}
    assert asked == {
        "/robots.txt": (None, None),
        "/news/": ('"list-v1"', None),
        "/sitemap-index.xml": (None, LAST_MODIFIED),
    }  # neither the articles nor the sitemap behind the index were asked for again
    # The listing is what it was: the health check's digest of its links stays the same.
    assert counts["listing_digest"] == first.counts("city")["listing_digest"] is not None


def test_a_listing_whose_article_failed_is_read_whole_until_every_article_came_through(
    tmp_path: Path,
) -> None:
    """Page 2 of a listing links to an article that fails tonight: neither page keeps its validators
    (page 1 led to page 2), so tomorrow both are read whole and the article is fetched. The sitemap
    beside them, complete, answers 304. Once all came through, the listing answers 304 too."""
    failing = {"now": True}

    def flaky_article(received: Received) -> Reply:
        if failing["now"]:
            return Reply(b"busy", status=503)
        return Reply(article_page("双城论坛 第3篇"))

    with LocalServer() as server:
        serve_articles(server, 1, 2, 4)
        server.route("/a/3.html", flaky_article)
        page_one = listing_page("/a/1.html", "/news/2/").replace(b"/news/2/</a>", "下一页</a>".encode())
        server.route("/news/", ConditionalPage(page_one, etag='"p1"'))
        server.route("/news/2/", ConditionalPage(listing_page("/a/2.html", "/a/3.html"), etag='"p2"'))
        server.route(
            "/sitemap.xml",
            ConditionalPage(
                sitemap(server.base_url, "/a/4.html"), etag='"s1"', content_type="application/xml"
            ),
        )
        config = config_for(
            tmp_path, site_source("city", [server.url("/news/")], [server.url("/sitemap.xml")])
        )
        first = run_crawl(config)
        failing["now"] = False
        mark = len(server.requested())
        second = run_crawl(config)
        second_requests = server.requested()[mark:]
        mark = len(server.requested())
        third = run_crawl(config)
        third_requests = server.requested()[mark:]

    assert source_stats(first, "city")["errors_by_kind"] == {"http": 1}
    assert {a["url"].removeprefix(server.base_url) for a in first.articles} == {
        "/a/1.html",
        "/a/2.html",
        "/a/4.html",
    }

    counts = source_stats(second, "city")
    assert (counts["errors"], counts["feed_not_modified"]) == (0, 1)
    asked = {received.path: conditions(received) for received in second_requests}
    assert asked["/news/"] == asked["/news/2/"] == (None, None)  # read whole: nothing kept for them
    assert asked["/sitemap.xml"] == ('"s1"', None)
    assert "/a/3.html" in {a["url"].removeprefix(server.base_url) for a in second.articles}

    counts = source_stats(third, "city")
    assert (counts["errors"], counts["fetched"], counts["feed_not_modified"]) == (0, 0, 2)
    asked = {received.path: conditions(received) for received in third_requests}
    assert asked == {"/robots.txt": (None, None), "/news/": ('"p1"', None), "/sitemap.xml": ('"s1"', None)}


def test_a_changed_listing_is_read_and_its_new_article_fetched(tmp_path: Path) -> None:
    with LocalServer() as server:
        serve_articles(server, 1, 2)
        listing = ConditionalPage(listing_page("/a/1.html"), etag='"v1"', last_modified=LAST_MODIFIED)
        server.route("/news/", listing)
        config = config_for(tmp_path, site_source("city", [server.url("/news/")]))
        first = run_crawl(config)
        listing.body, listing.etag = listing_page("/a/2.html", "/a/1.html"), '"v2"'
        mark = len(server.requested())
        second = run_crawl(config)
        asked = {received.path: conditions(received) for received in server.requested()[mark:]}
    assert source_stats(first, "city")["fetched"] == 1
    counts = source_stats(second, "city")
    assert (counts["fetched"], counts["skipped"], counts["feed_not_modified"]) == (1, 1, 0)
    assert asked["/news/"] == ('"v1"', LAST_MODIFIED)  # both validators sent; the ETag decides
    assert counts["listing_digest"] != first.counts("city")["listing_digest"]


def test_an_unchanged_listing_that_showed_no_articles_stays_silent(tmp_path: Path) -> None:
    """Its 304 is no sign of life: the listing still links to nothing the source looks for (a changed
    URL scheme, say), and health must go on saying so."""
    with LocalServer() as server:
        server.route("/news/", ConditionalPage(listing_page("/story/1", "/story/2"), etag='"v1"'))
        config = config_for(tmp_path, site_source("city", [server.url("/news/")]))
        first = run_crawl(config)
        second = run_crawl(config)
        answered = [received.path for received in server.requested("/news/")]
    assert source_stats(first, "city")["listing_digest"] is None
    counts = source_stats(second, "city")
    assert (counts["fetched"], counts["skipped"], counts["feed_not_modified"]) == (0, 0, 0)
    assert counts["listing_digest"] is None
    assert len(answered) == 2


def test_a_crawl_stopped_before_its_end_keeps_no_validators(tmp_path: Path) -> None:
    """An article still downloading when the source's time limit stops it was never read: the listing
    that linked to it must be read whole next time, not answered 304."""
    with LocalServer() as server:
        serve_articles(server, 1)
        server.route("/a/2.html", Reply(chunks=[b"<html><body>"] + [b" "] * 30, pause=1.0))
        server.route("/news/", ConditionalPage(listing_page("/a/1.html", "/a/2.html"), etag='"v1"'))
        config = config_for(
            tmp_path, site_source("city", [server.url("/news/")]), crawl="source_time_limit = 2\n"
        )
        first = run_crawl(config)
        mark = len(server.requested())
        run_crawl(config)
        asked = {received.path: conditions(received) for received in server.requested()[mark:]}
    assert first.counts("city")["stopped_early"] == "time limit reached (2 s)", first.stderr
    assert asked["/news/"] == (None, None)


# The spider on hand-made responses.


@pytest.fixture
def site_spider(tmp_path: Path) -> SiteSpider:
    crawler = get_crawler(SiteSpider, {"FORUMWATCH_DATABASE_URL": f"sqlite:///{tmp_path}/t.db"})
    crawler.stats.open_spider()
    source = Source(
        name="city", kind="site", start_urls=["https://city.example/news/"], article_pattern=ARTICLE_PATTERN
    )
    spider: SiteSpider = SiteSpider.from_crawler(crawler, source=source)
    return spider


def test_a_304_to_a_request_that_asked_for_none_is_a_listing_error(site_spider: SiteSpider) -> None:
    request = site_spider.listing_request("https://city.example/news/", page=1)
    assert "If-None-Match" not in request.headers  # nothing kept for it yet
    response = HtmlResponse(request.url, status=304, body=b"", request=request)
    assert list(site_spider.parse_listing(response, page=1)) == []
    assert site_spider.crawler.stats.get_value(stats.error_stat("listing")) == 1
    assert site_spider.crawler.stats.get_value(stats.FEED_NOT_MODIFIED) is None


def test_incompleteness_goes_up_every_chain_of_pages_and_ends_in_a_loop(site_spider: SiteSpider) -> None:
    sent = FeedValidators('"x"', None)
    read = {url: PageVisit(sent, outcome="read") for url in ("/1", "/2", "/3", "/other", "/robots-only")}
    read["/1"].pages = {"/2"}
    read["/2"].pages = {"/3", "/1"}  # page 2 links back to page 1
    read["/3"].articles = {"https://city.example/a/9.html"}
    read["/robots-only"].pages = {"/disallowed"}
    read["/disallowed"] = PageVisit(sent, outcome="not requested")
    site_spider._visits = read
    site_spider._failed_articles = {"https://city.example/a/9.html"}
    assert site_spider.complete_pages() == {"/other", "/robots-only", "/disallowed"}
    site_spider._failed_articles = set()
    assert site_spider.complete_pages() == set(read)


def test_a_redirected_page_is_known_by_the_url_requested(site_spider: SiteSpider) -> None:
    request = site_spider.listing_request("https://city.example/news/", page=1)
    redirected = request.replace(url="https://city.example/news/index.html")
    response = HtmlResponse(
        redirected.url, body=listing_page("/a/1.html"), headers={"ETag": '"v1"'}, request=redirected
    )
    [article] = site_spider.parse_listing(response, page=1)
    assert isinstance(article, Request)
    visit = site_spider._visits[request.meta[PAGE_META_KEY]]
    assert (visit.outcome, visit.received) == ("read", FeedValidators('"v1"', None))
    assert visit.articles == {"https://city.example/a/1.html"}
