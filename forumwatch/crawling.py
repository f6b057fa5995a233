"""The configuration, turned into what the crawler takes: Scrapy settings and plain sources.

The crawler reads no configuration file and imports nothing of this package: this module is where the
two meet (forumwatch/config_checks.py checks the file against what only the crawler knows)."""

from __future__ import annotations

from collections.abc import Collection

from scrapy.settings import Settings

from crawler.browser_settings import (
    BROWSER_EXECUTABLE_SETTING,
    BROWSER_MAX_PAGES_SETTING,
    BROWSER_PAGE_TIMEOUT_SETTING,
)
from crawler.budget import ERROR_LIMIT_SETTING
from crawler.database import DATABASE_URL_SETTING
from crawler.downloadermiddlewares.incremental import RECHECK_DAYS_SETTING
from crawler.feed_parsing import FEED_PARSE_SECONDS_SETTING
from crawler.netpolicy import ALLOW_PRIVATE_SETTING
from crawler.pipelines.match import KEEP_UNMATCHED_SETTING, TOPICS_SETTING
from crawler.pipelines.store import RUN_ID_SETTING
from crawler.runner import crawl_settings
from crawler.sources import Source
from forumwatch.config import Config, SourceConfig


def settings_of(config: Config, run_id: int | None) -> Settings:
    """The crawl's Scrapy settings from [crawl], [database] and [[topics]]."""
    crawl = config.crawl
    values = {
        "USER_AGENT": crawl.user_agent,
        "ROBOTSTXT_OBEY": crawl.obey_robots_txt,
        "DOWNLOAD_DELAY": crawl.download_delay,
        "AUTOTHROTTLE_ENABLED": crawl.autothrottle,
        "AUTOTHROTTLE_START_DELAY": crawl.autothrottle_start_delay,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": crawl.autothrottle_target_concurrency,
        "CONCURRENT_REQUESTS_PER_DOMAIN": crawl.concurrent_requests_per_domain,
        "DOWNLOAD_TIMEOUT": crawl.download_timeout,
        DATABASE_URL_SETTING: config.database.url,
        TOPICS_SETTING: [topic.model_dump(exclude_none=True) for topic in config.topics],
        KEEP_UNMATCHED_SETTING: crawl.keep_unmatched,
        RECHECK_DAYS_SETTING: crawl.recheck_days,
        RUN_ID_SETTING: run_id or 0,
        ALLOW_PRIVATE_SETTING: crawl.allow_private,
        "CLOSESPIDER_TIMEOUT": crawl.source_time_limit,
        ERROR_LIMIT_SETTING: crawl.source_error_limit,
        BROWSER_EXECUTABLE_SETTING: crawl.browser_executable,
        BROWSER_PAGE_TIMEOUT_SETTING: crawl.browser_page_timeout,
        BROWSER_MAX_PAGES_SETTING: crawl.browser_max_pages,
    }
    if crawl.feed_parse_seconds is not None:  # else the crawler's default
        values[FEED_PARSE_SECONDS_SETTING] = crawl.feed_parse_seconds
    return crawl_settings(values)


def sources_of(config: Config, only: Collection[str] | None = None) -> list[Source]:
    """The enabled sources (or those of them named in ``only``), as the crawler takes them."""
    return [
        source_of(source, config.crawl.max_listing_pages)
        for source in config.enabled_sources
        if only is None or source.name in only
    ]


def source_of(source: SourceConfig, max_listing_pages: int) -> Source:
    """One [[sources]] entry; ``max_listing_pages`` is [crawl]'s, for a source that sets none."""
    return Source(
        name=source.name,
        kind=source.kind,
        url=source.url,
        start_urls=tuple(source.start_urls),
        sitemap_urls=tuple(source.sitemap_urls),
        article_pattern=source.article_pattern,
        listing_pattern=source.listing_pattern,
        max_listing_pages=source.max_listing_pages or max_listing_pages,
        profile=source.profile,
        download_delay=source.download_delay,
        concurrent_requests=source.concurrent_requests,
        headers=dict(source.headers),
        cookies=dict(source.cookies),
        proxy=source.proxy,
        render=source.render,
    )
