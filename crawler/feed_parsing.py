"""feedparser run in a child process, with a time limit, so that one feed cannot stall the crawl.

feedparser is pure Python and holds the GIL: a feed built to hit one of its slow regular expressions
(an author of ``'a@' + 'a.' * 16000 + '!'`` takes seconds per entry: feedparser issue #562) would stop
the reactor thread, and with it every other source and the heartbeat, were it parsed there or in a
thread. In a process it only costs its own time, and past the limit the process is killed.

One worker serves the whole crawl (feeds are parsed one per source and night); it starts from a clean
interpreter ("forkserver": no copy of the running reactor), the first time a feed needs it.

A JSON Feed is read there too (crawler/jsonfeed.py), into the same result as feedparser's: JSON is told
from XML by the body's first character, whatever the Content-Type says.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import multiprocessing.pool
import threading
from typing import Any

# feedparser's sanitizer drops <style> and <script> tags but lets character references inside them
# through (a Sina QR promo's CSS became "{}{}{}{}" in the stored text). The content goes to our own
# cleaner instead, which drops those elements whole and keeps text only: the stored HTML is rendered
# from text blocks and the review page sanitises it again.
FEED_PARSE_OPTIONS: dict[str, Any] = {"sanitize_html": False}
# The longest a feed may take to parse ([crawl] feed_parse_seconds): a large real feed (hundreds of
# full-text entries) takes well under a second.
FEED_PARSE_SECONDS_SETTING = "FORUMWATCH_FEED_PARSE_SECONDS"
DEFAULT_FEED_PARSE_SECONDS = 20.0


class FeedParseTimeoutError(Exception):
    """The feed took longer than the limit to parse; its worker was killed."""


class NotAFeedError(Exception):
    """The body is something else than a feed; the message says what (JSON that is not a JSON Feed)."""


def parse_feed(body: bytes, content_type: str, url: str) -> Any:
    """feedparser's result for the feed, picklable: the reason it is malformed becomes a string.

    A JSON Feed gives the same result (crawler/jsonfeed.py); other JSON raises NotAFeedError.
    """
    from crawler import jsonfeed  # in the worker, like feedparser

    if jsonfeed.looks_like_json(body):
        try:
            return jsonfeed.parse_json_feed(body)
        except jsonfeed.NotAJsonFeedError as error:
            raise NotAFeedError(str(error)) from None
    import feedparser  # in the worker only (preloaded there): the crawl process never needs it

    parsed = feedparser.parse(
        body, **FEED_PARSE_OPTIONS, response_headers={"content-type": content_type, "content-location": url}
    )
    if parsed.get("bozo_exception") is not None:
        parsed["bozo_exception"] = str(parsed["bozo_exception"])
    return parsed


class FeedParserPool:
    """The crawl's feed-parsing process, started on first use and replaced after a timeout."""

    def __init__(self) -> None:
        self._pool: multiprocessing.pool.Pool | None = None
        self._lock = threading.Lock()

    def _worker(self) -> multiprocessing.pool.Pool:
        with self._lock:
            if self._pool is None:
                context = multiprocessing.get_context("forkserver")
                context.set_forkserver_preload(["feedparser"])
                self._pool = context.Pool(processes=1)
            return self._pool

    async def parse(self, body: bytes, content_type: str, url: str, seconds: float) -> Any:
        """Parse in the worker; FeedParseTimeoutError past ``seconds`` (the worker is killed, a new one
        serves the next feed)."""
        loop = asyncio.get_running_loop()
        done: asyncio.Future[Any] = loop.create_future()

        def settle(result: Any, error: BaseException | None = None) -> None:
            if not done.done():
                if error is None:
                    done.set_result(result)
                else:
                    done.set_exception(error)

        pool = self._worker()
        pool.apply_async(
            parse_feed,
            (body, content_type, url),
            callback=lambda result: loop.call_soon_threadsafe(settle, result),
            error_callback=lambda error: loop.call_soon_threadsafe(settle, None, error),
        )
        try:
            return await asyncio.wait_for(done, seconds)
        except TimeoutError:
            self._kill(pool)
            raise FeedParseTimeoutError(f"the feed took longer than {seconds:g} s to parse") from None

    def _kill(self, pool: multiprocessing.pool.Pool) -> None:
        with self._lock:
            if self._pool is pool:
                self._pool = None
        pool.terminate()

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.terminate()


# One per crawl process: every feed source's spider parses through it.
FEED_PARSERS = FeedParserPool()
