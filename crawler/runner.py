"""Run one crawl of the configured sources in this process: one Scrapy crawler per source.

Twisted's reactor cannot be restarted, so call this once per process; `forumwatch crawl` is that
process, and the scheduler starts it as a subprocess.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings

from crawler import stats as stat_names
from crawler.database import DATABASE_URL_SETTING
from crawler.pipelines.match import KEEP_UNMATCHED_SETTING, TOPICS_SETTING
from crawler.pipelines.store import RUN_ID_SETTING, SOURCE_ID_SETTING
from crawler.spiders import SPIDER_BY_KIND
from forumwatch.config import Config

logger = logging.getLogger(__name__)

SourceCounts = dict[str, int]
ProgressCallback = Callable[[Mapping[str, SourceCounts]], None]
PROGRESS_INTERVAL_SECONDS = 1.0


def crawl_settings(config: Config, run_id: int | None) -> Settings:
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    crawl = config.crawl
    settings.setdict(
        {
            "USER_AGENT": crawl.user_agent,
            "ROBOTSTXT_OBEY": crawl.obey_robots_txt,
            "DOWNLOAD_DELAY": crawl.download_delay,
            "AUTOTHROTTLE_START_DELAY": crawl.autothrottle_start_delay,
            "AUTOTHROTTLE_TARGET_CONCURRENCY": crawl.autothrottle_target_concurrency,
            "CONCURRENT_REQUESTS_PER_DOMAIN": crawl.concurrent_requests_per_domain,
            "DOWNLOAD_TIMEOUT": crawl.download_timeout,
            DATABASE_URL_SETTING: config.database.url,
            TOPICS_SETTING: [topic.model_dump() for topic in config.topics],
            KEEP_UNMATCHED_SETTING: crawl.keep_unmatched,
            RUN_ID_SETTING: run_id or 0,
        },
        priority="cmdline",
    )
    return settings


def counts_of(crawler: Crawler) -> SourceCounts:
    """A source's row of the crawl summary, from its crawler's stats."""
    assert crawler.stats is not None
    values = crawler.stats.get_stats()
    counts = {column: int(values.get(stat, 0)) for column, stat in stat_names.SUMMARY_COLUMNS.items()}
    # Exceptions raised in callbacks are errors of the source too, not only what we counted ourselves.
    counts["errors"] += int(values.get("spider_exceptions/count", 0))
    return counts


def run_crawl(
    config: Config,
    source_ids: Mapping[str, int],
    run_id: int | None = None,
    progress: ProgressCallback | None = None,
    log_level: int = logging.WARNING,
) -> dict[str, SourceCounts]:
    """Crawl every enabled source concurrently and return each source's counts."""
    settings = crawl_settings(config, run_id)
    settings.set("LOG_LEVEL", logging.getLevelName(log_level), priority="cmdline")
    process = CrawlerProcess(settings)
    crawlers: dict[str, Crawler] = {}
    for source in config.enabled_sources:
        source_settings = settings.copy()
        source_settings.set(SOURCE_ID_SETTING, source_ids[source.name], priority="cmdline")
        # The first crawler installs the reactor the settings name, as CrawlerProcess's own would.
        crawler = Crawler(SPIDER_BY_KIND[source.kind], source_settings, init_reactor=not crawlers)
        crawlers[source.name] = crawler
        extra: dict[str, Any] = {}
        if source.kind == "site":
            extra["max_listing_pages"] = config.crawl.max_listing_pages
        process.crawl(crawler, source=source, **extra)
    if progress is not None:
        _report_progress_while_running(crawlers, progress)
    process.start()
    return {name: counts_of(crawler) for name, crawler in crawlers.items()}


def _report_progress_while_running(crawlers: Mapping[str, Crawler], progress: ProgressCallback) -> None:
    from twisted.internet import task  # the reactor is installed by CrawlerProcess above

    def report() -> None:
        progress({name: counts_of(crawler) for name, crawler in crawlers.items() if crawler.stats})

    task.LoopingCall(report).start(PROGRESS_INTERVAL_SECONDS, now=False)
