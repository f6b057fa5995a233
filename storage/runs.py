"""Crawl run records: one row per crawl, with who started it, how it ended and per-source stats.

A run is "running" while its process heartbeats; one whose heartbeat is stale died without saying so
and is marked "abandoned" when next looked at, by whoever looks (a crawl starting, the service, `forumwatch
runs`). A run's end is written once, by whoever ended it first: a later report of its end adds figures,
not another outcome. Two runs never crawl the same source at once: a run that would overlap a live one is
refused, and the refusal is a row too.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session, aliased

from storage.locks import RUN_START, serialise
from storage.models import Article, CrawlRun, Source, utc_now

# The columns of the crawl summary, in its order, as the run records name them.
SUMMARY_COLUMNS = ("fetched", "new", "duplicates", "off-topic", "errors", "skipped")


@dataclass
class SourceCounts:
    """One source's figures in one crawl, as its run records them (``stats["sources"][name]``).

    ``requests`` counts every request made (robots.txt and retries too); ``errors_by_kind`` holds only the
    kinds that occurred, and its numbers add up to ``errors``. ``stopped_early`` says why the source's
    budget stopped it, for people; ``listing_digest`` is a digest of the article links a site's listings
    showed (None for a feed); ``feed_not_modified`` counts feeds, listings and sitemaps that answered 304;
    ``entries_without_link`` feed entries skipped for want of a web link (a urn: or tag: id only)."""

    fetched: int = 0
    new: int = 0
    duplicates: int = 0
    off_topic: int = 0
    screened_out: int = 0  # of the off-topic, those ruled out before cleaning (no topic's alias in them)
    errors: int = 0
    skipped: int = 0
    empty: int = 0
    requests: int = 0
    bytes: int = 0
    duration_seconds: float = 0.0
    replacement_pages: int = 0
    mojibake_pages: int = 0
    feed_not_modified: int = 0
    entries_without_link: int = 0
    errors_by_kind: dict[str, int] = field(default_factory=dict)
    stopped_early: str | None = None
    listing_digest: str | None = None

    def column(self, name: str) -> int:
        """A figure of the summary by its column's name (SUMMARY_COLUMNS): "off-topic" is off_topic."""
        value: int = getattr(self, name.replace("-", "_"))
        return value

    def to_json(self) -> dict[str, Any]:
        return {_JSON_KEY.get(f.name, f.name): getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SourceCounts:
        """The counts a run recorded; figures an older version did not record are 0 (or None)."""
        names = {_JSON_KEY.get(f.name, f.name): f.name for f in fields(cls)}
        return cls(**{names[key]: value for key, value in data.items() if key in names})


_JSON_KEY = {"off_topic": "off-topic"}  # the summary's column name, kept in the stored records

logger = logging.getLogger(__name__)

RunStatus = Literal[
    "running",
    "finished",  # crawled every source to the end (sources may still have had errors)
    "failed",  # the crawl process reported an error
    "crashed",  # the crawl process died (non-zero exit without a result)
    "timed-out",  # stopped by the scheduler after its time limit
    "interrupted",  # stopped by a signal (Ctrl-C, the service shutting down)
    "abandoned",  # its process stopped heartbeating: it died unseen (kill -9, power cut)
    "refused",  # not started: another run was crawling one of its sources
    "missed",  # not started: due while the service was down, older than the catch-up window
]
Trigger = Literal["manual", "schedule", "catch-up"]
# A crawl heartbeats every 30 s (crawler.runner); this many seconds of silence means it is gone.
STALE_AFTER = timedelta(minutes=3)


def this_process() -> tuple[str, int]:
    return socket.gethostname(), os.getpid()


class OverlappingRunError(Exception):
    """A live run crawls some of the same sources."""

    def __init__(self, run: CrawlRun, sources: Collection[str]) -> None:
        self.run_id = run.id
        self.sources = sorted(sources)
        where = f"pid {run.pid} on {run.host}" if run.pid else "another process"
        super().__init__(
            f"run {run.id} ({where}, started {run.started_at:%Y-%m-%d %H:%M} UTC) is still crawling "
            + ", ".join(self.sources)
        )


@dataclass(frozen=True)
class RunStart:
    sources: Sequence[str]
    trigger: Trigger = "manual"
    schedule: str | None = None
    scheduled_for: datetime | None = None


def start_run(session: Session, start: RunStart | None = None, now: datetime | None = None) -> int:
    """Open a run on its sources, or raise OverlappingRunError. The caller commits."""
    start = start or RunStart(sources=())
    now = now or utc_now()
    serialise(session, RUN_START)  # the check and the insert, as one step among all starters
    live = live_runs(session, now)
    for run in live:
        shared = set(run.sources) & set(start.sources)
        if shared:
            raise OverlappingRunError(run, shared)
    host, pid = this_process()
    return _add_run(session, start, "running", now, heartbeat_at=now, host=host, pid=pid)


def record_unstarted_run(
    session: Session, start: RunStart, status: RunStatus, reason: str, now: datetime | None = None
) -> int:
    """A scheduled run that did not start (refused, missed), kept so that nothing is skipped silently."""
    now = now or utc_now()
    return _add_run(session, start, status, now, finished_at=now, error=reason)


def _add_run(session: Session, start: RunStart, status: RunStatus, now: datetime, **columns: Any) -> int:
    run = CrawlRun(
        status=status,
        stats={},
        started_at=now,
        trigger=start.trigger,
        schedule=start.schedule,
        scheduled_for=start.scheduled_for,
        sources=list(start.sources),
        **columns,
    )
    session.add(run)
    session.flush()
    return run.id


def live_runs(session: Session, now: datetime | None = None) -> list[CrawlRun]:
    """Runs that are running and heartbeating; runs whose heartbeat went stale are marked abandoned."""
    now = now or utc_now()
    running = list(session.scalars(select(CrawlRun).where(CrawlRun.status == "running")))
    for run in running:
        _abandon_if_stale(run, now)
    session.flush()
    return [run for run in running if run.status == "running"]


def _abandon_if_stale(run: CrawlRun, now: datetime) -> None:
    """A running run whose process has not heartbeaten for STALE_AFTER, or whose process on this machine
    is gone, died unseen: mark it abandoned, ended at its last sign of life. The one place that decides
    it, for everyone who reads runs."""
    if run.status != "running":
        return
    last_sign = run.heartbeat_at or run.started_at
    if now - last_sign > STALE_AFTER:
        run.error = f"no heartbeat since {last_sign:%Y-%m-%d %H:%M:%S} UTC: its process died unseen"
    elif _process_gone(run):
        run.error = f"its process (pid {run.pid}) is gone: it died unseen (killed, or the machine restarted)"
    else:
        return
    run.status = "abandoned"
    run.finished_at = last_sign


def _process_gone(run: CrawlRun) -> bool:
    """Whether the run's process is known to be dead: it ran on this machine and no process has its pid.

    Without this, a crawl killed with -9 would hold its sources for STALE_AFTER and refuse the next
    crawl. A pid reused since by another process only leaves the decision to the heartbeat."""
    host, _ = this_process()
    if run.pid is None or run.host != host:
        return False
    try:
        os.kill(run.pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, and someone else's
        return False
    return False


def heartbeat(session: Session, run_id: int, now: datetime | None = None) -> None:
    run = session.get_one(CrawlRun, run_id)
    if run.status == "running":
        run.heartbeat_at = now or utc_now()


def adopt_run(session: Session, run_id: int) -> CrawlRun:
    """The run a supervised crawl process was started for; it must be running still."""
    run = session.get(CrawlRun, run_id)
    if run is None or run.status != "running":
        raise ValueError(f"run {run_id} is not a running crawl run")
    run.host, run.pid = this_process()
    run.heartbeat_at = utc_now()
    return run


def finish_run(
    session: Session,
    run_id: int,
    status: RunStatus,
    stats: dict[str, Any] | None = None,
    *,
    exit_code: int | None = None,
    error: str | None = None,
    now: datetime | None = None,
) -> bool:
    """Close the run; True when this call ended it. Stats already recorded (by the crawl process) are
    kept when none are given.

    A run ended already keeps its outcome, its end time and its error, whoever tries to end it again: a
    crawl that recorded "finished" just before the service stopped it stays finished, and one the
    scheduler recorded as timed out stays timed out when the crawl process, stopped, records its own end.
    The later caller only adds what it alone knows: its stats, and the exit code if none is recorded.
    """
    run = session.get_one(CrawlRun, run_id)
    if stats is not None:
        run.stats = stats
    if run.status != "running":
        if exit_code is not None and run.exit_code is None:
            run.exit_code = exit_code
        logger.info("run %s ended already (%s): not recorded again as %s", run_id, run.status, status)
        return False
    run.status = status
    run.finished_at = now or utc_now()
    if exit_code is not None:
        run.exit_code = exit_code
    if error is not None:
        run.error = error
    return True


def runs_to_review(session: Session) -> list[CrawlRun]:
    """Ended runs whose alerts and health checks have not been applied yet, oldest first."""
    return list(
        session.scalars(
            select(CrawlRun)
            .where(CrawlRun.status != "running", CrawlRun.reviewed_at.is_(None))
            .order_by(CrawlRun.id)
        )
    )


def mark_reviewed(session: Session, run_id: int, now: datetime | None = None) -> None:
    session.get_one(CrawlRun, run_id).reviewed_at = now or utc_now()


def latest_runs(
    session: Session, limit: int = 10, schedule: str | None = None, now: datetime | None = None
) -> list[CrawlRun]:
    """The newest runs, newest first; those whose heartbeat went stale are marked abandoned on the way
    (flushed: the caller commits, or its readers alone see them so)."""
    now = now or utc_now()
    query = select(CrawlRun).order_by(CrawlRun.id.desc()).limit(limit)
    if schedule is not None:
        query = query.where(CrawlRun.schedule == schedule)
    runs = list(session.scalars(query))
    for run in runs:
        _abandon_if_stale(run, now)
    session.flush()
    return runs


def source_history(session: Session, source: str, before_run: int, limit: int) -> list[dict[str, Any]]:
    """The stats of ``source`` in its last ``limit`` ended runs up to ``before_run``, newest first.

    Only runs that crawled it and got to count (finished, failed, timed-out, interrupted) say anything
    about the source; crashed, refused and missed ones do not.
    """
    found: list[dict[str, Any]] = []
    query = (
        select(CrawlRun)
        .where(CrawlRun.id <= before_run)
        .where(CrawlRun.status.in_(("finished", "failed", "timed-out", "interrupted")))
        .order_by(CrawlRun.id.desc())
    )
    for run in session.scalars(query.execution_options(yield_per=50)):
        stats = (run.stats or {}).get("sources", {}).get(source)
        if stats is not None:
            found.append(stats)
            if len(found) >= limit:
                break
    return found


def stored_in_run(session: Session, run_id: int) -> dict[str, tuple[int, int]]:
    """What a run stored, by source name: (stories it opened, copies it added to stories).

    A run crawled by several workers counts its new articles so, from what was committed: a page done
    again after a worker died is one article however often it was counted (crawler/cluster)."""
    earlier = aliased(Article)
    opened = ~exists().where(earlier.story_id == Article.story_id, earlier.id < Article.id)
    rows = session.execute(
        select(Source.name, func.count().filter(opened), func.count())
        .select_from(Article)
        .join(Source, Source.id == Article.source_id)
        .where(Article.crawl_run_id == run_id)
        .group_by(Source.name)
    )
    return {name: (int(new), int(total) - int(new)) for name, new, total in rows}
