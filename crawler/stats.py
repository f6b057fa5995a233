"""Names of forumwatch's Scrapy stats: one crawler per source, so each is that source's count."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal, Protocol, TypeVar, get_args

if TYPE_CHECKING:
    from scrapy.statscollectors import StatsCollector

FETCHED = "forumwatch/fetched"  # article pages downloaded and full-text feed items read
NEW = "forumwatch/new"  # articles stored as a new story
DUPLICATES = "forumwatch/duplicates"  # copies of a stored story (stored in it) or of a stored URL
OFF_TOPIC = "forumwatch/off_topic"  # articles that matched no topic, screened-out pages included
# Pages the topic screen ruled out before cleaning (no topic's alias in their text): off-topic, not cleaned.
SCREENED_OUT = "forumwatch/screened_out"
# Sampled screened-out pages that matched a topic after all: a bug in the screen (logged as an error).
SCREEN_MISSES = "forumwatch/screen_misses"
EMPTY = "forumwatch/empty"  # pages the cleaner could not extract an article from
ERRORS = "forumwatch/errors"  # failed downloads, unusable feeds, unreadable pages
# Article URLs stored already, or seen to give nothing to store and not due again: not downloaded.
SKIPPED = "forumwatch/skipped"
# Conditional GETs answered "304 Not Modified": nothing new since the last fetch, which is an answer too
# (the source is alive: alerts/health.py). A feed's, and a site's listing pages and sitemaps when
# the listing showed articles when last read (crawler/spiders/site.py). The name is older than the
# listings' conditional GET; runs record it as "feed_not_modified".
FEED_NOT_MODIFIED = "forumwatch/feed_not_modified"
# Feed entries skipped for want of a web link (no link, or an id such as urn:uuid:… taken for one).
FEED_ENTRIES_WITHOUT_LINK = "forumwatch/feed_entries_without_link"
# A site's listings and sitemaps of this crawl: a digest of the article links they showed.
LISTING_DIGEST = "forumwatch/listing_digest"
# Why the database stopped taking writes (storage/failures.py): set once, it ends the crawl as failed.
STORAGE_FAILED = "forumwatch/storage_failed"
# Pages whose text holds U+FFFD (or that no charset could read): the bytes and the charset disagree.
REPLACEMENT_PAGES = "forumwatch/replacement_pages"
# Pages whose decoded text still reads as mojibake (ÄêÉÏº£, Ã©, rare hanzi): a charset that lies.
MOJIBAKE_PAGES = "forumwatch/mojibake_pages"
# Microseconds each item pipeline took, summed over the crawl: CPU time of the thread that ran it (the
# reactor's, so what the stage kept from downloads) and wall time (CPU plus waits such as the database's
# fsync): forumwatch/cpu_us/clean, forumwatch/wall_us/store, ... (bench/crawl.py reads them).
CPU_US = "forumwatch/cpu_us"
WALL_US = "forumwatch/wall_us"

# What went wrong, in short stable words: JSON keys of a run's record and shown to people.
#   http: an HTTP error status; network: timeouts, DNS failures, refused or reset connections;
#   feed: an unusable feed; listing: a listing page or sitemap that cannot be read;
#   extraction: no article found in a page; refused: a request the network policy forbids (a private
#   address, a scheme other than http and https); redirect: a redirect loop, too many redirects, or a
#   redirect that cannot be followed (to another scheme); size: a body over DOWNLOAD_MAXSIZE, sent or
#   once decompressed (a decompression bomb); store: an article the database did not take; budget: the
#   source was stopped at its time or error limit (crawler/budget.py; counted once); spider: an exception raised in a callback (Scrapy's own
#   count, added when the counts are read); other: a failed request that is none of these (a download
#   cancelled for its size, a middleware's error).
ErrorKind = Literal[
    "http",
    "network",
    "feed",
    "listing",
    "extraction",
    "refused",
    "redirect",
    "size",
    "store",
    "budget",
    "browser",
    "spider",
    "other",
]
ERROR_KINDS: tuple[ErrorKind, ...] = get_args(ErrorKind)


def error_stat(kind: ErrorKind) -> str:
    """The stat of one kind of error, beside the total ERRORS: forumwatch/errors/http, ..."""
    return f"{ERRORS}/{kind}"


def count_error(stats: StatsCollector, kind: ErrorKind) -> None:
    """Count one error of the source: in the total and in its kind."""
    stats.inc_value(ERRORS)
    stats.inc_value(error_stat(kind))


class _HasStats(Protocol):
    @property
    def stats(self) -> StatsCollector | None: ...


_Pipeline = TypeVar("_Pipeline", bound=_HasStats)
_Item = TypeVar("_Item")


def timed_stage(
    stage: str,
) -> Callable[[Callable[[_Pipeline, _Item], _Item]], Callable[[_Pipeline, _Item], _Item]]:
    """Decorates a pipeline's process_item: its CPU and wall time go to CPU_US/stage and WALL_US/stage of
    the pipeline's stats (none: not counted), whether it returns the item or drops it."""

    def decorate(process_item: Callable[[_Pipeline, _Item], _Item]) -> Callable[[_Pipeline, _Item], _Item]:
        @functools.wraps(process_item)
        def timed(pipeline: _Pipeline, item: _Item) -> _Item:
            cpu, wall = time.thread_time(), time.perf_counter()
            try:
                return process_item(pipeline, item)
            finally:
                if pipeline.stats is not None:
                    pipeline.stats.inc_value(f"{CPU_US}/{stage}", round((time.thread_time() - cpu) * 1e6))
                    pipeline.stats.inc_value(f"{WALL_US}/{stage}", round((time.perf_counter() - wall) * 1e6))

        return timed

    return decorate
