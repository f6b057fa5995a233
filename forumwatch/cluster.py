"""Crawl workers, from the configuration's [cluster]: `forumwatch worker`, and the run that `forumwatch
crawl` seeds for them instead of crawling itself (crawler/cluster, docs/cluster.md)."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import redis
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from crawler.cluster.coordination import Cluster, RunPlan, new_worker_id
from crawler.cluster.seeding import (
    ClusterBusyError,
    SeedOptions,
    crawl_through_workers,
    stored_counts_applied,
)
from crawler.runner import CrawlReport, ProgressCallback
from forumwatch.config import REDIS_URL_PATTERN, Config
from forumwatch.config_errors import ConfigError
from forumwatch.crawling import settings_of, sources_of
from storage.articles import ensure_source
from storage.engine import open_database
from storage.failures import in_transaction
from storage.models import CrawlRun, utc_now
from storage.runs import OverlappingRunError, stored_in_run


@dataclass(frozen=True)
class ClusterSettings:
    """[cluster], its Redis URL read from the environment where the file names a variable."""

    redis_url: str
    prefix: str
    worker_timeout_seconds: float
    no_worker_seconds: float


def cluster_config(config: Config, environ: Mapping[str, str] = os.environ) -> ClusterSettings:
    """[cluster], with a database the workers can share (the one in use: --db and its variable
    included); ConfigError otherwise."""
    section = config.cluster
    if section is None:
        raise ConfigError(
            [
                "cluster: no [cluster] section: a worker crawls the runs that `forumwatch crawl` seeds into"
                ' Redis; add [cluster] redis_url = "redis://host:6379/0" (docs/cluster.md)'
            ]
        )
    if make_url(config.database.url).get_backend_name() == "sqlite":
        raise ConfigError(
            [
                "database.url: crawl workers ([cluster]) store into one database from several processes and"
                " machines; SQLite is a file that one machine's processes take turns writing: use PostgreSQL"
                " (postgresql+psycopg://user@host/db)"
            ]
        )
    rendered = [s.name for s in config.enabled_sources if s.render == "browser"]
    if rendered:
        raise ConfigError(
            [
                f"sources ({', '.join(rendered)}).render: crawl workers ([cluster]) do not load pages in a"
                ' browser yet: render = "browser" is for one-process crawls'
            ]
        )
    url = section.redis_url
    if section.redis_url_env is not None:
        url = environ.get(section.redis_url_env)
        if not url:
            raise ConfigError([f"cluster.redis_url_env: ${section.redis_url_env} is not set"])
        if not re.fullmatch(REDIS_URL_PATTERN, url):
            raise ConfigError(
                [f"cluster.redis_url_env: ${section.redis_url_env} is not a Redis URL (redis://host:6379/0)"]
            )
    assert url is not None  # one of the two, by the schema
    return ClusterSettings(url, section.key_prefix, section.worker_timeout_seconds, section.no_worker_seconds)


def config_digest(config: Config) -> str:
    """What a worker and the seeder must agree on: the crawl settings, topics and sources."""
    agreed = config.model_dump(mode="json", include={"crawl", "topics", "sources"})
    text = json.dumps(agreed, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def redis_url_for_display(url: str) -> str:
    """The Redis URL without its password, for logs and messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username or ''}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def run_worker_from(
    config: Config,
    log_level: int,
    log_formatter: type[logging.Formatter],
    ready: Callable[[], None] | None = None,
) -> None:
    """Run a crawl worker for the configuration's sources until a signal stops it; ``ready`` is called
    once it is connected and registered."""
    from crawler.cluster.worker import WorkerOptions, run_worker

    settings = cluster_config(config)
    engine = open_database(config.database.url)
    source_ids = _source_rows(engine, config)
    engine.dispose()
    options = WorkerOptions(
        redis_url=settings.redis_url,
        prefix=settings.prefix,
        worker_id=new_worker_id(),
        config_digest=config_digest(config),
        dead_after_seconds=settings.worker_timeout_seconds,
    )
    run_worker(
        options,
        lambda run_id: settings_of(config, run_id),
        sources_of(config),
        source_ids,
        log_level=log_level,
        log_formatter=log_formatter,
        ready=ready,
    )


def _source_rows(engine: Engine, config: Config) -> dict[str, int]:
    """Each enabled source's row id, created where missing."""
    with Session(engine) as session, session.begin():
        return {
            s.name: ensure_source(session, s.name, s.kind, s.entry_url, s.authority)
            for s in config.enabled_sources
        }


def crawl_through_cluster(
    config: Config,
    engine: Engine,
    run_id: int,
    sources: Sequence[str],
    progress: ProgressCallback | None,
    heartbeat: Callable[[], None],
) -> CrawlReport:
    """Seed run ``run_id`` for the workers and wait until they crawled it; its report, with new and
    duplicates as the database holds them."""
    settings = cluster_config(config)
    cluster = Cluster.connect(settings.redis_url, settings.prefix)
    plan = RunPlan(run_id, tuple(sources), config_digest(config))
    site_sources = {s.name for s in config.enabled_sources if s.kind == "site"}
    options = SeedOptions(
        no_worker_seconds=settings.no_worker_seconds,
        seeder_timeout_seconds=settings.worker_timeout_seconds,
    )
    try:
        report = crawl_through_workers(
            cluster, plan, site_sources, settings_of(config, run_id), options, progress, heartbeat
        )
    except ClusterBusyError as busy:
        with Session(engine) as session:
            other = session.get(CrawlRun, busy.other.run_id)
            # A run of another database on the same Redis and prefix has no row here.
            other = other or CrawlRun(id=busy.other.run_id, started_at=utc_now(), host=None, pid=None)
            raise OverlappingRunError(other, busy.other.sources) from None
    stored = in_transaction(
        engine, lambda session: stored_in_run(session, run_id), f"counting what run {run_id} stored"
    )
    return CrawlReport(
        stored_counts_applied(report.counts, stored),
        interrupted=report.interrupted,
        storage_failure=report.storage_failure,
        failure=report.failure,
    )


def workers_text(config: Config) -> str:
    """`forumwatch status`'s part on crawl workers: who is registered, alive or not, and the run."""
    try:
        settings = cluster_config(config)
    except ConfigError as error:
        return "Crawl workers: " + "; ".join(error.lines)
    where = redis_url_for_display(settings.redis_url)
    try:
        cluster = Cluster.connect(settings.redis_url, settings.prefix)
        workers = cluster.workers()
        current = cluster.current_run()
        pending = sum(cluster.pending(current).values()) if current is not None else 0
    except redis.RedisError as error:
        return f"Crawl workers: Redis at {where} unreachable: {error}"
    alive = sorted(name for name, info in workers.items() if info["alive"])
    lines = [f"Crawl workers ({where}): {len(alive)} alive" + (f": {', '.join(alive)}" if alive else "")]
    silent = sorted(set(workers) - set(alive))
    if silent:
        lines.append(f"  silent (died without stopping): {', '.join(silent)}")
    if current is None:
        lines.append("  no run being crawled")
    else:
        lines.append(
            f"  crawling run {current.run_id}: {len(current.sources)} sources, {pending} requests queued or held"
        )
    return "\n".join(lines)
