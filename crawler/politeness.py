"""Politeness per host, whichever source asks: robots.txt's Crawl-delay, a 429's Retry-After, and the
concurrency and delay of [crawl] held by all sources together.

Each source is a Scrapy crawler of its own, with its own downloader, so Scrapy's per-domain limits hold
per source only: two sources on one site went at it twice as hard. Here every HTTP(S) download waits
for its host's turn in one registry (``HOSTS``) shared by the crawlers of the process, which all run
on the reactor's thread. A request starts when

- fewer than its source's CONCURRENT_REQUESTS_PER_DOMAIN requests to the host are in flight, from any
  source;
- its source's delay (DOWNLOAD_DELAY, or AutoThrottle's current delay for the host if longer) and the
  host's Crawl-delay (at most FORUMWATCH_MAX_CRAWL_DELAY) have passed since the last request to the host
  started, and the host's Retry-After pause (at most FORUMWATCH_MAX_RETRY_AFTER) is over;
- no robots.txt request to the host is in flight: while robots.txt is asked nothing else starts, so that
  its Crawl-delay holds from the very next request on, the other sources' robots.txt included. It does
  not wait for the downloads already in flight, which started before it could tell them anything: one
  hung download (a listing trickling for minutes) must not hold every other source's robots.txt, and
  every request queued behind it, until it times out.

The wait is in the download handler, the last step before the wire, rather than in a downloader
middleware: after a middleware's turn the request would still wait in Scrapy's own slot (its delay, with
jitter), so the turn's time would not be the request's and two sources could still bunch up; and the
handler's try/finally is the one place every outcome passes (a response, an error, a timeout, a
cancellation), so a turn is always given back. A request waiting here holds one of its source's
CONCURRENT_REQUESTS_PER_DOMAIN places in Scrapy's slot for the host, which it is waiting for anyway;
the rest of the source's requests wait in that slot's queue as they would for Scrapy's own delay.
"""

from __future__ import annotations

import logging
import math
import re
import time
from collections import deque
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from scrapy import Request
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.robotstxt import RobotParser
from scrapy.utils.asyncio import CallLaterResult, call_later
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler, load_object
from twisted.internet.defer import Deferred

logger = logging.getLogger(__name__)

MAX_CRAWL_DELAY_SETTING = "FORUMWATCH_MAX_CRAWL_DELAY"
MAX_RETRY_AFTER_SETTING = "FORUMWATCH_MAX_RETRY_AFTER"
# A minute between requests is sixty pages an hour, what a source's default time limit of an hour
# (crawl.source_time_limit) can afford; a longer Crawl-delay is taken as this, with a warning.
DEFAULT_MAX_CRAWL_DELAY = 60.0
# Rate limiters ask for seconds to a minute; a server that asks for longer is rather down for maintenance,
# and waiting would hold every other request to the host as long: that page is given up instead.
DEFAULT_MAX_RETRY_AFTER = 120.0
# The answers whose Retry-After says when to come back (RFC 9110 10.2.3); on a redirect it is ignored.
RETRY_AFTER_STATUSES = frozenset({429, 503})
ROBOTS_TXT_PATH = "/robots.txt"


@dataclass(eq=False)
class _Turn:
    """A request waiting for its host."""

    concurrency: int
    delay: float
    alone: bool
    ready: Deferred[None] = field(default_factory=Deferred)
    granted: bool = False


@dataclass(eq=False)
class _Host:
    in_flight: int = 0
    alone_in_flight: bool = False
    last_start: float = -math.inf
    paused_until: float = -math.inf
    crawl_delay: float = 0.0
    waiting: deque[_Turn] = field(default_factory=deque)
    timer: CallLaterResult | None = None


class HostTurns:
    """Who may start a request to a host now, across every crawler of the process; first come, first
    served per host, so that a source with a longer delay is not overtaken for ever."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._hosts: dict[str, _Host] = {}

    @asynccontextmanager
    async def turn(
        self, host: str, *, concurrency: int, delay: float, alone: bool = False
    ) -> AsyncIterator[None]:
        """Wait for a turn to send a request to ``host``; the turn is given back on leaving the block."""
        slot = self._hosts.setdefault(host, _Host())
        turn = _Turn(concurrency, delay, alone)
        slot.waiting.append(turn)
        self._serve(slot)
        try:
            await maybe_deferred_to_future(turn.ready)
        except BaseException:  # cancelled while waiting
            if turn.granted:
                self._give_back(slot, turn)
            elif turn in slot.waiting:
                slot.waiting.remove(turn)
                self._serve(slot)
            raise
        try:
            yield
        finally:
            self._give_back(slot, turn)

    def set_crawl_delay(self, host: str, seconds: float) -> None:
        """The host's robots.txt asks for ``seconds`` between requests; the longest any source read holds."""
        slot = self._hosts.setdefault(host, _Host())
        slot.crawl_delay = max(slot.crawl_delay, seconds)

    def crawl_delay(self, host: str) -> float:
        """The longest Crawl-delay of the host's robots.txt that any source read; 0 when none."""
        slot = self._hosts.get(host)
        return slot.crawl_delay if slot is not None else 0.0

    def pause(self, host: str, seconds: float) -> None:
        """No request to the host starts for ``seconds`` from now (a Retry-After)."""
        slot = self._hosts.setdefault(host, _Host())
        slot.paused_until = max(slot.paused_until, self._clock() + seconds)
        self._serve(slot)

    def _give_back(self, slot: _Host, turn: _Turn) -> None:
        slot.in_flight -= 1
        if turn.alone:
            slot.alone_in_flight = False
        self._serve(slot)

    def _serve(self, slot: _Host) -> None:
        """Start the waiting requests that may start now, in order; call again when the first may."""
        if slot.timer is not None:
            slot.timer.cancel()
            slot.timer = None
        while slot.waiting:
            turn = slot.waiting[0]
            if turn.ready.called:  # cancelled while waiting; its task has not run to remove it yet
                slot.waiting.popleft()
                continue
            if slot.alone_in_flight or slot.in_flight >= turn.concurrency:
                return  # the next request to end serves again
            now = self._clock()
            start = max(slot.last_start + max(turn.delay, slot.crawl_delay), slot.paused_until)
            if now < start:
                if slot.timer is not None:  # set by a nested call (a download that failed at once)
                    slot.timer.cancel()
                slot.timer = call_later(start - now, self._timer_fired, slot)
                return
            slot.waiting.popleft()
            slot.in_flight += 1
            slot.alone_in_flight = turn.alone
            slot.last_start = now
            turn.granted = True
            turn.ready.callback(None)

    def _timer_fired(self, slot: _Host) -> None:
        slot.timer = None
        self._serve(slot)


# The registry of the crawl: one per process, as `forumwatch crawl` runs one crawl per process.
HOSTS = HostTurns()


class PoliteDownloadHandler(HTTP11DownloadHandler):
    """Scrapy's HTTP(S) download handler, downloading when the host's turn comes (HOSTS), and reading
    each host's Crawl-delay (robots.txt) and Retry-After (429, 503) into its turns."""

    hosts: HostTurns = HOSTS

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        settings = crawler.settings
        self._concurrency = settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN")
        self._delay = settings.getfloat("DOWNLOAD_DELAY")
        self._max_crawl_delay = settings.getfloat(MAX_CRAWL_DELAY_SETTING, DEFAULT_MAX_CRAWL_DELAY)
        self._max_retry_after = settings.getfloat(MAX_RETRY_AFTER_SETTING, DEFAULT_MAX_RETRY_AFTER)
        self._obey_robots = settings.getbool("ROBOTSTXT_OBEY")
        self._robots_parser: type[RobotParser] = load_object(settings["ROBOTSTXT_PARSER"])
        # The user agent whose rules are read, as Scrapy's RobotsTxtMiddleware chooses it.
        self._robots_user_agent: str = settings["ROBOTSTXT_USER_AGENT"] or settings["USER_AGENT"]

    async def download_request(self, request: Request) -> Response:
        url = urlparse_cached(request)
        host = url.hostname or ""
        robots = url.path == ROBOTS_TXT_PATH
        delay = self._delay_of(request)
        async with self.hosts.turn(host, concurrency=self._concurrency, delay=delay, alone=robots):
            await self.before_sending(host, max(delay, self.hosts.crawl_delay(host)))
            response = await super().download_request(request)
            # Before the turn is given back: the next request to the host must wait as these say.
            if robots:
                self._note_crawl_delay(response, host)
            self._note_retry_after(request, response, host)
        return response

    async def before_sending(self, host: str, delay: float) -> None:
        """The host's turn has come in this process; other processes may have a say (the cluster's
        handler waits for the turn across workers, crawler/cluster/pacing.py)."""

    def paused(self, host: str, seconds: float) -> None:
        """The host asked for a pause of ``seconds`` (a Retry-After); this process holds it already."""

    def _delay_of(self, request: Request) -> float:
        """The source's delay for the request's host: DOWNLOAD_DELAY, or AutoThrottle's if longer."""
        engine = self._crawler.engine
        slot = engine.downloader.slots.get(request.meta.get("download_slot", "")) if engine else None
        return max(self._delay, slot.delay if slot is not None else 0.0)

    def _note_crawl_delay(self, response: Response, host: str) -> None:
        # Read here rather than from Scrapy's robots_parsed signal, which comes after the turn is given
        # back: another source's request could start before the delay is known.
        if not self._obey_robots or not 200 <= response.status < 300:
            return
        parser = build_from_crawler(self._robots_parser, self._crawler, response.body)
        delay = parser.crawl_delay(self._robots_user_agent)
        if delay is None or not delay > 0:  # not set, or nonsense (NaN)
            return
        if delay > self._max_crawl_delay:
            logger.warning(
                "%s asks for a Crawl-delay of %g s in its robots.txt; waiting %g s, forumwatch's longest",
                host,
                delay,
                self._max_crawl_delay,
            )
            delay = self._max_crawl_delay
        self.hosts.set_crawl_delay(host, delay)

    def _note_retry_after(self, request: Request, response: Response, host: str) -> None:
        if response.status not in RETRY_AFTER_STATUSES:
            return
        seconds = retry_after_seconds(response.headers.get(b"Retry-After"), datetime.now(UTC))
        if seconds is None:
            return
        if seconds > self._max_retry_after:
            logger.warning(
                "%s: HTTP %d asks to retry after %g s, longer than forumwatch waits (%g s): given up",
                request.url,
                response.status,
                seconds,
                self._max_retry_after,
            )
            # Scrapy's RetryMiddleware leaves it alone, so the answer is the HTTP error it is.
            request.meta["dont_retry"] = True
            seconds = self._max_retry_after
        self.hosts.pause(host, seconds)
        self.paused(host, seconds)


_SECONDS = re.compile(r"[0-9]+")


def retry_after_seconds(value: bytes | None, now: datetime) -> float | None:
    """A Retry-After header's wait from ``now``: delay-seconds or an HTTP date (RFC 9110 10.2.3); None
    when there is none or it cannot be read."""
    if value is None:
        return None
    text = value.decode("latin-1").strip()
    if _SECONDS.fullmatch(text):
        return float(text)  # inf for a number too long to hold
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)  # HTTP dates are GMT; "-0000" reads as naive
    return max((when - now).total_seconds(), 0.0)
