"""Sources rendered in a browser (render = "browser"): Debian's Chromium driven by scrapy-playwright loads
a local page whose article a script builds; pages that hang stop at their timeout, past the cap pages
fail, both counted; a page that calls a private address is refused by the network policy."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

pytest.importorskip("scrapy_playwright")

from forumwatch.localserver import LocalServer, Reply
from tests.conftest import REQUIRE_SERVERS_ENV
from tests.hostile.crawl import run_crawl, site_source, write_config

pytestmark = pytest.mark.slow

CHROMIUM_ENV = "FORUMWATCH_TEST_CHROMIUM"


def chromium() -> str:
    path = os.environ.get(CHROMIUM_ENV) or shutil.which("chromium")
    if not path:
        if os.environ.get(REQUIRE_SERVERS_ENV):
            pytest.fail(f"{REQUIRE_SERVERS_ENV} is set but there is no Chromium ({CHROMIUM_ENV})")
        pytest.skip(f"no Chromium on this machine (apt-get install chromium, or set {CHROMIUM_ENV})")
    return path


def scripted_article(number: int, extra_script: str = "") -> bytes:
    """A portal's page: an empty shell, the article in a JSON blob that a script renders."""
    data = {
        "title": f"双城论坛第{number}场交流活动在台北举行",
        "paragraphs": [
            f"2026上海台北城市论坛系列活动第{number}场今天在台北举行，两市青年代表参加交流。",
            "双方就交通、文化、青年交流等议题进行了深入讨论，并商定明年继续举办。",
        ],
    }
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>门户</title></head><body>"
        "<div id='app'>加载中…</div>"
        f"<script id='data' type='application/json'>{json.dumps(data, ensure_ascii=False)}</script>"
        "<script>const d = JSON.parse(document.getElementById('data').textContent);"
        "document.title = d.title + ' - 门户';"
        "document.getElementById('app').innerHTML = '<article><h1>' + d.title + '</h1>' +"
        " d.paragraphs.map(p => '<p>' + p + '</p>').join('') + '</article>';"
        f"{extra_script}</script></body></html>"
    ).encode()


def listing(*paths: str) -> Reply:
    links = "".join(f"<li><a href='{path}'>{path}</a></li>" for path in paths)
    return Reply(f"<html><body><ul>{links}</ul></body></html>".encode())


def browser_config(tmp_path: Path, base_url: str, crawl: str = "") -> Path:
    source = site_source("portal", f"{base_url}/news/", r"/news/a\d+\.html") + 'render = "browser"\n'
    return write_config(
        tmp_path / "fw.toml",
        allow_private=["127.0.0.1"],
        sources=source,
        crawl=f"browser_executable = {json.dumps(chromium())}\n{crawl}",
    )


def test_a_page_built_by_javascript_is_stored_with_its_text(tmp_path: Path) -> None:
    with LocalServer() as server, LocalServer(host="127.0.0.2") as private:
        server.route("/news/", listing("/news/a1.html"))
        # The page also calls a private address that the configuration does not allow.
        call = f"fetch('{private.url('/secret')}').catch(() => null);"
        server.route("/news/a1.html", Reply(scripted_article(1, call)))
        private.route("/secret", Reply(b"{}"))
        outcome = run_crawl(browser_config(tmp_path, server.base_url))
        asked_privately = private.requested()
    assert outcome.exit_code == 0, outcome.stderr
    assert [a["title"] for a in outcome.articles] == ["双城论坛第1场交流活动在台北举行"]
    assert "两市青年代表参加交流" in outcome.articles[0]["text"]
    assert "加载中" not in outcome.articles[0]["text"]
    assert asked_privately == []  # refused before it left the browser
    assert "127.0.0.2 is not a public address" in outcome.stderr or "refused" in outcome.stderr


def test_a_page_that_hangs_stops_at_its_timeout_and_is_counted(tmp_path: Path) -> None:
    with LocalServer() as server:
        server.route("/news/", listing("/news/a1.html", "/news/a2.html"))
        server.route("/news/a1.html", Reply(scripted_article(1), delay=10.0))  # past the page timeout
        server.route("/news/a2.html", Reply(scripted_article(2)))
        outcome = run_crawl(browser_config(tmp_path, server.base_url, "browser_page_timeout = 2\n"))
    assert outcome.exit_code == 0, outcome.stderr
    counts = outcome.counts("portal")
    assert counts["errors_by_kind"] == {"browser": 1}
    assert [a["title"] for a in outcome.articles] == ["双城论坛第2场交流活动在台北举行"]


def test_past_the_cap_a_sources_pages_fail_and_are_counted(tmp_path: Path) -> None:
    with LocalServer() as server:
        server.route("/news/", listing("/news/a1.html", "/news/a2.html", "/news/a3.html"))
        for number in (1, 2, 3):
            server.route(f"/news/a{number}.html", Reply(scripted_article(number)))
        outcome = run_crawl(browser_config(tmp_path, server.base_url, "browser_max_pages = 2\n"))
    assert outcome.exit_code == 0, outcome.stderr
    counts = outcome.counts("portal")
    # The listing and one article are the cap's two pages; the other two articles fail.
    assert counts["errors_by_kind"] == {"browser": 2}
    assert len(outcome.articles) == 1
