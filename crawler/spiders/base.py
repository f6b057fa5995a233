"""What every source spider shares: article requests, article responses and error accounting."""

from __future__ import annotations

import logging
from typing import Any

import scrapy
import scrapy.exceptions
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import defer
from twisted.internet import error as twisted_errors
from twisted.python.failure import Failure
from twisted.web.client import ResponseFailed

from crawler import stats
from crawler.downloadermiddlewares.netpolicy import RefusedByPolicy
from crawler.downloadermiddlewares.redirects import RedirectLoop
from crawler.items import ArticleItem, FeedEntryInfo
from crawler.sources import Source
from storage.feeds import FeedValidators

logger = logging.getLogger(__name__)

# Marks a request for an article page: the incremental middleware skips those already stored.
ARTICLE_META_KEY = "forumwatch_article"
# A conditional GET (a feed, a listing page, a sitemap): its 304 must reach the callback as the answer
# "unchanged", and no HTTP cache may answer for the server.
CONDITIONAL_META: dict[str, Any] = {"handle_httpstatus_list": [304], "dont_cache": True}

# A download that failed on the way: Scrapy's own exceptions for them (looked up by name, since the
# set grows with Scrapy's versions), and what Twisted raises underneath (OSError covers DNS failures
# and socket errors).
NETWORK_ERRORS: tuple[type[BaseException], ...] = (
    *(
        getattr(scrapy.exceptions, name)
        for name in (
            "CannotResolveHostError",
            "DownloadConnectionRefusedError",
            "DownloadFailedError",
            "DownloadTimeoutError",
            "ResponseDataLossError",
        )
        if hasattr(scrapy.exceptions, name)
    ),
    twisted_errors.ConnectError,  # refused, DNS lookup, TCP and connect timeouts
    twisted_errors.ConnectionClosed,  # lost or done before the response was whole
    twisted_errors.TimeoutError,
    defer.TimeoutError,
    ResponseFailed,  # includes ResponseNeverReceived
    OSError,
)


class SourceSpider(scrapy.Spider):
    """A spider for one configured source; its stats are that source's counts."""

    def __init__(self, source: Source, **kwargs: Any) -> None:
        super().__init__(name=source.name, **kwargs)
        self.source = source

    def article_request(self, url: str, feed_entry: FeedEntryInfo | None = None) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=self.parse_article,
            errback=self.on_error,
            meta={ARTICLE_META_KEY: True},
            cb_kwargs={"feed_entry": feed_entry},
        )

    def parse_article(self, response: Response, feed_entry: FeedEntryInfo | None = None) -> ArticleItem:
        self.crawler.stats.inc_value(stats.FETCHED)
        return ArticleItem(
            source_name=self.source.name,
            url=response.url,
            raw=response.body,
            declared_encoding=_header_charset(response),
            profile=self.source.profile,
            feed_entry=feed_entry,
        )

    def on_error(self, failure: Failure) -> None:
        """A request failed (network, HTTP status): count it against the source, log it, go on.

        A request we chose not to make (robots.txt, already stored) is no error; one the network policy
        refused, a redirect loop and a body too big are (Scrapy raises IgnoreRequest for them too)."""
        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        kind = failure_kind(failure)
        if kind is None:
            logger.debug("source %s: %s not requested: %s", self.source.name, url, failure.getErrorMessage())
            return
        stats.count_error(self.crawler.stats, kind)
        logger.error("source %s: %s failed (%s): %s", self.source.name, url, kind, failure_message(failure))


def conditional_headers(known: FeedValidators) -> dict[str, str]:
    """If-None-Match and If-Modified-Since from the validators kept at the last complete fetch."""
    headers = {}
    if known.etag:
        headers["If-None-Match"] = known.etag
    if known.last_modified:
        headers["If-Modified-Since"] = known.last_modified
    return headers


def response_validators(response: Response) -> FeedValidators:
    """The ETag and Last-Modified a response came with, to send back next time."""
    return FeedValidators(
        etag=header_value(response, b"ETag"), last_modified=header_value(response, b"Last-Modified")
    )


def header_value(response: Response, name: bytes) -> str | None:
    """A response header as text (Latin-1, as HTTP has it), or None when absent or empty."""
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


# Scrapy's messages for downloads it drops with a plain IgnoreRequest (scrapy/downloadermiddlewares):
# too many redirects, and a body that exceeds DOWNLOAD_MAXSIZE once decompressed.
_TOO_MANY_REDIRECTS = "max redirections reached"
_DECOMPRESSED_TOO_BIG = "during decompression"


def failure_kind(failure: Failure) -> stats.ErrorKind | None:
    """What kind of error a failed request is; None for a request that was not made on purpose."""
    value = failure.value
    if isinstance(value, HttpError):
        response = getattr(value, "response", None)
        # A 3xx that reaches here is a redirect Scrapy would not follow (to file:, to no Location).
        return "redirect" if response is not None and 300 <= response.status < 400 else "http"
    if isinstance(value, RefusedByPolicy):
        return "refused"
    if isinstance(value, RedirectLoop):
        return "redirect"
    if isinstance(value, IgnoreRequest):
        message = str(value)
        if _TOO_MANY_REDIRECTS in message:
            return "redirect"
        if _DECOMPRESSED_TOO_BIG in message:
            return "size"
        return None
    if type(value).__name__ == "BrowserPageError":  # crawler/browser.py, imported only where used
        return "browser"
    if isinstance(value, DownloadCancelledError):
        return "size"  # Scrapy cancels a download whose body passes DOWNLOAD_MAXSIZE
    if failure.check(*NETWORK_ERRORS):  # type: ignore[no-untyped-call]
        return "network"
    return "other"


def failure_message(failure: Failure) -> str:
    """A failed request for people: the status of an HTTP error (Scrapy's message omits it)."""
    if failure.check(HttpError):  # type: ignore[no-untyped-call]
        response = getattr(failure.value, "response", None)
        if response is not None:
            return f"HTTP {response.status}"
    return str(failure.getErrorMessage())


def _header_charset(response: Response) -> str | None:
    content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1").lower()
    for parameter in content_type.split(";")[1:]:
        key, _, value = parameter.strip().partition("=")
        if key == "charset" and value:
            return value.strip("\"' ")
    return None
