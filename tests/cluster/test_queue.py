"""The workers' queue on a real Redis: what it hands out first, what it holds, what it marks seen."""

from __future__ import annotations

import pytest

pytest.importorskip("scrapy_redis")

import redis
from scrapy import Request, Spider
from scrapy.utils.test import get_crawler

from crawler.cluster import CLUSTER_WORKER_SETTING
from crawler.cluster.coordination import Cluster
from crawler.cluster.queue import CLUSTER_PREFIX_SETTING, HELD_META_KEY, HeldPriorityQueue
from crawler.pipelines.store import RUN_ID_SETTING
from crawler.spiders.site import PAGE_META_KEY


class _Spider(Spider):
    name = "news"

    def parse(self, response: object) -> None:
        pass


@pytest.fixture
def queue(redis_url: str, cluster_prefix: str) -> HeldPriorityQueue:
    settings = {
        RUN_ID_SETTING: 3,
        CLUSTER_WORKER_SETTING: "w1",
        CLUSTER_PREFIX_SETTING: cluster_prefix,
        "REQUEST_FINGERPRINTER_CLASS": "crawler.fingerprinting.CanonicalUrlFingerprinter",
    }
    crawler = get_crawler(_Spider, settings)
    spider = _Spider.from_crawler(crawler)
    server = redis.Redis.from_url(redis_url)
    key = Cluster(server, cluster_prefix).keys.queue(3, "news")
    return HeldPriorityQueue(server, spider, key)


def test_listing_pages_go_before_articles_and_a_url_is_queued_once(queue: HeldPriorityQueue) -> None:
    queue.push(Request("https://example.com/a1.html"))
    queue.push(
        Request("https://example.com/list?page=2", meta={PAGE_META_KEY: "https://example.com/list?page=2"})
    )
    queue.push(Request("https://example.com/a1.html?utm_source=feed"))  # the same page, by its canonical URL
    assert len(queue) == 2
    first, second = queue.pop(), queue.pop()
    assert first is not None
    assert second is not None
    assert first.url == "https://example.com/list?page=2"
    assert second.url == "https://example.com/a1.html"
    assert queue.pop() is None


def test_a_taken_request_is_held_until_finished_and_its_copies_are_requests_of_their_own(
    queue: HeldPriorityQueue,
) -> None:
    queue.push(Request("https://example.com/a2.html"))
    taken = queue.pop()
    assert taken is not None
    held = queue.cluster.keys.inflight(3, "news", "w1")
    assert queue.server.hlen(held) == 1
    # A retry made from it is queued without the id it is held under.
    queue.push(taken.replace(dont_filter=True))
    retry = queue.pop()
    assert retry is not None
    assert retry.meta[HELD_META_KEY] != taken.meta[HELD_META_KEY]
    queue.finish(taken)
    queue.finish(retry)
    assert queue.server.hlen(held) == 0


def test_a_request_that_redis_failed_to_let_go_is_let_go_at_the_next_chance(
    queue: HeldPriorityQueue, monkeypatch: pytest.MonkeyPatch
) -> None:
    queue.push(Request("https://example.com/a3.html"))
    taken = queue.pop()
    assert taken is not None
    held = queue.cluster.keys.inflight(3, "news", "w1")

    def unreachable(*args: object, **kwargs: object) -> None:
        raise redis.ConnectionError("Redis went away")

    with monkeypatch.context() as patch:
        patch.setattr(queue.cluster, "finish", unreachable)
        queue.finish(taken)  # logged, not raised: the engine is not to see Redis fail
    assert queue.server.hlen(held) == 1  # held still: the run would wait for it for ever
    assert queue.pop() is None  # the engine asks again (four times a second)
    assert queue.server.hlen(held) == 0
