"""Politeness across workers: each host's delay held by all the workers together.

Within a worker, crawler/politeness.py gives each host its turns (concurrency, delay, Crawl-delay,
Retry-After). Across workers, when a request's turn comes, the worker also reserves the host's next start
in Redis (coordination.Cluster.pace: the last start reserved by any worker plus the delay) and waits for
it; a Retry-After pauses the host for every worker. The delay is the source's (DOWNLOAD_DELAY, or
AutoThrottle's if longer) or the host's Crawl-delay as this worker read it, whichever is longer.
Concurrency stays per worker: with a delay of 0 there is no pace to share, and each worker sends its own
CONCURRENT_REQUESTS_PER_DOMAIN at most (docs/cluster.md).
"""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy_redis.connection import get_redis_from_settings

from crawler.cluster.coordination import Cluster
from crawler.cluster.queue import CLUSTER_PREFIX_SETTING
from crawler.politeness import PoliteDownloadHandler


class ClusterDownloadHandler(PoliteDownloadHandler):
    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        settings = crawler.settings
        self.cluster = Cluster(get_redis_from_settings(settings), settings.get(CLUSTER_PREFIX_SETTING))

    async def before_sending(self, host: str, delay: float) -> None:
        # With no delay too: another worker may have paused the host (a Retry-After).
        wait = self.cluster.pace(host, delay)
        if wait > 0:
            from twisted.internet import reactor, task  # installed by the crawl before any download

            await maybe_deferred_to_future(task.deferLater(reactor, wait))

    def paused(self, host: str, seconds: float) -> None:
        self.cluster.pause_host(host, seconds)
