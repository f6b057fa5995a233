"""SSRF: links in a stranger's feed or page to this machine, the LAN, a cloud's metadata service or
a local file are never fetched, however they are written, redirects included; each refusal is counted
against the source, and the healthy article beside them is stored.

The news site is served on 127.0.0.3 (the only address the config allows); the "private service" the
attacks aim at listens on 127.0.0.1, as an admin page or a metadata service would.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from forumwatch.localserver import LocalServer, Reply
from tests.hostile.crawl import CrawlOutcome, feed_source, run_crawl, site_source, write_config
from tests.hostile.pages import article_page, feed_of_links, listing_page

NEWS_HOST = "127.0.0.3"


def _can_bind(host: str) -> bool:
    try:
        with socket.socket() as probe:
            probe.bind((host, 0))
    except OSError:
        return False
    return True


pytestmark = pytest.mark.skipif(
    not _can_bind(NEWS_HOST),
    reason=f"this machine cannot listen on {NEWS_HOST} (all of 127/8 is loopback on Linux)",
)


def attack_links(private: LocalServer) -> dict[str, str]:
    port = private.port
    return {
        "loopback": f"http://127.0.0.1:{port}/secret",
        "localhost": f"http://localhost:{port}/secret",
        "decimal": f"http://2130706433:{port}/secret",
        "hex-short": f"http://0x7f.1:{port}/secret",
        "octal": f"http://0177.0.0.1:{port}/secret",
        "ipv4-mapped-ipv6": f"http://[::ffff:127.0.0.1]:{port}/secret",
        "ipv6-loopback": f"http://[::1]:{port}/secret",
        "metadata": "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
        "lan": "http://10.0.0.1/admin",
        "file": "file:///etc/passwd",
    }


@pytest.fixture(scope="module")
def private() -> Iterator[LocalServer]:
    with LocalServer("127.0.0.1") as server:
        server.route("/secret", Reply(article_page("双城论坛 内部机密")))
        yield server


@pytest.fixture(scope="module")
def crawled(private: LocalServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[CrawlOutcome]:
    links = attack_links(private)
    with LocalServer(NEWS_HOST) as news:
        healthy = news.route("/news/ok.html", Reply(article_page("双城论坛下月登场")))
        hop = news.redirect("/news/hop.html", links["loopback"] + "?via=redirect")
        hop_to_file = news.redirect("/news/hop-file.html", "file:///etc/passwd")  # Scrapy will not follow it
        news.route("/feed.xml", Reply(feed_of_links(*links.values(), hop, hop_to_file, healthy)))
        news.route(
            "/list/", Reply(listing_page(links["loopback"], links["decimal"], news.url("/list/a1.html")))
        )
        news.route("/list/a1.html", Reply(article_page("双城论坛 列表文章")))
        config = write_config(
            tmp_path_factory.mktemp("ssrf") / "forumwatch.toml",
            allow_private=[NEWS_HOST],
            sources=feed_source("feed", news.url("/feed.xml"))
            + site_source("site", news.url("/list/"), r"/(?:list/a\d+\.html|secret)$")
            # a source whose own URL is private: refused before anything is sent
            + feed_source("inside", f"http://127.0.0.1:{private.port}/feed.xml"),
        )
        yield run_crawl(config)


def test_no_request_reaches_a_private_address(crawled: CrawlOutcome, private: LocalServer) -> None:
    assert private.requested() == [], crawled.stderr


def test_every_refusal_is_counted_against_its_source(crawled: CrawlOutcome, private: LocalServer) -> None:
    feed = crawled.counts("feed")
    # ten attack links, and a redirect to one; a redirect to file: Scrapy does not follow at all
    assert feed["errors_by_kind"] == {"refused": len(attack_links(private)) + 1, "redirect": 1}, (
        crawled.stderr
    )
    assert crawled.counts("site")["errors_by_kind"].get("refused") == 2
    assert crawled.counts("inside")["errors_by_kind"] == {"refused": 1}
    assert "refused by the network policy" in crawled.stderr


def test_the_healthy_articles_beside_them_are_stored(crawled: CrawlOutcome) -> None:
    stored = {article["url"].rsplit("/", 1)[-1] for article in crawled.articles}
    assert stored == {"ok.html", "a1.html"}
    assert not any("root:" in article["text"] or "机密" in article["title"] for article in crawled.articles)


def test_the_crawl_is_quick(crawled: CrawlOutcome) -> None:
    # Refused requests are not attempted: nothing waits on the metadata address or the LAN to time out.
    assert crawled.counts("feed")["errors_by_kind"].get("network") is None
