"""Meta refreshes: Scrapy's middleware is asked only about pages whose bytes may hold one
(crawler/downloadermiddlewares/redirects.py), and a refresh is still followed in a crawl."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse
from scrapy.utils.response import get_meta_refresh

from crawler.downloadermiddlewares.redirects import may_declare_refresh
from forumwatch.localserver import LocalServer, Reply
from tests.hostile.crawl import run_crawl, site_source, write_config
from tests.hostile.pages import article_page, listing_page

# How pages spell the http-equiv value: cases, and the letters written as character references.
SPELLINGS = ["refresh", "Refresh", "REFRESH", "&#114;efresh", "&#x52;EFRESH", "re&#0000102;resh"]
# What stands before the tag: nothing, Chinese text (three bytes a character in UTF-8, two in GB18030 and
# Big5; Traditional characters, which all of these encode).
LEADS = ["", "<p>" + "雙城論壇" * 900 + "</p>"]
ENCODINGS = ["utf-8", "gb18030", "big5", "utf-16", "utf-16-le", "utf-32"]


def page(spelling: str, lead: str) -> str:
    return (
        f"<html><head>{lead}<meta http-equiv='{spelling}' content='0; url=/a/target.html'></head>"
        "<body>雙城論壇將於十二月在上海舉行</body></html>"
    )


@pytest.mark.parametrize(
    ("spelling", "lead", "encoding"), list(itertools.product(SPELLINGS, LEADS, ENCODINGS))
)
def test_a_page_scrapy_would_refresh_may_declare_a_refresh(spelling: str, lead: str, encoding: str) -> None:
    body = page(spelling, lead).encode(encoding)
    response = HtmlResponse(
        "http://news.example/a/moved.html",
        body=body,
        headers={"Content-Type": f"text/html; charset={encoding}"},
    )
    _, url = get_meta_refresh(response)
    if spelling.isalpha():  # the word as it is: every version of Scrapy and w3lib follows it
        assert url == "http://news.example/a/target.html"
    if url is not None:  # whether a reference is read as its letter depends on w3lib's version
        assert may_declare_refresh(body)


def test_the_usual_page_needs_no_decoding() -> None:
    assert not may_declare_refresh(article_page("双城论坛"))
    # References to other characters, and to letters of the word but as part of a longer number.
    assert not may_declare_refresh(b"<p>&#21452;&#x57CE; &#1140; &#x72a; &amp; AT&T</p>")
    # Past what Scrapy reads: the first 4,096 characters, at most 16 KiB.
    assert not may_declare_refresh(b"<p>" + b"x" * 16384 + b"<meta http-equiv=refresh content=0;url=/b>")


def test_a_meta_refresh_is_followed_in_a_crawl(tmp_path: Path) -> None:
    with LocalServer() as news:
        moved = "<html><head><meta http-equiv='Refresh' content='0; url=/a/target.html'></head></html>"
        news.route("/a/moved.html", Reply(moved.encode()))
        news.route("/a/target.html", Reply(article_page("双城论坛 新址")))
        news.route("/a/plain.html", Reply(article_page("双城论坛 原址")))
        news.route("/list/", Reply(listing_page("/a/moved.html", "/a/plain.html")))
        config = write_config(
            tmp_path / "forumwatch.toml",
            allow_private=["127.0.0.1"],
            sources=site_source("site", news.url("/list/"), r"/a/\w+\.html$"),
        )
        outcome = run_crawl(config)
    assert outcome.exit_code == 0, outcome.stderr
    stored = sorted(article["url"].rsplit("/", 1)[-1] for article in outcome.articles)
    assert stored == ["plain.html", "target.html"], outcome.stderr
