"""A feed built to be slow to parse (feedparser issue #562: an author that makes its e-mail regex take
seconds per entry) costs only its own time limit: it is given up, counted against its source, and the
other sources crawl on time beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from forumwatch.localserver import LocalServer, Reply
from tests.hostile.crawl import feed_source, run_crawl, site_source, write_config
from tests.hostile.pages import article_page, listing_page

EVIL_AUTHOR = "a@" + "a." * 16000 + "!"  # about 4 s per entry unbounded; ten entries: 40 s
PARSE_SECONDS = 2.0


def slow_feed() -> bytes:
    items = "".join(
        f"<item><title>双城论坛 {n}</title><link>http://news.example/{n}</link><author>{EVIL_AUTHOR}</author>"
        "<description>双城论坛</description></item>"
        for n in range(10)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'.encode()
    )


@pytest.mark.slow
def test_a_slow_feed_is_given_up_and_the_others_crawl_on(tmp_path: Path) -> None:
    with LocalServer() as news:
        news.route("/slow.xml", Reply(slow_feed(), headers={"Content-Type": "application/rss+xml"}))
        links = [f"/a/{n}.html" for n in range(5)]
        for n, link in enumerate(links):
            news.route(link, Reply(article_page(f"双城论坛 第{n}篇", f"双城论坛第{n}篇报道，两市交流合作。")))
        news.route("/list/", Reply(listing_page(*links)))
        config = write_config(
            tmp_path / "forumwatch.toml",
            allow_private=["127.0.0.1"],
            crawl=f"feed_parse_seconds = {PARSE_SECONDS}\n",
            sources=feed_source("slow", news.url("/slow.xml"))
            + site_source("news", news.url("/list/"), r"/a/\d+\.html$"),
        )
        outcome = run_crawl(config)
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.counts("slow")["errors_by_kind"] == {"feed": 1}
    assert f"longer than {PARSE_SECONDS:g} s to parse" in outcome.stderr
    assert outcome.counts("news")["fetched"] == 5
    assert len(outcome.articles) == 5
    # The whole crawl took about the limit, not the feed's 40 s.
    assert outcome.seconds < 30
