"""kill -9 in the middle of a crawl, twenty times, then one whole crawl: every article stored once, in
one story each, each story with one head; every killed run recorded abandoned, the last one finished.
Nothing a killed process had half-written is left behind (each article is one transaction)."""

from __future__ import annotations

import random
import signal
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from forumwatch.localserver import LocalServer, Reply
from tests.hostile.crawl import finish_crawl, run_crawl, site_source, start_crawl, write_config
from tests.hostile.pages import article_page, listing_page

KILLS = 20
ARTICLES = 120  # more than twenty short crawls get through: each kill falls mid-crawl


@pytest.mark.slow
def test_twenty_kills_then_one_crawl_lose_and_double_nothing(tmp_path: Path) -> None:
    chance = random.Random(20)
    with LocalServer() as news:
        links = [f"/a/{n}.html" for n in range(ARTICLES)]
        for n, link in enumerate(links):
            said = f"双城论坛第{n}号报道：两市在第{n * 37 % 101}项议题上达成共识，涉及{n}个合作项目。"
            # Slow enough that a kill falls in the middle of the crawl, not after it.
            news.route(
                link, Reply(chunks=([article_page(f"双城论坛报道{n}", said * (1 + n % 4))]), pause=0.15)
            )
        news.route("/list/", Reply(listing_page(*links)))
        config = write_config(
            tmp_path / "forumwatch.toml",
            allow_private=["127.0.0.1"],
            sources=site_source("news", news.url("/list/"), r"/a/\d+\.html$"),
        )
        for _ in range(KILLS):
            requested = len(news.requested())
            crawl = start_crawl(config)
            deadline = time.monotonic() + 60
            # Killed once it is downloading articles, a little later each time by chance.
            while (
                len(news.requested()) < requested + 3 and time.monotonic() < deadline and crawl.poll() is None
            ):
                time.sleep(0.02)
            time.sleep(chance.uniform(0.0, 0.6))
            crawl.send_signal(signal.SIGKILL)
            killed = finish_crawl(crawl, config, time.monotonic())
            assert killed.exit_code == -signal.SIGKILL
            assert len(killed.articles) < ARTICLES  # the kill fell in the middle of the crawl
        assert killed.articles  # and the crawls got somewhere before it
        last = run_crawl(config)
    assert last.exit_code == 0, last.stderr
    assert last.run["status"] == "finished"
    urls = [a["url"] for a in last.articles]
    assert sorted(urls) == sorted(news.url(link) for link in links), (
        last.run,
        last.stderr[-3000:],
    )  # none lost, none twice
    engine = create_engine(f"sqlite:///{tmp_path / 'hostile.db'}")
    with engine.connect() as connection:
        statuses = connection.execute(text("SELECT status, count(*) FROM crawl_runs GROUP BY status")).all()
        heads = connection.execute(
            text("SELECT story_id, sum(CASE WHEN is_head THEN 1 ELSE 0 END) FROM articles GROUP BY story_id")
        ).all()
        stories = connection.execute(text("SELECT count(*) FROM stories")).scalar_one()
    engine.dispose()
    killed = KILLS - sum(n for status, n in statuses if status == "finished") + 1
    assert dict(statuses).get("running") is None, statuses
    assert dict(statuses).get("abandoned", 0) >= killed - 1, statuses
    assert all(n == 1 for _, n in heads), heads  # one head per story
    assert stories == len(heads)  # no story left empty by a write cut short
