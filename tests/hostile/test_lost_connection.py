"""PostgreSQL connections killed in the middle of a crawl (a server restart, a proxy's idle timeout):
every article is stored anyway, once, and the run finishes as it should."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from forumwatch.localserver import LocalServer, Reply
from tests.hostile.crawl import finish_crawl, site_source, start_crawl, write_config
from tests.hostile.pages import article_page, listing_page

ARTICLES = 24
CRAWL_APPLICATION = "forumwatch-hostile-crawl"
# Far more often than any real server drops connections; not so often that a loaded machine's store
# cannot finish one transaction between two kills in the tries it is given (storage/failures.py).
KILL_INTERVAL_SECONDS = 0.3


def kill_crawl_connections(admin_url: str, stop: threading.Event, kills: list[int]) -> None:
    """Once the crawl stores articles (mid-crawl, not while it creates the schema), terminate its
    connections to the server every 0.3 s (it names itself by application)."""
    admin = create_engine(admin_url)
    try:
        while not stop.wait(0.1) and not _stored(admin):
            pass
        while not stop.wait(KILL_INTERVAL_SECONDS):
            with admin.begin() as connection:
                killed = connection.execute(
                    text(
                        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        " WHERE application_name = :name AND pid <> pg_backend_pid()"
                    ),
                    {"name": CRAWL_APPLICATION},
                ).scalar_one()
            kills.append(int(killed))
    finally:
        admin.dispose()


def _stored(admin: Engine) -> int:
    with admin.connect() as connection:
        if connection.execute(text("SELECT to_regclass('articles')")).scalar() is None:
            return 0
        return int(connection.execute(text("SELECT count(*) FROM articles")).scalar_one())


@pytest.mark.slow
def test_killed_connections_lose_no_article(postgres_url: str, tmp_path: Path) -> None:
    crawl_url = make_url(postgres_url).update_query_dict({"application_name": CRAWL_APPLICATION})
    with LocalServer() as news:
        links = [f"/a/{n}.html" for n in range(ARTICLES)]
        for n, link in enumerate(links):
            said = f"双城论坛第{n}场分论坛在上海举行，议题{n * 7919 % 1000}号涉及城市更新与{n}项合作。"
            page = article_page(f"双城论坛 分论坛 {n}", said * (n % 3 + 1))
            # Each page takes 0.2 s: the crawl spans several kills.
            news.route(link, Reply(chunks=([page]), pause=0.2))
        news.route("/list/", Reply(listing_page(*links)))
        config = write_config(
            tmp_path / "forumwatch.toml",
            allow_private=["127.0.0.1"],
            database_url=crawl_url.render_as_string(hide_password=False),
            sources=site_source("news", news.url("/list/"), r"/a/\d+\.html$"),
            crawl="concurrent_requests_per_domain = 1\n",
        )
        stop, kills = threading.Event(), []
        killer = threading.Thread(target=kill_crawl_connections, args=(postgres_url, stop, kills))
        started = time.monotonic()
        crawl = start_crawl(config)
        killer.start()
        try:
            crawl.wait(timeout=120)
        finally:
            stop.set()  # before reading what was stored: the reads use the crawl's connections' name
            killer.join()
        outcome = finish_crawl(crawl, config, started)
    assert sum(kills) >= 3, kills  # the crawl did lose connections
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.run["status"] == "finished"
    urls = [a["url"] for a in outcome.articles]
    assert len(urls) == ARTICLES == len(set(urls)), (outcome.counts("news"), outcome.stderr[-4000:])
    assert outcome.counts("news")["errors"] == 0, outcome.stderr
