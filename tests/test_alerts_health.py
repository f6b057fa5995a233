"""Source health: a source silent for some runs, or whose failed requests, empty pages or garbled text
jumped above its usual, is unwell; and without false alarms: a feed that answers "304 Not Modified"
night after night is alive, and a site whose listing links to the same articles run after run is stale.
As decisions on run stats, as judgements of run records on a real SQLite file and the PostgreSQL server,
and end to end: `forumwatch crawl` over the demo site, then `forumwatch status`."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from alerts.health import HEALTH_RULE, check_run, diagnose
from alerts.settings import HealthPolicy
from forumwatch.alerting import health_of
from forumwatch.config import parse_config
from forumwatch.config_alerts import HealthConfig
from forumwatch.demo.run import demo_config_text
from forumwatch.demo.server import DemoServer
from storage.articles import ensure_source
from storage.health import all_health
from storage.models import Alert, CrawlRun
from storage.runs import RunStart, finish_run, start_run

POLICY = health_of(HealthConfig(silent_runs=3))
STALE_LISTING_RUNS = POLICY.stale_listing_runs or 0
T0 = datetime(2026, 11, 21, 2, 0, tzinfo=UTC)
STALE = f"listing unchanged in the last {STALE_LISTING_RUNS} runs: stopped updating, or moved?"


def stats(**values: object) -> dict[str, object]:
    base: dict[str, object] = {"fetched": 10, "new": 2, "skipped": 0, "requests": 20, "errors": 0, "empty": 0}
    return base | values


NOT_MODIFIED = stats(fetched=0, new=0, requests=1, feed_not_modified=1)
# A listing whose every link is stored already: nothing downloaded, the same twelve skipped.
ONLY_STORED = stats(fetched=0, new=0, skipped=12, requests=1)


def test_a_feed_that_answers_not_modified_night_after_night_is_alive() -> None:
    assert diagnose([NOT_MODIFIED] * 5 + [stats()], POLICY, "feed") == []
    gone = stats(fetched=0, new=0, requests=1, errors=1)  # an answer, but not the feed's
    assert diagnose([gone] * 3, POLICY, "feed") == ["no articles in the last 3 runs"]


def test_a_listing_with_the_same_links_for_n_runs_is_stale() -> None:
    same = [stats(fetched=8, new=0, **{"off-topic": 8}, listing_digest="3f2a")] * STALE_LISTING_RUNS
    assert diagnose(same, POLICY, "site") == [STALE]
    assert diagnose(same[1:], POLICY, "site") == []  # one run short
    assert diagnose([*same[1:], stats(listing_digest="77c0")], POLICY, "site") == []
    assert diagnose([stats(listing_digest="77c0"), *same[1:]], POLICY, "site") == []  # it changed tonight
    assert diagnose(same, POLICY, "feed") == []  # a feed's sameness is its 304


def test_without_digests_a_listing_of_the_same_stored_articles_is_stale() -> None:
    assert diagnose([ONLY_STORED] * STALE_LISTING_RUNS, POLICY, "site") == [STALE]
    changed = [ONLY_STORED] * (STALE_LISTING_RUNS - 1)
    assert diagnose([stats(fetched=1, new=1, skipped=12), *changed], POLICY, "site") == []  # one new link
    assert diagnose([stats(fetched=0, new=0, skipped=13), *changed], POLICY, "site") == []  # one more link
    assert diagnose([stats(fetched=0, new=0, skipped=12, errors=1), *changed], POLICY, "site") == []
    cut_short = stats(fetched=0, new=0, skipped=12, stopped_early="error limit (100) reached")
    assert diagnose([cut_short, *changed], POLICY, "site") == []


def test_without_digests_a_listing_of_articles_on_no_topic_is_never_called_stale() -> None:
    # Not stored, so downloaded again each night: the counts of an unchanged listing and of a busy one
    # are the same. Without a digest nothing tells them apart, and no alarm is the honest answer.
    off_topic = stats(fetched=20, new=0, **{"off-topic": 20})
    assert diagnose([off_topic] * 2 * STALE_LISTING_RUNS, POLICY, "site") == []


def test_a_source_silent_for_n_runs_is_failing() -> None:
    silent = stats(fetched=0, new=0, requests=2)
    assert diagnose([silent, silent], POLICY) == []  # two runs: not yet
    assert diagnose([silent, silent, silent, stats()], POLICY) == ["no articles in the last 3 runs"]
    assert diagnose([silent, silent, stats(fetched=0, skipped=4)], POLICY) == []  # it still lists articles


@pytest.mark.parametrize(
    ("current", "expected"),
    [
        (
            stats(errors=12, errors_by_kind={"http": 12}),
            "12 of 20 requests failed (60%, usually 5%): http 12",
        ),
        (stats(empty=6), "no article found in 6 of 10 pages (60%, usually 0%)"),
        (stats(replacement_pages=2), "2 pages decoded with replacement characters"),
    ],
)
def test_jumps_in_errors_and_empty_pages_and_garbled_text_are_problems(
    current: dict[str, object], expected: str
) -> None:
    usual = [stats(errors=1)] * 5
    [problem] = diagnose([current, *usual], POLICY)
    assert problem.startswith(expected)


def test_empty_pages_are_a_share_of_the_pages_cleaned_not_of_those_the_topic_screen_ruled_out() -> None:
    # A layout change: of 100 pages, the 10 cleaned (those with an alias, and a sample of the rest) are
    # all empty. Of the pages fetched that is 10 %; of the pages the cleaner read, all of them.
    usual = [stats(fetched=100, screened_out=90, empty=0)] * 5
    [problem] = diagnose([stats(fetched=100, screened_out=90, empty=10), *usual], POLICY)
    assert problem.startswith("no article found in 10 of 10 pages (100%, usually 0%)")
    assert (
        diagnose([stats(fetched=100, screened_out=98, empty=2), *usual], POLICY) == []
    )  # 2 cleaned: too few


def test_a_source_always_this_bad_is_not_a_jump() -> None:
    usual = [stats(errors=12)] * 5
    assert diagnose([stats(errors=13), *usual], POLICY) == []


def health_policy() -> HealthPolicy:
    """[health] of a file that tells the ops channel."""
    config = parse_config(
        {
            "topics": [{"name": "twin-city-forum", "aliases": ["双城论坛"]}],
            "channels": [{"name": "ops", "kind": "webhook", "url": "http://127.0.0.1:9/hook"}],
            "health": {"channels": ["ops"], "silent_runs": 3},
        }
    )
    return health_of(config.health)


def judge_nights(engine: Engine, policy: HealthPolicy, nights: list[dict[str, dict[str, object]]]) -> None:
    """One finished run per night with these per-source stats, each judged as the service does."""
    with Session(engine) as session:
        ensure_source(session, "twnews", "feed", "https://twnews.example/feed.xml", "portal")
        ensure_source(session, "taipei-gov", "site", "https://taipei.example/news/", "official")
        session.commit()
    for night, sources in enumerate(nights):
        when = T0 + timedelta(days=night)
        with Session(engine) as session:
            run_id = start_run(session, RunStart(sources=list(sources)), now=when)
            finish_run(session, run_id, "finished", {"sources": sources}, now=when + timedelta(minutes=5))
            check_run(session, policy, session.get_one(CrawlRun, run_id))
            session.commit()


def test_run_records_judge_a_quiet_feed_alive_and_an_unchanged_listing_stale_once(engine: Engine) -> None:
    policy = health_policy()
    first = {"twnews": stats(), "taipei-gov": stats(fetched=12, new=3)}
    quiet = {"twnews": NOT_MODIFIED, "taipei-gov": ONLY_STORED}
    judge_nights(engine, policy, [first, *[quiet] * (STALE_LISTING_RUNS + 2)])
    with Session(engine) as session:
        health = {name: (h.state, h.problems) for name, h in all_health(session).items()}
        alerts = list(session.scalars(select(Alert).where(Alert.rule == HEALTH_RULE)))
    assert health == {"twnews": ("ok", []), "taipei-gov": ("failing", [STALE])}
    assert [(a.subject, a.payload["problems"]) for a in alerts] == [("source:taipei-gov", [STALE])]  # once

    judge_nights(engine, policy, [{"taipei-gov": stats(fetched=1, new=1, skipped=12)}])  # it moved on
    with Session(engine) as session:
        assert all_health(session)["taipei-gov"].state == "ok"
        recovered = session.scalars(select(Alert).where(Alert.occasion.like("recovered-at:%"))).one()
    assert recovered.subject == "source:taipei-gov"


@pytest.fixture
def site() -> Iterator[DemoServer]:
    with DemoServer() as server:
        yield server


def forumwatch(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "forumwatch", *args], capture_output=True, text=True, timeout=180, check=False
    )


def status_line(config: Path, db_url: str, source: str) -> str:
    status = forumwatch("status", "--config", str(config), "--db", db_url)
    assert status.returncode == 0, status.stderr
    [line] = [line for line in status.stdout.splitlines() if line.startswith(f"{source} ")]
    return line


def crawl(config: Path, db_url: str, source: str) -> None:
    crawled = forumwatch("crawl", "--config", str(config), "--db", db_url, "--source", source)
    assert crawled.returncode == 0, crawled.stderr


@pytest.mark.slow
def test_a_feed_answering_not_modified_for_nights_stays_ok(site: DemoServer, tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path}/forumwatch.db"
    config = tmp_path / "forumwatch.toml"
    # Two runs without articles make a source silent here: as many 304s as that must not.
    silent_runs = 2
    config.write_text(
        demo_config_text(site.base_url) + f"\n[health]\nsilent_runs = {silent_runs}\n", encoding="utf-8"
    )
    for _ in range(silent_runs + 1):  # the first reads the feed; the demo server answers the others with 304
        crawl(config, db_url, "twnews")
    line = status_line(config, db_url, "twnews")
    print(f"{silent_runs + 1} crawls of a feed, {silent_runs} of them 304: {line}")
    assert " ok " in f"{line} "
    assert "FAILING" not in line


@pytest.mark.slow
def test_a_site_whose_listing_stopped_changing_shows_failing(site: DemoServer, tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path}/forumwatch.db"
    config = tmp_path / "forumwatch.toml"
    # The (static) listing links to the same articles every time: the crawl records their digest. Three
    # runs make it stale here, not the default week: a crawl process costs seconds, and the count is read
    # from the configuration like any other.
    runs = 3
    config.write_text(
        demo_config_text(site.base_url) + f"\n[health]\nstale_listing_runs = {runs}\n", encoding="utf-8"
    )
    for _ in range(runs - 1):
        crawl(config, db_url, "taipei-gov-en")
    assert "FAILING" not in status_line(config, db_url, "taipei-gov-en")  # one run short
    crawl(config, db_url, "taipei-gov-en")
    line = status_line(config, db_url, "taipei-gov-en")
    print(f"{runs} crawls of an unchanging listing: {line}")
    assert "FAILING" in line
    assert f"listing unchanged in the last {runs} runs" in line
