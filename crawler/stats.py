"""Names of forumwatch's Scrapy stats: one crawler per source, so each is that source's count."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, get_args

if TYPE_CHECKING:
    from scrapy.statscollectors import StatsCollector

FETCHED = "forumwatch/fetched"  # article pages downloaded and full-text feed items read
NEW = "forumwatch/new"  # articles stored as a new story
DUPLICATES = "forumwatch/duplicates"  # copies of a stored story (stored in it) or of a stored URL
OFF_TOPIC = "forumwatch/off_topic"  # cleaned articles that matched no topic
EMPTY = "forumwatch/empty"  # pages the cleaner could not extract an article from
ERRORS = "forumwatch/errors"  # failed downloads, unusable feeds, unreadable pages
SKIPPED = "forumwatch/skipped"  # article URLs already stored: not downloaded again
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
