"""Scrapy's engine and crawler for a worker: a request taken from the shared queue is let go when Scrapy
is done with it, not when it is taken.

Scrapy has no signal for "done with a request": the engine removes a request from its slot once the
downloader's answer has gone through the spider and every item it gave through the pipelines (the store
pipeline completes an item when its batch is committed) and every request it led to is queued. That is
``ExecutionEngine._remove_request``, which this engine extends; a spider closing waits for its requests
in progress, so a request let go here was dealt with. Tested with Scrapy 2.19 (docs/cluster.md), and by
tests/cluster, which fail if a Scrapy release changes this.
"""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.core.engine import ExecutionEngine
from scrapy.crawler import Crawler

from crawler.cluster.queue import HeldPriorityQueue


class WorkerEngine(ExecutionEngine):
    # How often an idle spider looks at the shared queue again: Scrapy's 5 s would leave a worker idle
    # that long each time the queue ran dry before another worker's listing filled it; at 1 s, two
    # workers on two cores did 1.3 times one worker's pages/s in bench/crawl.py, at 0.25 s 1.7 times.
    _SLOT_HEARTBEAT_INTERVAL = 0.25

    def _remove_request(self, result: Any, request: Request) -> None:
        super()._remove_request(result, request)
        queue = getattr(self._slot.scheduler, "queue", None) if self._slot is not None else None
        if isinstance(queue, HeldPriorityQueue):
            queue.finish(request)


class WorkerCrawler(Crawler):
    def _create_engine(self) -> ExecutionEngine:
        return WorkerEngine(self, lambda _: self.stop_async())


def check_engine_hooks() -> None:
    """Refuse a Scrapy whose engine lacks what WorkerEngine extends, rather than lose requests."""
    missing = [
        name
        for owner, name in ((ExecutionEngine, "_remove_request"), (Crawler, "_create_engine"))
        if not callable(getattr(owner, name, None))
    ]
    if missing or not hasattr(ExecutionEngine, "_SLOT_HEARTBEAT_INTERVAL"):
        import scrapy

        raise RuntimeError(
            f"Scrapy {scrapy.__version__} lacks {', '.join(missing) or '_SLOT_HEARTBEAT_INTERVAL'}: "
            "the crawl worker supports the Scrapy versions named in docs/cluster.md"
        )
