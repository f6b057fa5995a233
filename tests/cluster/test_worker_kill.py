"""A worker killed with SIGKILL at a random moment of a run loses nothing: the other does what it held."""

from __future__ import annotations

import random
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

pytest.importorskip("scrapy_redis")

from forumwatch.localserver import LocalServer
from tests.cluster.workers import (
    article_requests,
    assert_stored_once,
    serve_site,
    write_config,
)
from tests.hostile.crawl import CrawlOutcome, recorded, start_crawl

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("trial", range(3))
def test_a_worker_killed_at_a_random_moment_loses_nothing(
    tmp_path: Path,
    postgres_url: str,
    redis_url: str,
    cluster_prefix: str,
    workers: Callable[[Path], subprocess.Popen[str]],
    trial: int,
) -> None:
    pages = 60
    with LocalServer() as server:
        serve_site(server, pages=pages, delay=0.1)
        config = write_config(tmp_path / "fw.toml", server.base_url, postgres_url, redis_url, cluster_prefix)
        victim, survivor = workers(config), workers(config)
        started = time.monotonic()
        crawl = start_crawl(config)
        # A moment of its own each time (the number of article pages asked for so far), said on failure.
        kill_after = random.randint(0, pages // 2)
        print(f"killing the worker after {kill_after} article requests")
        while len(article_requests(server)) < kill_after and time.monotonic() - started < 60:
            time.sleep(0.01)
        victim.send_signal(signal.SIGKILL)
        stdout, stderr = crawl.communicate(timeout=120)
        outcome = CrawlOutcome(crawl.returncode, stdout, stderr, 0.0, *recorded(postgres_url))
        assert_stored_once(outcome, pages)
        assert survivor.poll() is None
