"""Downloads Scrapy drops on the way are errors of the source, each of its kind: a redirect loop (which
the duplicate filter would drop silently), a chain longer than Scrapy follows, a decompression bomb, a
body over the size limit. The healthy article beside them is stored."""

from __future__ import annotations

import gzip
from collections.abc import Iterator

import pytest

from forumwatch.localserver import LocalServer, Reply
from tests.hostile.crawl import CrawlOutcome, run_crawl, site_source, write_config
from tests.hostile.pages import article_page, listing_page

HOPS = 21  # Scrapy follows 20 (REDIRECT_MAX_TIMES)
BOMB_MIB = 64  # the limit is 32 MiB (crawler/settings.py DOWNLOAD_MAXSIZE)


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[CrawlOutcome, LocalServer]]:
    with LocalServer() as news:
        news.redirect("/a/loop1.html", "/a/loop2.html")
        news.redirect("/a/loop2.html", "/a/loop1.html")
        for hop in range(HOPS):
            news.redirect(f"/a/chain{hop}.html", f"/a/chain{hop + 1}.html")
        news.route(f"/a/chain{HOPS}.html", Reply(article_page("双城论坛 链尾")))
        bomb = gzip.compress(b"\0" * (BOMB_MIB << 20), compresslevel=9)
        news.route("/a/bomb.html", Reply(bomb, headers={"Content-Encoding": "gzip"}))
        news.route(
            "/a/huge.html",
            Reply(headers={"Content-Length": str(40 << 20)}, chunks=([b"x" * 65536] * 640)),
        )
        news.route("/a/ok.html", Reply(article_page("双城论坛下月登场")))
        links = ["/a/loop1.html", "/a/chain0.html", "/a/bomb.html", "/a/huge.html", "/a/ok.html"]
        news.route("/list/", Reply(listing_page(*links)))
        config = write_config(
            tmp_path_factory.mktemp("dropped") / "forumwatch.toml",
            allow_private=["127.0.0.1"],
            sources=site_source("site", news.url("/list/"), r"/a/\w+\.html$"),
        )
        yield run_crawl(config), news


def test_each_dropped_download_is_counted_by_its_kind(crawled: tuple[CrawlOutcome, LocalServer]) -> None:
    outcome, _ = crawled
    assert outcome.counts("site")["errors_by_kind"] == {"redirect": 2, "size": 2}, outcome.stderr


def test_a_redirect_loop_is_named_in_the_log(crawled: tuple[CrawlOutcome, LocalServer]) -> None:
    outcome, news = crawled
    assert "redirect loop" in outcome.stderr
    assert len(news.requested("/a/loop1.html")) == 1  # not followed round and round


def test_the_healthy_article_is_stored(crawled: tuple[CrawlOutcome, LocalServer]) -> None:
    outcome, _ = crawled
    assert [a["url"].rsplit("/", 1)[-1] for a in outcome.articles] == ["ok.html"]
