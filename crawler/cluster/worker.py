"""A crawl worker: one long-running process that crawls whatever run the cluster has, then waits for the
next.

While no run is seeded the worker only beats. When one is, it joins it with a Scrapy crawler per source
(the same spiders and pipelines as a single-process crawl, with scrapy-redis's scheduler on the run's
queues), and every second it beats, publishes its counts, puts back the requests of dead workers, and
closes its crawlers when the run drained, was cancelled, or one of its sources was stopped. A worker
killed at any moment loses nothing (coordination.py); one stopped by a signal finishes what it holds,
puts back what it had not started and says it is done.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import redis
from scrapy import Spider, signals
from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.exceptions import DontCloseSpider, ScrapyDeprecationWarning
from scrapy.settings import Settings
from scrapy.utils.defer import deferred_from_coro
from scrapy.utils.misc import load_object
from scrapy.utils.reactor import install_reactor
from twisted.python.failure import Failure

from crawler.budget import ERROR_LIMIT_SETTING
from crawler.cluster import CLUSTER_WORKER_SETTING
from crawler.cluster.coordination import Cluster, Keys, RunPlan
from crawler.cluster.engine import WorkerCrawler, check_engine_hooks
from crawler.cluster.queue import CLUSTER_PREFIX_SETTING
from crawler.pipelines.store import RUN_ID_SETTING, SOURCE_ID_SETTING, STORAGE_FAILED_REASON
from crawler.runner import counts_of, format_log_with
from crawler.source_settings import PRIORITY as SOURCE_PRIORITY
from crawler.source_settings import source_settings
from crawler.sources import Source
from crawler.spiders import SPIDER_BY_KIND
from crawler.spiders.site import SiteSpider
from crawler.stats import STORAGE_FAILED

logger = logging.getLogger(__name__)

# Why a worker closes its crawlers other than for a limit of a source: the run drained ("finished"),
# was cancelled, or the worker was asked to stop ("shutdown", Scrapy's reason on a signal).
_DRAINED = "finished"
_CANCELLED = "cancelled"
_SHUTDOWN = "shutdown"
# A source stopped for every worker (its budget, which the seeder keeps: seeding.py).
_SOURCE_STOPPED = "source_stopped"


@dataclass(frozen=True)
class WorkerOptions:
    redis_url: str
    prefix: str
    worker_id: str
    config_digest: str
    # How often it beats and looks at the run: a run seeded waits this long at most for its workers.
    beat_seconds: float = 0.5
    # A worker silent this long is dead: its requests go back to the queue.
    dead_after_seconds: float = 30.0


def cluster_settings(options: WorkerOptions, plan: RunPlan, source: str, base: Settings) -> dict[str, Any]:
    """What a worker's crawler of ``source`` sets beside a single-process crawl's settings."""
    handlers = dict(base.getdict("DOWNLOAD_HANDLERS"))
    handlers.update(dict.fromkeys(("http", "https"), "crawler.cluster.pacing.ClusterDownloadHandler"))
    keys = Keys(options.prefix)
    return {
        "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
        "SCHEDULER_QUEUE_CLASS": "crawler.cluster.queue.HeldPriorityQueue",
        "SCHEDULER_QUEUE_KEY": keys.queue(plan.run_id, source),
        "SCHEDULER_DUPEFILTER_KEY": keys.dupefilter(plan.run_id, source),
        "DUPEFILTER_CLASS": "crawler.cluster.queue.CrawlFingerprintDupeFilter",
        # The run's queues outlive any one worker's crawler: the seeder deletes them with the run.
        "SCHEDULER_PERSIST": True,
        "REDIS_URL": options.redis_url,
        "DOWNLOAD_HANDLERS": handlers,
        "SPIDER_MIDDLEWARES": {
            **base.getdict("SPIDER_MIDDLEWARES"),
            "crawler.cluster.start.StartTokenMiddleware": 10,
        },
        CLUSTER_WORKER_SETTING: options.worker_id,
        CLUSTER_PREFIX_SETTING: options.prefix,
        # A source's budget is the run's, kept by the seeder over every worker's crawler: a worker's own
        # clock would run while it idles, waiting for the run to drain, and its errors are a share only.
        "CLOSESPIDER_TIMEOUT": 0,
        ERROR_LIMIT_SETTING: 0,
    }


class Worker:
    """The worker's state on the reactor thread: the run it crawls and its crawlers in it."""

    def __init__(
        self,
        process: CrawlerProcess,
        cluster: Cluster,
        options: WorkerOptions,
        settings_for_run: Callable[[int], Settings],
        sources: Sequence[Source],
        source_ids: Mapping[str, int],
    ) -> None:
        self.process = process
        self.cluster = cluster
        self.options = options
        self.settings_for_run = settings_for_run
        self.sources = {source.name: source for source in sources}
        self.source_ids = source_ids
        self.plan: RunPlan | None = None
        self.crawlers: dict[str, Crawler] = {}
        self._open: set[str] = set()  # sources whose crawler has not closed yet
        self._answered: set[int] = set()  # runs joined or refused: each only once
        self._redis_down = False

    @property
    def worker_id(self) -> str:
        return self.options.worker_id

    def tick(self) -> None:
        """Every beat: say it is alive, and follow the run."""
        try:
            self._tick()
        except redis.RedisError as error:
            if not self._redis_down:
                logger.error("worker %s: Redis unreachable: %s; trying again", self.worker_id, error)
            self._redis_down = True
            return
        if self._redis_down:
            logger.warning("worker %s: Redis reachable again", self.worker_id)
            self._redis_down = False

    def _tick(self) -> None:
        ttl = self.options.dead_after_seconds
        if self._redis_down:
            self.cluster.register(self.worker_id, self.description(), ttl)  # Redis may have restarted
        else:
            self.cluster.beat(self.worker_id, ttl)
        current = self.cluster.current_run()
        if self.plan is None:
            if current is not None and current.run_id not in self._answered:
                self._consider(current)
            return
        plan = self.plan
        self.cluster.recover_dead(plan)
        self._publish_counts()
        if not self._open:
            return
        self.cluster.still_crawling(plan.run_id, self.worker_id)
        state = self.cluster.state(plan.run_id)
        if current is None or current.run_id != plan.run_id or state is None:
            logger.error(
                "worker %s: run %d is gone from Redis (dropped, or Redis restarted without keeping it);"
                " closing it",
                self.worker_id,
                plan.run_id,
            )
            self._close_all(_CANCELLED)
        elif not self.cluster.seeder_alive(plan.run_id):
            logger.error(
                "worker %s: the seeder of run %d stopped beating (killed?); closing the run",
                self.worker_id,
                plan.run_id,
            )
            self._close_all(_CANCELLED)
        elif state == "closing":
            self._close_all(_DRAINED)
        elif state == "cancelled" or self.cluster.failure(plan.run_id):
            self._close_all(_CANCELLED)
        else:
            for source in self.cluster.stopped_sources(plan.run_id, sorted(self._open)):
                self._close(source, _SOURCE_STOPPED)

    def _consider(self, plan: RunPlan) -> None:
        self._answered.add(plan.run_id)
        if self.cluster.state(plan.run_id) != "crawling":
            return
        if plan.config_digest != self.options.config_digest:
            reason = (
                f"its configuration ({self.options.config_digest}) is not the run's ({plan.config_digest}):"
                " restart it with the seeder's configuration"
            )
            logger.error("worker %s: not joining run %d: %s", self.worker_id, plan.run_id, reason)
            self.cluster.refuse(plan.run_id, self.worker_id, reason)
            return
        unknown = [name for name in plan.sources if name not in self.sources]
        if unknown:  # the same digest but not the same sources: a bug, not a user's mistake
            reason = f"no enabled source named {', '.join(unknown)}"
            self.cluster.refuse(plan.run_id, self.worker_id, reason)
            logger.error("worker %s: not joining run %d: %s", self.worker_id, plan.run_id, reason)
            return
        self._join(plan)

    def _join(self, plan: RunPlan) -> None:
        self.cluster.join(plan.run_id, self.worker_id)
        self.plan = plan
        logger.info("worker %s: joining run %d (%d sources)", self.worker_id, plan.run_id, len(plan.sources))
        base = self.settings_for_run(plan.run_id)
        for name in plan.sources:
            source = self.sources[name]
            settings = base.copy()
            # Above "cmdline": CrawlerProcess.crawl() lays the process's settings (those of no run) over
            # the crawler's of equal priority (crawler/source_settings.py).
            settings.set(RUN_ID_SETTING, plan.run_id, priority=SOURCE_PRIORITY)
            settings.set(SOURCE_ID_SETTING, self.source_ids[name], priority=SOURCE_PRIORITY)
            settings.update(source_settings(source), priority=SOURCE_PRIORITY)
            settings.update(cluster_settings(self.options, plan, name, base), priority=SOURCE_PRIORITY)
            crawler = WorkerCrawler(SPIDER_BY_KIND[source.kind], settings, init_reactor=False)
            crawler.signals.connect(_keep_open, signal=signals.spider_idle)
            self.crawlers[name] = crawler
            self._open.add(name)
            # Fires once the crawler is closed, its stats too (finish_reason, the listing digest).
            ended = self.process.crawl(crawler, source=source)
            ended.addBoth(self._ended_handler(name, crawler))

    def _ended_handler(self, source: str, crawler: Crawler) -> Callable[[Any], None]:
        def ended(result: Any) -> None:
            if isinstance(result, Failure):
                logger.error(
                    "worker %s: source %s could not crawl: %s",
                    self.worker_id,
                    source,
                    result.getErrorMessage(),
                )
            try:
                self._crawler_ended(source, crawler)
            except redis.RedisError as error:
                logger.error(
                    "worker %s: source %s ended, Redis unreachable: %s", self.worker_id, source, error
                )

        return ended

    def _crawler_ended(self, source: str, crawler: Crawler) -> None:
        self._open.discard(source)
        plan = self.plan
        assert plan is not None
        # None: the crawler never opened (Redis or the database refused it): what it took goes back.
        reason = (crawler.stats.get_value("finish_reason") if crawler.stats else None) or _SHUTDOWN
        if reason == _SHUTDOWN:
            # Stopped by a signal: what it took and did not finish is another worker's now.
            put_back = self.cluster.requeue(plan.run_id, source, self.worker_id)
            if put_back:
                logger.info("worker %s: %d requests of %s put back", self.worker_id, put_back, source)
        elif reason == STORAGE_FAILED_REASON:
            failure = crawler.stats.get_value(STORAGE_FAILED) if crawler.stats else None
            self.cluster.fail_run(plan.run_id, str(failure or "the database stopped taking writes"))
        elif reason == _SOURCE_STOPPED:
            self.cluster.drop_held(plan.run_id, source, self.worker_id)
        elif reason not in (_DRAINED, _CANCELLED):
            logger.error("worker %s: source %s closed unexpectedly: %s", self.worker_id, source, reason)
            self.cluster.requeue(plan.run_id, source, self.worker_id)
        # A run dropped meanwhile is not written to again: its keys would outlive it.
        current = self.cluster.current_run()
        if current is None or current.run_id != plan.run_id:
            self._leave_if_done(plan, say_done=False)
            return
        spider = crawler.spider
        if isinstance(spider, SiteSpider):
            self.cluster.add_linked(plan.run_id, source, spider.linked_in_order)
        self._publish_counts()
        self._leave_if_done(plan, say_done=True)

    def _leave_if_done(self, plan: RunPlan, say_done: bool) -> None:
        if not self._open:
            if say_done:
                self.cluster.done(plan.run_id, self.worker_id)
            logger.info("worker %s: done with run %d", self.worker_id, plan.run_id)
            self.plan = None
            self.crawlers = {}

    def _publish_counts(self) -> None:
        if self.plan is None:
            return
        counts = {name: counts_of(c).to_json() for name, c in self.crawlers.items() if c.stats is not None}
        self.cluster.publish_counts(self.plan.run_id, self.worker_id, counts)

    def _close_all(self, reason: str) -> None:
        for source in sorted(self._open):
            self._close(source, reason)

    def _close(self, source: str, reason: str) -> None:
        crawler = self.crawlers[source]
        if crawler.engine is not None and crawler.engine.spider is not None:
            deferred_from_coro(crawler.engine.close_spider_async(reason=reason))

    def stopping(self) -> None:
        """The reactor is stopping: say so, so that nobody waits for this worker."""
        try:
            if self.plan is not None:
                self._publish_counts()
                for source in self.plan.sources:
                    self.cluster.requeue(self.plan.run_id, source, self.worker_id)
                self.cluster.done(self.plan.run_id, self.worker_id)
            self.cluster.deregister(self.worker_id)
        except redis.RedisError as error:
            logger.error("worker %s: stopping, Redis unreachable: %s", self.worker_id, error)

    def description(self) -> dict[str, Any]:
        host, _, rest = self.worker_id.partition(":")
        return {"host": host, "pid": int(rest.partition(":")[0] or 0), "sources": sorted(self.sources)}


# The settings that name what a crawler loads when it starts: {path: order}.
_COMPONENT_SETTINGS = ("ITEM_PIPELINES", "SPIDER_MIDDLEWARES", "DOWNLOADER_MIDDLEWARES", "EXTENSIONS")


def _import_components(settings: Settings) -> None:
    """Import what a run's crawlers load by name (the pipelines bring the cleaner, trafilatura and the
    rest), once, before the worker waits: otherwise its first run pays for it, on every worker at once."""
    paths = [path for name in _COMPONENT_SETTINGS for path in settings.getwithbase(name)]
    paths += list(settings.getwithbase("DOWNLOAD_HANDLERS").values())  # {scheme: path}
    for path in paths:
        if isinstance(path, str):
            load_object(path)
    for path in (
        "scrapy_redis.scheduler.Scheduler",
        "crawler.cluster.queue.HeldPriorityQueue",
        "crawler.cluster.start.StartTokenMiddleware",
        "crawler.cluster.pacing.ClusterDownloadHandler",
    ):
        load_object(path)


def _keep_open(spider: Spider) -> None:
    """A worker's spider idles until the run closes: another worker may queue its next pages."""
    raise DontCloseSpider


def run_worker(
    options: WorkerOptions,
    settings_for_run: Callable[[int], Settings],
    sources: Sequence[Source],
    source_ids: Mapping[str, int],
    log_level: int = logging.WARNING,
    log_formatter: type[logging.Formatter] = logging.Formatter,
    ready: Callable[[], None] | None = None,
) -> None:
    """Run a worker until a signal stops it (the first one lets it finish what it holds); ``ready`` is
    called once it is registered in Redis."""
    check_engine_hooks()
    # scrapy-redis 0.9.1 passes its spider to Scrapy's stats, which Scrapy 2.19 has deprecated: the
    # warnings say nothing a person running a worker can act on (docs/cluster.md, Versions).
    warnings.filterwarnings("ignore", category=ScrapyDeprecationWarning, module="scrapy_redis")
    settings = settings_for_run(0).copy()
    settings.set("LOG_LEVEL", logging.getLevelName(log_level), priority="cmdline")
    cluster = Cluster.connect(options.redis_url, options.prefix)
    cluster.client.ping()
    install_reactor(settings["TWISTED_REACTOR"], settings["ASYNCIO_EVENT_LOOP"])
    process = CrawlerProcess(settings)
    format_log_with(log_formatter, settings)
    logging.root.setLevel(log_level)
    worker = Worker(process, cluster, options, settings_for_run, sources, source_ids)
    _import_components(settings)
    cluster.register(worker.worker_id, worker.description(), options.dead_after_seconds)
    if ready is not None:
        ready()

    from twisted.internet import reactor, task

    beat = task.LoopingCall(worker.tick)
    beat.start(options.beat_seconds, now=True)
    # (IReactorCore's stub declares the method as it is called on the interface, self included.)
    reactor.addSystemEventTrigger("after", "shutdown", worker.stopping)  # type: ignore[arg-type]
    logger.info("worker %s: waiting for runs", worker.worker_id)
    process.start(stop_after_crawl=False)
