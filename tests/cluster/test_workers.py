"""Two `forumwatch worker` processes share a run that `forumwatch crawl` seeds: stored once, recorded
whole, the next night incremental, each host's delay held by both."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

pytest.importorskip("scrapy_redis")

import itertools

from forumwatch.localserver import LocalServer, Reply
from tests.cluster.workers import (
    article,
    article_requests,
    assert_stored_once,
    serve_site,
    write_config,
)
from tests.hostile.crawl import REPOSITORY, run_crawl

pytestmark = pytest.mark.slow


def test_two_workers_share_a_run_and_it_is_recorded_as_one_process_would(
    tmp_path: Path,
    postgres_url: str,
    redis_url: str,
    cluster_prefix: str,
    workers: Callable[[Path], subprocess.Popen[str]],
) -> None:
    with LocalServer() as server:
        serve_site(server, pages=40, delay=0.05)
        config = write_config(tmp_path / "fw.toml", server.base_url, postgres_url, redis_url, cluster_prefix)
        first, second = workers(config), workers(config)
        outcome = run_crawl(config, timeout=120)
        assert_stored_once(outcome, 40)
        # Each article page was downloaded once, by one worker or the other.
        assert sorted(article_requests(server)) == sorted(f"/news/a{i}.html" for i in range(40))
        assert outcome.counts("news")["listing_digest"]
        assert "40" in outcome.stdout  # the summary table
        assert first.poll() is None
        assert second.poll() is None

        # The next night: nothing new, the articles are known to every worker.
        again = run_crawl(config, timeout=120)
        assert again.exit_code == 0, again.stderr
        assert again.counts("news")["new"] == 0
        assert len(article_requests(server)) == 40


def test_the_host_delay_holds_across_workers(
    tmp_path: Path,
    postgres_url: str,
    redis_url: str,
    cluster_prefix: str,
    workers: Callable[[Path], subprocess.Popen[str]],
) -> None:
    delay = 0.4
    with LocalServer() as server:
        serve_site(server, pages=12, delay=0.0)
        config = write_config(
            tmp_path / "fw.toml",
            server.base_url,
            postgres_url,
            redis_url,
            cluster_prefix,
            # Each worker could send 4 at once: the delay, shared, is what holds them back.
            crawl=f"concurrent_requests_per_domain = 4\ndownload_delay = {delay}\n",
        )
        workers(config), workers(config)
        outcome = run_crawl(config, timeout=120)
        assert_stored_once(outcome, 12)
        times = sorted(r.at for r in server.requested())
        gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
        print(f"{len(times)} requests to the host, {min(gaps):.3f} s apart at the least (delay {delay} s)")
        assert len(times) >= 14  # robots.txt of each worker, the listing, the articles
        # Each start is reserved in Redis a delay after the last one reserved (crawler/cluster/pacing.py);
        # a worker whose reactor wakes late sends late, and the gap after its request comes out short by
        # that lateness (76 ms in one CI run). Unpaced, the two workers' requests would come together.
        assert min(gaps) >= delay * 0.5, gaps
        assert (times[-1] - times[0]) / len(gaps) >= delay * 0.9, gaps


def test_a_source_budget_holds_over_all_workers_and_only_while_it_has_pages(
    tmp_path: Path,
    postgres_url: str,
    redis_url: str,
    cluster_prefix: str,
    workers: Callable[[Path], subprocess.Popen[str]],
) -> None:
    with LocalServer() as server:
        serve_site(server, pages=3, delay=0.0)  # done in a moment
        slow = "".join(f"<li><a href='/slow/s{i}.html'>{i}</a></li>" for i in range(200))
        server.route("/slow/", Reply(f"<html><body><ul>{slow}</ul></body></html>".encode()))
        for i in range(200):
            server.route(f"/slow/s{i}.html", Reply(article(1000 + i), delay=0.5))
        config = write_config(
            tmp_path / "fw.toml",
            server.base_url,
            postgres_url,
            redis_url,
            cluster_prefix,
            crawl="download_delay = 0.0\nsource_time_limit = 4\nconcurrent_requests_per_domain = 2\n",
        )
        text = config.read_text(encoding="utf-8") + (
            f'\n[[sources]]\nname = "slow"\nkind = "site"\nstart_urls = ["{server.base_url}/slow/"]\n'
            "article_pattern = '/slow/s\\d+\\.html'\n"
        )
        config.write_text(text, encoding="utf-8")
        workers(config), workers(config)
        outcome = run_crawl(config, timeout=120)
        status = subprocess.run(
            [sys.executable, "-m", "forumwatch", "status", "--config", str(config)],
            capture_output=True,
            text=True,
            cwd=REPOSITORY,
            timeout=60,
        )
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.run["status"] == "finished"
    slow_counts, news_counts = outcome.counts("slow"), outcome.counts("news")
    assert slow_counts["stopped_early"] == "time limit reached (4 s)"
    assert slow_counts["errors_by_kind"] == {"budget": 1}  # once, not once per worker
    assert 0 < slow_counts["fetched"] < 200
    # The quick source finished long before the limit: the run lasting longer does not stop it.
    assert news_counts["stopped_early"] is None
    assert news_counts["errors"] == 0
    assert news_counts["new"] == 3
    assert status.returncode == 0, status.stderr
    assert "Crawl workers (redis://" in status.stdout
    assert "2 alive" in status.stdout
    assert "no run being crawled" in status.stdout
