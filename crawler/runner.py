"""Run one crawl of the configured sources in this process: one Scrapy crawler per source.

Twisted's reactor cannot be restarted, so call this once per process; `forumwatch crawl` is that
process, and the scheduler starts it as a subprocess.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings

from crawler import stats as stat_names
from crawler.budget import stopped_early
from crawler.feed_parsing import FEED_PARSERS
from crawler.pipelines.store import SOURCE_ID_SETTING, STORAGE_FAILED_REASON
from crawler.source_settings import PRIORITY as SOURCE_PRIORITY
from crawler.source_settings import source_settings
from crawler.sources import Source
from crawler.spiders import SPIDER_BY_KIND
from crawler.spiders.base import NETWORK_ERRORS
from storage.runs import SourceCounts

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[Mapping[str, SourceCounts]], None]
PROGRESS_INTERVAL_SECONDS = 1.0
# How often run_crawl's heartbeat is called: the scheduler marks the run alive in the database.
HEARTBEAT_INTERVAL_SECONDS = 30.0

# Scrapy's own stats that a source's counts include.
_SPIDER_EXCEPTIONS = "spider_exceptions/count"
_REQUESTS = "downloader/request_count"
_RESPONSE_BYTES = "downloader/response_bytes"


def crawl_settings(values: Mapping[str, Any]) -> Settings:
    """The crawl's Scrapy settings: the project's (crawler/settings.py) with ``values`` over them, e.g.
    {"DOWNLOAD_DELAY": 1.0, DATABASE_URL_SETTING: "sqlite:///forumwatch.db", TOPICS_SETTING: [...]}. The
    composition root (forumwatch/crawling.py) turns the configuration file into those values."""
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.setdict(dict(values), priority="cmdline")
    return settings


def counts_of(crawler: Crawler) -> SourceCounts:
    """A source's counts (storage.runs.SourceCounts), from its crawler's stats."""
    assert crawler.stats is not None
    values = crawler.stats.get_stats()

    def number(stat: str) -> int:
        return int(values.get(stat) or 0)

    by_kind = {kind: number(stat_names.error_stat(kind)) for kind in stat_names.ERROR_KINDS}
    errors = number(stat_names.ERRORS)
    # Exceptions raised in callbacks are errors of the source too, not only what we counted ourselves.
    spider_errors = number(_SPIDER_EXCEPTIONS)
    errors += spider_errors
    by_kind["spider"] += spider_errors
    # A source its budget stopped failed, whatever it counted before (retried tries are no errors yet).
    stopped = stopped_early(values.get("finish_reason"), crawler.settings)
    if stopped is not None:
        errors += 1
        by_kind["budget"] += 1
    return SourceCounts(
        fetched=number(stat_names.FETCHED),
        new=number(stat_names.NEW),
        duplicates=number(stat_names.DUPLICATES),
        off_topic=number(stat_names.OFF_TOPIC),
        screened_out=number(stat_names.SCREENED_OUT),
        errors=errors,
        skipped=number(stat_names.SKIPPED),
        empty=number(stat_names.EMPTY),
        requests=number(_REQUESTS),
        bytes=number(_RESPONSE_BYTES),
        duration_seconds=round(_duration_seconds(values), 1),
        replacement_pages=number(stat_names.REPLACEMENT_PAGES),
        mojibake_pages=number(stat_names.MOJIBAKE_PAGES),
        feed_not_modified=number(stat_names.FEED_NOT_MODIFIED),
        entries_without_link=number(stat_names.FEED_ENTRIES_WITHOUT_LINK),
        errors_by_kind={kind: n for kind, n in by_kind.items() if n},
        stopped_early=stopped,
        listing_digest=values.get(stat_names.LISTING_DIGEST),
    )


def _duration_seconds(values: Mapping[str, Any]) -> float:
    """How long the source's crawl took: Scrapy's figure once it is over; so far, while it runs."""
    elapsed = values.get("elapsed_time_seconds")
    if elapsed is not None:
        return float(elapsed)
    started = values.get("start_time")
    if not isinstance(started, datetime):
        return 0.0  # not started yet
    now = datetime.now(UTC) if started.tzinfo is not None else datetime.now(UTC).replace(tzinfo=None)
    return max((now - started).total_seconds(), 0.0)


@dataclass(frozen=True)
class CrawlReport:
    """How a crawl went: each source's counts, and whether it ran to its end.

    ``interrupted``: a signal (Ctrl-C, SIGTERM) stopped it; ``storage_failure``: why the database stopped
    taking writes, which stopped every source (storage/failures.py); ``failure``: why the crawl could not
    go on otherwise (crawl workers: none joined, Redis lost the run)."""

    counts: dict[str, SourceCounts]
    interrupted: bool = False
    storage_failure: str | None = None
    failure: str | None = None


def run_crawl(
    settings: Settings,
    sources: Sequence[Source],
    source_ids: Mapping[str, int],
    progress: ProgressCallback | None = None,
    log_level: int = logging.WARNING,
    heartbeat: Callable[[], None] | None = None,
    log_formatter: type[logging.Formatter] = logging.Formatter,
) -> CrawlReport:
    """Crawl ``sources`` concurrently with the crawl's ``settings`` (crawl_settings) and report each source's
    counts and how the crawl ended.

    source_ids: each source's id in the database, by name. heartbeat: called every HEARTBEAT_INTERVAL_SECONDS while the crawl
    runs; an exception in it is logged and the crawl goes on. log_formatter: the class of the formatter
    of the crawl's log (Scrapy installs the handler; the command line's escapes what pages wrote).
    """
    if not sources:
        return CrawlReport({})
    settings = settings.copy()
    settings.set("LOG_LEVEL", logging.getLevelName(log_level), priority="cmdline")
    process = CrawlerProcess(settings)
    format_log_with(log_formatter, settings)
    # Scrapy leaves the root logger at NOTSET and filters in its handler, so every debug call of Scrapy,
    # trafilatura and the rest builds a record only for the handler to drop it: about 18 a page. Filtered
    # at the logger, a record is built only when it is written.
    logging.root.setLevel(log_level)
    crawlers: dict[str, Crawler] = {}
    for source in sources:
        per_source = settings.copy()
        per_source.set(SOURCE_ID_SETTING, source_ids[source.name], priority="cmdline")
        per_source.update(source_settings(source), priority=SOURCE_PRIORITY)
        # The first crawler installs the reactor the settings name, as CrawlerProcess's own would.
        crawler = Crawler(SPIDER_BY_KIND[source.kind], per_source, init_reactor=not crawlers)
        crawlers[source.name] = crawler
        process.crawl(crawler, source=source)
    if progress is not None:
        _report_progress_while_running(crawlers, progress)
    if heartbeat is not None:
        _beat_while_running(heartbeat)
    _stop_all_when_storage_fails(process, crawlers.values())
    _log_network_failures_in_one_line()
    _keep_start_up_out_of_garbage_collection()
    try:
        process.start()
    finally:
        FEED_PARSERS.close()
    return CrawlReport(
        {name: counts_of(crawler) for name, crawler in crawlers.items()},
        interrupted=any(_was_interrupted(crawler) for crawler in crawlers.values()),
        storage_failure=next(
            (
                str(reason)
                for c in crawlers.values()
                if c.stats and (reason := c.stats.get_value(stat_names.STORAGE_FAILED))
            ),
            None,
        ),
    )


def _keep_start_up_out_of_garbage_collection() -> None:
    """What the start-up built (modules, compiled patterns, the cleaner's and the events' tables, Scrapy's
    machinery) lives as long as the crawl: frozen, the collector stops walking it at every full
    collection. Over a 2,000-page crawl of bench/crawl.py's site, collections took 0.34 CPU-ms a page, 0.19
    with the start-up frozen.

    Past start-up, the youngest generation (collected by default once 700 more tracked objects were made
    than freed) was collected about 870 times in that crawl, and the older two 80 times: 0.54 s in all.
    At 3,000, they were collected 147 and 13 times, in 0.24 s, and the peak RSS was the same within the
    runs' spread (187 and 189 MiB at 2,000 pages, 207 and 208 at 20,000).
    """
    gc.collect()  # what is garbage already goes first: frozen, it would never be freed
    gc.freeze()
    _young, *older = gc.get_threshold()
    gc.set_threshold(3000, *older)


class _NetworkFailureInOneLine(logging.Filter):
    """A server that is down is no bug: its failure is one line, not the traceback Scrapy's robots.txt
    middleware adds to it. Tracebacks of anything else (a bug) are kept."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], NETWORK_ERRORS):
            record.exc_info = None
            record.exc_text = None
        return True


_ONE_LINE_FILTER = _NetworkFailureInOneLine()


def _log_network_failures_in_one_line() -> None:
    logging.getLogger("scrapy.downloadermiddlewares.robotstxt").addFilter(_ONE_LINE_FILTER)


def format_log_with(formatter: type[logging.Formatter], settings: Settings) -> None:
    """Put a ``formatter`` on the root handlers Scrapy installed, with the crawl's log format."""
    for handler in logging.root.handlers:
        handler.setFormatter(formatter(settings.get("LOG_FORMAT"), settings.get("LOG_DATEFORMAT")))


def _was_interrupted(crawler: Crawler) -> bool:
    """Scrapy closes every spider with "shutdown" on the first SIGINT or SIGTERM; after a second, the
    reactor stops before a spider can close at all."""
    assert crawler.stats is not None
    return crawler.stats.get_value("finish_reason") in ("shutdown", None)


def _stop_all_when_storage_fails(process: CrawlerProcess, crawlers: Iterable[Crawler]) -> None:
    """One source finding the database unwritable stops them all: every write after it would fail too."""

    def closed(spider: Spider, reason: str) -> None:
        if reason == STORAGE_FAILED_REASON:
            process.stop()

    for crawler in crawlers:
        crawler.signals.connect(closed, signal=signals.spider_closed)


def _report_progress_while_running(crawlers: Mapping[str, Crawler], progress: ProgressCallback) -> None:
    from twisted.internet import task  # the reactor is installed by CrawlerProcess above

    def report() -> None:
        progress({name: counts_of(crawler) for name, crawler in crawlers.items() if crawler.stats})

    task.LoopingCall(report).start(PROGRESS_INTERVAL_SECONDS, now=False)


def _beat_while_running(heartbeat: Callable[[], None]) -> None:
    from twisted.internet import task  # the reactor is installed by CrawlerProcess above

    def beat() -> None:
        try:
            heartbeat()
        except Exception:
            # A failed heartbeat (the database busy, say) must not stop the crawl, nor the next beats.
            logger.exception("crawl heartbeat failed; the crawl goes on")

    task.LoopingCall(beat).start(HEARTBEAT_INTERVAL_SECONDS, now=False)
