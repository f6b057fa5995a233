"""Per-source crawl stats: errors by kind, requests, bytes, duration, replacement characters, heartbeat.

The real crawl runs `run_crawl` in a subprocess (Twisted's reactor runs once per process) against a small
HTTP server started here on 127.0.0.1, with one source per way a source can go wrong.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import scrapy.exceptions
from scrapy import Request
from scrapy.exceptions import DropItem, IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.test import get_crawler
from twisted.internet.error import ConnectionRefusedError, DNSLookupError
from twisted.python.failure import Failure

from crawler import stats
from crawler.items import ArticleItem
from crawler.pipelines.clean import CleanPipeline
from crawler.runner import counts_of
from crawler.sources import Source
from crawler.spiders import FeedSpider, SiteSpider
from forumwatch.localserver import LocalServer, Reply, closed_port
from storage.runs import SUMMARY_COLUMNS, SourceCounts

FORUM_TEXT = (
    "2021上海-台北城市论坛今天（1日）以视频形式举行，双城论坛由两市轮流举办。"
    "双方就城市治理、文化交流与青年创业等议题深入交流，并签署多项合作备忘录。"
)
STOCKS_TEXT = (
    "A股三大指数今日集体收涨，沪指涨0.52%，深成指涨0.87%，两市成交额超过九千亿元，北向资金净买入。"
    "券商板块领涨，半导体与新能源车产业链个股表现活跃，市场情绪明显回暖。"
)
WEATHER_TEXT = (
    "中央气象台今天发布暴雨蓝色预警，预计华南地区将出现大到暴雨，局地大暴雨，并伴有短时强降水。"
    "气象部门提醒公众注意防范城市内涝、山洪和地质灾害，出行关注交通信息。"
)


def article_page(title: str, text: str) -> bytes:
    paragraphs = "".join(f"<p>{text}{i}</p>" for i in range(4))
    return (
        f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>"
        f"<nav><a href='/'>首页</a></nav><article><h1>{title}</h1>{paragraphs}</article>"
        "<footer>版权所有</footer></body></html>"
    ).encode()


def listing_page(*links: str) -> bytes:
    anchors = "".join(f"<li><a href='{link}'>{link}</a></li>" for link in links)
    return f"<html><body><ul>{anchors}</ul></body></html>".encode()


# The article of the "garbled" source: valid UTF-8 but for two stray bytes in the middle of its text.
GARBLED = article_page("暴雨预警", WEATHER_TEXT).replace("华南地区".encode(), b"\xff\xfe", 1)
NO_ARTICLE = b"<html><head><title>t</title></head><body><nav><a href='/'>home</a></nav></body></html>"
SLOW_SECONDS = 0.4


PAGES = {
    "/normal/": Reply(listing_page("/normal/a1.html")),
    # Slow, so that the crawl lasts long enough for several heartbeats.
    "/normal/a1.html": Reply(article_page("双城论坛举行", FORUM_TEXT), delay=SLOW_SECONDS),
    "/missing/": Reply(listing_page("/missing/a1.html", "/missing/a2.html", "/missing/a3.html")),
    "/missing/a1.html": Reply(b"<html><body>gone</body></html>", status=404),
    "/missing/a2.html": Reply(article_page("A股收涨", STOCKS_TEXT)),
    "/missing/a3.html": Reply(b"<html><body>oops</body></html>", status=503),  # retried, one error
    "/badfeed.xml": Reply(b"<html><body>not a feed</body></html>"),
    "/badlisting/": Reply(b"\x89PNG\r\n\x1a\n" + bytes(64), headers={"Content-Type": "image/png"}),
    "/empty/": Reply(listing_page("/empty/a1.html")),
    "/empty/a1.html": Reply(NO_ARTICLE),
    "/garbled/": Reply(listing_page("/garbled/a1.html")),
    "/garbled/a1.html": Reply(GARBLED),
    "/unselected/": Reply(listing_page("/unselected/a1.html")),
}


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        for path, reply in PAGES.items():
            running.route(path, reply)
        yield running


def site(name: str, base: str, pattern: str) -> str:
    return f'[[sources]]\nname = "{name}"\nkind = "site"\nstart_urls = ["{base}"]\narticle_pattern = "{pattern}"\n'


def config_text(base: str, db_url: str) -> str:
    refused = f"http://127.0.0.1:{closed_port()}/news/"
    return "\n".join(
        [
            f'[database]\nurl = "{db_url}"\n',
            "[crawl]\ndownload_delay = 0.0\nautothrottle_start_delay = 0.0\ndownload_timeout = 10.0\n"
            'allow_private = ["127.0.0.1"]\n',
            '[[topics]]\nname = "twin-city-forum"\naliases = ["双城论坛"]\n',
            site("normal", f"{base}/normal/", r"/normal/a\\d+\\.html"),
            site("missing", f"{base}/missing/", r"/missing/a\\d+\\.html"),
            site("refused", refused, r"/news/a\\d+\\.html"),
            f'[[sources]]\nname = "badfeed"\nkind = "feed"\nurl = "{base}/badfeed.xml"\n',
            site("badlisting", f"{base}/badlisting/", r"/badlisting/a\\d+\\.html"),
            site("empty", f"{base}/empty/", r"/empty/a\\d+\\.html"),
            site("garbled", f"{base}/garbled/", r"/garbled/a\\d+\\.html"),
            site("unselected", f"{base}/unselected/", r"/unselected/a\\d+\\.html"),
        ]
    )


SELECTED = ["normal", "missing", "refused", "badfeed", "badlisting", "empty", "garbled"]

# Run in a subprocess: load the configuration, create the sources, crawl the selected ones with a
# heartbeat that fails once (it must go on beating, and the crawl must finish), print the result.
CRAWL_SCRIPT = """
import json, sys
from sqlalchemy.orm import Session
from crawler import runner
from forumwatch.config import load_config
from forumwatch.crawling import settings_of, sources_of
from pathlib import Path
from storage.articles import ensure_source
from storage.engine import open_database

config = load_config(Path(sys.argv[1]))
only = sys.argv[2].split(",")
runner.HEARTBEAT_INTERVAL_SECONDS = float(sys.argv[3])
with Session(open_database(config.database.url)) as session, session.begin():
    ids = {
        s.name: ensure_source(session, s.name, s.kind, s.entry_url, s.authority)
        for s in config.enabled_sources
        if s.name in only
    }
beats = []

def heartbeat():
    beats.append(1)
    if len(beats) == 1:
        raise RuntimeError("database is locked")

counts = runner.run_crawl(settings_of(config, None), sources_of(config, only), ids, heartbeat=heartbeat).counts
print(json.dumps({"counts": {name: c.to_json() for name, c in counts.items()}, "beats": len(beats)}))
"""


def run_crawl_script(
    config: Path, sources: Sequence[str], heartbeat_seconds: float = 30, prelude: str = ""
) -> tuple[dict[str, Any], str]:
    """CRAWL_SCRIPT in a subprocess (Twisted's reactor runs once per process), after ``prelude`` (Python
    run first, to set a module's constant): its JSON result (each source's counts, the heartbeats) and
    its stderr."""
    script = f"{prelude}\n{CRAWL_SCRIPT}"
    done = subprocess.run(
        [sys.executable, "-c", script, str(config), ",".join(sources), str(heartbeat_seconds)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=Path(__file__).parent.parent,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result, done.stderr


@dataclass
class Crawl:
    counts: dict[str, dict[str, Any]]
    beats: int
    stderr: str
    requested: list[str]


@pytest.fixture(scope="module")
def crawl(server: LocalServer, tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    tmp = tmp_path_factory.mktemp("crawl-stats")
    config = tmp / "forumwatch.toml"
    config.write_text(config_text(server.base_url, f"sqlite:///{tmp}/stats.db"), encoding="utf-8")
    result, stderr = run_crawl_script(config, SELECTED, heartbeat_seconds=0.05)
    requested = [request.path for request in server.requested()]
    return Crawl(result["counts"], result["beats"], stderr, requested)


def test_every_source_reports_the_same_keys_and_errors_add_up(crawl: Crawl) -> None:
    assert sorted(crawl.counts) == sorted(SELECTED)
    for name, counts in crawl.counts.items():
        assert set(counts) == {
            *SUMMARY_COLUMNS,
            "screened_out",
            "empty",
            "requests",
            "bytes",
            "duration_seconds",
            "replacement_pages",
            "mojibake_pages",
            "feed_not_modified",
            "entries_without_link",
            "errors_by_kind",
            "stopped_early",
            "listing_digest",
        }, name
        assert counts["errors"] == sum(counts["errors_by_kind"].values()), name
        assert all(n > 0 for n in counts["errors_by_kind"].values()), name


def test_a_normal_crawl_counts_requests_bytes_and_duration(crawl: Crawl) -> None:
    normal = crawl.counts["normal"]
    assert (normal["fetched"], normal["new"], normal["errors"], normal["errors_by_kind"]) == (1, 1, 0, {})
    assert normal["requests"] >= 3  # robots.txt, the listing, the article
    assert normal["bytes"] > len(PAGES["/normal/a1.html"].body)
    assert isinstance(normal["duration_seconds"], float)
    assert normal["duration_seconds"] >= SLOW_SECONDS - 0.1
    assert (normal["replacement_pages"], normal["empty"], normal["feed_not_modified"]) == (0, 0, 0)


def test_http_error_statuses_count_as_http_once_per_page(crawl: Crawl) -> None:
    missing = crawl.counts["missing"]
    # The 404 and the 503 (retried, then given up) are one error each; the third article is read.
    assert missing["errors_by_kind"] == {"http": 2}
    assert (missing["errors"], missing["fetched"], missing["off-topic"]) == (2, 1, 1)
    assert crawl.requested.count("/missing/a3.html") == 3
    # robots.txt answered 404: the crawl goes on, and that is no error of the source.
    assert "/robots.txt" in crawl.requested


def test_a_refused_connection_counts_as_network(crawl: Crawl) -> None:
    refused = crawl.counts["refused"]
    assert refused["errors_by_kind"] == {"network": 1}
    assert refused["bytes"] == 0


def test_an_unusable_feed_counts_as_feed(crawl: Crawl) -> None:
    assert crawl.counts["badfeed"]["errors_by_kind"] == {"feed": 1}


def test_a_listing_that_is_not_html_counts_as_listing(crawl: Crawl) -> None:
    assert crawl.counts["badlisting"]["errors_by_kind"] == {"listing": 1}


def test_a_page_without_an_article_counts_as_empty_and_extraction(crawl: Crawl) -> None:
    empty = crawl.counts["empty"]
    assert (empty["fetched"], empty["empty"], empty["errors_by_kind"]) == (1, 1, {"extraction": 1})


def test_a_page_with_replacement_characters_is_counted_and_named(crawl: Crawl) -> None:
    garbled = crawl.counts["garbled"]
    assert (garbled["replacement_pages"], garbled["errors"], garbled["off-topic"]) == (1, 0, 1)
    assert "garbled" in crawl.stderr
    assert "/garbled/a1.html: replacement characters (U+FFFD)" in crawl.stderr


def test_only_the_selected_sources_are_crawled(crawl: Crawl) -> None:
    assert "unselected" not in crawl.counts
    assert not any(path.startswith("/unselected/") for path in crawl.requested)


def test_the_heartbeat_beats_while_the_crawl_runs_and_survives_its_errors(crawl: Crawl) -> None:
    # Interval 0.05 s over a crawl of at least SLOW_SECONDS; the first beat raised.
    assert crawl.beats >= 3
    assert "crawl heartbeat failed" in crawl.stderr
    assert "database is locked" in crawl.stderr


# Counts from stats, and error kinds from failures, without a crawl.


def test_counts_of_reads_every_stat_and_is_json() -> None:
    crawler = get_crawler()
    crawler.stats.open_spider()
    for stat, value in {
        stats.FETCHED: 12,
        stats.NEW: 2,
        stats.DUPLICATES: 1,
        stats.OFF_TOPIC: 8,
        stats.SCREENED_OUT: 5,
        stats.SKIPPED: 30,
        stats.EMPTY: 1,
        stats.REPLACEMENT_PAGES: 1,
        stats.MOJIBAKE_PAGES: 1,
        stats.FEED_NOT_MODIFIED: 1,
        stats.FEED_ENTRIES_WITHOUT_LINK: 2,
        "downloader/request_count": 45,
        "downloader/response_bytes": 812345,
        "spider_exceptions/count": 1,
        "elapsed_time_seconds": 14.2499,
    }.items():
        crawler.stats.set_value(stat, value)
    stats.count_error(crawler.stats, "http")
    stats.count_error(crawler.stats, "extraction")
    counts = counts_of(crawler).to_json()
    assert counts == {
        "fetched": 12,
        "new": 2,
        "duplicates": 1,
        "off-topic": 8,
        "screened_out": 5,
        "errors": 3,
        "skipped": 30,
        "empty": 1,
        "requests": 45,
        "bytes": 812345,
        "duration_seconds": 14.2,
        "replacement_pages": 1,
        "mojibake_pages": 1,
        "feed_not_modified": 1,
        "entries_without_link": 2,
        "errors_by_kind": {"http": 1, "extraction": 1, "spider": 1},
        "stopped_early": None,
        "listing_digest": None,
    }
    assert json.loads(json.dumps(counts)) == counts
    assert SourceCounts.from_json(counts) == counts_of(crawler)


def test_counts_of_a_crawl_not_started_or_still_running() -> None:
    crawler = get_crawler()
    crawler.stats.open_spider()
    counts = counts_of(crawler)
    assert (counts.errors, counts.duration_seconds, counts.errors_by_kind) == (0, 0.0, {})
    crawler.stats.set_value("start_time", datetime.now(tz=UTC) - timedelta(seconds=2.5))
    assert 2.4 <= counts_of(crawler).duration_seconds <= 3.5


def failure_of(error: BaseException, url: str = "https://news.example/a1.html") -> Failure:
    failure = Failure(error)
    failure.request = Request(url)
    return failure


def http_error(status: int) -> HttpError:
    url = "https://news.example/a1.html"
    return HttpError(Response(url, status=status, request=Request(url)), "Ignoring non-200 response")


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (http_error(404), "http"),
        (http_error(500), "http"),
        (ConnectionRefusedError(), "network"),
        (DNSLookupError("news.example"), "network"),
        (scrapy.exceptions.DownloadTimeoutError("took longer than 30 seconds"), "network"),
        (scrapy.exceptions.DownloadCancelledError("larger than download max size"), "size"),
    ],
)
def test_failed_requests_are_counted_by_kind(
    error: BaseException, kind: stats.ErrorKind, tmp_path: Path
) -> None:
    spider = source_spider(SiteSpider, tmp_path)
    spider.on_error(failure_of(error))
    assert spider.crawler.stats.get_value(stats.ERRORS) == 1
    assert spider.crawler.stats.get_value(stats.error_stat(kind)) == 1


def test_a_request_not_made_is_no_error(tmp_path: Path) -> None:
    spider = source_spider(SiteSpider, tmp_path)
    spider.on_error(failure_of(IgnoreRequest("stored already")))
    assert spider.crawler.stats.get_value(stats.ERRORS) is None


@pytest.mark.parametrize(
    ("error", "kind"),
    [(http_error(404), "http"), (ConnectionRefusedError(), "network"), (IgnoreRequest("robots"), "feed")],
)
def test_a_feed_that_cannot_be_downloaded_is_counted_by_kind(
    error: BaseException, kind: stats.ErrorKind, tmp_path: Path
) -> None:
    spider = source_spider(FeedSpider, tmp_path)
    spider.on_feed_error(failure_of(error, "https://news.example/rss.xml"))
    assert spider.crawler.stats.get_value(stats.ERRORS) == 1
    assert spider.crawler.stats.get_value(stats.error_stat(kind)) == 1


def source_spider(cls: type[Any], tmp_path: Path) -> Any:
    crawler = get_crawler(cls, {"FORUMWATCH_DATABASE_URL": f"sqlite:///{tmp_path}/t.db"})
    crawler.stats.open_spider()
    if cls is FeedSpider:
        source = Source(name="news", kind="feed", url="https://news.example/rss.xml")
    else:
        source = Source(
            name="news", kind="site", start_urls=["https://news.example/"], article_pattern=r"/a\d+"
        )
    return cls.from_crawler(crawler, source=source)


def test_undecodable_bytes_count_as_a_replacement_page_and_an_empty_one() -> None:
    crawler = get_crawler()
    crawler.stats.open_spider()
    pipeline = CleanPipeline.from_crawler(crawler)
    undecodable = ArticleItem(
        source_name="news",
        url="https://news.example/junk.html",
        raw=bytes(range(128, 256)) * 20,
        declared_encoding="utf-8",
    )
    with pytest.raises(DropItem):
        pipeline.process_item(undecodable)
    assert crawler.stats.get_value(stats.REPLACEMENT_PAGES) == 1
    assert crawler.stats.get_value(stats.EMPTY) == 1
    assert crawler.stats.get_value(stats.error_stat("extraction")) == 1


def test_a_clean_page_is_no_replacement_page() -> None:
    crawler = get_crawler()
    crawler.stats.open_spider()
    pipeline = CleanPipeline.from_crawler(crawler)
    item = ArticleItem(
        source_name="news", url="https://news.example/a1.html", raw=article_page("双城论坛举行", FORUM_TEXT)
    )
    assert pipeline.process_item(item).article is not None
    assert crawler.stats.get_value(stats.REPLACEMENT_PAGES) is None


def test_a_page_that_reads_as_mojibake_is_counted_and_makes_the_source_unwell() -> None:
    from alerts.health import diagnose
    from forumwatch.alerting import health_of
    from forumwatch.config_alerts import HealthConfig

    crawler = get_crawler()
    crawler.stats.open_spider()
    pipeline = CleanPipeline.from_crawler(crawler)
    text = "Der Bürgermeister äußerte sich über die Städtepartnerschaft mit Taipeh, „Größe“ zählt."
    double_encoded = text.encode().decode("cp1252")  # a CMS that encoded its UTF-8 text once more
    page = f"<html><head><title>Partnerschaft</title></head><body><article><p>{double_encoded}</p>" * 3
    item = ArticleItem(source_name="news", url="https://news.example/a2.html", raw=page.encode())
    article = pipeline.process_item(item).article
    assert article is not None
    assert any(warning.startswith("text reads as mojibake") for warning in article.warnings)
    assert crawler.stats.get_value(stats.MOJIBAKE_PAGES) == 1
    counts = counts_of(crawler).to_json()  # as the run records it, which health reads
    assert counts["mojibake_pages"] == 1
    assert any("mojibake" in problem for problem in diagnose([counts], health_of(HealthConfig())))
    clean_only = {**counts, "mojibake_pages": 0}
    assert not any("mojibake" in problem for problem in diagnose([clean_only], health_of(HealthConfig())))
