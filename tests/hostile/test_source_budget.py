"""A broken source spends its budget and stops, and the run says so: 1,000 dead links must not take
the night. The healthy source beside it is stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from forumwatch.localserver import LocalServer, Reply, closed_port
from tests.hostile.crawl import feed_source, run_crawl, site_source, write_config
from tests.hostile.pages import article_page, feed_of_links, listing_page


def healthy_site(news: LocalServer) -> str:
    news.route("/a/1.html", Reply(article_page("双城论坛下月登场")))
    news.route("/list/", Reply(listing_page("/a/1.html")))
    return site_source("healthy", news.url("/list/"), r"/a/\d+\.html$")


@pytest.mark.slow
def test_a_source_of_dead_links_stops_at_its_error_limit(tmp_path: Path) -> None:
    dead = f"http://127.0.0.1:{closed_port()}"
    with LocalServer() as news:
        news.route("/dead.xml", Reply(feed_of_links(*(f"{dead}/{n}.html" for n in range(1000)))))
        config = write_config(
            tmp_path / "forumwatch.toml",
            allow_private=["127.0.0.1"],
            crawl="source_error_limit = 10\n",
            sources=feed_source("dead", news.url("/dead.xml")) + healthy_site(news),
        )
        outcome = run_crawl(config)
    dead_counts = outcome.counts("dead")
    assert dead_counts["stopped_early"] == "error limit reached (10 failed tries)", outcome.stderr
    assert dead_counts["requests"] < 100  # the tries in flight when it stopped, not three thousand
    assert outcome.counts("healthy")["stopped_early"] is None
    assert [a["url"].rsplit("/", 1)[-1] for a in outcome.articles] == ["1.html"]
    assert "error limit reached" in outcome.stdout + outcome.stderr


@pytest.mark.slow
def test_a_source_that_never_ends_stops_at_its_time_limit(tmp_path: Path) -> None:
    with LocalServer() as news:
        # A listing that trickles a byte a second for ten minutes.
        news.route("/endless/", Reply(chunks=([b"<html><body>"] + [b" "] * 600), pause=1.0))
        config = write_config(
            tmp_path / "forumwatch.toml",
            allow_private=["127.0.0.1"],
            # Before the download timeout (the listing's download in flight ends at it), and long enough
            # for the healthy source, which the same limit binds, to finish on a loaded machine. The two
            # share a host: the healthy source's robots.txt must not wait for the trickling listing
            # (crawler/politeness.py).
            crawl="source_time_limit = 8\n",
            download_timeout=10.0,
            sources=site_source("endless", news.url("/endless/"), r"/a/\d+\.html$") + healthy_site(news),
        )
        outcome = run_crawl(config)
    assert outcome.counts("endless")["stopped_early"] == "time limit reached (8 s)", outcome.stderr
    assert outcome.seconds < 30
    assert len(outcome.articles) == 1, outcome.stdout + outcome.stderr
