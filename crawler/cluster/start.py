"""The source's start requests, run by the one worker that takes the run's start token."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import redis
from scrapy.crawler import Crawler
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy_redis.connection import get_redis_from_settings

from crawler.cluster import CLUSTER_WORKER_SETTING
from crawler.cluster.coordination import Cluster
from crawler.cluster.queue import CLUSTER_PREFIX_SETTING
from crawler.pipelines.store import RUN_ID_SETTING

# How often a worker without the token looks whether it came back (its taker died before it was done).
WAIT_SECONDS = 1.0


class StartTokenMiddleware:
    """A spider middleware: the start requests (feeds, listings, sitemaps) pass only on the worker that
    took the source's token; the token is held until the last of them is queued, so that a worker dying
    before that leaves the token for another. The other workers wait until the start is done (or the
    source stopped, or the run over), taking the token should it come back."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.worker = settings.get(CLUSTER_WORKER_SETTING)
        self.run_id = settings.getint(RUN_ID_SETTING)
        self.cluster = Cluster(get_redis_from_settings(settings), settings.get(CLUSTER_PREFIX_SETTING))

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StartTokenMiddleware:
        return cls(crawler)

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        spider = self.crawler.spider
        assert spider is not None
        while not await self._taken(spider.name):
            if self._settled(spider.name):
                return
            from twisted.internet import reactor, task  # installed by the worker

            await maybe_deferred_to_future(task.deferLater(reactor, WAIT_SECONDS))
        # Each request yielded is queued in Redis before the next is asked for (the engine's crawl()).
        try:
            async for request_or_item in start:
                yield request_or_item
        except Exception:
            # Scrapy logs and counts it; the requests queued so far are the source's start.
            self.cluster.finish_start(self.run_id, spider.name, self.worker)
            raise
        # Not in a finally: a start cut short by the worker stopping stays held, and goes back.
        self.cluster.finish_start(self.run_id, spider.name, self.worker)

    async def _taken(self, source: str) -> bool:
        try:
            return self.cluster.take_start(self.run_id, source, self.worker)
        except redis.RedisError:
            return False  # the worker's beat reports it; the run may end for it

    def _settled(self, source: str) -> bool:
        """No start to wait for: done by another worker, the source stopped, or the run over."""
        try:
            return self.cluster.start_settled(self.run_id, source)
        except redis.RedisError:
            return False
