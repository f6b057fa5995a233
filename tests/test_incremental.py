"""crawler/downloadermiddlewares/incremental.py: stored and seen article URLs are not downloaded again.

The crawls run `run_crawl` in a subprocess (Twisted's reactor runs once per process) against a local site
of an on-topic, an off-topic and an empty page and one gone (404).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.exceptions import DropItem, IgnoreRequest
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from crawler import stats
from crawler.cleaner import clean
from crawler.downloadermiddlewares.incremental import SkipStoredArticleLinks, SkipStoredArticlesMiddleware
from crawler.items import ArticleItem
from crawler.spiders.base import ARTICLE_META_KEY
from forumwatch.localserver import LocalServer, Reply
from storage.seen import UrlKeys
from tests.test_crawl_stats import (
    FORUM_TEXT,
    NO_ARTICLE,
    STOCKS_TEXT,
    article_page,
    listing_page,
    run_crawl_script,
)

# An alias in its menu only: the topic screen passes the page to the cleaner, which finds no article in it.
EMPTY_WITH_ALIAS = NO_ARTICLE.replace(b">home<", ">双城论坛专题<".encode())
ARTICLES = ("/news/forum.html", "/news/stocks.html", "/news/empty.html", "/news/gone.html")
PAGES = {
    "/news/": Reply(listing_page(*ARTICLES)),
    "/news/forum.html": Reply(article_page("双城论坛举行", FORUM_TEXT)),
    "/news/stocks.html": Reply(article_page("A股收涨", STOCKS_TEXT)),
    "/news/empty.html": Reply(EMPTY_WITH_ALIAS),
    "/news/gone.html": Reply(b"<html><body>gone</body></html>", status=404),
}


def middleware(**settings: object) -> SkipStoredArticlesMiddleware:
    return SkipStoredArticlesMiddleware.from_crawler(get_crawler(settings_dict=dict(settings)))


def article_response(url: str, status: int = 200, redirected_from: str | None = None) -> HtmlResponse:
    meta: dict[str, object] = {ARTICLE_META_KEY: True}
    if redirected_from is not None:
        meta["redirect_urls"] = [redirected_from]
    return HtmlResponse(url, status=status, body=b"", request=Request(url, meta=meta))


def test_known_article_urls_are_skipped_in_any_spelling_and_counted() -> None:
    skipper = middleware()
    skipper.skippable = UrlKeys.of(["https://a.example/1.html"])
    with pytest.raises(IgnoreRequest):
        skipper.process_request(
            Request("https://a.example/1.html?utm_source=x", meta={ARTICLE_META_KEY: True})
        )
    skipper.process_request(Request("https://a.example/2.html", meta={ARTICLE_META_KEY: True}))
    skipper.process_request(Request("https://a.example/1.html"))  # a listing page is always fetched
    assert skipper.crawler.stats is not None
    assert skipper.crawler.stats.get_value(stats.SKIPPED) == 1


def test_what_the_crawl_learns_is_told_by_how_far_the_item_got() -> None:
    skipper = middleware()
    page = clean(article_page("A股收涨", STOCKS_TEXT), "https://a.example/off.html")
    empty = ArticleItem(source_name="s", url="https://a.example/empty.html", raw=b"")
    off_topic = ArticleItem(source_name="s", url="https://a.example/off.html", raw=b"", article=page)
    elsewhere = ArticleItem(
        source_name="s", url="https://a.example/wire.html", raw=b"", article=page, canonical_url="x"
    )
    drop = DropItem("dropped")
    skipper.item_dropped(empty, article_response(empty.url), drop)
    skipper.item_dropped(
        off_topic, article_response(off_topic.url, redirected_from="https://a.example/o"), drop
    )
    skipper.item_dropped(elsewhere, article_response(elsewhere.url), drop)
    # A full-text feed entry came with the feed: no page of its own was downloaded.
    skipper.item_dropped(empty, HtmlResponse("https://a.example/feed", body=b""), drop)
    response = article_response("https://a.example/gone.html", status=404)
    assert response.request is not None
    assert skipper.process_response(response.request, response) is response
    assert skipper.learned == {
        "https://a.example/empty.html": "empty",
        "https://a.example/o": "off_topic",
        "https://a.example/off.html": "off_topic",
        "https://a.example/wire.html": "stored_elsewhere",
        "https://a.example/gone.html": "gone",
    }


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        for path, reply in PAGES.items():
            running.route(path, reply)
        yield running


def write_config(path: Path, base: str, db_url: str, recheck_days: int, aliases: str) -> None:
    path.write_text(
        f'[database]\nurl = "{db_url}"\n'
        "[crawl]\ndownload_delay = 0.0\nautothrottle = false\ndownload_timeout = 10.0\n"
        f'allow_private = ["127.0.0.1"]\nrecheck_days = {recheck_days}\n'
        f'[[topics]]\nname = "twin-city-forum"\naliases = [{aliases}]\n'
        f'[[sources]]\nname = "news"\nkind = "site"\nstart_urls = ["{base}/news/"]\n'
        'article_pattern = "/news/\\\\w+\\\\.html"\n',
        encoding="utf-8",
    )


def crawl(
    server: LocalServer,
    tmp: Path,
    recheck_days: int = 30,
    aliases: str = '"双城论坛"',
    articles: tuple[str, ...] = ARTICLES,
    flush_every: int | None = None,
) -> tuple[dict[str, int], list[str]]:
    """One crawl of the site into tmp's database: the source's counts and the article pages requested.
    ``flush_every``: the middleware's FLUSH_EVERY in the crawl, when not its own."""
    config = tmp / "forumwatch.toml"
    write_config(config, server.base_url, f"sqlite:///{tmp}/fw.db", recheck_days, aliases)
    before = len(server.requested())
    prelude = (
        "from crawler.downloadermiddlewares.incremental import SkipStoredArticlesMiddleware\n"
        f"SkipStoredArticlesMiddleware.FLUSH_EVERY = {flush_every}"
        if flush_every is not None
        else ""
    )
    counts = run_crawl_script(config, ["news"], prelude=prelude)[0]["counts"]["news"]
    requested = [r.path for r in server.requested()[before:] if r.path in articles]
    return counts, sorted(requested)


def test_a_second_crawl_downloads_no_stored_nor_seen_page(server: LocalServer, tmp_path: Path) -> None:
    first, requested = crawl(server, tmp_path)
    assert requested == sorted(ARTICLES)
    assert (first["new"], first["off-topic"], first["empty"], first["skipped"]) == (1, 1, 1, 0)
    second, requested = crawl(server, tmp_path)
    assert requested == []
    assert second["skipped"] == 4


def test_what_is_learned_is_written_during_the_crawl_as_well(server: LocalServer, tmp_path: Path) -> None:
    # A flush after every URL learned, the flushes one at a time while the crawl goes on: the second
    # crawl knows every page all the same.
    first, _ = crawl(server, tmp_path, flush_every=1)
    assert (first["off-topic"], first["empty"]) == (1, 1)
    second, requested = crawl(server, tmp_path)
    assert requested == []
    assert second["skipped"] == 4


def test_off_topic_pages_are_downloaded_again_when_the_topics_change(
    server: LocalServer, tmp_path: Path
) -> None:
    crawl(server, tmp_path)
    counts, requested = crawl(server, tmp_path, aliases='"双城论坛", "A股"')
    assert requested == ["/news/stocks.html"]
    assert (counts["new"], counts["skipped"]) == (1, 3)


def test_recheck_days_zero_downloads_every_page_not_stored(server: LocalServer, tmp_path: Path) -> None:
    crawl(server, tmp_path)
    counts, requested = crawl(server, tmp_path, recheck_days=0)
    assert requested == sorted(set(ARTICLES) - {"/news/forum.html"})
    assert counts["skipped"] == 1


def test_known_article_links_are_dropped_as_the_spider_yields_them_and_counted_once() -> None:
    skipper = middleware()
    skipper.skippable = UrlKeys.of(["https://a.example/1.html"])
    links = SkipStoredArticleLinks(skipper.crawler, skipper)
    known = Request("https://a.example/1.html?utm_source=x", meta={ARTICLE_META_KEY: True})
    new = Request("https://a.example/2.html", meta={ARTICLE_META_KEY: True})
    listing = Request("https://a.example/1.html")  # a listing page is always fetched
    item = ArticleItem(source_name="s", url="https://a.example/3.html", raw=b"")
    kept = list(
        links.process_spider_output(HtmlResponse("https://a.example/", body=b""), [known, new, listing, item])
    )
    assert kept == [new, listing, item]
    assert skipper.crawler.stats is not None
    assert skipper.crawler.stats.get_value(stats.SKIPPED) == 1
