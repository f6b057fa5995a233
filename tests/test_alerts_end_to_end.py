"""Alerts end to end: the demo site crawled by `forumwatch crawl` processes with an alert rule on the
forum topic and a real webhook receiver on 127.0.0.1; a source that falls silent; and a service killed
with SIGKILL between sending an alert and marking it sent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from forumwatch.demo.run import demo_config_text
from forumwatch.demo.server import DemoServer
from storage.engine import open_database
from storage.models import Alert, Article, ArticleTopic
from tests.receivers import WebhookReceiver

pytestmark = pytest.mark.slow  # crawl processes, a service, waits for retries and an expiring lease

ALERTS = """
[delivery]
retry_initial_seconds = 0.5
claim_seconds = 3

[[channels]]
name = "newsroom"
kind = "webhook"
url = "{hook}"

[[alerts]]
name = "forums"
topics = ["twin-city-forum"]
kinds = ["new-story"]
channels = ["newsroom"]
"""


def forumwatch(*args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "forumwatch", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def site() -> Iterator[DemoServer]:
    with DemoServer() as server:
        yield server


def forum_story_ids(db_url: str) -> set[int]:
    with Session(open_database(db_url)) as session:
        query = (
            select(Article.story_id)
            .join(ArticleTopic, ArticleTopic.article_id == Article.id)
            .where(ArticleTopic.topic == "twin-city-forum")
        )
        return set(session.scalars(query))


def alerts(db_url: str) -> list[Alert]:
    with Session(open_database(db_url)) as session:
        return list(session.scalars(select(Alert).order_by(Alert.id)))


def test_one_alert_per_new_story_none_for_copies_or_a_second_crawl_and_one_delivery_despite_failures(
    site: DemoServer, tmp_path: Path, database_url: str
) -> None:
    with WebhookReceiver(fail_first=2) as hook:
        config = tmp_path / "forumwatch.toml"
        config.write_text(demo_config_text(site.base_url) + ALERTS.format(hook=hook.url), encoding="utf-8")

        first = forumwatch("crawl", "--config", str(config), "--db", database_url)
        assert first.returncode == 0, first.stderr
        stories = forum_story_ids(database_url)
        assert len(stories) >= 3  # the demo's Twin-City Forum stories, each with copies folded in
        queued = alerts(database_url)
        assert sorted(a.story_id for a in queued) == sorted(stories)  # one per story, none per copy
        assert "0 sent" in first.stdout  # the receiver failed the first try of every alert

        for _ in range(2):  # the retries: 0.5 s, then 1 s of backoff
            time.sleep(1.1)
            retry = forumwatch("alerts", "send", "--config", str(config), "--db", database_url)
            assert retry.returncode == 0, retry.stderr

        second = forumwatch("crawl", "--config", str(config), "--db", database_url)
        assert second.returncode == 0, second.stderr
        assert len(alerts(database_url)) == len(stories)  # nothing new: no alert

    assert {a.status for a in alerts(database_url)} == {"sent"}
    delivered = hook.ok_deliveries()
    print(
        f"{len(stories)} forum stories, {len(alerts(database_url))} alerts after two crawls,"
        f" {len(hook.deliveries)} requests, {len(delivered)} delivered"
    )
    assert len(delivered) == len(stories)  # exactly one delivery per story
    assert {d.body["stories"][0]["story_id"] for d in delivered} == stories
    assert len(hook.deliveries) == 3 * len(stories)  # two failures, then the one success, for each


SILENT = """
[health]
channels = ["ops"]
silent_runs = {silent_runs}

[[channels]]
name = "ops"
kind = "webhook"
url = "{hook}"
"""


def test_a_source_silent_for_n_runs_raises_one_health_alert_and_shows_failing(
    site: DemoServer, tmp_path: Path
) -> None:
    db_url = f"sqlite:///{tmp_path}/forumwatch.db"
    with WebhookReceiver() as hook:
        config = tmp_path / "forumwatch.toml"
        text = demo_config_text(site.base_url).replace(
            'article_pattern = "/farm/(post|private)/[a-z0-9-]+\\\\.html"',
            'article_pattern = "/farm/nothing-matches-this/"',  # the farm's listing now yields nothing
        )
        assert "nothing-matches-this" in text
        # Two silent runs raise it here, not the default three: a crawl process costs seconds.
        silent_runs = 2
        config.write_text(text + SILENT.format(hook=hook.url, silent_runs=silent_runs), encoding="utf-8")
        for _ in range(silent_runs + 1):  # one run more: the spell goes on, and raises no second alert
            crawl = forumwatch("crawl", "--config", str(config), "--db", db_url, "--source", "farm")
            assert crawl.returncode == 0, crawl.stderr
        status = forumwatch("status", "--config", str(config), "--db", db_url)

    assert status.returncode == 0, status.stderr
    [farm_line] = [line for line in status.stdout.splitlines() if line.startswith("farm ")]
    assert "FAILING" in farm_line
    assert f"no articles in the last {silent_runs} runs" in farm_line
    health = [d for d in hook.ok_deliveries() if d.body.get("type") == "source.unhealthy"]
    print(f"{silent_runs + 1} silent runs: {len(health)} health alert; status: {farm_line}")
    assert len(health) == 1  # one alert for the spell, not one per run
    assert health[0].body["source"] == "farm"


KILL = """
[scheduler]
cron = "0 2 1 1 *"
delivery_interval_seconds = 1
lease_seconds = 10

[delivery]
claim_seconds = 3

[[channels]]
name = "newsroom"
kind = "webhook"
url = "{hook}"
timeout_seconds = 60

[[alerts]]
name = "forums"
topics = ["twin-city-forum"]
kinds = ["new-story"]
channels = ["newsroom"]
"""


def wait_for(condition: object, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, f"not true after {seconds} s"
        time.sleep(0.2)


def start_service(config: Path, db_url: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "forumwatch", "schedule", "--config", str(config), "--db", db_url],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_service_killed_between_sending_and_marking_does_not_deliver_twice(
    site: DemoServer, tmp_path: Path
) -> None:
    db_url = f"sqlite:///{tmp_path}/forumwatch.db"
    with WebhookReceiver(hold=True) as hook:
        config = tmp_path / "forumwatch.toml"
        config.write_text(demo_config_text(site.base_url) + KILL.format(hook=hook.url), encoding="utf-8")
        crawl = forumwatch(
            "crawl", "--config", str(config), "--db", db_url, "--source", "taipei-gov-en", "--no-alerts"
        )
        assert crawl.returncode == 0, crawl.stderr

        first = start_service(config, db_url)  # reviews the crawl, queues its alert, sends it...
        try:
            assert hook.held.wait(60), "the service sent nothing"
            # ... and, while it waits for the answer, a second service is refused in one line:
            second = forumwatch("schedule", "--config", str(config), "--db", db_url, timeout=60)
            assert second.returncode == 3
            assert len(second.stderr.strip().splitlines()) == 1
            assert "another forumwatch schedule" in second.stderr
        finally:
            os.kill(first.pid, signal.SIGKILL)  # between sending and marking
            first.wait(30)
        hook.hold = False
        hook.release.set()  # the receiver applies what it was sent; nobody hears its answer
        wait_for(lambda: len(hook.applied) == 1, 10)
        [queued] = alerts(db_url)
        assert queued.status == "sending"

        # The dead service's lease expires (10 s); a new service then finds the claim expired too.
        wait_for(lambda: forumwatch("status", "--config", str(config), "--db", db_url).stdout.startswith(
            "Scheduler: not running"), 30)  # fmt: skip
        restarted = start_service(config, db_url)
        try:
            wait_for(lambda: alerts(db_url)[0].status == "sent", 60)
        finally:
            restarted.send_signal(signal.SIGTERM)
            assert restarted.wait(60) == 0, restarted.stderr.read() if restarted.stderr else ""

    [alert] = alerts(db_url)
    assert alert.attempts == 2
    keys = [d.key for d in hook.deliveries]
    assert keys == [alert.idempotency_key] * 2  # sent twice, with one key...
    assert list(hook.applied) == [alert.idempotency_key]  # ... and applied once


def test_the_demo_alerts_its_inbox_once_per_forum_story(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path}/demo.db"
    demo = forumwatch("demo", "--db", db_url)
    assert demo.returncode == 0, demo.stderr
    stories = forum_story_ids(db_url)
    with Session(open_database(db_url)) as session:
        mayors = set(
            session.scalars(
                select(Article.story_id)
                .join(ArticleTopic, ArticleTopic.article_id == Article.id)
                .where(ArticleTopic.topic == "mayors-forum")
            )
        )
    expected = len(stories | mayors)
    assert f"{expected} alerts reached the demo's webhook inbox" in demo.stdout
    assert "论坛预告：2023上海-台北城市论坛" in demo.stdout
    assert "Forum announced: Mayor Travels to Shanghai to Attend Twin-City Forum" in demo.stdout
    assert {a.status for a in alerts(db_url)} == {"sent"}
