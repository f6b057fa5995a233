"""A run's recorded outcome is what really happened: Ctrl-C or SIGTERM -> interrupted and a non-zero
exit with the figures so far; every request failed -> failed; the database stops taking writes (a full
disk) -> the crawl stops within a few articles, failed, non-zero, nothing half-written."""

from __future__ import annotations

import resource
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.store_writer import BATCH_SIZE
from forumwatch.localserver import LocalServer, Reply, closed_port
from tests.hostile.crawl import feed_source, finish_crawl, run_crawl, site_source, start_crawl, write_config
from tests.hostile.pages import article_page, listing_page


@pytest.fixture
def news() -> Iterator[LocalServer]:
    with LocalServer() as server:
        links = [f"/a/{n}.html" for n in range(1, 31)]
        for n, link in enumerate(links, 1):
            server.route(
                link,
                Reply(
                    article_page(
                        f"双城论坛 第{n}篇", f"第{n}篇：双城论坛在上海举行，两市签署{n}项合作备忘录。"
                    )
                ),
            )
        server.route("/list/", Reply(listing_page(*links)))
        # Trickles for a minute: the crawl is surely under way while it waits for this.
        server.route("/slow/", Reply(chunks=([b"<html><body>"] + [b" "] * 60), pause=1.0))
        yield server


@pytest.mark.slow
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_ends_the_run_interrupted_with_a_non_zero_exit(
    news: LocalServer, tmp_path: Path, stop: signal.Signals
) -> None:
    config = write_config(
        tmp_path / "forumwatch.toml",
        allow_private=["127.0.0.1"],
        sources=site_source("news", news.url("/list/"), r"/a/\d+\.html$")
        + site_source("slow", news.url("/slow/"), r"/never/"),
    )
    started = time.monotonic()
    crawl = start_crawl(config)
    deadline = started + 60
    while not news.requested("/slow/") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert news.requested("/slow/"), "the crawl never reached the slow page"
    crawl.send_signal(stop)
    outcome = finish_crawl(crawl, config, started)
    assert outcome.exit_code == 130, outcome.stderr
    assert outcome.run["status"] == "interrupted"
    assert set(outcome.run["stats"]["sources"]) == {"news", "slow"}  # the figures so far are kept
    assert outcome.seconds < 50  # it did not wait for the slow page to end
    assert "Traceback" not in outcome.stderr


def test_a_crawl_where_every_request_failed_is_failed(news: LocalServer, tmp_path: Path) -> None:
    config = write_config(
        tmp_path / "forumwatch.toml",
        allow_private=["127.0.0.1"],
        sources=feed_source("gone", f"http://127.0.0.1:{closed_port()}/feed.xml")
        + site_source("missing", news.url("/nothing-here/"), r"/a/\d+\.html$"),
    )
    outcome = run_crawl(config)
    assert outcome.exit_code == 1, outcome.stderr
    assert outcome.run["status"] == "failed"
    assert "every request failed" in outcome.run["error"]
    assert "Traceback" not in outcome.stderr


@pytest.mark.slow
def test_a_full_disk_stops_the_crawl_as_failed(news: LocalServer, tmp_path: Path) -> None:
    config = write_config(
        tmp_path / "forumwatch.toml",
        allow_private=["127.0.0.1"],
        sources=site_source("news", news.url("/list/"), r"/a/\d+\.html$"),
    )
    # A first crawl (of an empty listing) creates the schema; the second may then grow the files by a
    # few pages only, as on a full disk: the kernel refuses the write (EFBIG), SQLite says SQLITE_FULL.
    schema_only = write_config(
        tmp_path / "schema.toml",
        allow_private=["127.0.0.1"],
        sources=site_source("news", news.url("/nothing-here/"), r"/x/"),
    )
    run_crawl(schema_only)
    room = max(f.stat().st_size for f in tmp_path.glob("hostile.db*")) + 48 * 1024

    def full_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (room, room))

    started = time.monotonic()
    outcome = finish_crawl(start_crawl(config, preexec_fn=full_disk), config, started)
    assert "Traceback" not in outcome.stderr
    stored = {a["url"] for a in outcome.articles}
    assert all(a["text"] for a in outcome.articles)  # whole articles or none
    if outcome.exit_code == 2:
        # The write that failed left too little room for the run's end as well (how much is left depends
        # on where the writer's batches fell): the crawl says so, and the run, left "running", is marked
        # abandoned when next looked at. What it stored is whole.
        assert "database" in outcome.stderr
        assert "disk I/O error" in outcome.stderr or "full" in outcome.stderr
        assert outcome.run["status"] == "running", outcome.run
        return
    assert outcome.exit_code == 1, outcome.stderr
    assert outcome.run["status"] == "failed", outcome.run
    assert "database" in outcome.run["error"]
    counts = outcome.run["stats"]["sources"]["news"]
    # It stopped at the first failed write: what was in flight then (16 requests at once, and what
    # arrived while the writer thread gathered its batch: crawler/store_writer.py) is not stored, and
    # nothing more is requested.
    assert counts["fetched"] <= 16 + BATCH_SIZE
    assert counts["errors_by_kind"] == {"store": counts["fetched"] - counts["new"] - counts["duplicates"]}
    assert len(stored) == counts["new"] + counts["duplicates"]
