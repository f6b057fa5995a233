"""Feed validators and crawl run records, on a real SQLite file and the PostgreSQL server."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta

from click.testing import CliRunner
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from forumwatch.cli import main
from storage import feeds
from storage.models import CrawlRun
from storage.runs import STALE_AFTER, RunStart, finish_run, heartbeat, latest_runs, start_run

FEED = "https://example.com/feed.xml"
T0 = datetime(2026, 11, 21, 2, 0, tzinfo=UTC)


def test_validators_are_kept_until_replaced(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        assert feeds.get_validators(session, FEED) == feeds.FeedValidators(None, None)
        feeds.record_fetch(
            session,
            FEED,
            status=200,
            validators=feeds.FeedValidators('"abc"', "Wed, 01 Dec 2021 14:01:19 GMT"),
        )
    with Session(engine) as session, session.begin():
        feeds.record_fetch(session, FEED, status=None, error="connection refused")
    with Session(engine) as session:
        assert feeds.get_validators(session, FEED) == feeds.FeedValidators(
            '"abc"', "Wed, 01 Dec 2021 14:01:19 GMT"
        )


def test_run_records_status_and_counts(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        run_id = start_run(session)
    with Session(engine) as session, session.begin():
        finish_run(session, run_id, "finished", {"sources": {"sina": {"new": 2}}})
    with Session(engine) as session:
        [run] = latest_runs(session)
    assert (run.status, run.stats, run.finished_at is not None) == (
        "finished",
        {"sources": {"sina": {"new": 2}}},
        True,
    )


def test_a_run_ended_once_keeps_its_outcome_when_someone_ends_it_again(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        run_id = start_run(session, now=T0)
    with Session(engine) as session, session.begin():  # the crawl ends on its own...
        assert finish_run(session, run_id, "finished", {"sources": {"sina": {"new": 2}}}, now=T0)
    later = T0 + timedelta(seconds=1)
    with Session(engine) as session, session.begin():  # ... and the service, stopping, stops it a moment late
        ended_again = finish_run(
            session, run_id, "interrupted", exit_code=-15, error="the service stopped", now=later
        )
    with Session(engine) as session:
        run = session.get_one(CrawlRun, run_id)
    assert not ended_again
    assert (run.status, run.finished_at, run.error) == ("finished", T0, None)
    assert run.exit_code == -15  # what only the later caller knew is kept
    assert run.stats == {"sources": {"sina": {"new": 2}}}


def test_a_timed_out_run_stays_timed_out_and_takes_the_stopped_crawls_figures(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        run_id = start_run(session, now=T0)
    with Session(engine) as session, session.begin():  # the scheduler, before it stops the crawl
        assert finish_run(session, run_id, "timed-out", error="stopped after the time limit", now=T0)
    with Session(engine) as session, session.begin():  # the crawl process, stopped, closes its run
        assert not finish_run(session, run_id, "interrupted", {"sources": {"slow": {"fetched": 3}}})
    with Session(engine) as session:
        run = session.get_one(CrawlRun, run_id)
    assert (run.status, run.error, run.finished_at) == ("timed-out", "stopped after the time limit", T0)
    assert run.stats == {"sources": {"slow": {"fetched": 3}}}


def test_a_run_whose_heartbeat_went_stale_reads_as_abandoned(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        silent = start_run(session, RunStart(sources=["sina"]), now=T0)
        alive = start_run(session, RunStart(sources=["twnews"]), now=T0)
        ended = start_run(session, RunStart(sources=["portal"]), now=T0)
        finish_run(session, ended, "finished", now=T0 + timedelta(minutes=1))
    later = T0 + STALE_AFTER + timedelta(seconds=1)
    with Session(engine) as session, session.begin():
        heartbeat(session, alive, now=later - timedelta(seconds=30))
    with Session(engine) as session:
        found = {run.id: run.status for run in latest_runs(session, now=later)}
        session.commit()  # what a reader saw is what the next one finds
    assert found == {silent: "abandoned", alive: "running", ended: "finished"}
    with Session(engine) as session:
        run = session.get_one(CrawlRun, silent)
    assert (run.status, run.finished_at) == ("abandoned", T0)  # ended at its last sign of life
    assert "no heartbeat since" in (run.error or "")


def test_forumwatch_runs_shows_a_silent_run_abandoned(engine: Engine, database_url: str) -> None:
    an_hour_ago = datetime.now(UTC) - timedelta(hours=1)
    with Session(engine) as session, session.begin():
        start_run(session, RunStart(sources=["sina"]), now=an_hour_ago)  # and its process was killed
    shown = CliRunner().invoke(main, ["runs", "--db", database_url, "--json"])
    assert shown.exit_code == 0, shown.output
    [run] = json.loads(shown.output)
    assert run["status"] == "abandoned"
    assert run["finished"] == an_hour_ago.isoformat()


def test_a_run_whose_process_on_this_machine_is_gone_is_abandoned_at_once(engine: Engine) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()  # its pid now names no process (reused only after the kernel wraps around)
    with Session(engine) as session, session.begin():
        run_id = start_run(session, RunStart(sources=["a"]))
        session.get_one(CrawlRun, run_id).pid = dead.pid
    with Session(engine) as session, session.begin():
        # heartbeating a moment ago, but killed with -9: the next crawl of its sources is not refused
        start_run(session, RunStart(sources=["a"]))
        run = session.get_one(CrawlRun, run_id)
        assert run.status == "abandoned"
        assert f"pid {dead.pid}" in (run.error or "")
