"""A crawl run done by the workers: seeded into Redis, watched until it drained, and added up.

`forumwatch crawl` with [cluster] calls ``crawl_through_workers`` in place of crawler.runner.run_crawl:
the same sources and the same report, but the crawling is the workers' (worker.py). The run has
drained when no queue, start token or in-flight hash of a source still crawled holds anything, twice in
a row a beat apart; the workers then close their crawlers and publish their last counts, which are
added up per source.
"""

from __future__ import annotations

import logging
import signal
import time
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType
from typing import Any

import redis

from crawler.budget import ERROR_LIMIT_REASON, ERROR_LIMIT_SETTING, TIME_LIMIT_REASON, stopped_early
from crawler.cluster.coordination import Cluster, RunPlan
from crawler.runner import CrawlReport, ProgressCallback
from crawler.spiders.site import listing_digest
from storage.runs import SourceCounts

logger = logging.getLogger(__name__)


# After a signal, how long the workers have to close their crawlers: the scheduler kills a crawl that
# has not ended 30 s after its SIGTERM (scheduler/crawls.py).
INTERRUPTED_CLOSE_SECONDS = 20.0


class ClusterBusyError(Exception):
    """The workers are crawling another run: one run at a time."""

    def __init__(self, other: RunPlan) -> None:
        self.other = other
        super().__init__(f"the workers are crawling run {other.run_id}")


@dataclass(frozen=True)
class Budget:
    """A source's budget in a run (crawler/budget.py), kept over every worker's crawler of it: the time
    since the run started while the source still has pages to crawl, and its errors added up."""

    time_limit: float
    error_limit: int

    @classmethod
    def of(cls, settings: Any) -> Budget:
        return cls(settings.getfloat("CLOSESPIDER_TIMEOUT"), settings.getint(ERROR_LIMIT_SETTING))

    def exceeded(self, elapsed: float, counts: SourceCounts) -> str | None:
        """The reason to stop a source that still has pages to crawl; None while within its budget."""
        if self.error_limit > 0 and counts.errors >= self.error_limit:
            return ERROR_LIMIT_REASON
        if self.time_limit > 0 and elapsed >= self.time_limit:
            return TIME_LIMIT_REASON
        return None


@dataclass(frozen=True)
class SeedOptions:
    beat_seconds: float = 1.0
    # With no worker in the run this long, the run fails: nobody is there to crawl it.
    no_worker_seconds: float = 300.0
    # Redis unreachable this long fails the run (a restart is survived within it).
    redis_grace_seconds: float = 60.0
    # How long the workers have to close their crawlers once the run drained or was cancelled.
    close_seconds: float = 60.0
    heartbeat_seconds: float = 30.0
    # A seeder silent this long is dead (killed): the next one drops its run.
    seeder_timeout_seconds: float = 30.0


def crawl_through_workers(
    cluster: Cluster,
    plan: RunPlan,
    site_sources: Collection[str],
    settings: Any,
    options: SeedOptions = SeedOptions(),
    progress: ProgressCallback | None = None,
    heartbeat: Callable[[], None] | None = None,
) -> CrawlReport:
    """Seed ``plan``, wait for the workers to crawl it, and report as run_crawl does; raise
    ClusterBusyError when another run is being crawled. ``settings``: the crawl's, whose budget of a
    source (CLOSESPIDER_TIMEOUT, the error limit) is kept here over all the workers."""
    try:
        busy = cluster.open_run(plan, options.seeder_timeout_seconds)
    except redis.RedisError as error:
        return CrawlReport({}, failure=f"Redis unreachable, nothing seeded: {error}")
    if busy is not None:
        raise ClusterBusyError(busy)
    watch = _Watch(cluster, plan, options, progress, heartbeat, Budget.of(settings))
    try:
        with _signals_as_cancel() as signalled:
            ending = watch.until_drained(signalled)
            drained = not (ending.failure or ending.interrupted or ending.storage_failure)
            cluster.set_state(plan.run_id, "closing" if drained else "cancelled")
            watch.until_workers_done(signalled)
        counts = watch.counts(site_sources, settings)
        failure = ending.failure
    except redis.RedisError as error:
        failure = f"Redis failed: {error}"
        counts, ending = {}, _Ending()
    finally:
        try:
            cluster.close_run(plan)
        except redis.RedisError as error:
            logger.error("run %d: its keys could not be deleted from Redis: %s", plan.run_id, error)
    return CrawlReport(
        counts,
        interrupted=ending.interrupted,
        storage_failure=ending.storage_failure,
        failure=failure,
    )


@dataclass
class _Ending:
    interrupted: bool = False
    storage_failure: str | None = None
    failure: str | None = None


class _Watch:
    def __init__(
        self,
        cluster: Cluster,
        plan: RunPlan,
        options: SeedOptions,
        progress: ProgressCallback | None,
        heartbeat: Callable[[], None] | None,
        budget: Budget,
    ) -> None:
        self.budget = budget
        self.cluster = cluster
        self.plan = plan
        self.options = options
        self.progress = progress
        self.heartbeat = heartbeat
        self.started = time.monotonic()
        self._last_heartbeat = self.started

    def until_drained(self, cancelled: Callable[[], bool]) -> _Ending:
        plan, options = self.plan, self.options
        idle_beats = 0
        unreachable_since: float | None = None
        while True:
            time.sleep(options.beat_seconds)
            self._beat()
            if cancelled():
                return _Ending(interrupted=True)
            try:
                self.cluster.beat_seeder(plan.run_id, options.seeder_timeout_seconds)
                if self.cluster.current_run() != plan:
                    return _Ending(failure="the run's queues were lost: Redis restarted without keeping them")
                for worker, count in self.cluster.recover_dead(plan).items():
                    logger.warning("run %d: worker %s died; %d requests put back", plan.run_id, worker, count)
                if failure := self.cluster.failure(plan.run_id):
                    return _Ending(storage_failure=failure)
                joined = self.cluster.joined(plan.run_id)
                if not joined and time.monotonic() - self.started > options.no_worker_seconds:
                    return _Ending(failure=self._why_no_worker())
                pending = self.cluster.pending(plan)
                self._keep_budgets(pending)
                pending_total = sum(pending.values())
            except redis.RedisError as error:
                unreachable_since = unreachable_since or time.monotonic()
                if time.monotonic() - unreachable_since > options.redis_grace_seconds:
                    return _Ending(
                        failure=f"Redis unreachable for {options.redis_grace_seconds:g} s: {error}"
                    )
                logger.warning("run %d: Redis unreachable: %s", plan.run_id, error)
                continue
            unreachable_since = None
            idle_beats = idle_beats + 1 if joined and pending_total == 0 else 0
            if idle_beats >= 2:
                return _Ending()

    def until_workers_done(self, signalled: Callable[[], bool]) -> None:
        """The joined workers have closed their crawlers (or died): their counts are final. A signal
        (the scheduler's time limit, Ctrl-C) shortens the wait: the counts published so far are used."""
        interrupted = signalled()
        wait = (
            min(self.options.close_seconds, INTERRUPTED_CLOSE_SECONDS)
            if interrupted
            else self.options.close_seconds
        )
        deadline = time.monotonic() + wait
        waiting: set[str] = set()
        while time.monotonic() < deadline:
            self.cluster.beat_seeder(self.plan.run_id, self.options.seeder_timeout_seconds)
            self.cluster.recover_dead(self.plan)
            waiting = self.cluster.joined(self.plan.run_id) - self.cluster.finished_workers(self.plan.run_id)
            if not waiting:
                return
            if not interrupted and signalled():
                interrupted = True
                deadline = min(deadline, time.monotonic() + INTERRUPTED_CLOSE_SECONDS)
            self._beat()
            time.sleep(min(self.options.beat_seconds, 0.2))
        logger.warning(
            "run %d: workers %s did not close their crawlers in time; their last counts are used",
            self.plan.run_id,
            ", ".join(sorted(waiting)),
        )

    def counts(self, site_sources: Collection[str], settings: Any) -> dict[str, SourceCounts]:
        """Each source's counts: every worker's added up, the listing digest of all their listings, and
        how it stopped when its budget stopped it."""
        by_source: dict[str, list[SourceCounts]] = {name: [] for name in self.plan.sources}
        for _, source, values in self.cluster.counts(self.plan.run_id):
            if source in by_source:
                by_source[source].append(SourceCounts.from_json(values))
        stopped = self.cluster.stopped_sources(self.plan.run_id, self.plan.sources)
        totals = {}
        for source, parts in by_source.items():
            total = add_counts(parts)
            if source in stopped:
                total.stopped_early = stopped_early(stopped[source], settings) or stopped[source]
                total.errors += 1  # the source's budget, once: as a single process counts it
                total.errors_by_kind["budget"] = total.errors_by_kind.get("budget", 0) + 1
            if source in site_sources:
                linked = self.cluster.linked(self.plan.run_id, source)
                total.listing_digest = listing_digest(linked) if linked else None
            total.duration_seconds = round(time.monotonic() - self.started, 1)
            totals[source] = total
        return totals

    def _why_no_worker(self) -> str:
        refused = self.cluster.refused(self.plan.run_id)
        why = f"no worker joined the run in {self.options.no_worker_seconds:g} s"
        if refused:
            return why + "; " + "; ".join(f"{name}: {reason}" for name, reason in sorted(refused.items()))
        alive = [name for name, info in self.cluster.workers().items() if info["alive"]]
        return why + (f" (alive: {', '.join(alive)})" if alive else ": start `forumwatch worker`")

    def _keep_budgets(self, pending: Mapping[str, int]) -> None:
        """Stop the sources over their budget; report progress with the counts read for it."""
        by_source: dict[str, list[SourceCounts]] = {}
        for _, source, values in self.cluster.counts(self.plan.run_id):
            by_source.setdefault(source, []).append(SourceCounts.from_json(values))
        totals = {source: add_counts(parts) for source, parts in by_source.items()}
        elapsed = time.monotonic() - self.started
        for source, waiting in pending.items():
            reason = self.budget.exceeded(elapsed, totals.get(source, SourceCounts())) if waiting else None
            if reason is not None and self.cluster.stop_source(self.plan.run_id, source, reason):
                logger.warning("run %d: source %s stopped: %s", self.plan.run_id, source, reason)
        if self.progress is not None:
            self.progress(totals)

    def _beat(self) -> None:
        if self.heartbeat is None or time.monotonic() - self._last_heartbeat < self.options.heartbeat_seconds:
            return
        self._last_heartbeat = time.monotonic()
        try:
            self.heartbeat()
        except Exception:
            logger.exception("run %d: heartbeat failed; the run goes on", self.plan.run_id)


def add_counts(parts: list[SourceCounts]) -> SourceCounts:
    """One source's counts from several workers' (figures added, the longest duration)."""
    total = SourceCounts()
    for part in parts:
        for name, value in vars(part).items():
            if name == "errors_by_kind":
                for kind, n in value.items():
                    total.errors_by_kind[kind] = total.errors_by_kind.get(kind, 0) + n
            elif name == "duration_seconds":
                total.duration_seconds = max(total.duration_seconds, value)
            elif isinstance(value, int):
                setattr(total, name, getattr(total, name) + value)
            elif value is not None and getattr(total, name) is None:
                setattr(total, name, value)
    return total


@contextmanager
def _signals_as_cancel() -> Iterator[Callable[[], bool]]:
    """SIGINT and SIGTERM cancel the run (the scheduler's time limit, Ctrl-C) instead of raising in the
    middle of a Redis call: the workers are told, and the run is recorded as interrupted."""
    received: list[int] = []

    def note(signum: int, frame: FrameType | None) -> None:
        received.append(signum)

    previous = {number: signal.signal(number, note) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield lambda: bool(received)
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def stored_counts_applied(
    counts: Mapping[str, SourceCounts], stored: Mapping[str, tuple[int, int]]
) -> dict[str, SourceCounts]:
    """The run's counts with new and duplicates as the database holds them (storage.runs.stored_in_run)."""
    applied = {}
    for source, c in counts.items():
        new, copies = stored.get(source, (0, 0))
        applied[source] = SourceCounts.from_json({**c.to_json(), "new": new, "duplicates": copies})
    return applied
