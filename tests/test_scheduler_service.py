"""The service with frozen time: runs missed while it was down (hours, days, past the catch-up window),
overlapping runs, and two services on one database. Crawls are real `forumwatch crawl` processes over
the demo site on 127.0.0.1, and the job store and lease are in a real SQLite file.

The clock is moved with time-machine into the past of the real one: crawl processes keep real time, and
their heartbeats must look fresh, not stale, to the service's clock.
"""

from __future__ import annotations

import contextlib
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlalchemy import select
from sqlalchemy.orm import Session

from forumwatch.alerting import alerts_of
from forumwatch.config import DATABASE_URL_ENV, Config, load_config, parse_config
from forumwatch.demo.server import DemoServer
from forumwatch.scheduling import crawl_command, service_of
from scheduler.crawls import CrawlCommand, CrawlSupervisor
from scheduler.service import LEASE_NAME, SchedulerBusyError, SchedulerService
from storage import leases
from storage.engine import open_database
from storage.models import CrawlRun
from storage.runs import RunStart, start_run

TAIPEI = ZoneInfo("Asia/Taipei")
# Nightly at 02:00 in Taipei; the day is in the real clock's past (see the module's docstring).
DAY = datetime(2026, 3, 2, tzinfo=TAIPEI)

CONFIG = """
[database]
url = "{db_url}"

[crawl]
download_delay = 0.0
autothrottle_start_delay = 0.1
allow_private = ["127.0.0.1"]

[scheduler]
cron = "0 2 * * *"
timezone = "Asia/Taipei"
catch_up_hours = {catch_up_hours}
delivery_interval_seconds = 1

[[topics]]
name = "twin-city-forum"
aliases = ["Twin-City Forum", "双城论坛"]

[[sources]]
name = "taipei-gov-en"
kind = "site"
authority = "official"
start_urls = ["{base}/taipei/en/News.aspx?n=C0E4B4E1D7D61D2D&sms=DFFA119D1FD5602C"]
article_pattern = "News_Content\\\\.aspx\\\\?n="
"""


@pytest.fixture
def site() -> Iterator[DemoServer]:
    with DemoServer() as server:
        yield server


@pytest.fixture
def make_config(site: DemoServer, tmp_path: Path) -> Callable[..., tuple[Config, Path]]:
    def make(catch_up_hours: float = 24, db_url: str | None = None) -> tuple[Config, Path]:
        path = tmp_path / "forumwatch.toml"
        db_url = db_url or f"sqlite:///{tmp_path}/forumwatch.db"
        path.write_text(
            CONFIG.format(db_url=db_url, base=site.base_url, catch_up_hours=catch_up_hours), encoding="utf-8"
        )
        return load_config(path), path

    return make


def new_service(config: Config, path: Path) -> SchedulerService:
    """The service `forumwatch schedule` makes of the file at ``path``."""
    return SchedulerService(
        open_database(config.database.url),
        service_of(config),
        alerts_of(config),
        crawl_command(str(path), config),
    )


class RunningService:
    """A service in a thread of the test, as `forumwatch schedule` runs it (without signal handlers)."""

    def __init__(self, config: Config, path: Path) -> None:
        self.service = new_service(config, path)
        self.exit_code: int | None = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        try:
            self.exit_code = self.service.run(install_signal_handlers=False)
        except BaseException as error:
            self.error = error

    def __enter__(self) -> RunningService:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.service.started.is_set() and self.thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.05)
        if self.error is not None:
            raise self.error
        assert self.service.started.is_set(), "the service did not start"
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.service.stop()
        self.thread.join(timeout=90)
        assert not self.thread.is_alive(), "the service did not stop"
        assert self.exit_code == 0


def runs(config: Config) -> list[CrawlRun]:
    with Session(open_database(config.database.url)) as session:
        return list(session.scalars(select(CrawlRun).order_by(CrawlRun.id)))


def wait_for(condition: Callable[[], bool], seconds: float) -> float:
    """Poll until ``condition`` holds; returns how long it took (real seconds)."""
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > seconds:
            raise AssertionError(f"not true after {seconds} s")
        time.sleep(0.2)
    return time.monotonic() - started


def run_ended(config: Config) -> bool:
    found = runs(config)
    return bool(found) and all(r.status != "running" for r in found) and all(r.reviewed_at for r in found)


def install_jobs_at(config: Config, path: Path, when: datetime) -> None:
    """The service ran at ``when`` and was stopped: the job store holds the next nightly run."""
    with time_machine.travel(when, tick=True), RunningService(config, path):
        pass


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
@pytest.mark.parametrize(
    ("down_until", "due"),
    [
        # Down over 02:00, back at 05:00 the same night.
        (DAY.replace(hour=5), DAY.replace(hour=2)),
        # Down three days: three nightly runs missed; one catch-up run, for the latest.
        (DAY.replace(hour=3) + timedelta(days=3), DAY.replace(hour=2) + timedelta(days=3)),
    ],
    ids=["hours", "three-days"],
)
def test_a_run_missed_while_down_runs_once_at_start_up(
    make_config: Callable[..., tuple[Config, Path]],
    down_until: datetime,
    due: datetime,
    backend: str,
    request: pytest.FixtureRequest,
) -> None:
    # The job store and the lease on PostgreSQL too: what a scale-out deployment uses.
    db_url = request.getfixturevalue("postgres_url") if backend == "postgresql" else None
    config, path = make_config(db_url=db_url)
    install_jobs_at(config, path, DAY.replace(hour=1))
    assert runs(config) == []

    with time_machine.travel(down_until, tick=True):
        started = time.monotonic()
        service = RunningService(config, path).__enter__()
        wait_for(lambda: bool(runs(config)), seconds=60)
        took = time.monotonic() - started
        wait_for(lambda: run_ended(config), seconds=120)
        time.sleep(2)  # a second catch-up run would have started by now
        found = runs(config)
        service.__exit__(None, None, None)

    print(f"catch-up run started {took:.1f} s after start-up")
    assert took < 60
    assert len(found) == 1
    [run] = found
    assert (run.status, run.trigger, run.schedule) == ("finished", "catch-up", "nightly")
    assert run.scheduled_for == due.astimezone(UTC)
    assert run.sources == ["taipei-gov-en"]
    assert run.stats["sources"]["taipei-gov-en"]["fetched"] >= 1


def test_a_run_missed_longer_ago_than_the_catch_up_window_is_recorded_not_run(
    make_config: Callable[..., tuple[Config, Path]],
) -> None:
    config, path = make_config(catch_up_hours=2)
    install_jobs_at(config, path, DAY.replace(hour=1))

    with time_machine.travel(DAY.replace(hour=7), tick=True), RunningService(config, path):
        wait_for(lambda: bool(runs(config)), seconds=30)
        time.sleep(2)
        found = runs(config)

    assert len(found) == 1
    [run] = found
    assert run.status == "missed"
    assert run.scheduled_for == DAY.replace(hour=2).astimezone(UTC)
    assert "catch-up window of 2 h" in (run.error or "")
    assert run.stats == {}  # nothing was crawled


def test_a_run_due_while_its_sources_are_still_being_crawled_is_refused_and_recorded(
    make_config: Callable[..., tuple[Config, Path]],
) -> None:
    config, path = make_config()
    install_jobs_at(config, path, DAY.replace(hour=1))
    with time_machine.travel(DAY.replace(hour=1, minute=59, second=57), tick=True):
        engine = open_database(config.database.url)
        with Session(engine) as session:  # a manual crawl of the same source, alive (heartbeating)
            other = start_run(session, RunStart(sources=["taipei-gov-en"]))
            session.commit()
        with RunningService(config, path):
            wait_for(lambda: len(runs(config)) == 2, seconds=30)
            found = runs(config)

    refused = found[1]
    assert refused.status == "refused"
    assert refused.trigger == "schedule"
    assert f"run {other} " in (refused.error or "")
    assert found[0].status == "running"  # the other run is left alone


def test_a_second_service_on_the_same_database_is_refused_until_the_first_one_s_lease_expires(
    make_config: Callable[..., tuple[Config, Path]],
) -> None:
    config, path = make_config()
    with time_machine.travel(DAY.replace(hour=1), tick=True):
        with RunningService(config, path):
            second = new_service(config, path)
            with pytest.raises(
                SchedulerBusyError, match=r"another forumwatch schedule .* runs on this database"
            ):
                second.run(install_signal_handlers=False)

        # A holder that died (kill -9) leaves its lease behind: refused until it expires.
        engine = open_database(config.database.url)
        now = datetime.now(UTC)
        with Session(engine) as session:
            assert leases.acquire(session, LEASE_NAME, "a dead one", timedelta(seconds=90), now) is None
        with pytest.raises(SchedulerBusyError, match="a dead one"):
            new_service(config, path).run(False)

    with (
        time_machine.travel(DAY.replace(hour=1, minute=2), tick=True),
        RunningService(config, path) as running,
        Session(engine) as session,
    ):
        lease = leases.current(session, LEASE_NAME)
        assert lease is not None
        assert lease.holder == running.service.holder
    with Session(engine) as session:
        assert leases.current(session, LEASE_NAME) is None  # a clean stop lets go


@pytest.fixture
def silent_server() -> Iterator[str]:
    """An HTTP server that accepts connections and never answers: a source that hangs."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            with contextlib.suppress(TimeoutError, OSError):
                held.append(listener.accept()[0])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    listener.close()


@pytest.mark.slow
def test_a_crawl_past_its_time_limit_is_stopped_and_recorded_and_the_service_goes_on(
    make_config: Callable[..., tuple[Config, Path]], silent_server: str
) -> None:
    config, path = make_config()
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "autothrottle_start_delay = 0.1", "autothrottle_start_delay = 0.1\ndownload_timeout = 5"
    )
    text = text.replace("[[topics]]", '[[schedules]]\nname = "slow"\ncron = "0 2 * * *"\nsources = ["hangs"]\n'
                        'timeout_minutes = 0.05\n\n[[topics]]', 1)  # fmt: skip
    text += f'\n[[sources]]\nname = "hangs"\nkind = "feed"\nurl = "{silent_server}/feed.xml"\n'
    path.write_text(text, encoding="utf-8")
    config = load_config(path)
    # The jobs are in the store before the service starts two seconds before they are due: a service
    # slow to start on a loaded machine runs them as catch-up runs instead of missing them till tomorrow.
    install_jobs_at(config, path, DAY.replace(hour=1))

    with (
        time_machine.travel(DAY.replace(hour=1, minute=59, second=58), tick=True),
        RunningService(config, path),
    ):
        wait_for(lambda: len(runs(config)) == 2 and run_ended(config), seconds=90)
        found = {run.schedule: run for run in runs(config)}

    slow = found["slow"]
    assert slow.status == "timed-out"
    assert "stopped after the time limit" in (slow.error or "")
    assert found["nightly"].status == "finished"  # the other schedule's run was not held up by it


def test_stopping_the_service_stops_its_crawls_and_records_them_interrupted(
    make_config: Callable[..., tuple[Config, Path]], silent_server: str
) -> None:
    config, path = make_config()
    text = path.read_text(encoding="utf-8").replace(
        "autothrottle_start_delay = 0.1", "autothrottle_start_delay = 0.1\ndownload_timeout = 5"
    )
    text = text.replace('start_urls = ["', f'start_urls = ["{silent_server}/news/", "', 1)
    path.write_text(text, encoding="utf-8")
    config = load_config(path)
    install_jobs_at(config, path, DAY.replace(hour=1))  # due even if the service is slow to start

    with time_machine.travel(DAY.replace(hour=1, minute=59, second=58), tick=True):
        with RunningService(config, path):
            wait_for(lambda: len(runs(config)) == 1, seconds=30)
            time.sleep(2)  # the crawl process is up and waiting for the silent server
        [run] = runs(config)  # the service stopped: its crawl was stopped with it

    assert run.status == "interrupted"
    assert run.error == "the service stopped"


# A crawl process that records its run finished, then is a while exiting (closing its spiders, writing
# its logs): the moment at which a stopping service's SIGTERM reaches a crawl that is done already.
FINISHES_THEN_LINGERS = """
import sys, time
from sqlalchemy.orm import Session
from storage.engine import open_database
from storage.runs import finish_run
with Session(open_database(sys.argv[1])) as session, session.begin():
    finish_run(session, int(sys.argv[2]), "finished", {"sources": {"news": {"fetched": 3}}})
time.sleep(120)
"""


@dataclass(frozen=True)
class LingeringCrawl(CrawlCommand):
    def argv(self, run_id: int, sources: list[str]) -> list[str]:
        return [sys.executable, "-c", FINISHES_THEN_LINGERS, self.database_url, str(run_id)]


def test_a_crawl_that_finished_just_before_the_service_stopped_stays_finished(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path}/forumwatch.db"
    engine = open_database(db_url)
    lingering = LingeringCrawl((), str(tmp_path / "unused.toml"), db_url, DATABASE_URL_ENV)
    supervisor = CrawlSupervisor(engine, lingering)
    crawl = threading.Thread(target=supervisor.crawl, args=(RunStart(sources=["news"]), 120))
    crawl.start()

    def statuses() -> list[str]:
        with Session(engine) as session:
            return list(session.scalars(select(CrawlRun.status)))

    wait_for(lambda: statuses() == ["finished"], seconds=60)
    supervisor.stop_all()  # the service stops: SIGTERM to a crawl that has just recorded its end
    crawl.join(timeout=90)
    assert not crawl.is_alive()
    with Session(engine) as session:
        run = session.scalars(select(CrawlRun)).one()
    assert run.status == "finished"  # not rewritten "interrupted"
    assert run.error is None
    assert run.exit_code == -signal.SIGTERM  # how the process ended is added, not another outcome
    assert run.stats == {"sources": {"news": {"fetched": 3}}}


def test_the_crawl_process_gets_the_database_by_environment_not_command_line() -> None:
    config = parse_config(
        {
            "database": {"url": "postgresql+psycopg://fw:s3cret@db.example/fw"},
            "topics": [{"name": "twin-city-forum", "aliases": ["双城论坛"]}],
        }
    )
    command = crawl_command("forumwatch.toml", config)
    argv = command.argv(7, ["news"])
    assert not any("s3cret" in part for part in argv)  # ps shows a command line to everyone
    assert command.environment()["FORUMWATCH_DATABASE_URL"] == command.database_url
