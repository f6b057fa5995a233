"""scrapy-redis's priority queue and dupefilter, with what a worker's death must not lose.

The queue is scrapy-redis's (a sorted set per source and run, requests serialised by it), but a request
is taken into the worker's in-flight hash rather than popped (coordination.py), and let go by
``finish`` once Scrapy is done with it (engine.py). The dupefilter is scrapy-redis's, fingerprinting
requests as the crawl's own fingerprinter does (crawler/fingerprinting.py): a single-process crawl and
the workers tell the same URLs apart. Its set is written by the queue, in the same step as the request
is queued: scrapy-redis's scheduler asks the dupefilter, then pushes, and a worker killed between the
two would leave a URL seen but never queued.
"""

from __future__ import annotations

import logging
from typing import Any

import redis
from scrapy import Request, Spider
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import PriorityQueue

from crawler.cluster import CLUSTER_WORKER_SETTING
from crawler.cluster.coordination import Cluster
from crawler.pipelines.store import RUN_ID_SETTING
from crawler.runner import counts_of
from crawler.spiders.site import LISTING_PRIORITY, PAGE_META_KEY
from crawler.stats import count_error

logger = logging.getLogger(__name__)

CLUSTER_PREFIX_SETTING = "FORUMWATCH_CLUSTER_PREFIX"
# Listing pages and sitemaps go before the articles in the shared queue: the pages they lead to are what
# keeps every worker busy. (One process's crawl asks for them after its queued articles, with
# LISTING_PRIORITY, to keep its queue short; here that priority is undone and a boost given instead.)
LISTING_BOOST = 1
# The id under which a taken request is held; carried by the request until Scrapy is done with it.
HELD_META_KEY = "forumwatch_held"


class HeldPriorityQueue(PriorityQueue):  # type: ignore[misc]
    """A source's queue in one run; what it hands out stays held by this worker until finished."""

    def __init__(self, server: Any, spider: Spider, key: str, serializer: Any = None) -> None:
        super().__init__(server, spider, key, serializer)
        settings = spider.crawler.settings
        self.cluster = Cluster(server, settings.get(CLUSTER_PREFIX_SETTING))
        self.run_id = settings.getint(RUN_ID_SETTING)
        self.worker = settings.get(CLUSTER_WORKER_SETTING)
        self.source = spider.name
        self._links_published = 0
        # Requests done whose letting go Redis failed: let go at the next chance (the engine asks for a
        # request four times a second even when idle), or the run would wait for them for ever.
        self._not_let_go: list[str] = []

    def push(self, request: Request) -> None:
        try:
            if request.dont_filter:
                super().push(request)
            else:
                fingerprint = self.spider.crawler.request_fingerprinter.fingerprint(request).hex()
                data = self._encode_request(request)
                score = -request.priority
                if PAGE_META_KEY in request.meta:
                    score += LISTING_PRIORITY - LISTING_BOOST
                self.cluster.queue_new(self.run_id, self.source, fingerprint, score, data)
        except redis.RedisError as error:
            # Lost to this run like a page whose download failed, and counted so.
            count_error(self.spider.crawler.stats, "other")
            logger.error("source %s: %s not queued, Redis failed: %s", self.source, request.url, error)

    def pop(self, timeout: int = 0) -> Request | None:
        try:
            if self._not_let_go:
                self.cluster.let_go(self.run_id, self.source, self.worker, self._not_let_go)
                self._not_let_go = []
            taken = self.cluster.take(self.run_id, self.source, self.worker)
        except redis.RedisError as error:
            # The worker's beat reports Redis down and back; here the engine just finds nothing to do.
            logger.debug("source %s: nothing taken, Redis failed: %s", self.source, error)
            return None
        if taken is None:
            return None
        request_id, data = taken
        request: Request = self._decode_request(data)
        request.meta[HELD_META_KEY] = request_id
        return request

    def finish(self, request: Request) -> None:
        """Scrapy is done with ``request``: its items are stored, the requests it led to queued."""
        request_id = request.meta.get(HELD_META_KEY)
        if request_id is None:
            return
        counts = counts_of(self.spider.crawler).to_json()
        links = getattr(self.spider, "linked_in_order", ())
        linked, self._links_published = links[self._links_published :], len(links)
        try:
            self.cluster.finish(self.run_id, self.source, self.worker, request_id, counts, linked)
        except redis.RedisError as error:
            self._links_published -= len(linked)
            self._not_let_go.append(request_id)
            logger.error("source %s: %s not let go yet, Redis failed: %s", self.source, request.url, error)

    def _encode_request(self, request: Request) -> bytes:
        # A redirect or a retry is made from the request it replaces, meta and all: the copy is a
        # request of its own, held under its own id once taken.
        if HELD_META_KEY in request.meta:
            request = request.replace(meta={k: v for k, v in request.meta.items() if k != HELD_META_KEY})
        encoded: bytes = super()._encode_request(request)
        return encoded


class CrawlFingerprintDupeFilter(RFPDupeFilter):  # type: ignore[misc]
    """scrapy-redis's dupefilter with the crawl's request fingerprints, which only looks: the queue adds
    a fingerprint as it queues its request (HeldPriorityQueue.push)."""

    fingerprinter: Any = None

    @classmethod
    def from_spider(cls, spider: Spider) -> CrawlFingerprintDupeFilter:
        dupefilter: CrawlFingerprintDupeFilter = super().from_spider(spider)
        dupefilter.fingerprinter = spider.crawler.request_fingerprinter
        return dupefilter

    def request_seen(self, request: Request) -> bool:
        return bool(self.server.sismember(self.key, self.request_fingerprint(request)))

    def request_fingerprint(self, request: Request) -> str:
        if self.fingerprinter is None:
            return str(super().request_fingerprint(request))
        return str(self.fingerprinter.fingerprint(request).hex())
