"""`forumwatch schedule`: the long-running service.

APScheduler 3 with its job store in the same database fires one crawl job per schedule (cron, time zone)
and a delivery tick. Missed runs: the job store remembers each job's next run time, so a run due while
the service was down is found at start-up and, if no older than the catch-up window, runs once
(coalesced however many were missed); an older one is recorded as missed. One service per database: a
lease row, renewed while the service lives, refuses a second one and expires if its holder dies.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import threading
import uuid
from datetime import UTC, datetime, timedelta
from types import FrameType
from typing import Any

from apscheduler.events import (
    EVENT_JOB_MAX_INSTANCES,
    EVENT_JOB_MISSED,
    JobExecutionEvent,
    JobSubmissionEvent,
)
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from alerts.delivery import Deliverer
from alerts.settings import AlertSettings
from scheduler.crawls import CrawlCommand, CrawlSupervisor
from scheduler.postrun import evaluate_running_runs, review_ended_runs
from scheduler.settings import Schedule, ServiceSettings
from scheduler.timezones import zone
from storage import leases
from storage.models import utc_now
from storage.runs import RunStart, live_runs, record_unstarted_run, this_process

logger = logging.getLogger(__name__)

LEASE_NAME = "scheduler"
JOB_TABLE = "apscheduler_jobs"
CRAWL_JOB_PREFIX = "crawl:"
# A run that starts more than this after its time was caught up, not started on time.
ON_TIME = timedelta(minutes=1)


class SchedulerBusyError(Exception):
    """Another service holds the database."""

    def __init__(self, held: leases.LeaseHeld, now: datetime) -> None:
        renewed = max(0, int((now - held.renewed_at).total_seconds()))
        expires = max(0, int((held.expires_at - now).total_seconds()))
        super().__init__(
            f"another forumwatch schedule ({held.holder}) runs on this database: renewed its lease"
            f" {renewed} s ago, which expires in {expires} s unless renewed; stop that one first"
        )


def crawl_trigger(schedule: Schedule) -> CronTrigger:
    return CronTrigger.from_crontab(schedule.cron, timezone=zone(schedule.timezone))


# APScheduler keeps jobs in the database by reference to a module-level function: this one finds the
# service running in this process.
_service: SchedulerService | None = None


def scheduled_crawl(schedule_name: str) -> None:
    """The crawl job of one schedule (a persistent job's target; the service does the work)."""
    if _service is not None:
        _service.run_schedule(schedule_name)


class SchedulerService:
    def __init__(
        self, engine: Engine, settings: ServiceSettings, alerts: AlertSettings, command: CrawlCommand
    ) -> None:
        self.engine = engine
        self.settings = settings
        self.alerts = alerts  # applied after each run and on each delivery tick
        self.supervisor = CrawlSupervisor(engine, command)
        self.deliverer = Deliverer(engine, alerts)
        host, pid = this_process()
        self.holder = f"pid {pid} on {host}, {uuid.uuid4().hex[:8]}"
        self.lease_ttl = settings.lease
        self.catch_up = settings.catch_up
        self.schedules = {s.name: s for s in settings.schedules}
        self.stop_requested = threading.Event()
        self.lease_lost = False
        self.started = threading.Event()
        self._scheduler: BackgroundScheduler | None = None

    # -- start and stop -------------------------------------------------------------------------------

    def run(self, install_signal_handlers: bool = True) -> int:
        """Serve until asked to stop (SIGTERM, SIGINT, ``stop()``); 0 after a clean stop, 1 when the lease
        was lost. Raises SchedulerBusyError when another service holds the database."""
        global _service
        self._take_lease()
        try:
            _service = self
            if install_signal_handlers:
                for signum in (signal.SIGTERM, signal.SIGINT):
                    signal.signal(signum, self._on_signal)
            renewer = threading.Thread(target=self._keep_lease, name="lease", daemon=True)
            renewer.start()
            self._start_scheduler()
            self.started.set()
            self.stop_requested.wait()
            logger.info("stopping")
            self._stop_scheduler()
            renewer.join()
        finally:
            _service = None
            if not self.lease_lost:
                with Session(self.engine) as session:
                    leases.release(session, LEASE_NAME, self.holder)
        logger.info("stopped")
        return 1 if self.lease_lost else 0

    def stop(self) -> None:
        self.stop_requested.set()

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        logger.info("%s received", signal.Signals(signum).name)
        self.stop()

    def _take_lease(self) -> None:
        now = utc_now()
        with Session(self.engine) as session:
            held = leases.acquire(session, LEASE_NAME, self.holder, self.lease_ttl, now)
        if held is not None:
            raise SchedulerBusyError(held, now)

    def _keep_lease(self) -> None:
        interval = self.lease_ttl.total_seconds() / 3
        expires = utc_now() + self.lease_ttl
        while not self.stop_requested.wait(interval):
            now = utc_now()
            try:
                with Session(self.engine) as session:
                    held = leases.acquire(session, LEASE_NAME, self.holder, self.lease_ttl, now)
            except Exception:  # the database is away for a moment: try again before the lease runs out
                logger.exception("cannot renew the scheduler lease")
                held = None if now < expires else leases.LeaseHeld("nobody (expired)", now, now)
            else:
                if held is None:
                    expires = now + self.lease_ttl
            if held is not None:
                # Someone took over while we stalled: two services must never run; this one goes.
                logger.critical("lost the scheduler lease to %s; stopping", held.holder)
                self.lease_lost = True
                self.stop()
                return

    def _start_scheduler(self) -> None:
        with Session(self.engine) as session:
            live_runs(session)  # runs whose process died while we were down are marked abandoned
            session.commit()
        review_ended_runs(self.engine, self.alerts)
        scheduler = BackgroundScheduler(
            jobstores={
                "default": SQLAlchemyJobStore(engine=self.engine, tablename=JOB_TABLE),
                "memory": MemoryJobStore(),
            },
            executors={"default": ThreadPoolExecutor(max_workers=len(self.schedules) + 2)},
            job_defaults={"coalesce": True, "max_instances": 1},
            timezone=zone(self.settings.timezone),
        )
        scheduler.add_listener(self._on_missed, EVENT_JOB_MISSED)
        scheduler.add_listener(self._on_overlap, EVENT_JOB_MAX_INSTANCES)
        scheduler.start(paused=True)
        self._scheduler = scheduler
        self._sync_crawl_jobs(scheduler)
        scheduler.add_job(
            self.deliver_tick,
            "interval",
            seconds=self.settings.delivery_interval_seconds,
            id="deliver",
            jobstore="memory",
            next_run_time=datetime.now(scheduler.timezone),
            misfire_grace_time=None,
        )
        scheduler.resume()
        for job in scheduler.get_jobs():
            logger.info("job %s: next run %s", job.id, job.next_run_time)

    def _sync_crawl_jobs(self, scheduler: BackgroundScheduler) -> None:
        """The job store's crawl jobs become the configuration's, keeping a missed run time.

        ``add_job(replace_existing=True)`` alone would compute the next run time from now and so forget
        a run missed while the service was down: the stored time is carried over when it is past.
        """
        now = datetime.now(scheduler.timezone)
        wanted = {CRAWL_JOB_PREFIX + name for name in self.schedules}
        for job in scheduler.get_jobs(jobstore="default"):
            if job.id.startswith(CRAWL_JOB_PREFIX) and job.id not in wanted:
                logger.info("schedule %s is no longer configured: its job is removed", job.id)
                job.remove()
        for name, schedule in self.schedules.items():
            job_id = CRAWL_JOB_PREFIX + name
            stored = scheduler.get_job(job_id, jobstore="default")
            extra: dict[str, Any] = {}
            if stored is not None and stored.next_run_time is not None and stored.next_run_time <= now:
                extra["next_run_time"] = stored.next_run_time
                logger.info("schedule %s: the run due at %s was missed", name, stored.next_run_time)
            scheduler.add_job(
                scheduled_crawl,
                crawl_trigger(schedule),
                args=[name],
                id=job_id,
                name=f"crawl {name}",
                jobstore="default",
                replace_existing=True,
                misfire_grace_time=int(self.catch_up.total_seconds()),
                **extra,
            )

    def _stop_scheduler(self) -> None:
        scheduler = self._scheduler
        if scheduler is None:
            return
        with contextlib.suppress(Exception):
            scheduler.pause()  # no new job starts from here on
        self.supervisor.stop_all()
        scheduler.shutdown(wait=True)  # the crawl jobs record their interrupted runs
        self._scheduler = None

    # -- jobs -----------------------------------------------------------------------------------------

    def run_schedule(self, name: str) -> None:
        schedule = self.schedules.get(name)
        if schedule is None:
            logger.error("job for unknown schedule %s", name)
            return
        now = utc_now()
        due = self.due_time(schedule, now)
        late = due is not None and now - due > ON_TIME
        start = RunStart(
            sources=[s for s in schedule.sources if s in self.settings.enabled_sources],
            trigger="catch-up" if late else "schedule",
            schedule=name,
            scheduled_for=due,
        )
        if not start.sources:
            logger.warning("schedule %s: every source is disabled; nothing to crawl", name)
            return
        self.supervisor.crawl(start, schedule.timeout_seconds, after=self._after_run)

    def due_time(self, schedule: Schedule, now: datetime) -> datetime | None:
        """The latest time the schedule fired at, within the catch-up window: the run's scheduled time."""
        trigger = crawl_trigger(schedule)
        fire = trigger.get_next_fire_time(None, now - self.catch_up - timedelta(seconds=1))
        due = None
        while fire is not None and fire <= now:
            due = fire
            fire = trigger.get_next_fire_time(fire, fire + timedelta(seconds=1))
        return due

    def _after_run(self, _run_id: int) -> None:
        review_ended_runs(self.engine, self.alerts)
        self.deliverer.deliver_due()

    def deliver_tick(self) -> None:
        """Immediate alerts of runs still crawling, reviews of runs ended elsewhere, and the outbox."""
        try:
            evaluate_running_runs(self.engine, self.alerts)
            review_ended_runs(self.engine, self.alerts)
            self.deliverer.deliver_due()
        except Exception:  # a bad moment of the database must not end the tick job for good
            logger.exception("delivery tick failed")

    def _record_unstarted(self, job_id: str, scheduled: datetime, status: str, reason: str) -> None:
        name = job_id.removeprefix(CRAWL_JOB_PREFIX)
        schedule = self.schedules.get(name)
        if not job_id.startswith(CRAWL_JOB_PREFIX) or schedule is None:
            return
        start = RunStart(
            sources=list(schedule.sources), trigger="schedule", schedule=name, scheduled_for=scheduled
        )
        with Session(self.engine) as session:
            run_id = record_unstarted_run(session, start, status, reason)  # type: ignore[arg-type]
            session.commit()
        logger.error("schedule %s: run %s %s: %s", name, run_id, status, reason)
        # Its health alert goes out with the next delivery tick, not from the scheduler's event thread.
        review_ended_runs(self.engine, self.alerts)

    def _on_missed(self, event: JobExecutionEvent) -> None:
        hours = self.catch_up.total_seconds() / 3600
        self._record_unstarted(
            event.job_id,
            event.scheduled_run_time,
            "missed",
            f"due at {event.scheduled_run_time:%Y-%m-%d %H:%M %Z} while the service was down, longer ago than"
            f" the catch-up window of {hours:g} h ([scheduler].catch_up_hours)",
        )

    def _on_overlap(self, event: JobSubmissionEvent) -> None:
        for scheduled in event.scheduled_run_times:
            self._record_unstarted(
                event.job_id,
                scheduled,
                "refused",
                "refused: the previous run of this schedule is still crawling",
            )


def stored_next_runs(engine: Engine) -> dict[str, datetime | None]:
    """Each schedule's next run time as the job store holds it (empty before the first start)."""
    from sqlalchemy import inspect, select
    from sqlalchemy.schema import MetaData, Table

    if not inspect(engine).has_table(JOB_TABLE):
        return {}
    jobs = Table(JOB_TABLE, MetaData(), autoload_with=engine)
    with engine.connect() as connection:
        rows = connection.execute(select(jobs.c.id, jobs.c.next_run_time)).all()
    return {
        job_id.removeprefix(CRAWL_JOB_PREFIX): (
            datetime.fromtimestamp(timestamp, UTC) if timestamp is not None else None
        )
        for job_id, timestamp in rows
        if job_id.startswith(CRAWL_JOB_PREFIX)
    }


def next_fire_time(schedule: Schedule, now: datetime) -> datetime | None:
    fire: datetime | None = crawl_trigger(schedule).get_next_fire_time(None, now)
    return fire
