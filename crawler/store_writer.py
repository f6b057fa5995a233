"""The thread that stores a crawler's articles, a batch per transaction, off the reactor thread.

One thread, so one connection and the articles stored in the order they came; a batch is what came
within BATCH_SECONDS of its first article, at most BATCH_SIZE. A kill loses at most the batch in flight
(its transaction is rolled back whole), and storing it again stores each article once: save_article is
idempotent on the canonical URL.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from storage.articles import ArticleRecord
from storage.batches import BatchOutcome, save_batch
from storage.failures import is_fatal

logger = logging.getLogger(__name__)

# At full speed (some 15 articles stored a second in bench/crawl.py) a batch is what came within 0.1 s of its
# first article, up to 50. Longer windows save little more (the writer's CPU is save_article's own, not
# the transaction's) and cost a kill more: at 0.5 s, crawls killed every second stored nothing at all
# (tests/hostile/test_kill_recovery.py). It is also how late an immediate alert can see a story.
BATCH_SIZE = 50
BATCH_SECONDS = 0.1


@dataclass(frozen=True)
class Stored:
    """One article's outcome, with what the caller gave to recognise it."""

    token: Any
    outcome: BatchOutcome


# Called on the writer thread after each batch: the outcomes, the batch's CPU and wall microseconds.
BatchReport = Callable[[Sequence[Stored], int, int], None]


class StoreWriter:
    """Stores submitted records in batches on a thread of its own; ``report`` hears of each batch."""

    def __init__(
        self,
        engine: Engine,
        source_id: int,
        report: BatchReport,
        *,
        batch_size: int = BATCH_SIZE,
        batch_seconds: float = BATCH_SECONDS,
    ) -> None:
        self.engine = engine
        self.source_id = source_id
        self.report = report
        self.batch_size = batch_size
        self.batch_seconds = batch_seconds
        self._queue: queue.SimpleQueue[tuple[ArticleRecord, Any] | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="forumwatch-store-writer", daemon=True)
        self._stopping = False
        # Once a write failed for good (disk full, server gone), later ones are not tried: they would
        # fail alike, one by one.
        self._fatal: Exception | None = None

    def start(self) -> None:
        self._thread.start()

    def submit(self, record: ArticleRecord, token: Any) -> None:
        self._queue.put((record, token))

    def stop(self) -> None:
        """Store what was submitted, then end the thread."""
        self._queue.put(None)
        self._thread.join()

    def _run(self) -> None:
        while not self._stopping:
            batch = self._next_batch()
            if batch:
                self._store(batch)

    def _next_batch(self) -> list[tuple[ArticleRecord, Any]]:
        first = self._queue.get()
        if first is None:
            self._stopping = True
            return []
        batch = [first]
        deadline = time.monotonic() + self.batch_seconds
        while len(batch) < self.batch_size:
            try:
                entry = self._queue.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                break
            if entry is None:
                self._stopping = True
                break
            batch.append(entry)
        return batch

    def _store(self, batch: list[tuple[ArticleRecord, Any]]) -> None:
        cpu, wall = time.thread_time(), time.perf_counter()
        records = [record for record, _ in batch]
        try:
            outcomes = self._fatal_outcomes(len(batch)) or save_batch(self.engine, records, self.source_id)
        except Exception as error:  # save_batch answers for each article; this is a bug, not lost items
            logger.exception("the store writer failed on a batch of %d articles", len(batch))
            outcomes = [error] * len(batch)
        for outcome in outcomes:
            if isinstance(outcome, Exception) and is_fatal(outcome):
                self._fatal = outcome
        self.report(
            [Stored(token, outcome) for (_, token), outcome in zip(batch, outcomes, strict=True)],
            round((time.thread_time() - cpu) * 1e6),
            round((time.perf_counter() - wall) * 1e6),
        )

    def _fatal_outcomes(self, count: int) -> list[BatchOutcome]:
        return [self._fatal] * count if self._fatal is not None else []
