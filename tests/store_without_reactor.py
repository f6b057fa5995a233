"""StorePipeline in tests that run no reactor: its writer thread settles items itself, and `settled`
waits for what process_item returns."""

from __future__ import annotations

import inspect
import threading
from collections.abc import Callable
from typing import Any

from twisted.internet.defer import Deferred
from twisted.python.failure import Failure

from crawler.items import ArticleItem
from crawler.pipelines.store import StorePipeline


class StoreWithoutReactor(StorePipeline):
    batch_seconds = 0.0  # no waiting for more: each test's articles are queued before they are stored

    def call_in_reactor(self, function: Callable[..., Any], *args: Any) -> None:
        function(*args)

    def wait_for(self, committed: Deferred[ArticleItem]) -> Any:
        return committed  # awaited in the coroutine that Deferred.fromCoroutine drives below


def settled(result: Any, timeout: float = 30.0) -> Any:
    """What a pipeline's process_item gave, waited for when it is a coroutine (the store's)."""
    if not inspect.iscoroutine(result):
        return result
    done = threading.Event()
    outcome: list[Any] = []

    def keep(value: Any) -> None:
        outcome.append(value)
        done.set()

    Deferred.fromCoroutine(result).addBoth(keep)
    assert done.wait(timeout), "the store did not settle the item"
    if isinstance(outcome[0], Failure):
        outcome[0].raiseException()
    return outcome[0]
