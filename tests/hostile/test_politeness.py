"""Politeness per host, whichever source asks (crawler/politeness.py): robots.txt's Crawl-delay, the
per-host concurrency of all sources together, a 429's or 503's Retry-After; and a source's own headers,
cookies and proxy (crawler/source_settings.py).

Timings are the server's: when each request arrived, with lower bounds only (a loaded machine is slower,
never faster); concurrency is counted by the server, from a request's arrival to its body's last byte.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from itertools import pairwise
from pathlib import Path

import pytest

from crawler.politeness import DEFAULT_MAX_RETRY_AFTER, HostTurns, retry_after_seconds
from crawler.source_settings import source_settings
from forumwatch.config import ConfigError, parse_config
from forumwatch.crawling import source_of
from forumwatch.localserver import LocalServer, Received, Reply, Route
from tests.hostile.crawl import run_crawl, site_source, write_config
from tests.hostile.pages import article_page, listing_page

ARTICLES = r"/a/\d+\.html$"
# A second is plenty to tell a delay from none: without one, the requests arrive milliseconds apart.
CRAWL_DELAY = 1
# Below Crawl-delay by the previous request's way from our turn to the server's clock (a connection, a
# thread): the turns are CRAWL_DELAY apart, the arrivals at least this.
CRAWL_DELAY_GAP = CRAWL_DELAY - 0.2


def gaps(requests: Sequence[Received]) -> list[float]:
    times = sorted(request.at for request in requests)
    return [later - earlier for earlier, later in pairwise(times)]


def header(request: Received, name: str) -> str | None:
    return next((value for key, value in request.headers.items() if key.lower() == name.lower()), None)


@pytest.mark.slow
def test_crawl_delay_spaces_every_request_to_the_host_whichever_source_makes_it(tmp_path: Path) -> None:
    with LocalServer() as gov:
        robots = f"User-agent: *\nCrawl-delay: {CRAWL_DELAY}\n".encode()
        gov.route("/robots.txt", Reply(robots, headers={"Content-Type": "text/plain"}))
        gov.route("/a/1.html", Reply(article_page("双城论坛下月登场")))
        gov.route("/news/", Reply(listing_page("/a/1.html")))
        gov.route("/notices/", Reply(listing_page()))
        config = write_config(
            tmp_path / "forumwatch.toml",
            allow_private=["127.0.0.1"],
            sources=site_source("news", gov.url("/news/"), ARTICLES)
            + site_source("notices", gov.url("/notices/"), ARTICLES),
        )
        outcome = run_crawl(config)
    assert outcome.exit_code == 0, outcome.stderr
    assert len(outcome.articles) == 1
    received = gov.requested()
    # Each source's robots.txt and listing, and the article: the second robots.txt waits too.
    assert sorted(r.path for r in received) == [
        "/a/1.html",
        "/news/",
        "/notices/",
        "/robots.txt",
        "/robots.txt",
    ]
    assert min(gaps(received)) >= CRAWL_DELAY_GAP, gaps(received)


class OpenRequests:
    """Counts the requests the server is answering at once, and the most it ever answered."""

    def __init__(self) -> None:
        self.now = 0
        self.most = 0
        self._lock = threading.Lock()

    def slow(self, body: bytes) -> Route:
        """A route that sends ``body`` in three pieces over ~0.75 s, counted while it does."""

        def reply(received: Received) -> Reply:
            with self._lock:
                self.now += 1
                self.most = max(self.most, self.now)
            return Reply(chunks=self._trickle(body), pause=0.25)

        return reply

    def _trickle(self, body: bytes) -> Iterator[bytes]:
        try:
            piece = len(body) // 3 + 1
            for start in range(0, len(body), piece):
                yield body[start : start + piece]
        finally:
            with self._lock:
                self.now -= 1


@pytest.mark.slow
def test_two_sources_on_one_host_keep_to_its_concurrency_together(tmp_path: Path) -> None:
    open_requests = OpenRequests()
    with LocalServer() as site:
        site.route("/robots.txt", open_requests.slow(b"User-agent: *\nAllow: /\n"))
        sources = ""
        for name in ("news", "politics"):
            links = [f"/{name}/a/{n}.html" for n in range(3)]
            for n, link in enumerate(links):
                site.route(link, open_requests.slow(article_page(f"双城论坛 {name} 第{n}篇")))
            site.route(f"/{name}/", open_requests.slow(listing_page(*links)))
            sources += site_source(name, site.url(f"/{name}/"), ARTICLES)
        config = write_config(
            tmp_path / "forumwatch.toml",
            allow_private=["127.0.0.1"],
            crawl="concurrent_requests_per_domain = 2\n",
            sources=sources,
        )
        outcome = run_crawl(config)
    assert outcome.exit_code == 0, outcome.stderr
    assert len(outcome.articles) == 6
    # Each source alone may have 2 in flight; together they had 2, not 4.
    assert open_requests.most == 2


def test_a_retry_after_is_waited_for_and_the_retry_stored(tmp_path: Path) -> None:
    with LocalServer() as news:
        answers = iter([Reply(b"slow down", status=429, headers={"Retry-After": "2"})])
        news.route("/a/1.html", lambda received: next(answers, Reply(article_page("双城论坛下月登场"))))
        news.route("/list/", Reply(listing_page("/a/1.html")))
        config = write_config(
            tmp_path / "forumwatch.toml",
            allow_private=["127.0.0.1"],
            sources=site_source("news", news.url("/list/"), ARTICLES),
        )
        outcome = run_crawl(config)
    assert outcome.exit_code == 0, outcome.stderr
    first, retry = news.requested("/a/1.html")
    assert retry.at - first.at >= 1.9
    assert len(outcome.articles) == 1
    assert "http" not in outcome.counts("news")["errors_by_kind"]


def test_a_retry_after_beyond_the_cap_is_given_up_as_an_http_error(tmp_path: Path) -> None:
    with LocalServer() as news:
        maintenance = Reply(
            b"back next year", status=503, headers={"Retry-After": "Wed, 01 Jan 2098 00:00:00 GMT"}
        )
        news.route("/a/1.html", maintenance)
        news.route("/list/", Reply(listing_page("/a/1.html")))
        config = write_config(
            tmp_path / "forumwatch.toml",
            allow_private=["127.0.0.1"],
            sources=site_source("news", news.url("/list/"), ARTICLES),
        )
        outcome = run_crawl(config)
    assert len(news.requested("/a/1.html")) == 1  # not retried
    assert outcome.counts("news")["errors_by_kind"] == {"http": 1}
    assert "asks to retry after" in outcome.stderr
    assert outcome.seconds < DEFAULT_MAX_RETRY_AFTER / 2  # nothing waited for the cap


@pytest.mark.slow
def test_a_sources_download_delay_spaces_its_requests(tmp_path: Path) -> None:
    with LocalServer() as gov:
        links = [f"/a/{n}.html" for n in range(2)]
        for n, link in enumerate(links):
            gov.route(link, Reply(article_page(f"双城论坛 第{n}篇")))
        gov.route("/list/", Reply(listing_page(*links)))
        config = write_config(
            tmp_path / "forumwatch.toml",
            allow_private=["127.0.0.1"],  # [crawl] download_delay = 0
            sources=site_source("gov", gov.url("/list/"), ARTICLES) + "download_delay = 1\n\n",
        )
        outcome = run_crawl(config)
    assert outcome.exit_code == 0, outcome.stderr
    assert len(gov.requested()) == 4  # robots.txt, the listing, two articles
    assert min(gaps(gov.requested())) >= 1 - 0.2, gaps(gov.requested())


def test_a_sources_headers_and_cookies_reach_the_server_and_no_other_sources(tmp_path: Path) -> None:
    with LocalServer() as site:
        for name in ("gov", "portal"):
            # Each site sets a cookie of its own: kept for the source with cookies only.
            listing = listing_page(f"/{name}/a/1.html")
            site.route(f"/{name}/", Reply(listing, headers={"Set-Cookie": f"{name}-session=s1; Path=/"}))
            site.route(f"/{name}/a/1.html", Reply(article_page(f"双城论坛 {name}")))
        gov_overrides = (
            'headers = { From = "newsdesk@example.org", Accept-Language = "zh-TW" }\n'
            'cookies = { consent = "yes", lang = "zh-TW" }\n\n'
        )
        config = write_config(
            tmp_path / "forumwatch.toml",
            allow_private=["127.0.0.1"],
            sources=site_source("gov", site.url("/gov/"), ARTICLES)
            + gov_overrides
            + site_source("portal", site.url("/portal/"), ARTICLES),
        )
        outcome = run_crawl(config)
    assert outcome.exit_code == 0, outcome.stderr
    [gov_listing], [gov_article] = site.requested("/gov/"), site.requested("/gov/a/1.html")
    for request in (gov_listing, gov_article):
        assert header(request, "From") == "newsdesk@example.org"
        assert header(request, "Accept-Language") == "zh-TW"
        assert header(request, "Accept") is not None  # Scrapy's defaults kept beside the source's
    assert sorted((header(gov_listing, "Cookie") or "").split("; ")) == ["consent=yes", "lang=zh-TW"]
    assert sorted((header(gov_article, "Cookie") or "").split("; ")) == [
        "consent=yes",
        "gov-session=s1",
        "lang=zh-TW",
    ]
    for request in (*site.requested("/portal/"), *site.requested("/portal/a/1.html")):
        assert header(request, "Cookie") is None
        assert header(request, "From") is None
        assert header(request, "Accept-Language") == "en"


def test_a_sources_proxy_carries_its_requests(tmp_path: Path) -> None:
    # news.example cannot be resolved: only the proxy, which is asked for absolute URLs, can reach it.
    with LocalServer() as proxy:
        proxy.route("http://news.example/list/", Reply(listing_page("/a/1.html")))
        proxy.route("http://news.example/a/1.html", Reply(article_page("双城论坛下月登场")))
        config = write_config(
            tmp_path / "forumwatch.toml",
            allow_private=["127.0.0.1"],
            sources=site_source("proxied", "http://news.example/list/", ARTICLES)
            + f'proxy = "{proxy.base_url}"\n\n',
        )
        outcome = run_crawl(config)
    assert outcome.exit_code == 0, outcome.stderr
    assert [r.path for r in proxy.requested()] == [
        "http://news.example/robots.txt",
        "http://news.example/list/",
        "http://news.example/a/1.html",
    ]
    assert [a["url"] for a in outcome.articles] == ["http://news.example/a/1.html"]


# ------------------------------------------------------------------------------------ configuration

SOURCE = {"name": "gov", "kind": "feed", "url": "https://www.gov.example/news.xml"}


def config_of(**overrides: object) -> dict[str, object]:
    return {"topics": [{"name": "forum", "aliases": ["双城论坛"]}], "sources": [{**SOURCE, **overrides}]}


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        (
            {"headers": {"Host": "www.gov.example"}},
            "sources[0] (gov).headers: 'Host' is set by the HTTP client",
        ),
        (
            {"headers": {"content-length": "0"}},
            "sources[0] (gov).headers: 'content-length' is set by the HTTP client",
        ),
        (
            {"headers": {"Connection": "close"}},
            "sources[0] (gov).headers: 'Connection' is a hop-by-hop header",
        ),
        (
            {"headers": {"Transfer-Encoding": "chunked"}},
            "sources[0] (gov).headers: 'Transfer-Encoding' is a hop-by-hop",
        ),
        (
            {"headers": {"Cookie": "a=b"}},
            "sources[0] (gov).headers: 'Cookie': give cookies in the source's cookies",
        ),
        (
            {"headers": {"X-Note": "a\r\nHost: evil"}},
            "sources[0] (gov).headers: the value of 'X-Note' holds a line break",
        ),
        ({"headers": {"X-Count": 3}}, "sources[0] (gov).headers.X-Count: Input should be a valid string"),
        (
            {"cookies": {"consent": "yes; admin=1"}},
            "sources[0] (gov).cookies: the value of cookie 'consent' may hold",
        ),
        ({"proxy": "socks5://127.0.0.1:1080"}, "sources[0] (gov).proxy: not an http(s) proxy URL"),
        ({"proxy": "http://proxy.example:99999"}, "sources[0] (gov).proxy: the proxy's port is not a number"),
        (
            {"proxy": "http://proxy.example:3128/path"},
            "sources[0] (gov).proxy: a proxy URL is scheme://host:port",
        ),
        (
            {"concurrent_requests": 0},
            "sources[0] (gov).concurrent_requests: Input should be greater than or equal to 1",
        ),
        (
            {"download_delay": -1},
            "sources[0] (gov).download_delay: Input should be greater than or equal to 0",
        ),
    ],
)
def test_a_bad_override_names_its_key_path(overrides: dict[str, object], expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(config_of(**overrides))
    assert expected in caught.value.lines[0], caught.value.lines


def test_a_proxy_with_a_password_is_refused_without_showing_it() -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(config_of(proxy="http://crawler:hunter2@proxy.example:3128"))
    [line] = caught.value.lines
    assert line.startswith("config: sources[0] (gov).proxy: a proxy URL may not hold a user name or password")
    assert "hunter2" not in line


def test_source_settings_are_the_overrides_only() -> None:
    plain, tuned = parse_config(
        {
            **config_of(),
            "sources": [
                SOURCE,
                {
                    **SOURCE,
                    "name": "tuned",
                    "download_delay": 5,
                    "concurrent_requests": 1,
                    "headers": {"accept-language": "zh-TW", "Referer": "https://www.gov.example/"},
                    "cookies": {"consent": "yes"},
                    "proxy": "http://proxy.example:3128",
                },
            ],
        }
    ).sources
    assert source_settings(source_of(plain, 3)) == {}
    settings = source_settings(source_of(tuned, 3))
    headers = settings.pop("DEFAULT_REQUEST_HEADERS")
    assert settings == {
        "DOWNLOAD_DELAY": 5.0,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
        "COOKIES_ENABLED": True,
        "FORUMWATCH_SOURCE_COOKIES": {"consent": "yes"},
        "FORUMWATCH_SOURCE_PROXY": "http://proxy.example:3128",
    }
    # The source's Accept-Language replaces the default one, whatever its case; Accept stays.
    assert {name.lower(): value for name, value in headers.items()} == {
        "accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        "accept-language": "zh-TW",
        "referer": "https://www.gov.example/",
    }


NOW = datetime(2025, 11, 3, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (b"2", 2.0),
        (b" 120 ", 120.0),
        (format_datetime(NOW + timedelta(seconds=90), usegmt=True).encode(), 90.0),
        (b"Mon, 03 Nov 2025 07:00:00 GMT", 0.0),  # past: now
        (b"9" * 5000, float("inf")),  # beyond any cap
        (b"-5", None),
        (b"soon", None),
        (None, None),
    ],
)
def test_retry_after_reads_seconds_and_http_dates(value: bytes | None, seconds: float | None) -> None:
    assert retry_after_seconds(value, NOW) == seconds


def test_robots_txt_does_not_wait_for_a_hung_download_but_nothing_starts_while_it_is_asked() -> None:
    turns = HostTurns(clock=lambda: 100.0)
    started: list[str] = []

    async def request(name: str, answer: asyncio.Event | None = None, alone: bool = False) -> None:
        async with turns.turn("gov.example", concurrency=2, delay=0.0, alone=alone):
            started.append(name)
            if answer is not None:
                await answer.wait()

    async def settle() -> None:
        for _ in range(10):
            await asyncio.sleep(0)

    async def scenario() -> None:
        hung, robots_answer = asyncio.Event(), asyncio.Event()  # a listing trickling for minutes
        tasks = [
            asyncio.create_task(request("listing", hung)),
            asyncio.create_task(request("robots.txt", robots_answer, alone=True)),
            asyncio.create_task(request("article")),
        ]
        await settle()
        assert started == ["listing", "robots.txt"]  # the article waits for robots.txt's Crawl-delay
        robots_answer.set()
        await settle()
        assert started == ["listing", "robots.txt", "article"]
        hung.set()
        await asyncio.gather(*tasks)

    asyncio.run(scenario())
