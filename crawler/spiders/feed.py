"""FeedSpider: Scrapy downloads the feed (conditional GET), feedparser parses the bytes.

RSS, Atom and JSON Feed (made into feedparser's entries by crawler/jsonfeed.py) take one path.
Full-text entries (content:encoded, content_html and the like) are cleaned from their content; short
ones lead to the article page. An entry without a web link is skipped and counted: there is no page to
fetch, nor a URL to store it under.
"""

from __future__ import annotations

import calendar
import logging
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from html import escape
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response
from w3lib.html import remove_comments, remove_tags, remove_tags_with_content, replace_entities
from w3lib.url import safe_url_string

from crawler import stats
from crawler.cleaner.dates import CHINA_STANDARD_TIME, parse_date, parse_relative
from crawler.cleaner.titles import tidy_title
from crawler.cluster import CLUSTER_WORKER_SETTING
from crawler.database import engine_for, reader_for
from crawler.feed_decoding import decode_feed
from crawler.feed_parsing import (
    DEFAULT_FEED_PARSE_SECONDS,
    FEED_PARSE_SECONDS_SETTING,
    FEED_PARSERS,
    FeedParseTimeoutError,
    NotAFeedError,
)
from crawler.items import ArticleItem, FeedEntryInfo
from crawler.spiders.base import (
    CONDITIONAL_META,
    SourceSpider,
    conditional_headers,
    failure_kind,
    failure_message,
    header_value,
    response_validators,
)
from dedup.fingerprints import canonical_url
from storage import feeds
from storage.articles import is_url_stored
from storage.failures import in_transaction

logger = logging.getLogger(__name__)

# An entry whose content has at least this much text is the article itself, not a teaser. Feed
# summaries run to one or two sentences (30-150 characters in the feeds we read); the shortest
# full-text news items are several paragraphs.
FULL_TEXT_MIN_CHARS = 200
# Content that ends in an ellipsis says it was cut, however long it is: WordPress excerpts end in "[…]",
# portals' and JSON Feed plugins' teasers in "..." (a 250-character content_text ending "we regularly
# get..."). Taking one for the article would store a fragment; its page is fetched instead.
CUT_SHORT_ENDINGS = ("...", "…", "[…]", "[...]")
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_INVISIBLE_TAGS = ("script", "style", "noscript", "template")


class FeedSpider(SourceSpider):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._status: int | None = None
        self._new_validators: feeds.FeedValidators | None = None
        self._feed_error: str | None = None

    async def start(self) -> AsyncIterator[Any]:
        feed_url = self.source.entry_url
        known = in_transaction(
            reader_for(self.settings),
            lambda session: feeds.get_validators(session, feed_url),
            "reading the feed's state",
        )
        yield scrapy.Request(
            feed_url,
            headers=conditional_headers(known),
            callback=self.parse_feed,
            errback=self.on_feed_error,
            meta=dict(CONDITIONAL_META),
            dont_filter=True,
        )

    async def parse_feed(self, response: Response) -> AsyncIterator[Any]:
        if response.status == 304:
            self.crawler.stats.inc_value(stats.FEED_NOT_MODIFIED)
            logger.info("source %s: feed not modified since last crawl", self.source.name)
            self._status = 304
            return
        self._status = response.status
        decoded = decode_feed(response.body, header_value(response, b"Content-Type") or "")
        if decoded.unreadable is not None:
            self._fail(decoded.unreadable)
            return
        for warning in decoded.warnings:
            logger.warning("source %s: feed %s: %s", self.source.name, response.url, warning)
        try:
            parsed = await FEED_PARSERS.parse(
                decoded.body,
                decoded.content_type,
                response.url,
                self.settings.getfloat(FEED_PARSE_SECONDS_SETTING, DEFAULT_FEED_PARSE_SECONDS),
            )
        except (FeedParseTimeoutError, NotAFeedError) as unusable:
            self._fail(str(unusable))
            return
        # feedparser's result, or a JSON Feed's made like it (a plain dict): read by key.
        entries = parsed.get("entries") or []
        if not entries:
            if parsed.get("bozo"):
                self._fail(f"unusable feed: {parsed.get('bozo_exception')}")
            elif not parsed.get("version"):
                self._fail("not an RSS, Atom or JSON feed")
            else:
                logger.warning("source %s: feed has no entries", self.source.name)
            return
        if parsed.get("bozo"):
            logger.warning(
                "source %s: feed is not well-formed (%s); using the %d entries found",
                self.source.name,
                parsed.get("bozo_exception"),
                len(entries),
            )
        self._new_validators = response_validators(response)
        for entry in entries:
            for request_or_item in self._follow_entry(entry, response):
                yield request_or_item

    def _follow_entry(self, entry: Any, response: Response) -> Iterator[Any]:
        url = entry_url(entry, response)
        if url is None:
            self._skip_entry_without_link(entry)
            return
        # An entry is stored under its page's URL only; any other link goes to the network policy, which
        # refuses it as it refuses such links wherever they come from.
        item = full_text_item(entry, url, self.source.name, self.source.profile) if is_web_url(url) else None
        if item is None:
            yield self.article_request(url, feed_entry=entry_info(entry))
            return
        canonical = canonical_url(url)
        if in_transaction(
            reader_for(self.settings), lambda session: is_url_stored(session, canonical), f"looking up {url}"
        ):
            self.crawler.stats.inc_value(stats.SKIPPED)
            return
        self.crawler.stats.inc_value(stats.FETCHED)
        yield item

    def _skip_entry_without_link(self, entry: Any) -> None:
        """Count and name an entry that has no web page: with its full text too, nothing is stored, as
        an article is known by its URL (already stored? the same story? the link a reviewer opens)."""
        self.crawler.stats.inc_value(stats.FEED_ENTRIES_WITHOUT_LINK)
        link = str(entry.get("link") or "").strip()
        logger.warning(
            "source %s: feed entry %r (id %r) skipped: %s%s",
            self.source.name,
            _shortened(_entry_title(entry) or ""),
            _shortened(str(entry.get("id") or "")),
            f"its link {_shortened(link)!r} is no web address" if link else "it has no link",
            "; its full text is not stored without one" if full_text(entry) is not None else "",
        )

    def on_feed_error(self, failure: Any) -> None:
        """The feed could not be downloaded: an HTTP error or a network failure like any request's;
        anything else that kept us from it (robots.txt, say) is an unusable feed."""
        kind = failure_kind(failure)
        self._fail(failure_message(failure), "feed" if kind in (None, "other") else kind)

    def _fail(self, reason: str, kind: stats.ErrorKind = "feed") -> None:
        stats.count_error(self.crawler.stats, kind)
        self._feed_error = reason
        logger.error("source %s: feed %s: %s", self.source.name, self.source.entry_url, reason)

    def closed(self, reason: str) -> None:
        """Keep the new validators only after a finished crawl, so that an interrupted crawl does not
        make the next one skip entries it never stored (a 304 would hide them). A crawl worker that
        did not fetch the feed (another one did) has nothing to say of it."""
        if self.settings.get(CLUSTER_WORKER_SETTING) and self._status is None and self._feed_error is None:
            return
        finished = reason == "finished" and self._feed_error is None
        in_transaction(
            engine_for(self.settings),
            lambda session: feeds.record_fetch(
                session,
                self.source.entry_url,
                status=self._status,
                validators=self._new_validators if finished else None,
                error=self._feed_error or (None if reason == "finished" else f"crawl {reason}"),
            ),
            "recording the feed's state",
        )


def entry_url(entry: Any, response: Response) -> str | None:
    """The entry's link as an absolute URL, or None when it has none that names a place to fetch.

    feedparser makes an entry's id its link when it has no link of its own (an RSS permalink ``<guid>``,
    an Atom ``<id>``), so an entry known as ``urn:uuid:…`` or ``tag:example.com,2024:1`` comes with a
    "link" that no request can be made of (Scrapy refuses it: "Missing scheme in request url"); so do
    ``mailto:`` and ``javascript:`` links. A URL of another scheme with a place in it (``file:///``,
    ``ftp://``) is returned: the network policy refuses it, and counts it so, like any such link.
    """
    link = str(entry.get("link") or "").strip()
    if not link:
        return None
    try:
        url = safe_url_string(response.urljoin(link))
        return url if is_web_url(url) or "://" in url else None
    except ValueError:  # "http://[::1": no address either
        return None


def is_web_url(url: str) -> bool:
    """Whether a URL is an http(s) page's, with a host: one an entry may be stored under."""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _shortened(text: str, limit: int = 120) -> str:
    """A feed's text cut for a log line: an id or a title may run to any length."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _entry_time(entry: Any, fetched_at: datetime) -> datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        # feedparser normalises every date it understands to a UTC struct_time.
        return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
    # What feedparser cannot read: Chinese forms (2019年09月07日 08:12, 民國108年...) and relative times
    # (3小时前, 昨天 08:12) that some portals' feeds carry; naive times there are UTC+8.
    raw = str(entry.get("published") or entry.get("updated") or "").strip()
    if not raw:
        return None
    return parse_relative(raw, fetched_at, CHINA_STANDARD_TIME) or parse_date(raw, CHINA_STANDARD_TIME)


def _entry_image(entry: Any) -> str | None:
    for media in entry.get("media_content", []) + entry.get("media_thumbnail", []):
        if media.get("url"):
            return str(media["url"])
    for enclosure in entry.get("enclosures", []):
        if str(enclosure.get("type", "")).startswith("image/") and enclosure.get("href"):
            return str(enclosure["href"])
    return None


def full_text_item(entry: Any, url: str, source_name: str, profile: str | None) -> ArticleItem | None:
    """The entry as an article item when its content is the whole article; None for a teaser."""
    content = full_text(entry)
    if content is None:
        return None
    return ArticleItem(
        source_name=source_name,
        url=url,
        raw=content,
        profile=profile,
        feed_entry=entry_info(entry, full_text=True),
    )


def entry_info(entry: Any, *, full_text: bool = False) -> FeedEntryInfo:
    """What the feed says about an entry; ``full_text`` when the item is the entry's own content."""
    return FeedEntryInfo(
        title=_entry_title(entry),
        published=_entry_time(entry, datetime.now(UTC)),
        author=entry.get("author") or None,
        image=_entry_image(entry),
        full_text=full_text,
    )


def full_text(entry: Any) -> str | None:
    """The entry's HTML content when it is the whole article, else None.

    The content is as the feed wrote it (see ``FEED_PARSE_OPTIONS``), so that the cleaner sees its
    ``<style>``, ``<script>`` and promo markup whole; plain-text content (a JSON Feed's content_text)
    is made HTML paragraphs. A JSON Feed's content_html comes first, as the richer of its two forms.
    """
    for content in entry.get("content", []):
        value = str(content.get("value") or "")
        if content.get("type") == "text/plain":
            value = "".join(f"<p>{escape(line)}</p>" for line in value.splitlines() if line.strip())
        text = _visible_text(value)
        if len(text) >= FULL_TEXT_MIN_CHARS and not text.endswith(CUT_SHORT_ENDINGS):
            return value
    return None


def _entry_title(entry: Any) -> str | None:
    """The entry's title as text: an HTML title (Atom ``type="html"``, or RSS markup) loses its tags."""
    title = str(entry.get("title") or "")
    if (entry.get("title_detail") or {}).get("type") in _HTML_TYPES:
        title = _visible_text(title)
    return tidy_title(title) or None


def _visible_text(html: str) -> str:
    """Text a reader would see: no tags, no comments, nothing of ``<script>`` or ``<style>``."""
    text = remove_tags(remove_tags_with_content(remove_comments(html), _INVISIBLE_TAGS))
    return replace_entities(text).strip()
